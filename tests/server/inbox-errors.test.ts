import { sql } from 'kysely';
import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturedLogs, createTestDatabase, type TestDatabase } from './support/harness.ts';
import { startInboxApp, type InboxTestApp } from './support/inbox.ts';

type LogLine = { level: number; msg: string; err?: { type: string; code?: string; message: string } };
const linesFrom = (from: number) => capturedLogs.slice(from).map((line) => JSON.parse(line) as LogLine);
const ERROR_LEVEL = 50;

describe('what the inbox logs when something goes wrong', () => {
  let testDatabase: TestDatabase;
  let server: InboxTestApp;
  beforeAll(async () => {
    testDatabase = await createTestDatabase('sqlite');
    server = await startInboxApp(testDatabase);
    await server.addStaff('triager');
  });
  afterAll(async () => {
    await server.close();
    await testDatabase.drop();
  });

  it('logs a client sending a broken chunked sign-in below error level, and answers 400', async () => {
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.app.server.address() as AddressInfo;
    const from = capturedLogs.length;
    const socket = net.connect({ port, host: '127.0.0.1' });
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    await once(socket, 'connect');
    socket.write(
      'POST /inbox/sign-in HTTP/1.1\r\nHost: localhost\r\nSec-Fetch-Site: same-origin\r\n' +
        'Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nuser=\r\nzz\r\n',
    );
    await once(socket, 'close');
    expect(received).toMatch(/^HTTP\/1\.1 400 /);
    expect(linesFrom(from).filter((line) => line.level >= ERROR_LEVEL)).toEqual([]);
  });

  it('logs a 500 once, with the cause', async () => {
    const browser = server.browser();
    expect((await browser.signIn('triager')).statusCode).toBe(303);
    await sql`drop table triage_states`.execute(server.database.db);
    const from = capturedLogs.length;
    expect((await browser.get('/inbox')).statusCode).toBe(500);
    const errors = linesFrom(from).filter((line) => line.level >= ERROR_LEVEL);
    expect(errors.filter((line) => line.msg === 'unexpected error in the inbox')).toEqual([
      expect.objectContaining({ err: expect.objectContaining({ type: 'SqliteError', code: 'SQLITE_ERROR' }) }),
    ]);
  });
});
