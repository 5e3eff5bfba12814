import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { REASON_CODES } from '../../src/domain/sync/reason-codes.ts';
import { receiptSchema } from '../../src/domain/sync/submission-schema.ts';
import { problemSchema, SERVER_ONLY_CODES } from '../../server/http/problems.ts';
import { revokeDevice } from '../../server/store/devices.ts';
import { ADVISORY_LOCK_CLASS } from '../../server/store/postgres-batches.ts';
import { CANARIES, canariesIn, canarySubmission } from './support/canaries.ts';
import {
  capturedLogs,
  countSubmissions,
  createTestDatabase,
  DATABASE_KINDS,
  startTestApp,
  type TestApp,
  type TestDatabase,
} from './support/harness.ts';
import type { LightMyRequestResponse } from 'fastify';

const KNOWN_CODES: readonly string[] = [...REASON_CODES, ...SERVER_ONLY_CODES];

/** Every API response any test here received: each must be no-store, and none may be a 5xx. */
const responses: LightMyRequestResponse[] = [];
const seen = (response: LightMyRequestResponse) => {
  responses.push(response);
  return response;
};

function expectProblem(response: LightMyRequestResponse, status: number, code: string) {
  expect({ status: response.statusCode, body: response.json() }).toMatchObject({ status, body: { code } });
  expect(problemSchema.parse(response.json()).code).toBe(code);
  expect(canariesIn(response.body)).toEqual([]);
}

describe.each(DATABASE_KINDS)('POST /api/v1/submissions on %s', (kind) => {
  let testDatabase: TestDatabase;
  let server: TestApp;
  let token: string;
  let deviceId: string;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(kind);
    server = await startTestApp(testDatabase);
    ({ token, deviceId } = await server.enrol());
  });
  afterAll(async () => {
    await server.close();
    await testDatabase.drop();
  });
  const submit = async (...args: Parameters<TestApp['submit']>) => seen(await server.submit(...args));

  it('answers 201 with the receipt and stores both levels, the payload and the audit fields', async () => {
    const body = canarySubmission({ suggestedLevel: 2, practitionerLevel: 3, overrideRationale: CANARIES.rationale });
    const key = randomUUID();
    const response = await submit(token, body, key);

    expect(response.statusCode).toBe(201);
    const receipt = receiptSchema.parse(response.json());
    expect(receipt).toMatchObject({ engineLevel: 3, immediateRisk: false });
    expect(Date.now() - Date.parse(receipt.receivedAt)).toBeLessThan(60_000);

    const row = await server.database.db
      .selectFrom('submissions')
      .selectAll()
      .where('idempotency_key', '=', key)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      id: receipt.id,
      device_id: deviceId,
      draft_id: body.draftId,
      document_id: 'st-helens',
      document_version: '0.1.0',
      age_band: '0-4',
      agency: 'health-visitor',
      suggested_level: 2,
      engine_level: 3,
      practitioner_level: 3,
      override_rationale: CANARIES.rationale,
      immediate_risk: 0,
      started_at: body.startedAt,
    });
    expect(JSON.parse(row.engine_reasons)).toEqual(['additional-needs-adding-up']);
    expect(JSON.parse(row.payload)).toEqual(body);
    expect(row.body_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('recomputes immediate risk on the pinned document', async () => {
    const body = canarySubmission({
      indicators: ['health-injury-non-mobile-baby'],
      suggestedLevel: 4,
      practitionerLevel: 4,
    });
    const response = await submit(token, body);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ engineLevel: 4, immediateRisk: true });
  });

  it('answers a replay with the same key and body with the first 201, and stores one row', async () => {
    const body = canarySubmission();
    const key = randomUUID();
    const first = await submit(token, body, key);
    // The same JSON with its keys in another order is the same submission.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await submit(token, reordered, key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await countSubmissions(server.database, key)).toBe(1);
  });

  it('answers 422 key-reused when the key comes back with a different body', async () => {
    const key = randomUUID();
    expect((await submit(token, canarySubmission(), key)).statusCode).toBe(201);
    expectProblem(await submit(token, canarySubmission(), key), 422, 'key-reused');
    expect(await countSubmissions(server.database, key)).toBe(1);
  });

  it('answers 409 in-flight while the first attempt with the key is still being saved, then 201', async () => {
    const key = randomUUID();
    const body = canarySubmission();
    const release = await holdKey(kind, server, testDatabase, key);
    const during = await submit(token, body, key);
    expectProblem(during, 409, 'in-flight');
    expect(during.headers['retry-after']).toBe('1');
    await release();
    expect((await submit(token, body, key)).statusCode).toBe(201);
  });

  it.each([
    ['a body cut short', `{"child": {"lastName": "${CANARIES.childLastName}"`],
    ['a body that is not JSON', `name=${CANARIES.referrerName}`],
    ['an empty body', ''],
  ])('answers 400 invalid-json to %s, without echoing it', async (_name, payload) => {
    expectProblem(await submit(token, payload), 400, 'invalid-json');
  });

  it.each([
    ['__proto__', `{"__proto__": {"isAdmin": true}, "child": {"address": "${CANARIES.address}"}}`],
    ['constructor.prototype', '{"constructor": {"prototype": {"isAdmin": true}}}'],
  ])('refuses prototype poisoning through %s with 400', async (_name, payload) => {
    expectProblem(await submit(token, payload), 400, 'invalid-json');
  });

  it.each([
    ['no Idempotency-Key', { 'idempotency-key': '' }],
    ['a key that is not a UUID', { 'idempotency-key': 'send-1' }],
  ])('answers 400 missing-idempotency-key to %s', async (_name, headers) => {
    expectProblem(await submit(token, canarySubmission(), undefined, headers), 400, 'missing-idempotency-key');
  });

  it('answers 401 not-enrolled with no token, an unknown token, or a token of a revoked device', async () => {
    const body = canarySubmission();
    const anonymous = seen(
      await server.app.inject({
        method: 'POST',
        url: '/api/v1/submissions',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        payload: JSON.stringify(body),
      }),
    );
    expectProblem(anonymous, 401, 'not-enrolled');
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');
    expectProblem(await submit('A'.repeat(43), body), 401, 'not-enrolled');

    const revoked = await server.enrol('Tablet to revoke');
    expect((await submit(revoked.token, canarySubmission())).statusCode).toBe(201);
    expect(await revokeDevice(server.database.db, revoked.deviceId)).toBe('revoked');
    expectProblem(await submit(revoked.token, canarySubmission()), 401, 'not-enrolled');
  });

  it('answers 413 too-large to a body over 256 KiB', async () => {
    const body = canarySubmission({ overrideRationale: 'x'.repeat(270 * 1024) });
    expectProblem(await submit(token, body), 413, 'too-large');
  });

  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x']])(
    'answers 415 unsupported-media-type to %s',
    async (contentType) => {
      const response = await submit(token, JSON.stringify(canarySubmission()), undefined, {
        'content-type': contentType,
      });
      expectProblem(response, 415, 'unsupported-media-type');
    },
  );

  it('answers 415 to a request without a body or content type', async () => {
    const response = seen(
      await server.app.inject({
        method: 'POST',
        url: '/api/v1/submissions',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
      }),
    );
    expectProblem(response, 415, 'unsupported-media-type');
  });

  it('answers 422 invalid-submission with the paths of the fields at fault, never their values', async () => {
    const body = canarySubmission();
    const broken = {
      ...body,
      referrer: { ...body.referrer, name: CANARIES.referrerName.repeat(10) },
      child: { ...body.child, dateOfBirth: undefined },
      surplus: CANARIES.tried,
    };
    const response = await submit(token, broken);
    expectProblem(response, 422, 'invalid-submission');
    const issues = response.json<{ issues: { path: string; message: string }[] }>().issues;
    expect(issues.map((issue) => issue.path).sort()).toEqual(['', 'child.dateOfBirth', 'referrer.name']);
    expect(issues.find((issue) => issue.path === 'child.dateOfBirth')?.message).toBe("Enter the child's date of birth");
  });

  it('answers 422 invalid-submission to text holding a NUL character, naming the field', async () => {
    const body = canarySubmission({ overrideRationale: `${CANARIES.rationale}\u0000`, practitionerLevel: 4 });
    const response = await submit(token, body);
    expectProblem(response, 422, 'invalid-submission');
    expect(response.json()).toMatchObject({ issues: [{ path: 'overrideRationale' }] });
  });

  it('answers 422 unknown-rules-version to a version of the document the server does not have', async () => {
    expectProblem(await submit(token, canarySubmission({ documentVersion: '9.9.9' })), 422, 'unknown-rules-version');
    expectProblem(await submit(token, canarySubmission({ documentId: 'atlantis' })), 422, 'unknown-rules-version');
  });

  it('answers 422 answers-do-not-fit to indicators not in the document or not for the age band', async () => {
    const unknown = await submit(token, canarySubmission({ indicators: ['basic-care-inconsistent', 'made-up'] }));
    expectProblem(unknown, 422, 'answers-do-not-fit');
    expect(unknown.json()).toMatchObject({ issues: [{ path: 'indicators.1' }] });

    const prebirthOnly = await submit(token, canarySubmission({ indicators: ['basic-care-ready-for-baby'] }));
    expectProblem(prebirthOnly, 422, 'answers-do-not-fit');
    expect(prebirthOnly.json()).toMatchObject({
      issues: [{ path: 'indicators.0', message: "This indicator does not apply to the child's age band" }],
    });

    const band = await submit(token, canarySubmission({ concern: { ageBand: 'teen', reason: CANARIES.reason } }));
    expectProblem(band, 422, 'answers-do-not-fit');
    expect(band.json()).toMatchObject({ issues: [{ path: 'concern.ageBand' }] });
  });

  it('answers 422 answers-do-not-fit to an agency the pinned document does not list', async () => {
    const referrer = { ...canarySubmission().referrer, agency: 'ministry-of-magic' };
    const response = await submit(token, canarySubmission({ documentVersion: '0.2.0', indicators: [], referrer }));
    expectProblem(response, 422, 'answers-do-not-fit');
    expect(response.json()).toMatchObject({ issues: [{ path: 'referrer.agency' }] });
  });

  it('answers 422 answers-do-not-fit to a level the pinned document does not have', async () => {
    const threeLevels = canarySubmission({
      documentId: 'example-three-levels',
      indicators: [],
      suggestedLevel: 1,
      practitionerLevel: 4,
      overrideRationale: CANARIES.rationale,
    });
    const response = await submit(token, threeLevels);
    expectProblem(response, 422, 'answers-do-not-fit');
    expect(response.json()).toMatchObject({ issues: [{ path: 'practitionerLevel' }] });
  });

  it('answers 404 not-found, as JSON, to an unknown API address', async () => {
    const response = seen(await server.app.inject({ method: 'GET', url: '/api/v1/referrals' }));
    expectProblem(response, 404, 'not-found');
  });

  it('answers 429 rate-limited with Retry-After once a device has used its allowance', async () => {
    const limited = await startTestApp(testDatabase, { rateLimitPerMinute: 2 });
    try {
      // Fresh devices: on PostgreSQL the counters are shared with the other apps on the database.
      const device = await limited.enrol('Limited tablet');
      const other = await limited.enrol('Second tablet');
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push(seen(await limited.submit(device.token, canarySubmission())));
      expect(statuses.map((response) => response.statusCode)).toEqual([201, 201, 429]);
      const refused = statuses[2];
      if (!refused) throw new Error('no third response');
      expectProblem(refused, 429, 'rate-limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Each device has its own allowance.
      expect(seen(await limited.submit(other.token, canarySubmission())).statusCode).toBe(201);
    } finally {
      await limited.close();
    }
  });

  afterEach(() => {
    const checked = responses.splice(0);
    for (const response of checked) {
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.statusCode).toBeLessThan(500);
      if (response.statusCode >= 400) expect(KNOWN_CODES).toContain(response.json().code);
    }
  });
});

/** Makes the server see `key` as in flight: on PostgreSQL from another session, as a second app server would. */
async function holdKey(kind: string, server: TestApp, testDatabase: TestDatabase, key: string) {
  if (kind === 'sqlite') {
    server.keysInFlight.add(key);
    return async () => void server.keysInFlight.delete(key);
  }
  if (testDatabase.config.kind !== 'postgres') throw new Error('expected PostgreSQL');
  const other = new pg.Client({ connectionString: testDatabase.config.url });
  await other.connect();
  await other.query('select pg_advisory_lock($1::int, hashtext($2))', [ADVISORY_LOCK_CLASS, key]);
  return async () => {
    await other.query('select pg_advisory_unlock($1::int, hashtext($2))', [ADVISORY_LOCK_CLASS, key]);
    await other.end();
  };
}

describe.each(DATABASE_KINDS)('the request log on %s', (kind) => {
  let testDatabase: TestDatabase;
  let server: TestApp;
  /** The lines this block's own requests wrote, whatever ran before it. */
  let lines: string[];

  beforeAll(async () => {
    testDatabase = await createTestDatabase(kind);
    server = await startTestApp(testDatabase);
    const { token } = await server.enrol();
    const from = capturedLogs.length;
    expect((await server.submit(token, canarySubmission())).statusCode).toBe(201);
    const broken = { ...canarySubmission(), child: { ...canarySubmission().child, firstName: 7 } };
    expect((await server.submit(token, broken)).statusCode).toBe(422);
    expect((await server.submit('A'.repeat(43), canarySubmission())).statusCode).toBe(401);
    lines = capturedLogs.slice(from);
  });
  afterAll(async () => {
    await server.close();
    await testDatabase.drop();
  });

  it('holds request ids, routes, statuses, durations, device ids and reason codes', () => {
    const requests = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(requests.filter((line) => line.msg === 'request')).toHaveLength(3);
    expect(requests).toContainEqual(
      expect.objectContaining({
        reqId: expect.any(String),
        method: 'POST',
        route: '/api/v1/submissions',
        status: 201,
        durationMs: expect.any(Number),
        deviceId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      }),
    );
    expect(requests).toContainEqual(expect.objectContaining({ status: 422, code: 'invalid-submission' }));
    expect(requests).toContainEqual(expect.objectContaining({ status: 401, code: 'not-enrolled' }));
  });

  it('holds none of the personal data sent, nor any token', () => {
    const all = lines.join('');
    expect(canariesIn(all)).toEqual([]);
    expect(all).not.toMatch(/Bearer|AAAAAAAAAA/i);
  });
});
