/**
 * A tiny static server for a built app, headers as the intake server sends them (strict CSP,
 * `no-cache` on index.html and sw.js, a year on hashed assets, nothing under /api), and gzip for
 * text as any production web server or TLS proxy in front of it would. The offline and update
 * tests and the bench run it as a child process, so that killing it is a real outage that the
 * service worker sees too. Prints `listening <port>` when ready.
 *
 *   node --import tsx scripts/pwa/static-server.ts <dist dir> [port]
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import { CONTENT_SECURITY_POLICY } from '../../server/http/security-headers.ts';

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.webmanifest', '.json']);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

function send(response: ServerResponse, status: number, cacheControl: string, body = '') {
  response.writeHead(status, { 'Cache-Control': cacheControl, 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(body);
}

export function serveStatic(root: string) {
  return createServer(async (request, response) => {
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'no-store');
    if (pathname === '/api' || pathname.startsWith('/api/')) return send(response, 404, 'no-store', 'Not found');

    let file = path.join(root, pathname);
    if (!file.startsWith(root)) return send(response, 404, 'no-store');
    const found = await stat(file).catch(() => undefined);
    if (!found?.isFile()) {
      // App routes (no file extension) get the app shell, as on the intake server.
      if (path.extname(pathname) || pathname.startsWith('/assets/'))
        return send(response, 404, 'no-store', 'Not found');
      file = path.join(root, 'index.html');
    }
    const relative = path.relative(root, file);
    const extension = path.extname(file);
    const gzip = COMPRESSIBLE.has(extension) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
      'Cache-Control': relative.startsWith(`assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    if (request.method === 'HEAD') return response.end();
    const body = createReadStream(file);
    if (gzip) body.pipe(createGzip()).pipe(response);
    else body.pipe(response);
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const [root, port = '0'] = process.argv.slice(2);
  if (!root) throw new Error('Usage: static-server.ts <dist dir> [port]');
  const server = serveStatic(path.resolve(root));
  server.listen(Number(port), '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : port}\n`);
  });
}
