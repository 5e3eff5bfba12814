/**
 * The inbox's defences for a browser session:
 *
 * - cookies scoped to /inbox, HttpOnly, SameSite=Strict, and Secure whenever the request came
 *   over HTTPS (directly, or through a proxy the server trusts, see TRUST_PROXY);
 * - a same-origin check on every form post (Sec-Fetch-Site, else Origin), so a post from another
 *   site is refused before anything else is looked at;
 * - a CSRF token on every form (@fastify/csrf-protection): made from a secret in this browser's
 *   cookie and bound, with a server key, to the session it was printed for, or before sign-in to
 *   "signed-out" (so nobody can sign a browser in to an account of theirs). A token from before
 *   sign-in, or from another session, is refused; signing in starts a new secret.
 */
import type { CookieSerializeOptions } from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'inbox_session';
export const CSRF_COOKIE = 'inbox_csrf';
export const COOKIE_PATH = '/inbox';
const SIGNED_OUT = 'signed-out';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Whether the browser sent a cookie of this name once: two mean another site or subdomain planted one. */
function sentOnce(request: FastifyRequest, name: string): boolean {
  return (request.headers.cookie ?? '').split(';').filter((part) => part.trim().startsWith(`${name}=`)).length === 1;
}

/** The value of one cookie (parsed by @fastify/cookie), if it looks like one of our tokens and was sent once. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const value = request.cookies[name];
  return value && TOKEN_PATTERN.test(value) && sentOnce(request, name) ? value : undefined;
}

function cookieOptions(request: FastifyRequest): CookieSerializeOptions {
  return { path: COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' };
}

/** A cookie that lasts as long as the browser session (the server ends it sooner). */
export function setCookie(request: FastifyRequest, reply: FastifyReply, name: string, value: string) {
  reply.setCookie(name, value, cookieOptions(request));
}

export function clearCookie(request: FastifyRequest, reply: FastifyReply, name: string) {
  reply.clearCookie(name, cookieOptions(request));
}

/** Whom a form's token belongs to: the signed-in session (by its id's hash), or nobody yet. */
const tokenOwner = (request: FastifyRequest) => request.inboxSession?.idHash ?? SIGNED_OUT;

/**
 * Registers @fastify/csrf-protection on the inbox (after @fastify/cookie): `hmacKey` binds each
 * token to its owner, so every app server sharing a database needs the same key.
 */
export async function registerCsrfProtection(inbox: FastifyInstance, hmacKey: string | Buffer) {
  await inbox.register(csrfProtection, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: CSRF_COOKIE,
    // Secure is added per request by formToken, as for the other cookies.
    cookieOpts: { path: COOKIE_PATH, httpOnly: true, sameSite: 'strict' },
    getToken: (request) => {
      const token = (request.body as Record<string, unknown> | undefined)?.csrfToken;
      return typeof token === 'string' ? token : undefined;
    },
    getUserInfo: tokenOwner,
    csrfOpts: { hmacKey, userInfo: true },
  });
}

/** The token for this page's forms (their hidden `csrfToken` field); sets the secret cookie when new. */
export function formToken(request: FastifyRequest, reply: FastifyReply): string {
  return reply.generateCsrf({ ...cookieOptions(request), userInfo: tokenOwner(request) });
}

/**
 * Checks a form post's token (a preHandler hook for the inbox). A post without a session, other
 * than signing in, is not checked here: the route's guard answers it with the sign-in page and it
 * changes nothing. A secret cookie sent twice was planted, and fails like a forged token.
 */
export function checkFormToken(inbox: FastifyInstance) {
  return (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    if (request.method !== 'POST') return done();
    if (!request.inboxSession && request.routeOptions.url !== `${COOKIE_PATH}/sign-in`) return done();
    if (request.cookies[CSRF_COOKIE] !== undefined && !sentOnce(request, CSRF_COOKIE)) {
      request.cookies[CSRF_COOKIE] = undefined;
    }
    inbox.csrfProtection(request, reply, done);
  };
}

/** Whether an error is @fastify/csrf-protection refusing a form (no secret, or a wrong token). */
export const isFormTokenRefusal = (error: { code?: string }) =>
  error.code === 'FST_CSRF_MISSING_SECRET' || error.code === 'FST_CSRF_INVALID_TOKEN';

/**
 * Whether a form post came from a page of this site. Current browsers send Sec-Fetch-Site, which
 * decides alone: the server's `Referrer-Policy: no-referrer` makes Chromium send `Origin: null`
 * even on same-origin form posts. Older browsers send only Origin, which must then name this
 * site ("null" is refused). A request with neither comes from a tool, not from a browser that a
 * forged page could drive, and still needs the CSRF token.
 */
export function isSameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  return origin === `${request.protocol}://${request.host}`;
}
