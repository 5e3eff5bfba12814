import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptSchema } from '../../src/domain/sync/submission-schema.ts';
import { assess } from '../../src/domain/engine/assess.ts';
import { canarySubmission } from './support/canaries.ts';
import {
  createTestDatabase,
  DATABASE_KINDS,
  startTestApp,
  testDocuments,
  type TestApp,
  type TestDatabase,
} from './support/harness.ts';

describe.each(DATABASE_KINDS)('referrals pinned to an older published version on %s', (kind) => {
  let testDatabase: TestDatabase;
  let server: TestApp;
  let token: string;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(kind);
    server = await startTestApp(testDatabase);
    ({ token } = await server.enrol());
  });
  afterAll(async () => {
    await server.close();
    await testDatabase.drop();
  });

  it('knows St Helens 0.1.0 as well as the current version', async () => {
    const versions = (await testDocuments())
      .list()
      .filter((entry) => entry.id === 'st-helens')
      .map((entry) => entry.version);
    expect(versions).toContain('0.1.0');
    expect(versions.length).toBeGreaterThanOrEqual(2);
  });

  it('accepts a referral pinned to 0.1.0 and re-assesses it on 0.1.0', async () => {
    const body = canarySubmission({ documentVersion: '0.1.0' });
    const original = (await testDocuments()).get('st-helens', '0.1.0');
    if (!original) throw new Error('St Helens 0.1.0 is not loaded');
    const expected = assess(original, { ageBand: body.concern.ageBand, indicators: body.indicators });

    const response = await server.submit(token, body);
    expect(response.statusCode).toBe(201);
    expect(receiptSchema.parse(response.json())).toMatchObject({
      engineLevel: expected.suggestedLevel,
      immediateRisk: expected.immediateRisk,
    });
    const row = await server.database.db
      .selectFrom('submissions')
      .select(['document_version', 'engine_level', 'engine_reasons'])
      .where('draft_id', '=', body.draftId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ document_version: '0.1.0', engine_level: expected.suggestedLevel });
    expect(JSON.parse(row.engine_reasons)).toEqual(expected.reasons.map((reason) => reason.id));
  });

  it('still refuses a version that was never published', async () => {
    const response = await server.submit(token, canarySubmission({ documentVersion: '9.9.9' }));
    expect({ status: response.statusCode, code: response.json<{ code: string }>().code }).toEqual({
      status: 422,
      code: 'unknown-rules-version',
    });
  });
});
