import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { copyOfStHelens } from './broken-copy.ts';
import { SPAWNS_PROCESSES } from '../loaded-machine.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

/** Runs the CLI as `npm run -s thresholds -- …` does, from the project root. */
function thresholds(args: string[], input?: string) {
  const result = spawnSync(TSX, ['scripts/thresholds-cli.ts', ...args], { cwd: ROOT, input, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const NO_STACK_TRACE = /\n\s+at .+:\d+:\d+/;

let copy: Awaited<ReturnType<typeof copyOfStHelens>> | undefined;
afterEach(() => copy?.dispose());

// Each test starts the CLI in its own process, which on a busy machine can take several seconds.
describe('thresholds CLI', SPAWNS_PROCESSES, () => {
  it('lists every document with its id, title, version and published versions', () => {
    const { code, stdout } = thresholds(['list']);
    expect(code).toBe(0);
    const listed = JSON.parse(stdout) as { id: string; published: string[] }[];
    expect(listed.map((doc) => doc.id).sort()).toEqual(['example-three-levels', 'st-helens']);
    expect(Object.keys(listed[0] ?? {}).sort()).toEqual(['id', 'published', 'title', 'version']);
    expect(listed.find((doc) => doc.id === 'st-helens')?.published).toContain('0.1.0');
  });

  it('exports a published version by id@version, each indicator with its concern', () => {
    const { code, stdout } = thresholds(['export', 'st-helens@0.1.0']);
    expect(code).toBe(0);
    const exported = JSON.parse(stdout);
    expect(exported.version).toBe('0.1.0');
    const indicators = exported.domains.flatMap((domain: { indicators: { id: string; concern: string }[] }) => domain.indicators);
    for (const indicator of indicators) expect(indicator.concern).toBe(indicator.id);
    expect(exported.concerns).toHaveLength(indicators.length);
  });

  it('exports the working copy with its declared concerns', () => {
    const exported = JSON.parse(thresholds(['export', 'st-helens']).stdout);
    const concernIds = new Set(exported.concerns.map((concern: { id: string }) => concern.id));
    const indicators = exported.domains.flatMap((domain: { indicators: { concern: string }[] }) => domain.indicators);
    expect(indicators.every((indicator: { concern: string }) => concernIds.has(indicator.concern))).toBe(true);
  });

  it('assesses a list of answers and answers in the same order', () => {
    const answers = [
      { ageBand: '0-4', indicators: ['health-injury-non-mobile-baby'] },
      { ageBand: '5-11', indicators: [] },
    ];
    const { code, stdout } = thresholds(['assess', 'st-helens@0.1.0', '-'], JSON.stringify(answers));
    expect(code).toBe(0);
    const results = JSON.parse(stdout) as { suggestedLevel: number; ageBand: string; documentVersion: string }[];
    expect(results.map(({ suggestedLevel, ageBand, documentVersion }) => ({ suggestedLevel, ageBand, documentVersion }))).toEqual([
      { suggestedLevel: 4, ageBand: '0-4', documentVersion: '0.1.0' },
      { suggestedLevel: 1, ageBand: '5-11', documentVersion: '0.1.0' },
    ]);
  });

  it('searches with the app’s own search, best first, with scores', () => {
    const { code, stdout } = thresholds(['search', 'st-helens@0.1.0', 'self', 'harm']);
    expect(code).toBe(0);
    const hits = JSON.parse(stdout) as { id: string; level: number; text: string; score: number }[];
    expect(Object.keys(hits[0] ?? {})).toEqual(['id', 'level', 'text', 'score']);
    expect(hits[0]?.text).toMatch(/self-harm/i);
    expect(hits.map((hit) => hit.score)).toEqual([...hits.map((hit) => hit.score)].sort((a, b) => b - a));
  });

  it('exits 2 naming the versions when a version was never published', () => {
    const { code, stderr } = thresholds(['export', 'st-helens@9.9.9']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^"st-helens" has no version 9\.9\.9: the versions are 0\.1\.0, /);
  });

  it('exports the compiled document with every indicator under its domain', () => {
    const { code, stdout } = thresholds(['export', 'st-helens']);
    expect(code).toBe(0);
    const exported = JSON.parse(stdout);
    expect(exported).toMatchObject({ id: 'st-helens', levels: expect.any(Array), ageBands: expect.any(Array) });
    expect(exported.levels.map((level: { level: number }) => level.level)).toEqual([1, 2, 3, 4]);
    const indicators = exported.domains.flatMap((domain: { indicators: unknown[] }) => domain.indicators);
    expect(indicators.length).toBeGreaterThanOrEqual(180);
    expect(Object.keys(indicators[0])).toEqual(expect.arrayContaining(['id', 'level', 'text', 'ageBands', 'immediateRisk']));
    expect(exported.domains.map((domain: { id: string }) => domain.id)).toContain('specific-risks');
  });

  it('assesses answers from standard input', () => {
    const answers = { ageBand: '0-4', indicators: ['health-injury-non-mobile-baby'] };
    const { code, stdout } = thresholds(['assess', 'st-helens@0.1.0', '-'], JSON.stringify(answers));
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.suggestedLevel).toBe(4);
    expect(result.immediateRisk).toBe(true);
    expect(result.reasons.map((reason: { id: string }) => reason.id)).toEqual(['health-injury-non-mobile-baby', 'immediate-danger']);
    expect(result.response.immediateAction.steps[0]).toMatch(/999/);
  });

  it('assesses answers from a file, and gives level 1 when nothing is chosen', async () => {
    copy = await copyOfStHelens();
    const file = path.join(copy.root, 'answers.json');
    await writeFile(file, JSON.stringify({ ageBand: '5-11', indicators: [] }));
    const { code, stdout } = thresholds(['assess', 'st-helens', file]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ suggestedLevel: 1, immediateRisk: false, reasons: [] });
  });

  it.each([
    [['export', 'nowhere'], 'unknown document "nowhere"'],
    [['assess', 'nowhere', '-'], 'unknown document "nowhere"'],
  ])('exits 2 naming an unknown document: %j', (args, message) => {
    const { code, stdout, stderr } = thresholds(args, '{}');
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
  });

  it('exits 2 naming an unknown indicator, or one outside the age band', () => {
    const unknown = thresholds(['assess', 'st-helens', '-'], JSON.stringify({ ageBand: '0-4', indicators: ['made-up'] }));
    expect({ code: unknown.code, stderr: unknown.stderr }).toEqual({ code: 2, stderr: 'unknown indicator "made-up"\n' });
    const outside = thresholds(
      ['assess', 'st-helens@0.1.0', '-'],
      JSON.stringify({ ageBand: '18-25', indicators: ['health-injury-non-mobile-baby'] }),
    );
    expect({ code: outside.code, stderr: outside.stderr }).toEqual({
      code: 2,
      stderr: 'indicator "health-injury-non-mobile-baby" does not apply to age band "18-25"\n',
    });
  });

  it('explains answers that are not JSON without a stack trace', () => {
    const { code, stderr } = thresholds(['assess', 'st-helens', '-'], '{ageBand:');
    expect(code).toBe(2);
    expect(stderr).toMatch(/not valid JSON/);
    expect(stderr).not.toMatch(NO_STACK_TRACE);
  });

  it('passes the real documents and says how many worked cases ran', () => {
    const { code, stderr } = thresholds(['check']);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /(^|\n)2 document\(s\) valid; \d+ worked case\(s\) give the expected level and reasons; \d+ published version\(s\) unchanged\n$/,
    );
  });

  it('fails a broken copy with one located line per problem', async () => {
    copy = await copyOfStHelens();
    await copy.replace('parenting.yaml', /level: 2\n/, 'level: 5\n');
    await copy.replace('document.yaml', 'name: Universal', 'nmae: Universal');
    const { code, stdout, stderr } = thresholds(['check', copy.root]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^\/.+\.yaml:\d+:\d+ \S.*$/);
    expect(stderr).not.toMatch(NO_STACK_TRACE);
  });
});
