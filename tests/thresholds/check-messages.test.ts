import { afterEach, describe, expect, it } from 'vitest';
import { formatLocated, loadDocumentFolder } from '../../scripts/thresholds/load-documents.ts';
import { copyOfDocument, copyOfStHelens, EXAMPLE } from './broken-copy.ts';

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
    const at = await copy.replace('document.yaml', /(?<=\ndomains:\n(?: {2}- [a-z0-9-]+\n)*) {2}- parenting\n/, '  - parenting-capacity\n');
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

  it('reports a concern given two indicators at one level, and the concern left with none', async () => {
    copy = await copyOfDocument(EXAMPLE);
    const at = await copy.replace('child.yaml', 'concern: child-low-mood', 'concern: child-school');
    const emptied = await copy.replace('document.yaml', 'id: child-low-mood', 'id: child-low-mood');
    expect(await problemsIn(copy.folder)).toEqual([
      `${copy.file('child.yaml')}:${at.line + 1}:${at.col + 'level: '.length} the concern "child-school" already has a level 2 indicator, "child-often-late-or-absent": a concern has at most one indicator per level`,
      `${copy.file('document.yaml')}:${emptied.line}:${emptied.col + 'id: '.length} the concern "child-low-mood" has no indicators: give it one, or remove it`,
    ]);
  });

  it('reports a concern whose immediate risk drops at a higher level', async () => {
    copy = await copyOfDocument(EXAMPLE);
    const at = await copy.replace('home.yaml', /level: 2\n/, 'level: 2\n        immediateRisk: true\n');
    const problems = await problemsIn(copy.folder);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe(`${copy.file('home.yaml')}:${at.line}:${at.col + 'level: '.length} an indicator marked immediateRisk must be at the highest level, 3 (found 2)`);
    expect(problems[1]).toMatch(/home\.yaml:\d+:\d+ immediateRisk must be true here too: the concern's lower level indicator "home-cupboards-often-empty" is marked immediateRisk$/);
  });

  it('reports a level 4 indicator with no route, at its level', async () => {
    copy = await copyOfStHelens();
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(copy.file('specific-risks.yaml'), 'utf8');
    const route = /\n +route: (?:child-in-need|significant-harm)/.exec(text)?.index ?? -1;
    const levelAt = text.lastIndexOf('level: 4', route);
    const before = text.slice(0, levelAt).split('\n');
    await copy.replace('specific-risks.yaml', /\n +route: (?:child-in-need|significant-harm)/, '');
    expect(await problemsIn(copy.folder)).toEqual([
      `${copy.file('specific-risks.yaml')}:${before.length}:${(before.at(-1)?.length ?? 0) + 1 + 'level: '.length} a level 4 indicator needs a route: child-in-need (section 17, the family's consent is needed) or significant-harm (section 47)`,
    ]);
  });

  it('reports a retired id that is still live, and a replacement that is not', async () => {
    copy = await copyOfDocument(EXAMPLE);
    const at = await copy.replace(
      'document.yaml',
      '\ndomains:',
      '\nretired:\n  - id: child-low-mood\n    replacedBy: child-gone\n    since: 0.2.0\n    reason: Merged.\n\ndomains:',
    );
    expect(await problemsIn(copy.folder)).toEqual([
      `${copy.file('document.yaml')}:${at.line + 2}:9 "child-low-mood" is retired but an indicator still uses that id: ids are never reused`,
      `${copy.file('document.yaml')}:${at.line + 3}:17 replacedBy must name a live indicator ("child-gone" is not one)`,
    ]);
  });

  it('reports a worked case whose agency the document does not list', async () => {
    copy = await copyOfDocument(EXAMPLE);
    const at = await copy.replace('cases/level-3-toddler-left-alone.yaml', 'agency: police', 'agency: astronauts');
    expect(await problemsIn(copy.folder)).toEqual([
      `${copy.file('cases/level-3-toddler-left-alone.yaml')}:${at.line}:${at.col + 'agency: '.length} agency must be one of the document's agencies: health-visitor, midwife, school, police, voluntary-sector, gp, housing, youth-service, early-years (found "astronauts")`,
    ]);
  });

  it('warns, without failing, about near-identical texts under different concerns', async () => {
    copy = await copyOfDocument(EXAMPLE);
    const at = await copy.replace(
      'child.yaml',
      'text: The child seems sad, withdrawn or worried most days, and it has lasted for several weeks.',
      'text: The child is often late or misses school, and nobody has given a clear reason at all.',
    );
    const loaded = await loadDocumentFolder(copy.folder);
    expect(loaded.problems).toEqual([]);
    expect(loaded.warnings.map(formatLocated)).toEqual([
      `${copy.file('child.yaml')}:${at.line}:${at.col + 'text: '.length} warning: this text is nearly the same as "child-often-late-or-absent" (concern "child-school", in ${copy.file('child.yaml')}): if they describe one situation, make them one concern`,
    ]);
  });
});
