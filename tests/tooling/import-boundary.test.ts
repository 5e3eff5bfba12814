import { ESLint } from 'eslint';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

async function ruleIdsFor(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId);
}

/** Lints an import of a real file (`imported`, relative to `filePath`) from a virtual file at `filePath`. */
async function ruleIdsForImport(filePath: string, imported: string) {
  // An import that does not resolve is never checked, so a moved target would pass unnoticed.
  expect(existsSync(resolve(ROOT, dirname(filePath), imported)), `${imported} from ${filePath}`).toBe(true);
  return ruleIdsFor(`import * as imported from '${imported}';\nexport const x = imported;\n`, filePath);
}

const ZONE_RULE = 'import-x/no-restricted-paths';

describe('the import boundary around src/domain', () => {
  it.each([
    ["import { useState } from 'react';\nexport const x = useState;\n", 'no-restricted-imports'],
    ["import Dexie from 'dexie';\nexport const x = Dexie;\n", 'no-restricted-imports'],
    ["import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n", 'no-restricted-imports'],
    ['export const width = window.innerWidth;\n', 'no-restricted-globals'],
    ["export const load = () => fetch('/api');\n", 'no-restricted-globals'],
  ])('rejects %j in the domain layer', async (code, rule) => {
    expect(await ruleIdsFor(code, 'src/domain/engine/example.ts')).toContain(rule);
  });

  it('keeps the sync loop free of a storage engine of its own: rejects Dexie in src/sync', async () => {
    expect(await ruleIdsFor("import Dexie from 'dexie';\nexport const x = Dexie;\n", 'src/sync/example.ts')).toContain(
      'no-restricted-imports',
    );
  });

  it('allows the same browser code outside the domain layer', async () => {
    expect(await ruleIdsFor('export const width = window.innerWidth;\n', 'src/app/example.ts')).toEqual([]);
  });
});

describe('the zones: imports run one way', () => {
  // One import the wrong way per zone: [the importing file, the imported file, relative to it].
  it.each([
    ['src/domain/engine/example.ts', '../../data/errors.ts'],
    ['src/data/example.ts', '../sync/backoff.ts'],
    ['src/sync/example.ts', '../pwa/connection.ts'],
    ['src/pwa/example.ts', '../ui/components/loading.tsx'],
    ['src/ui/components/example.ts', '../../features/start/start-page.tsx'],
    ['src/ui/sync/example.ts', '../../app/app.tsx'],
    ['src/features/browse/example.ts', '../../app/create-draft-store.ts'],
    ['src/features/browse/example.ts', '../../main.tsx'],
    ['src/features/sending/example.ts', '../assessment/draft-session.tsx'],
    ['src/features/drafts/example.ts', '../sending/send-status.tsx'],
    ['src/app/example.ts', '../../server/config.ts'],
    ['src/main.tsx', '../tests/loaded-machine.ts'],
    ['server/example.ts', '../src/data/errors.ts'],
    ['server/routes/example.ts', '../../scripts/thresholds-cli.ts'],
    ['server/example.ts', '../tests/loaded-machine.ts'],
    ['scripts/example.ts', '../src/ui/components/loading.tsx'],
    ['scripts/pwa/example.ts', '../../src/data/errors.ts'],
    ['scripts/bench/example.ts', '../../tests/loaded-machine.ts'],
  ])('rejects %s importing %s', async (filePath, imported) => {
    expect(await ruleIdsForImport(filePath, imported)).toContain(ZONE_RULE);
  });

  it.each([
    ['src/domain/engine/example.ts', '../answers.ts'],
    ['src/data/example.ts', '../domain/answers.ts'],
    ['src/sync/example.ts', '../data/outbox-store.ts'],
    ['src/pwa/example.ts', '../data/storage-errors.ts'],
    ['src/ui/sync/example.ts', '../../sync/outbox-sync.ts'],
    ['src/features/browse/example.ts', '../../ui/components/loading.tsx'],
    ['src/features/start/example.ts', '../sending/send-status.tsx'],
    ['src/features/assessment/example.ts', '../drafts/passphrase-gate.tsx'],
    ['src/app/example.ts', '../features/browse/index.tsx'],
    ['server/example.ts', '../src/domain/answers.ts'],
    ['scripts/example.ts', '../server/config.ts'],
    ['scripts/bench/example.ts', '../../src/data/errors.ts'],
    ['tests/example.test.ts', '../src/app/app.tsx'],
  ])('allows %s importing %s', async (filePath, imported) => {
    expect(await ruleIdsForImport(filePath, imported)).toEqual([]);
  });

  it('lets no feature import, even through others, a feature that imports it', async () => {
    const config = (await eslint.calculateConfigForFile('src/features/start/example.ts')) as {
      rules: { [ZONE_RULE]: [unknown, { zones: { target: string | string[]; from: string | string[] }[] }] };
    };
    const zones = config.rules[ZONE_RULE][1].zones;
    const features = [
      ...new Set(zones.flatMap((zone) => [zone.from].flat()).filter((path) => path.startsWith('./src/features/'))),
    ];
    const mayImport = new Map(
      features.map((feature) => {
        const forbidden = zones.filter((zone) => zone.target === feature).flatMap((zone) => [zone.from].flat());
        return [feature, features.filter((other) => other !== feature && !forbidden.includes(other))];
      }),
    );
    const reaches = (from: string, to: string, seen = new Set<string>()): boolean =>
      (mayImport.get(from) ?? []).some((next) => next === to || (!seen.has(next) && reaches(next, to, seen.add(next))));

    expect(features.length).toBeGreaterThan(3);
    expect(features.filter((feature) => reaches(feature, feature))).toEqual([]);
  });
});

describe('import loops', () => {
  // no-cycle follows real files, so these fixtures exist on disk; the main lint run ignores them.
  const fixtures = new ESLint({ cwd: ROOT, ignore: false });

  async function loopMessages(file: string) {
    const [result] = await fixtures.lintFiles([`tests/tooling/fixtures/${file}`]);
    return (result?.messages ?? []).map((message) => message.ruleId);
  }

  it('rejects two modules that import each other', async () => {
    expect(await loopMessages('import-loop/first.ts')).toContain('import-x/no-cycle');
    expect(await loopMessages('import-loop/second.ts')).toContain('import-x/no-cycle');
  });

  it('allows a module to import one that does not import it back', async () => {
    expect(await loopMessages('one-way/upper.ts')).toEqual([]);
  });
});
