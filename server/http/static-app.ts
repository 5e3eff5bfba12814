/**
 * Serves the built PWA (dist/) beside the API. Caching follows what the service worker needs:
 * index.html and sw.js are always revalidated (`no-cache`), so an update is seen at once;
 * content-hashed files under /assets never change and may be kept for a year. Any other GET
 * that looks like an app route (no file extension) gets index.html, so deep links work.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { isApiUrl } from './security-headers.ts';
import { ApiError, sendProblem } from './problems.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export class StaticDirError extends Error {
  override name = 'StaticDirError';
}

function cacheControlFor(relativePath: string): string {
  return relativePath.startsWith(`assets${path.sep}`) ? IMMUTABLE : REVALIDATE;
}

/** An app route such as /drafts/123, as opposed to a missing file such as /assets/old.js. */
function isAppRoute(url: string): boolean {
  const pathname = url.split('?')[0] ?? '/';
  const last = pathname.split('/').pop() ?? '';
  return !pathname.startsWith('/assets/') && !last.includes('.');
}

export async function registerStaticApp(app: FastifyInstance, root: string | null) {
  const notFound = (_request: FastifyRequest, reply: FastifyReply) =>
    sendProblem(reply, new ApiError(404, 'not-found', 'There is nothing at this address.'));

  if (!root) {
    app.setNotFoundHandler(notFound);
    return;
  }
  if (!existsSync(path.join(root, 'index.html'))) {
    throw new StaticDirError(`There is no built app in ${root}: run \`npm run build\` first, or set STATIC_DIR.`);
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: true,
    serveDotFiles: false,
    // The build writes each text file also as .br and .gz (vite.config.ts): those are sent as they
    // are, so no request waits for the server to compress a script (@fastify/compress leaves a
    // response that already has a Content-Encoding alone).
    preCompressed: true,
    // Cache-Control is ours to decide, per file.
    cacheControl: false,
    setHeaders(reply, filePath) {
      reply.header('Cache-Control', cacheControlFor(path.relative(root, filePath)));
    },
  });

  app.setNotFoundHandler((request, reply) => {
    const isRead = request.method === 'GET' || request.method === 'HEAD';
    if (isApiUrl(request.url) || !isRead || !isAppRoute(request.url)) return notFound(request, reply);
    return reply.header('Cache-Control', REVALIDATE).sendFile('index.html');
  });
}
