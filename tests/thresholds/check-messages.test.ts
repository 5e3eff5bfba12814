import { afterEach, describe, expect, it } from 'vitest';
import { formatLocated, loadDocumentFolder } from '../../scripts/thresholds/load-documents.ts';
import { copyOfStHelens } from './broken-copy.ts';

let copy: Awaited<ReturnType<typeof copyOfStHelens>>;
afterEach(() => copy?.dispose());

async function problemsIn(folder: string) {
  const loaded = await loadDocumentFolder(folder);
  expect(loaded.document).toBeUndefined();
  return loaded.problems.map(formatLocated);
}

describe('checking a broken copy of the document', () => {
  it('names the file, line and column of a level that does not exist', async () => {
    copy = await copyOfStHelens();
    const at = await copy.replace('parenting.yaml', /level: 2\n/, 'level: 5\n');
    expect(await problemsIn(copy.folder)).toEqual([
      `${copy.file('parenting.yaml')}:${at.line}:${at.col + 'level: '.length} level must be 1, 2, 3 or 4 (found 5)`,
    ]);
  });

  it('points at a misspelt field and says to check its spelling', async () => {
    copy = await copyOfStHelens();
    const at = await copy.replace('child-development.yaml', 'immediateRisk: true', 'imediateRisk: true');
    expect(await problemsIn(copy.folder)).toEqual([
      `${copy.file('child-development.yaml')}:${at.line}:${at.col} "imediateRisk" is not a field here: check its spelling and indentation`,
    ]);
  });

  it('reports an indicator id used twice, naming where it was first used', async () => {
    copy = await copyOfStHelens();
    const at = await copy.replace('family-environment.yaml', /id: housing-[a-z0-9-]+/, 'id: health-injury-non-mobile-baby');
    const problems = await problemsIn(copy.folder);
    expect(problems).toEqual([
      `${copy.file('family-environment.yaml')}:${at.line}:${at.col + 'id: '.length} duplicate indicator id "health-injury-non-mobile-baby" (first used in ${copy.file('child-development.yaml')})`,
    ]);
  });

  it('reports an age band that the document does not define', async () => {
    copy = await copyOfStHelens();
    const at = await copy.replace('parenting.yaml', /ageBands: \[0-4/, 'ageBands: [toddlers');
    expect(await problemsIn(copy.folder)).toEqual([
      `${copy.file('parenting.yaml')}:${at.line}:${at.col + 'ageBands: ['.length} unknown age band "toddlers": it must be one of the age band ids in document.yaml`,
    ]);
  });

  it('reports a rule that names an indicator no domain file defines', async () => {
    copy = await copyOfStHelens();
    const at = await copy.replace('document.yaml', 'anyImmediateRisk: true', 'anyOf: [no-such-indicator]');
    expect(await problemsIn(copy.folder)).toEqual([
      `${copy.file('document.yaml')}:${at.line}:${at.col + 'anyOf: ['.length} unknown indicator "no-such-indicator": no domain file defines it`,
    ]);
  });

  it('reports a level with no offer of support', async () => {
    copy = await copyOfStHelens();
    const at = await copy.replace('document.yaml', /offer:\n(?: {6}- service:[^\n]*\n(?: {8}[^\n]*\n)*)+/, 'offer: []\n');
    expect(await problemsIn(copy.folder)).toEqual([
      `${copy.file('document.yaml')}:${at.line}:${at.col + 'offer: '.length} offer must list at least one service for this level (found an empty list)`,
    ]);
  });

  it('reports YAML that cannot be read, with its place', async () => {
    copy = await copyOfStHelens();
    await copy.replace('specific-risks.yaml', 'title:', 'title: [unclosed');
    const problems = await problemsIn(copy.folder);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(new RegExp(`^${copy.file('specific-risks.yaml')}:\\d+:\\d+ the YAML cannot be read here: `));
  });

  it('reports a domain listed in document.yaml whose file is missing', async () => {
    copy = await copyOfStHelens();
    const at = await copy.replace('document.yaml', '  - parenting\n', '  - parenting-capacity\n');
    expect(await problemsIn(copy.folder)).toEqual([
      `${copy.file('document.yaml')}:${at.line}:${at.col + 4} there is no file parenting-capacity.yaml beside document.yaml for the domain "parenting-capacity"`,
    ]);
  });

  it('reports a worked case whose expected level the document no longer gives', async () => {
    copy = await copyOfStHelens();
    const { readdir, readFile } = await import('node:fs/promises');
    const [firstCase] = (await readdir(copy.file('cases'))).sort();
    const text = await readFile(copy.file(`cases/${firstCase}`), 'utf8');
    const level = Number(/\n {2}level: (\d)/.exec(text)?.[1]);
    const wrong = level === 4 ? 1 : level + 1;
    const at = await copy.replace(`cases/${firstCase}`, `\n  level: ${level}`, `\n  level: ${wrong}`);
    const problems = await problemsIn(copy.folder);
    expect(problems).toContain(
      `${copy.file(`cases/${firstCase}`)}:${at.line + 1}:${'  level: '.length + 1} case expects level ${wrong} but the document suggests level ${level}`,
    );
  });
});
