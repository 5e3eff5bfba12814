import { request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../server/admin-cli.ts';
import { seedDemo } from '../../server/admin/seed-demo.ts';
import { EXPORT_BATCH_ROWS } from '../../server/inbox/store/export-query.ts';
import { canarySubmission } from './support/canaries.ts';
import { createTestDatabase, DATABASE_KINDS, testDocuments, type TestDatabase } from './support/harness.ts';
import { HOST, startInboxApp, type InboxTestApp } from './support/inbox.ts';

const DEMO_COUNT = EXPORT_BATCH_ROWS * 3 + 7;

async function admin(env: Record<string, string>, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runAdmin(argv, {
    env: { ...env, THRESHOLDS_DIR: 'thresholds' },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

/** The export as a browser downloads it over a real socket: its headers, and the body as the chunks that arrived. */
async function download(
  server: InboxTestApp,
  url: string,
  cookie: string,
): Promise<{ headers: IncomingHttpHeaders; chunks: Buffer[] }> {
  const { port } = server.app.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request({ port, path: url, headers: { host: HOST, cookie, 'sec-fetch-site': 'same-origin' } }, (response) => {
      if (response.statusCode !== 200) reject(new Error(`status ${response.statusCode}`));
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, chunks }));
    })
      .on('error', reject)
      .end();
  });
}

describe.each(DATABASE_KINDS)('the inbox at volume on %s', (kind) => {
  let testDatabase: TestDatabase;
  let server: InboxTestApp;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(kind);
    server = await startInboxApp(testDatabase);
    await server.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.close();
    await testDatabase.drop();
  });

  it('seeds fictional referrals, marked demo, into an empty database from the admin CLI', async () => {
    const result = await admin(testDatabase.env, 'seed-demo', '--count', String(DEMO_COUNT));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Added ${DEMO_COUNT} fictional referrals`));
    const rows = await server.database.db.selectFrom('submissions').select(['demo', 'payload']).execute();
    expect(rows).toHaveLength(DEMO_COUNT);
    for (const row of rows) {
      expect(row.demo).toBe(1);
      expect(JSON.parse(row.payload)).toMatchObject({ child: { firstName: expect.stringMatching(/^Demo \d+$/) } });
    }
  });

  it('streams the whole export in several chunks, the header row first', async () => {
    await server.addStaff('exporter');
    const browser = server.browser();
    await browser.signIn('exporter');
    const cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const { headers, chunks } = await download(server, '/inbox/export/submissions.csv', cookie);
    // Sent as it is read (chunked), not built whole first (which would have a Content-Length).
    expect(headers['transfer-encoding']).toBe('chunked');
    expect(headers['content-length']).toBeUndefined();
    const body = Buffer.concat(chunks).toString('utf8');
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks[0]?.length).toBeLessThan(body.length);
    expect(chunks[0]?.toString('utf8')).toMatch(/^\uFEFFreferral_id,reference,received_at,status,/);
    const ids = body
      .split('\r\n')
      .slice(1, -1)
      .map((line) => line.split(',')[0]);
    expect(new Set(ids).size).toBe(DEMO_COUNT);
    // In the inbox's order: immediate risk first, then the higher level, then the oldest first.
    const stored = await server.database.db
      .selectFrom('submissions')
      .select(['id', 'immediate_risk', 'practitioner_level', 'engine_level', 'received_at'])
      .execute();
    const listOrder = stored
      .map((row) => ({
        ...row,
        level: Math.max(row.practitioner_level, row.engine_level),
        at: new Date(row.received_at).getTime(),
      }))
      .sort((a, b) => b.immediate_risk - a.immediate_risk || b.level - a.level || a.at - b.at)
      .map((row) => row.id);
    expect(ids).toEqual(listOrder);
  });

  it('refuses to seed a database that holds a real referral, and adds nothing', async () => {
    const { token } = await server.enrol();
    expect((await server.submit(token, canarySubmission())).statusCode).toBe(201);
    const result = await admin(testDatabase.env, 'seed-demo', '--count', '10');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^This database holds 1 real referral: .*Nothing was added\.\n$/);
    const count = await server.database.db
      .selectFrom('submissions')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(DEMO_COUNT + 1);
  });

  it('adds demo referrals beside real ones only when told to with --allow-real', async () => {
    const result = await seedDemo(server.database.db, {
      count: 5,
      allowReal: true,
      documents: await testDocuments(),
    });
    expect(result.created).toBe(5);
  });

  it('refuses a count that is not a whole number, before opening the database', async () => {
    const result = await admin({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }, 'seed-demo', '--count', 'lots');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Give --count as a whole number from 1 to 1,000,000/);
  });
});
