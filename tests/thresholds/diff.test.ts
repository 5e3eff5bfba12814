import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { diffText } from '../../scripts/thresholds/diff-text.ts';
import { loadDocumentFolder } from '../../server/thresholds/load-documents.ts';
import { diffDocuments } from '../../src/domain/thresholds/diff.ts';
import { copyOfDocument, EXAMPLE } from './broken-copy.ts';
import { SPAWNING_TEST_TIMEOUT_MS } from '../loaded-machine.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CASE = 'cases/level-2-quiet-and-often-late.yaml';

let copy: Awaited<ReturnType<typeof copyOfDocument>> | undefined;
afterEach(() => copy?.dispose());

/** The example document revised: low mood moves up to level 3, a rule is reworded, a keyword added. */
async function revisedExample() {
  copy = await copyOfDocument(EXAMPLE);
  await copy.replace('child.yaml', 'concern: child-low-mood\n        level: 2', 'concern: child-low-mood\n        level: 3');
  await copy.replace(CASE, /\n {2}level: 2/, '\n  level: 3');
  await copy.replace(CASE, /reasons: \[[^\]]*\]/, 'reasons: [child-low-mood]');
  await copy.replace('document.yaml', 'explanation: A concern suggests the child may be in immediate danger. Act now.', 'explanation: The child may be in danger now. Act now.');
  await copy.replace('document.yaml', 'keywords: [sad, anxious, depressed, withdrawn]', 'keywords: [sad, anxious, depressed, withdrawn, low mood]');
  return copy;
}

describe('diff between two versions of the rules', () => {
  it('lists changed fields, and the worked cases whose level changes', async () => {
    const revised = await revisedExample();
    const before = await loadDocumentFolder(EXAMPLE);
    const after = await loadDocumentFolder(revised.folder);
    if (!before.document || !after.document) throw new Error('the example documents do not load');
    const diff = diffDocuments(before.document, after.document, after.cases);

    expect(diff.indicators).toEqual({ added: [], removed: [], changed: [{ id: 'child-low-mood', field: 'level', from: 2, to: 3 }] });
    expect(diff.concerns.changed).toEqual([
      { id: 'child-low-mood', field: 'keywords', from: ['sad', 'anxious', 'depressed', 'withdrawn'], to: ['sad', 'anxious', 'depressed', 'withdrawn', 'low mood'] },
    ]);
    expect(diff.rules.changed).toEqual([
      {
        id: 'immediate-danger',
        field: 'explanation',
        from: 'A concern suggests the child may be in immediate danger. Act now.',
        to: 'The child may be in danger now. Act now.',
      },
    ]);
    expect(diff.cases).toEqual([{ file: revised.file(CASE), from: { level: 2, immediateRisk: false }, to: { level: 3, immediateRisk: false } }]);
    expect(diffText(diff)).toContain(`${revised.file(CASE)}: level 2 → level 3`);
    expect(diffText(diff)).toContain('  ~ child-low-mood level: 2 → 3');
  });

  it('reports removed indicators with their replacement, and cases whose answers no longer fit', async () => {
    const published = (await loadDocumentFolder(EXAMPLE, { withCases: false })).published[0]?.document;
    const working = (await loadDocumentFolder(EXAMPLE, { withCases: false })).document;
    if (!published || !working) throw new Error('the example documents do not load');
    const revised = {
      ...working,
      retired: [{ id: 'child-low-mood', replacedBy: 'child-often-late-or-absent', since: '0.3.0', reason: 'A test.' }],
      domains: working.domains.map((domain) => ({ ...domain, indicators: domain.indicators.filter((i) => i.id !== 'child-low-mood') })),
    };
    const workedCase = {
      id: 'low-mood',
      title: 'Low mood',
      agency: 'school',
      story: 'A quiet child.',
      answers: { ageBand: '5-to-17', indicators: ['child-low-mood'] },
      expect: { level: 2, immediateRisk: false, reasons: ['child-low-mood'] },
    };
    const unretired = { ...revised, retired: [] };
    expect(diffDocuments(published, unretired, [{ file: 'low-mood.yaml', workedCase }]).cases).toEqual([
      { file: 'low-mood.yaml', from: { level: 2, immediateRisk: false }, to: { doesNotFit: 'unknown indicator "child-low-mood"' } },
    ]);
    const diff = diffDocuments(published, revised, [{ file: 'low-mood.yaml', workedCase }]);
    expect(diff.cases).toEqual([]);
    expect(diff.indicators.removed).toEqual([
      { id: 'child-low-mood', level: 2, text: 'The child seems sad, withdrawn or worried most days, and it has lasted for several weeks.', replacedBy: 'child-often-late-or-absent' },
    ]);
  });

  it('compares a published version with a folder from the command line, as JSON', async () => {
    const revised = await revisedExample();
    const result = spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), ['scripts/thresholds-cli.ts', 'diff', 'example-three-levels@0.1.0', revised.folder], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    const diff = JSON.parse(result.stdout);
    expect(diff.from).toEqual({ id: 'example-three-levels', version: '0.1.0' });
    expect(diff.cases).toEqual([{ file: revised.file(CASE), from: { level: 2, immediateRisk: false }, to: { level: 3, immediateRisk: false } }]);
  }, SPAWNING_TEST_TIMEOUT_MS);
});
