import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../server/admin-cli.ts';
import { CONTENT_SECURITY_POLICY } from '../../server/http/security-headers.ts';
import { sha256 } from '../../server/tokens.ts';
import { canarySubmission } from './support/canaries.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/harness.ts';
import {
  csrfTokenIn,
  ORIGIN,
  startInboxApp,
  TEST_PASSWORD,
  type Browser,
  type InboxTestApp,
  squash,
} from './support/inbox.ts';

const MINUTE_MS = 60_000;

describe.each(DATABASE_KINDS)('signing in to the inbox on %s', (kind) => {
  let testDatabase: TestDatabase;
  let server: InboxTestApp;
  let submissionId: string;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(kind);
    server = await startInboxApp(testDatabase);
    const { token } = await server.enrol();
    submissionId = (await server.submit(token, canarySubmission())).json<{ id: string }>().id;
    await server.addStaff('triager');
    await server.addStaff('boss', 'admin');
  });
  afterAll(async () => {
    await server.close();
    await testDatabase.drop();
  });

  const decisionCount = async () => (await server.database.db.selectFrom('decisions').select('id').execute()).length;

  async function signedIn(username = 'triager'): Promise<Browser> {
    const browser = server.browser();
    expect((await browser.signIn(username)).statusCode).toBe(303);
    return browser;
  }

  it('answers every inbox page with the sign-in page, and every export with 401, without a session', async () => {
    const browser = server.browser();
    const home = await browser.get('/inbox');
    expect(home.statusCode).toBe(200);
    expect(squash(home.body)).toContain(squash('<h1 class="govuk-heading-l">Sign in to the front door inbox</h1>'));
    for (const url of [`/inbox/submissions/${submissionId}`, '/inbox/report', '/inbox/admin', '/inbox/no-such-page']) {
      const response = await browser.get(url);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 401 });
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(squash(response.body)).toContain(squash('action="/inbox/sign-in"'));
      expect(squash(response.body)).not.toContain(squash('Canarychild'));
    }
    for (const url of [
      '/inbox/export/submissions.csv',
      '/inbox/export/report.csv',
      '/inbox/export/report-indicators.csv',
    ]) {
      const response = await browser.get(url);
      expect({ url, status: response.statusCode, body: response.json() }).toMatchObject({
        url,
        status: 401,
        body: { code: 'not-signed-in' },
      });
      expect(squash(response.body)).not.toContain(squash('Canary'));
    }
    const post = await browser.post(`/inbox/submissions/${submissionId}/decision`, {
      decidedLevel: '3',
      outcome: 'early-help',
      note: 'x',
    });
    expect(post.statusCode).toBe(401);
    expect(await decisionCount()).toBe(0);
  });

  it('sends no-store and the strict headers on every inbox response, the stylesheet included', async () => {
    const browser = await signedIn();
    for (const url of ['/inbox', '/inbox/assets/inbox.css', '/inbox/report', '/inbox/export/submissions.csv']) {
      const response = await browser.get(url);
      expect(response.statusCode).toBe(200);
      expect(response.headers).toMatchObject({
        'cache-control': 'no-store',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
      });
    }
  });

  it('signs in with a strict session cookie whose value is stored only as a hash, and a fresh one each time', async () => {
    const browser = server.browser();
    const response = await browser.signIn('Triager ');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/inbox');
    const cookie = response.cookies.find((c) => c.name === 'inbox_session');
    expect(cookie).toMatchObject({ path: '/inbox', httpOnly: true, sameSite: 'Strict' });
    expect(cookie?.secure).toBeUndefined();
    const token = cookie?.value ?? '';
    const sessions = await server.database.db.selectFrom('sessions').selectAll().execute();
    expect(sessions.map((s) => s.id_hash)).toContain(sha256(token));
    expect(JSON.stringify(sessions)).not.toContain(token);
    const again = await server.browser().signIn('triager');
    expect(again.cookies.find((c) => c.name === 'inbox_session')?.value).not.toBe(token);
  });

  it('marks the cookies Secure when the request came over https through a trusted proxy', async () => {
    const proxied = await startInboxApp(testDatabase, { trustProxy: true });
    try {
      const browser = proxied.browser();
      const page = await browser.get('/inbox', { 'x-forwarded-proto': 'https' });
      expect(page.cookies[0]).toMatchObject({ name: 'inbox_csrf', secure: true });
      const response = await browser.post(
        '/inbox/sign-in',
        { csrfToken: csrfTokenIn(page.body), next: '/inbox', username: 'triager', password: TEST_PASSWORD },
        { 'x-forwarded-proto': 'https', origin: 'https://inbox.test' },
      );
      expect(response.cookies.find((c) => c.name === 'inbox_session')).toMatchObject({ secure: true });
    } finally {
      await proxied.close();
    }
  });

  it('refuses a wrong password or an unknown name with the same message, keeping the username typed', async () => {
    for (const username of ['triager', 'nobody-here']) {
      const response = await server.browser().signIn(username, 'not the password at all');
      expect(response.statusCode).toBe(400);
      expect(squash(response.body)).toContain(squash('<title>Error: Sign in – Front door inbox</title>'));
      expect(squash(response.body)).toContain(squash('<a href="#username">Enter a correct username and password</a>'));
      expect(squash(response.body)).toContain(squash(`value="${username}"`));
      expect(squash(response.body)).not.toContain(squash(`value="not the password at all"`));
    }
    const empty = await server.browser().signIn('', '');
    expect(squash(empty.body)).toContain(squash('<a href="#username">Enter your username</a>'));
    expect(squash(empty.body)).toContain(squash('<a href="#password">Enter your password</a>'));
  });

  it('locks a username from one address after 5 failures in 15 minutes, even against the right password, then lets it in', async () => {
    const locksmith = await server.addStaff('locksmith');
    const statuses: string[] = [];
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const response = await server.browser().signIn('locksmith', `wrong guess ${attempt}`);
      statuses.push(response.body.includes('too many times') ? 'locked' : 'wrong');
    }
    expect(statuses).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'locked']);
    const rightPassword = await server.browser().signIn('locksmith');
    expect(rightPassword.statusCode).toBe(400);
    expect(squash(rightPassword.body)).toContain(squash('You have entered the wrong details too many times'));
    // Only locksmith's: other tests lock other names out of the same database, in any order.
    const events = await server.database.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('action', 'in', ['sign-in-failed', 'locked-out'])
      .execute();
    const fifthAttempt = events.filter((event) => {
      const details = JSON.parse(event.details ?? '{}') as { userId?: string; attempt?: number };
      return details.userId === locksmith.id && details.attempt === 5;
    });
    expect(fifthAttempt.map((event) => event.action).sort()).toEqual(['locked-out', 'sign-in-failed']);

    server.clock.now = new Date(server.clock.now.getTime() + 16 * MINUTE_MS);
    expect((await server.browser().signIn('locksmith')).statusCode).toBe(303);
  });

  it('sets its cookies for /inbox only, hidden from scripts and never sent from another site', async () => {
    const page = await server.browser().get('/inbox');
    expect(page.cookies).toEqual([
      expect.objectContaining({ name: 'inbox_csrf', path: '/inbox', httpOnly: true, sameSite: 'Strict' }),
    ]);
    expect(page.cookies[0]?.secure).toBeUndefined();
    const browser = await signedIn();
    const session = browser.cookies.get('inbox_session') ?? '';
    const planted = await browser.get('/inbox', { cookie: `inbox_session=${session}; inbox_session=${session}` });
    expect(squash(planted.body)).toContain(squash('action="/inbox/sign-in"'));
  });

  it('still lets the real user in from their own address while another address is locked out of their name', async () => {
    await server.addStaff('target');
    for (let attempt = 1; attempt <= 6; attempt += 1) await server.browser('203.0.113.9').signIn('target', 'guess');
    expect((await server.browser('203.0.113.9').signIn('target')).body).toContain('too many times');
    expect((await server.browser('198.51.100.20').signIn('target')).statusCode).toBe(303);
    expect(server.signInWaits).toEqual([]);
  });

  it('slows a name guessed at from many addresses, then gives each address one try, yet lets the right password in', async () => {
    await server.addStaff('besieged');
    server.signInWaits.length = 0;
    for (let address = 1; address <= 100; address += 1) {
      const response = await server.browser(`10.0.0.${address}`).signIn('besieged', 'x');
      expect(response.body).not.toContain('too many times');
    }
    expect(server.signInWaits.slice(0, 4)).toEqual([250, 500, 1000, 2000]);
    expect(server.signInWaits.at(-1)).toBe(5000);
    expect((await server.browser('10.0.0.1').signIn('besieged')).body).toContain('too many times');
    expect((await server.browser('192.0.2.44').signIn('besieged')).statusCode).toBe(303);
  });

  it('unlocks a name from the admin CLI', async () => {
    await server.addStaff('forgetful');
    for (let attempt = 1; attempt <= 6; attempt += 1) await server.browser().signIn('forgetful', 'guess');
    expect((await server.browser().signIn('forgetful')).body).toContain('too many times');
    const output: string[] = [];
    const io = {
      env: testDatabase.env,
      stdout: { write: (text: string) => output.push(text) },
      stderr: process.stderr,
    };
    expect(await runAdmin(['unlock-user', 'Forgetful'], io)).toBe(0);
    expect(output.join('')).toBe('Forgot 7 recent sign-in attempts for forgetful: they can sign in now.\n');
    expect((await server.browser().signIn('forgetful')).statusCode).toBe(303);
  });

  it('treats a name typed in full-width letters, capitals or with spaces as the same name', async () => {
    expect((await server.browser().signIn(' ＴＲＩＡＧＥＲ ')).statusCode).toBe(303);
  });

  it('deletes attempts older than the window, for unknown names too', async () => {
    await server.browser().signIn('nobody-at-all', 'wrong');
    const attemptsAtUnknownName = async () =>
      (
        await server.database.db
          .selectFrom('sign_in_attempts')
          .select('id')
          .where('username_hash', '=', sha256('nobody-at-all'))
          .execute()
      ).length;
    expect(await attemptsAtUnknownName()).toBe(1);
    server.clock.now = new Date(server.clock.now.getTime() + 16 * MINUTE_MS);
    await server.browser().signIn('someone-else', 'wrong');
    expect(await attemptsAtUnknownName()).toBe(0);
  });

  it('locks unknown names the same way, so the answer never tells which names exist', async () => {
    for (let attempt = 1; attempt <= 5; attempt += 1) await server.browser().signIn('ghost', 'wrong');
    expect((await server.browser().signIn('ghost', 'wrong')).body).toContain('too many times');
  });

  it('refuses a cross-site form post before anything else, and changes nothing', async () => {
    const browser = await signedIn();
    const csrfToken = await browser.csrfToken();
    const fields = { csrfToken, expectedCount: '0', decidedLevel: '3', outcome: 'early-help', note: 'Forged' };
    const url = `/inbox/submissions/${submissionId}/decision`;
    const refused: Record<string, string | undefined>[] = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { 'sec-fetch-site': 'cross-site', origin: ORIGIN },
      // A browser without Sec-Fetch-Site: Origin decides, and must name this site.
      { 'sec-fetch-site': undefined, origin: 'https://evil.example' },
      { 'sec-fetch-site': undefined, origin: 'null' },
    ];
    for (const headers of refused) {
      const response = await browser.post(url, fields, headers);
      expect({ headers, status: response.statusCode }).toEqual({ headers, status: 403 });
      expect(squash(response.body)).toContain(squash('This form was sent from another website'));
    }
    const signInFromElsewhere = await server.browser().post('/inbox/sign-in', {}, { 'sec-fetch-site': 'cross-site' });
    expect(signInFromElsewhere.statusCode).toBe(403);
    expect(await decisionCount()).toBe(0);
    // Older browsers send no Sec-Fetch-Site but an Origin naming this site: accepted.
    const older = await browser.post(
      '/inbox/sign-out',
      { csrfToken },
      {
        'sec-fetch-site': undefined,
        origin: ORIGIN,
      },
    );
    expect(older.statusCode).toBe(303);
  });

  it("refuses a form post without this session's CSRF token, and a sign-in without the sign-in page's", async () => {
    const browser = await signedIn();
    const other = await signedIn('boss');
    const url = `/inbox/submissions/${submissionId}/triage`;
    expect((await browser.post(url, {})).statusCode).toBe(403);
    expect((await browser.post(url, { csrfToken: await other.csrfToken() })).statusCode).toBe(403);
    // Even with the other browser's secret cookie too, its token belongs to its own session.
    const othersToken = await other.csrfToken();
    const borrowed = await browser.post(
      url,
      { csrfToken: othersToken },
      {
        cookie: `inbox_session=${browser.cookies.get('inbox_session')}; inbox_csrf=${other.cookies.get('inbox_csrf')}`,
      },
    );
    expect(borrowed.statusCode).toBe(403);
    expect(squash(borrowed.body)).toContain(squash('This form has expired'));
    // A secret cookie sent twice was planted by another site: refused, even with a right token.
    const csrfToken = await browser.csrfToken();
    const secret = browser.cookies.get('inbox_csrf') ?? '';
    const planted = await browser.post(
      url,
      { csrfToken },
      {
        cookie: `inbox_session=${browser.cookies.get('inbox_session')}; inbox_csrf=${secret}; inbox_csrf=${secret}`,
      },
    );
    expect(planted.statusCode).toBe(403);
    expect((await browser.post('/inbox/sign-out', { csrfToken: 'x'.repeat(43) })).statusCode).toBe(403);
    // The sign-in page's token stops working once its browser has signed in.
    const newcomer = server.browser();
    const beforeSignIn = csrfTokenIn((await newcomer.get('/inbox')).body);
    expect((await newcomer.signIn('triager')).statusCode).toBe(303);
    expect((await newcomer.post(url, { csrfToken: beforeSignIn })).statusCode).toBe(403);
    expect(await server.database.db.selectFrom('triage_states').selectAll().execute()).toEqual([]);
    expect((await newcomer.post(url, { csrfToken: await newcomer.csrfToken() })).statusCode).toBe(303);
    const stranger = server.browser();
    const forged = await stranger.post('/inbox/sign-in', {
      csrfToken: 'A'.repeat(43),
      username: 'triager',
      password: TEST_PASSWORD,
    });
    expect(forged.statusCode).toBe(403);
    expect(await server.database.db.selectFrom('triage_states').selectAll().execute()).toHaveLength(1);
  });

  it('signs out: the session ends on the server, the cookie is cleared and Clear-Site-Data is sent', async () => {
    const browser = await signedIn();
    const cookie = browser.cookies.get('inbox_session') ?? '';
    const response = await browser.post('/inbox/sign-out', { csrfToken: await browser.csrfToken() });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/inbox?notice=signed-out');
    expect(response.headers['clear-site-data']).toBe('"cache", "cookies"');
    expect(response.cookies).toContainEqual(expect.objectContaining({ name: 'inbox_session', value: '', maxAge: 0 }));
    const session = await server.database.db
      .selectFrom('sessions')
      .select('id_hash')
      .where('id_hash', '=', sha256(cookie))
      .executeTakeFirst();
    expect(session).toBeUndefined();
    const replayed = await server.app.inject({ url: '/inbox/report', headers: { cookie: `inbox_session=${cookie}` } });
    expect(replayed.statusCode).toBe(401);
    expect((await browser.get('/inbox?notice=signed-out')).body).toContain('You have signed out');
  });

  it('ends a session after 30 minutes without a request, and says why; "Stay signed in" extends it', async () => {
    const browser = await signedIn();
    const later = (minutes: number) => (server.clock.now = new Date(server.clock.now.getTime() + minutes * MINUTE_MS));
    later(29);
    expect((await browser.get('/inbox/report')).statusCode).toBe(200);
    later(28);
    const extended = await browser.post('/inbox/session/extend', { csrfToken: await browser.csrfToken() });
    expect(extended.statusCode).toBe(204);
    later(29);
    expect((await browser.post('/inbox/session/extend', {})).statusCode).toBe(403);
    expect((await browser.get('/inbox/report')).statusCode).toBe(200);
    later(31);
    const after = await browser.get('/inbox');
    expect(squash(after.body)).toContain(squash('You have been signed out'));
    expect(squash(after.body)).toContain(squash('action="/inbox/sign-in"'));
  });

  it('keeps staff and devices for administrators; a disabled account can no longer sign in', async () => {
    const triager = await signedIn();
    expect((await triager.get('/inbox/admin')).statusCode).toBe(403);
    const admin = await signedIn('boss');
    const page = await admin.get('/inbox/admin');
    expect(page.statusCode).toBe(200);
    expect(squash(page.body)).toContain(
      squash('<caption class="govuk-table__caption govuk-table__caption--m">Devices</caption>'),
    );
    // The page is served by the deployed server, where only the compiled admin CLI runs.
    expect(squash(page.body)).toContain(squash('npm run admin:production -- add-user &lt;username&gt; --role triage'));
    const { id } = await server.addStaff('leaver');
    const leaver = await signedIn('leaver');
    const disabled = await admin.post(`/inbox/admin/staff/${id}/disable`, { csrfToken: await admin.csrfToken() });
    expect(disabled.statusCode).toBe(303);
    expect((await leaver.get('/inbox/report')).statusCode).toBe(401);
    expect((await server.browser().signIn('leaver')).statusCode).toBe(400);
    const audit = await server.database.db
      .selectFrom('audit_events')
      .select(['actor', 'action'])
      .where('action', '=', 'disabled-user')
      .execute();
    expect(audit).toEqual([{ actor: 'boss', action: 'disabled-user' }]);
  });

  it('answers junk with a 4xx page, never a 5xx', async () => {
    const browser = await signedIn();
    const csrfToken = await browser.csrfToken();
    const url = `/inbox/submissions/${submissionId}/decision`;
    const json = await server.app.inject({
      method: 'POST',
      url,
      headers: {
        host: 'inbox.test',
        cookie: `inbox_session=${browser.cookies.get('inbox_session')}`,
        'content-type': 'application/json',
      },
      payload: JSON.stringify({ csrfToken, decidedLevel: 3 }),
    });
    expect(json.statusCode).toBe(415);
    // A field sent twice keeps its first value (never an array a route would choke on).
    const twice = server.browser();
    const signInPage = await twice.get('/inbox');
    const repeated = await twice.post('/inbox/sign-in', [
      ['csrfToken', csrfTokenIn(signInPage.body)],
      ['username', 'triager'],
      ['username', 'nobody'],
      ['password', TEST_PASSWORD],
      ['password', 'wrong'],
    ]);
    expect(repeated.statusCode).toBe(303);
    expect((await browser.post(url, { csrfToken, note: 'x'.repeat(70_000) })).statusCode).toBe(413);
    expect((await browser.get('/inbox/submissions/not-a-uuid')).statusCode).toBe(404);
    expect((await browser.get(`/inbox/submissions/${randomUUID()}`)).statusCode).toBe(404);
    expect((await browser.get('/inbox?level=9&from=2026-02-30')).statusCode).toBe(400);
    expect((await browser.get('/inbox/export/submissions.csv?to=yesterday')).statusCode).toBe(400);
  });
});
