import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from './support/harness.ts';

/** Opens a raw socket to the server; `received` collects what it answers. */
async function rawSocket(port: number) {
  const socket = net.connect({ port, host: '127.0.0.1' });
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  const closed = once(socket, 'close');
  await once(socket, 'connect');
  return { socket, closed, received: () => received };
}

describe('slow and greedy clients', () => {
  let testDatabase: TestDatabase;
  let server: TestApp;
  let port: number;

  beforeAll(async () => {
    testDatabase = await createTestDatabase('sqlite');
    server = await startTestApp(testDatabase, { requestTimeoutMs: 300, maxConnectionsPerAddress: 3 });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    port = (server.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await server.close();
    await testDatabase.drop();
  });

  it('closes a request whose body stops half way, within the timeout', async () => {
    const client = await rawSocket(port);
    client.socket.write(
      'POST /api/v1/devices/enrol HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        'Content-Length: 1000\r\n\r\n{"code":',
    );
    await client.closed;
    expect(client.received()).not.toMatch(/^HTTP\/1\.1 2/);
  });

  it('closes a request whose headers never end', async () => {
    const client = await rawSocket(port);
    client.socket.write('GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
    await client.closed;
    expect(client.received()).not.toContain('"status"');
  });

  it('closes connections beyond the cap per address at once, and keeps serving the others', async () => {
    const first = await rawSocket(port);
    const kept = [first, await rawSocket(port), await rawSocket(port)];
    const refused = await rawSocket(port);
    await refused.closed;
    expect(refused.received()).toBe('');
    first.socket.write('GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    await first.closed;
    expect(first.received()).toMatch(/^HTTP\/1\.1 200 /);
    for (const client of kept) client.socket.destroy();
  });
});
