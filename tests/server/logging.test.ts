import { sql } from 'kysely';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, requestId, safeError } from '../../server/http/logging.ts';
import { CANARIES, canariesIn, canarySubmission } from './support/canaries.ts';
import {
  capturedLogs,
  createTestDatabase,
  DATABASE_KINDS,
  startTestApp,
  type TestApp,
  type TestDatabase,
} from './support/harness.ts';

describe('what may be logged of an error', () => {
  it('keeps the type, code and stack frames, and drops quoted values and row details', () => {
    const error = Object.assign(new Error(`invalid input syntax for type date: "${CANARIES.dateOfBirth}"`), {
      code: '22007',
      detail: `Failing row contains (${CANARIES.childLastName}, ${CANARIES.address}).`,
      where: `column "address" = '${CANARIES.address}'`,
    });
    const logged = JSON.stringify(safeError(error));
    expect(canariesIn(logged)).toEqual([]);
    expect(JSON.parse(logged)).toMatchObject({
      type: 'Error',
      code: '22007',
      message: expect.stringMatching(/^invalid input/),
    });
    expect(logged).toMatch(/at /);
  });

  it('drops the body, the authorization header and request objects even when a caller logs them', () => {
    const lines: string[] = [];
    const logger = createLogger(
      'info',
      new Writable({
        write(chunk: Buffer, _encoding, callback) {
          lines.push(chunk.toString());
          callback();
        },
      }),
    );
    logger.info({ body: { name: CANARIES.referrerName }, headers: { authorization: 'Bearer secret-token' } }, 'oops');
    logger.info({ req: { url: `/?name=${CANARIES.childLastName}` } }, 'oops');
    expect(canariesIn(lines.join(''))).toEqual([]);
    expect(lines.join('')).not.toContain('secret-token');
  });

  it('keeps a request id from a load balancer only if it is safe to log', () => {
    expect(requestId('lb-4f2a9c1d')).toBe('lb-4f2a9c1d');
    expect(requestId(`"} ${CANARIES.childLastName}`)).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestId(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe.each(DATABASE_KINDS)('a database failure on %s', (kind) => {
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

  it('answers 500 server-unavailable, so the device keeps the referral, and logs the error without its data', async () => {
    await sql`drop table submissions`.execute(server.database.db);
    const response = await server.submit(token, canarySubmission());
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      code: 'server-unavailable',
      message: 'The server could not handle this request. Try again later.',
    });
    expect(response.headers['cache-control']).toBe('no-store');
    const errors = capturedLogs.map((line) => JSON.parse(line)).filter((line) => line.msg === 'unexpected error');
    expect(errors.at(-1)).toMatchObject({ err: { type: expect.any(String), stack: expect.stringMatching(/at /) } });
  });
});

// The logs of every request in this file hold none of the personal data sent. A hook, not a
// test, so that it sees every test's requests whatever order they ran in.
afterAll(() => {
  expect(capturedLogs.length).toBeGreaterThan(0);
  expect(canariesIn(capturedLogs.join(''))).toEqual([]);
});
