import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: fileURLToPath(new URL('../..', import.meta.url)) });

async function ruleIdsFor(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId);
}

describe('the import boundary around src/domain', () => {
  it.each([
    ["import { useState } from 'react';\nexport const x = useState;\n", 'no-restricted-imports'],
    ["import Dexie from 'dexie';\nexport const x = Dexie;\n", 'no-restricted-imports'],
    ["import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n", 'no-restricted-imports'],
    ["import { db } from '../data/db';\nexport const x = db;\n", 'no-restricted-imports'],
    ['export const width = window.innerWidth;\n', 'no-restricted-globals'],
    ["export const load = () => fetch('/api');\n", 'no-restricted-globals'],
  ])('rejects %j in the domain layer', async (code, rule) => {
    expect(await ruleIdsFor(code, 'src/domain/engine/example.ts')).toContain(rule);
  });

  it.each([
    ["import { useSync } from '../app/sync/sync-context.tsx';\nexport const x = useSync;\n"],
    ["import { reportNetworkFailure } from '../pwa/connection.ts';\nexport const x = reportNetworkFailure;\n"],
    ["import Dexie from 'dexie';\nexport const x = Dexie;\n"],
  ])('keeps the sync loop to the domain and data layers: rejects %j in src/sync', async (code) => {
    expect(await ruleIdsFor(code, 'src/sync/example.ts')).toContain('no-restricted-imports');
    expect(
      await ruleIdsFor(
        "import { OutboxStore } from '../data/outbox-store.ts';\nexport const x = OutboxStore;\n",
        'src/sync/example.ts',
      ),
    ).toEqual([]);
  });

  it('allows the same browser code outside the domain layer', async () => {
    expect(await ruleIdsFor('export const width = window.innerWidth;\n', 'src/app/example.ts')).toEqual([]);
  });
});
