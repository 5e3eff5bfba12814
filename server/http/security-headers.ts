/**
 * Headers sent with every response, API and static alike, errors and 404s included: helmet's,
 * set to this service's policy. The CSP allows only this origin: no inline script or style, no
 * framing, no plugins, no <base>; images may also be data: URLs (the app's icons).
 */
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  // 'wasm-unsafe-eval' lets the app compile its own WebAssembly (Argon2id, src/data/crypto/kdf.ts)
  // from this origin; unlike 'unsafe-eval' it allows no JavaScript eval.
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'self'"],
};

/** The policy as helmet writes it in the header. */
export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join(';');

/** Not helmet's to set. */
const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

/** Whether a request URL is for the API: `/api` or anything under it, whatever the query. */
export function isApiUrl(url: string): boolean {
  const pathname = url.split('?')[0] ?? '';
  return pathname === '/api' || pathname.startsWith('/api/');
}

export async function registerSecurityHeaders(app: FastifyInstance) {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    // Ignored by browsers over plain HTTP; behind the TLS proxy it keeps devices on HTTPS.
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('Permissions-Policy', PERMISSIONS_POLICY);
    // API answers hold personal data or receipts: no browser, proxy or service worker may keep them.
    // Anything else without a policy of its own (a 404, say) is not kept either.
    if (isApiUrl(request.url) || !reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
  });
}
