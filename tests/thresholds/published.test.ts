import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { documentRegistry } from '../../server/documents.ts';
import { formatLocated, loadDocumentFolder } from '../../server/thresholds/load-documents.ts';
import { publish } from '../../scripts/thresholds/publish.ts';
import { assess } from '../../src/domain/engine/assess.ts';
import { copyOfDocument, copyOfStHelens, EXAMPLE, ST_HELENS } from './broken-copy.ts';

let copy: Awaited<ReturnType<typeof copyOfDocument>> | undefined;
afterEach(() => copy?.dispose());

async function problemsIn(folder: string) {
  const loaded = await loadDocumentFolder(folder);
  expect(loaded.document).toBeUndefined();
  return loaded.problems.map(formatLocated);
}

describe('published versions', () => {
  it('keeps the original St Helens 0.1.0 readable and assessable beside the working copy', async () => {
    const loaded = await loadDocumentFolder(ST_HELENS, { withCases: false });
    expect(loaded.problems).toEqual([]);
    expect(loaded.published.map((published) => published.version)).toContain('0.1.0');
    const registry = documentRegistry([...(loaded.document ? [loaded.document] : []), ...loaded.published.map((published) => published.document)]);
    const original = registry.get('st-helens', '0.1.0');
    if (!original) throw new Error('St Helens 0.1.0 is not loaded');
    expect(original.concerns).toEqual([]);
    const result = assess(original, {
      ageBand: '0-4',
      indicators: ['health-missed-checks-immunisations', 'basic-care-inconsistent', 'family-functioning-parental-conflict'],
    });
    expect(result.suggestedLevel).toBe(3);
    expect(result.reasons.map((reason) => reason.id)).toEqual(['additional-needs-adding-up']);
  });

  it('fails, at its content hash, a published file edited after publishing', async () => {
    copy = await copyOfStHelens();
    await copy.replace('published/0.1.0.json', '"title": "St Helens descriptions of need"', '"title": "St Helens descriptions of need (edited)"');
    const text = await readFile(copy.file('published/0.1.0.json'), 'utf8');
    const line = text.split('\n').findIndex((candidate) => candidate.includes('"contentHash"')) + 1;
    expect(await problemsIn(copy.folder)).toEqual([
      `${copy.file('published/0.1.0.json')}:${line}:18 this published version has been edited since it was published: published versions never change. Restore the file from git and make the change in the YAML under a new version`,
    ]);
  });

  it('fails a working copy that reuses a published version number with other content', async () => {
    copy = await copyOfDocument(EXAMPLE);
    const at = await copy.replace('document.yaml', /\nversion: [\d.]+/, '\nversion: 0.1.0');
    expect(await problemsIn(copy.folder)).toEqual([
      `${copy.file('document.yaml')}:${at.line + 1}:10 version 0.1.0 is already published with other content (${copy.file('published/0.1.0.json')}): raise the version and add a changelog entry`,
    ]);
  });

  it('fails a published indicator id that is neither live nor retired', async () => {
    copy = await copyOfDocument(EXAMPLE);
    await copy.replace('child.yaml', 'id: child-low-mood', 'id: child-low-mood-for-weeks');
    const problems = await problemsIn(copy.folder);
    expect(problems).toEqual([
      expect.stringMatching(
        /document\.yaml:\d+:\d+ indicator "child-low-mood" was published in version 0\.1\.0 and is no longer live: list it under retired/,
      ),
    ]);
  });

  it('publishes a new version once, and then refuses to overwrite it', async () => {
    copy = await copyOfDocument(EXAMPLE);
    await copy.replace('document.yaml', /\nversion: [\d.]+/, '\nversion: 9.0.0');
    await copy.replace('document.yaml', 'changelog:\n', 'changelog:\n  - version: 9.0.0\n    date: 2026-11-30\n    changes: [A test version.]\n');
    const now = new Date('2026-11-30T01:00:00Z');
    expect(await publish('example-three-levels', { now, root: copy.root })).toMatch(/^published example-three-levels 9\.0\.0 to /);
    const written = JSON.parse(await readFile(copy.file('published/9.0.0.json'), 'utf8'));
    expect(written).toMatchObject({ version: '9.0.0', publishedAt: '2026-11-30T01:00:00.000Z', contentHash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    expect((await loadDocumentFolder(copy.folder)).problems).toEqual([]);
    expect(await publish('example-three-levels', { now, root: copy.root })).toBe('example-three-levels 9.0.0 is already published, with the same content');
  });
});
