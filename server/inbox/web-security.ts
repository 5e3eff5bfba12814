/**
 * The inbox's defences for a browser session:
 *
 * - cookies scoped to /inbox, HttpOnly, SameSite=Strict, and Secure whenever the request came
 *   over HTTPS (directly, or through a proxy the server trusts, see TRUST_PROXY);
 * - a same-origin check on every form post (Sec-Fetch-Site, else Origin), so a post from another
 *   site is refused before anything else is looked at;
 * - a synchronizer token on every form: the session's own, or before sign-in a random value in a
 *   cookie matched by the form (so nobody can sign a browser in to an account of theirs).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'inbox_session';
export const SIGN_IN_COOKIE = 'inbox_sign_in';
export const COOKIE_PATH = '/inbox';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The value of one cookie, if it is present once and looks like one of our tokens. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie ?? '';
  const values = header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${name}=`))
    .map((part) => part.slice(name.length + 1));
  const [value] = values;
  return values.length === 1 && value && TOKEN_PATTERN.test(value) ? value : undefined;
}

function cookieAttributes(request: FastifyRequest): string {
  return `Path=${COOKIE_PATH}; HttpOnly; SameSite=Strict${request.protocol === 'https' ? '; Secure' : ''}`;
}

/** Fastify appends each Set-Cookie header rather than replacing the last. */
function appendCookie(reply: FastifyReply, cookie: string) {
  reply.header('set-cookie', cookie);
}

/** A cookie that lasts as long as the browser session (the server ends it sooner). */
export function setCookie(request: FastifyRequest, reply: FastifyReply, name: string, value: string) {
  appendCookie(reply, `${name}=${value}; ${cookieAttributes(request)}`);
}

export function clearCookie(request: FastifyRequest, reply: FastifyReply, name: string) {
  appendCookie(reply, `${name}=; Max-Age=0; ${cookieAttributes(request)}`);
}

export const newToken = () => randomBytes(32).toString('base64url');

export function tokensMatch(given: unknown, expected: string | undefined): boolean {
  if (typeof given !== 'string' || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

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
