import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../server/admin-cli.ts';
import { rulesImpact, resolveRules } from '../../server/admin/rules-impact.ts';
import { loadConfig } from '../../server/config.ts';
import { copyOfDocument, EXAMPLE } from '../thresholds/broken-copy.ts';
import { canarySubmission } from './support/canaries.ts';
import {
  createTestDatabase,
  DATABASE_KINDS,
  ROOT,
  startTestApp,
  testDocuments,
  type TestApp,
  type TestDatabase,
} from './support/harness.ts';

let copy: Awaited<ReturnType<typeof copyOfDocument>> | undefined;
afterEach(() => copy?.dispose());

/**
 * The example document revised: the "worries at home and in the child" rule now needs three
 * concerns, "child-low-mood" is retired with no replacement, and "home-cupboards-often-empty" is
 * retired in favour of "home-no-heat-or-food".
 */
async function revisedExample() {
  copy = await copyOfDocument(EXAMPLE);
  await copy.replace(
    'document.yaml',
    'count: { atLeast: 2, minLevel: 2, acrossDomains: 2 }',
    'count: { atLeast: 3, minLevel: 2, acrossDomains: 2 }',
  );
  await copy.replace('child.yaml', /\n {6}- id: child-low-mood\n(?: {8}.*\n)+/, '\n');
  await copy.replace('home.yaml', /\n {6}- id: home-cupboards-often-empty\n(?: {8}.*\n)+/, '\n');
  await copy.replace('document.yaml', /\n {2}- id: child-low-mood\n(?: {4}.*\n)+/, '\n');
  await copy.replace(
    'document.yaml',
    '\ndomains:',
    [
      '\nretired:',
      '  - { id: child-low-mood, since: 0.3.0, reason: A test. }',
      '  - { id: home-cupboards-often-empty, replacedBy: home-no-heat-or-food, since: 0.3.0, reason: A test. }',
      'domains:',
    ].join('\n'),
  );
  return copy;
}

const referral = (agency: string, ageBand: string, indicators: string[], level: number) => {
  const body = canarySubmission({
    documentId: 'example-three-levels',
    documentVersion: '0.1.0',
    indicators,
    suggestedLevel: level,
    practitionerLevel: level,
  });
  return { ...body, referrer: { ...body.referrer, agency }, concern: { ...body.concern, ageBand } };
};

describe.each(DATABASE_KINDS)('rules-impact on %s', (kind) => {
  let testDatabase: TestDatabase;
  let server: TestApp;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(kind);
    server = await startTestApp(testDatabase);
    const { token } = await server.enrol();
    for (const body of [
      referral('health-visitor', 'under-5', ['child-missed-health-checks', 'home-cupboards-often-empty'], 3),
      referral('police', '5-to-17', ['child-often-late-or-absent', 'home-dirty-or-cluttered'], 3),
      referral('police', '5-to-17', ['child-low-mood'], 2),
    ]) {
      const response = await server.submit(token, body);
      if (response.statusCode !== 201) throw new Error(`seeding failed: ${response.statusCode} ${response.body}`);
    }
  });
  afterAll(async () => {
    await server.close();
    await testDatabase.drop();
  });

  it('counts referrals by level pair and agency on a revision, following retired ids to their replacements', async () => {
    const revised = await revisedExample();
    const config = loadConfig({ ...testDatabase.env }, ROOT);
    const document = await resolveRules(`example-three-levels@${revised.folder}`, config);
    expect(await rulesImpact(server.database.db, document)).toEqual({
      rules: { id: 'example-three-levels', version: '0.2.0' },
      referrals: 3,
      sameLevel: 1,
      otherLevel: 1,
      doesNotFit: 1,
      byLevelPair: [
        { from: 3, to: 2, referrals: 1 },
        { from: 3, to: 3, referrals: 1 },
      ],
      byAgency: [
        { agency: 'health-visitor', referrals: 1, otherLevel: 0, doesNotFit: 0 },
        { agency: 'police', referrals: 2, otherLevel: 1, doesNotFit: 1 },
      ],
    });
  });

  it('runs as an admin command on a published version, changing nothing', async () => {
    let stdout = '';
    let stderr = '';
    const before = await server.database.db.selectFrom('submissions').selectAll().orderBy('id').execute();
    const code = await runAdmin(['rules-impact', 'example-three-levels@0.1.0'], {
      env: { ...testDatabase.env },
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout)).toMatchObject({ referrals: 3, sameLevel: 3, otherLevel: 0, doesNotFit: 0 });
    expect(await server.database.db.selectFrom('submissions').selectAll().orderBy('id').execute()).toEqual(before);
    expect((await testDocuments()).get('example-three-levels', '0.1.0')).toBeDefined();
  });
});
