import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../server/admin-cli.ts';
import { createDevice, revokeDevice } from '../../server/store/devices.ts';
import { canariesIn, canarySubmission } from './support/canaries.ts';
import {
  capturedLogs,
  createTestDatabase,
  DATABASE_KINDS,
  ROOT,
  startTestApp,
  type TestApp,
  type TestDatabase,
} from './support/harness.ts';
import { SPAWNS_PROCESSES } from '../loaded-machine.ts';

const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const NO_STACK_TRACE = /\n\s+at .+:\d+:\d+/;
const CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;
const run = promisify(execFile);

/** Runs an admin command in this process, as `npm run admin -- …` would, with only the database settings. */
async function admin(args: string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const code = await runAdmin(args, {
    env,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

/** The same, as a real process: for the contract on exit codes and the last line of output. */
async function adminProcess(args: string[], env: Record<string, string>) {
  const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  try {
    const { stdout, stderr } = await run(TSX, ['server/admin.ts', ...args], { cwd: ROOT, env: { ...baseEnv, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe.each(DATABASE_KINDS)('devices on %s', SPAWNS_PROCESSES, (kind) => {
  let testDatabase: TestDatabase;
  let server: TestApp;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(kind);
    server = await startTestApp(testDatabase);
  });
  afterAll(async () => {
    await server.close();
    await testDatabase.drop();
  });

  const enrol = (payload: unknown, contentType = 'application/json') =>
    server.app.inject({
      method: 'POST',
      url: '/api/v1/devices/enrol',
      headers: { 'content-type': contentType },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  it('enrols a device with a code from the admin CLI, lists it, and revokes it', async () => {
    const created = await adminProcess(['enrol-device', '--name', 'Health visiting tablet 3'], testDatabase.env);
    expect(created.code).toBe(0);
    const lines = created.stdout.trimEnd().split('\n');
    const code = lines.at(-1) ?? '';
    expect(code).toMatch(CODE_PATTERN);
    const printedId = /Device ([0-9a-f-]{36})/.exec(created.stdout)?.[1];

    // People type codes in lower case, with spaces: both are fine.
    const response = await enrol({ code: code.toLowerCase().replace(/-/g, ' ') });
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    const { deviceId, token } = response.json<{ deviceId: string; token: string }>();
    expect(deviceId).toBe(printedId);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await server.submit(token, canarySubmission())).statusCode).toBe(201);

    const listed = await admin(['list-devices'], testDatabase.env);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toContainEqual(
      expect.objectContaining({ id: deviceId, name: 'Health visiting tablet 3', status: 'enrolled', submissions: 1 }),
    );
    expect(listed.stdout).not.toContain(token);

    const revoked = await admin(['revoke-device', deviceId], testDatabase.env);
    expect(revoked).toMatchObject({ code: 0 });
    expect(revoked.stdout).toMatch(/revoked/);
    expect((await server.submit(token, canarySubmission())).statusCode).toBe(401);
    const after = JSON.parse((await admin(['list-devices'], testDatabase.env)).stdout) as { id: string }[];
    expect(after).toContainEqual(expect.objectContaining({ id: deviceId, status: 'revoked' }));
  });

  it('stores only hashes of codes and tokens', async () => {
    const { code } = await createDevice(server.database.db, 'Hash check', 24);
    const { token } = (await enrol({ code })).json<{ token: string }>();
    const devices = await server.database.db.selectFrom('devices').selectAll().execute();
    const codes = await server.database.db.selectFrom('enrolment_codes').selectAll().execute();
    const stored = JSON.stringify([devices, codes]);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(code.replace(/-/g, ''));
  });

  it('answers 401 to a code used already, even when it is used twice at once', async () => {
    const { code } = await createDevice(server.database.db, 'Race', 24);
    const answers = await Promise.all(Array.from({ length: 5 }, () => enrol({ code })));
    expect(answers.map((response) => response.statusCode).sort()).toEqual([201, 401, 401, 401, 401]);
    const again = await enrol({ code });
    expect(again.statusCode).toBe(401);
    expect(again.json()).toMatchObject({ code: 'not-enrolled' });
  });

  it('answers 401 to an expired code, an unknown code, and the code of a device revoked before enrolling', async () => {
    const twoDaysAgo = new Date(Date.now() - 48 * 60 * 60 * 1000);
    const expired = await createDevice(server.database.db, 'Expired', 24, twoDaysAgo);
    expect((await enrol({ code: expired.code })).statusCode).toBe(401);
    expect((await enrol({ code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' })).statusCode).toBe(401);
    expect((await enrol({ code: 'not a code' })).statusCode).toBe(401);
    const early = await createDevice(server.database.db, 'Revoked early', 24);
    await revokeDevice(server.database.db, early.deviceId);
    expect((await enrol({ code: early.code })).statusCode).toBe(401);
  });

  it('answers 429 with Retry-After to an address that keeps trying codes', async () => {
    const limited = await startTestApp(testDatabase, { enrolRateLimitPerMinute: 2 });
    try {
      const attempt = () =>
        // An address of its own: on PostgreSQL the counters are shared with the other apps on the database.
        limited.app.inject({
          method: 'POST',
          url: '/api/v1/devices/enrol',
          remoteAddress: '198.51.100.77',
          payload: { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' },
        });
      const statuses = [(await attempt()).statusCode, (await attempt()).statusCode];
      const third = await attempt();
      expect([...statuses, third.statusCode]).toEqual([401, 401, 429]);
      expect(third.json()).toMatchObject({ code: 'rate-limited' });
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });

  it('answers 422, 415 and 400 to an enrolment body that is wrong, in the wrong form, or not JSON', async () => {
    expect((await enrol({ token: 'x' })).json()).toMatchObject({ code: 'invalid-submission', issues: [{}, {}] });
    expect((await enrol({ code: 'x' }, 'text/plain')).statusCode).toBe(415);
    expect((await enrol('{"code":')).statusCode).toBe(400);
  });
});

describe('the admin CLI when something is wrong', SPAWNS_PROCESSES, () => {
  let testDatabase: TestDatabase;
  beforeAll(async () => {
    testDatabase = await createTestDatabase('sqlite');
  });
  afterAll(() => testDatabase.drop());

  it.each([
    [['enrol-device'], /Give the device a name/],
    [['enrol-device', '--name', ' '], /Give the device a name/],
    [['enrol-device', '--name', 'Tablet\u0007'], /must not contain control characters/],
    [['revoke-device', 'tablet-3'], /copy it from list-devices/],
    [['wipe-everything'], /There is no command "wipe-everything"/],
    [[], /Name a command/],
    [['list-devices', '--all'], /list-devices has no option --all/],
    [['enrol-device', '--name'], /Give a value after --name/],
  ])('exits 2 with a usage message for %j', async (args, message) => {
    const result = await admin(args, testDatabase.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(
      /Usage: npm run admin:production -- <command>\n.*npm run admin -- <command> in a development checkout/,
    );
    expect(result.stderr).not.toMatch(NO_STACK_TRACE);
  });

  it('exits 1 when the device does not exist', async () => {
    const result = await admin(['revoke-device', '0f8c2d4e-1111-4222-8333-944455556666'], testDatabase.env);
    expect(result).toMatchObject({ code: 1, stderr: 'There is no device 0f8c2d4e-1111-4222-8333-944455556666.\n' });
  });

  it('exits 2 naming the setting when DATABASE_URL is not a PostgreSQL URL', async () => {
    const result = await admin(['list-devices'], { DATABASE_URL: 'mysql://localhost/referrals' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(result.stderr).not.toMatch(NO_STACK_TRACE);
  });

  it('exits 1 with a clear message when PostgreSQL cannot be reached, without showing the password', async () => {
    const result = await adminProcess(['list-devices'], {
      DATABASE_URL: 'postgres://front:s3cret@127.0.0.1:1/referrals',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('Could not reach PostgreSQL at DATABASE_URL: nothing is listening there.\n');
  });

  it('prints its usage on help, with exit code 0', async () => {
    const result = await admin(['help'], testDatabase.env);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/enrol-device --name/) });
  });
});

// The logs of every request in this file hold none of the personal data sent, nor any token.
// A hook, not a test, so that it sees every test's requests whatever order they ran in.
afterAll(() => {
  expect(capturedLogs.length).toBeGreaterThan(0);
  expect(canariesIn(capturedLogs.join(''))).toEqual([]);
  expect(capturedLogs.join('')).not.toMatch(/Bearer|"token"/);
});

describe('rate limits on PostgreSQL with two app servers', () => {
  let testDatabase: TestDatabase;
  beforeAll(async () => {
    testDatabase = await createTestDatabase('postgres');
  });
  afterAll(() => testDatabase.drop());

  it('keeps one limit between them, so a client cannot double its allowance by switching server', async () => {
    const [first, second] = [
      await startTestApp(testDatabase, { enrolRateLimitPerMinute: 3 }),
      await startTestApp(testDatabase, { enrolRateLimitPerMinute: 3 }),
    ];
    try {
      const attempt = (server: TestApp) =>
        server.app.inject({
          method: 'POST',
          url: '/api/v1/devices/enrol',
          remoteAddress: '203.0.113.50',
          payload: { code: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ' },
        });
      const statuses = [];
      for (const server of [first, second, first, second]) statuses.push((await attempt(server)).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
