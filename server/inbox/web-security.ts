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
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'inbox_session';
export const SIGN_IN_COOKIE = 'inbox_sign_in';
export const COOKIE_PATH = '/inbox';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The value of one cookie (parsed by @fastify/cookie), if it looks like one of our tokens and the
 * browser sent it once: two cookies of one name mean another site or subdomain planted one.
 */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const value = request.cookies[name];
  if (!value || !TOKEN_PATTERN.test(value)) return undefined;
  const sent = (request.headers.cookie ?? '').split(';').filter((part) => part.trim().startsWith(`${name}=`));
  return sent.length === 1 ? value : undefined;
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
