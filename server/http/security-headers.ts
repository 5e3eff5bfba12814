/**
 * Headers sent with every response, API and static alike, errors and 404s included (onSend runs
 * for all of them). The CSP allows only this origin: no inline script or style, no framing, no
 * plugins, no <base>; images may also be data: URLs (the app's icons). 'wasm-unsafe-eval' lets the
 * app compile its own WebAssembly (Argon2id, src/data/crypto/kdf.ts) from this origin; unlike
 * 'unsafe-eval' it allows no JavaScript eval.
 */
import type { FastifyInstance } from 'fastify';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  // Ignored by browsers over plain HTTP; behind the TLS proxy it keeps devices on HTTPS.
  'Strict-Transport-Security': 'max-age=31536000',
};

/** Whether a request URL is for the API: `/api` or anything under it, whatever the query. */
export function isApiUrl(url: string): boolean {
  const pathname = url.split('?')[0] ?? '';
  return pathname === '/api' || pathname.startsWith('/api/');
}

export function registerSecurityHeaders(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    // API answers hold personal data or receipts: no browser, proxy or service worker may keep them.
    // Anything else without a policy of its own (a 404, say) is not kept either.
    if (isApiUrl(request.url) || !reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
  });
}
