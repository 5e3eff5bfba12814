/**
 * Limits on how long and how many: a client that sends its headers or body slowly, or opens
 * connection after connection, must not hold the server's sockets for ever (issue 14, point 2).
 *
 * - The whole request (headers and body) must arrive within REQUEST_TIMEOUT_SECONDS; Node answers
 *   408 and closes the socket. An idle socket is closed after the same time.
 * - At most MAX_CONNECTIONS_PER_ADDRESS open sockets per client address; more are closed at once.
 *   Behind a reverse proxy every connection comes from the proxy, so the cap is the proxy's too.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Fastify's options for the timeouts (see `buildApp`). */
export function timeoutOptions(requestTimeoutMs: number) {
  return {
    requestTimeout: requestTimeoutMs,
    connectionTimeout: requestTimeoutMs,
    http: {
      headersTimeout: requestTimeoutMs,
      // Node checks the two timeouts above this often (30 s by default, which would double them).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(requestTimeoutMs / 4))),
    },
  };
}

/** Closes each connection beyond `maxPerAddress` from one address as soon as it opens (0: no cap). */
export function capConnectionsPerAddress(server: Server, maxPerAddress: number): void {
  if (maxPerAddress <= 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > maxPerAddress) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
