/**
 * Signing in and out. A sign-in counts as an attempt against the name typed, from the client's
 * address, before the password is checked (see attemptSignIn); names known or not are treated the
 * same (so the answer never tells anyone which names exist), and unknown names cost the same
 * scrypt time as real ones. A new session gets a new random cookie (no fixation).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { guard, sendHtml, sessionOf, type InboxContext, type SignInResponder } from './context.ts';
import {
  FIRST_SIGN_IN_DELAY_MS,
  LOCKOUT_FAILURES,
  LOCKOUT_WINDOW_MINUTES,
  MAX_SIGN_IN_DELAY_MS,
  NAME_FAILURES_BEFORE_DELAY,
  NAME_FAILURES_LIMIT,
  SESSION_IDLE_MINUTES,
  SESSION_MAX_HOURS,
} from './model.ts';
import { needsRehash, hashPassword, verifyAgainstNothing, verifyPassword } from './passwords.ts';
import { recordAudit } from './store/audit.ts';
import {
  clearAttempts,
  countAttempt,
  createSession,
  deleteSession,
  findUserByName,
  replacePasswordHash,
  touchSession,
} from './store/staff.ts';
import type { FieldError } from './views/components.ts';
import { SIGN_IN_MESSAGES, signInPage, type SignInNotice } from './views/sign-in.ts';
import { clearCookie, CSRF_COOKIE, formToken, SESSION_COOKIE, setCookie } from './web-security.ts';

export const SESSION_LIMITS = { idleMinutes: SESSION_IDLE_MINUTES, maxHours: SESSION_MAX_HOURS };

/** Only an inbox address may follow sign-in: never another site, never a protocol-relative URL. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/inbox(?:[/?][A-Za-z0-9\-._~/?=&%]*)?$/.test(value) && !value.includes('//')
    ? value
    : '/inbox';
}

type SignInResult = { kind: 'signed-in'; userId: string } | { kind: 'wrong' } | { kind: 'locked' };

/** How long an attempt at a name under attack from many addresses waits before it is checked. */
export function signInDelayMs(failuresForName: number): number {
  const over = failuresForName - NAME_FAILURES_BEFORE_DELAY;
  return over <= 0 ? 0 : Math.min(MAX_SIGN_IN_DELAY_MS, FIRST_SIGN_IN_DELAY_MS * 2 ** Math.min(over - 1, 20));
}

/**
 * Checks a password. Failures lock one client address out of one name (LOCKOUT_FAILURES); a name
 * under attack from many addresses slows every attempt and gives each address one try, but the
 * right password from an address that has not failed is still accepted (see model.ts).
 */
export async function attemptSignIn(
  context: InboxContext,
  attempt: { username: string; password: string; client: string },
): Promise<SignInResult> {
  const { db } = context;
  const { username, password, client } = attempt;
  const now = context.now();
  const counts = await countAttempt(db, { username, client }, LOCKOUT_WINDOW_MINUTES, now);
  const allowedFromClient = counts.forName > NAME_FAILURES_LIMIT ? 1 : LOCKOUT_FAILURES;
  if (counts.fromClient > allowedFromClient) return { kind: 'locked' };
  const delay = signInDelayMs(counts.forName - 1);
  if (delay > 0) await context.wait(delay);
  const user = await findUserByName(db, username);
  const matches =
    user && !user.disabled_at
      ? await verifyPassword(password, user.password_hash)
      : await verifyAgainstNothing(password, context.passwordParameters);
  if (!user || !matches) {
    if (user) {
      const details = { userId: user.id, attempt: counts.fromClient, attemptsForName: counts.forName };
      await recordAudit(db, { actor: 'unknown', action: 'sign-in-failed', details }, now);
      if (counts.fromClient === allowedFromClient)
        await recordAudit(db, { actor: 'unknown', action: 'locked-out', details }, now);
    }
    return counts.fromClient >= allowedFromClient ? { kind: 'locked' } : { kind: 'wrong' };
  }
  await clearAttempts(db, username, client);
  if (needsRehash(user.password_hash, context.passwordParameters)) {
    await replacePasswordHash(db, user.id, await hashPassword(password, context.passwordParameters), now);
  }
  await recordAudit(db, { actor: { id: user.id, username: user.username }, action: 'signed-in' }, now);
  return { kind: 'signed-in', userId: user.id };
}

/** The sign-in page, its form's token bound to "signed-out" (see web-security.ts). */
export function signInResponder(): SignInResponder {
  return async (request, reply) => {
    const notice: SignInNotice =
      (request.query as Record<string, unknown> | undefined)?.notice === 'signed-out'
        ? 'signed-out'
        : request.inboxHadCookie
          ? 'session-ended'
          : undefined;
    return renderSignIn(request, reply, {
      status: request.url.split('?')[0]?.replace(/\/$/, '') === '/inbox' ? 200 : 401,
      notice,
    });
  };
}

function renderSignIn(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { status: number; notice?: SignInNotice; username?: string; errors?: FieldError[]; next?: string },
) {
  // One secret per browser, so two tabs on the sign-in page both work.
  const csrfToken = formToken(request, reply);
  if (request.inboxHadCookie) clearCookie(request, reply, SESSION_COOKIE);
  const next = options.next ?? safeNext(request.method === 'GET' ? request.url : '/inbox');
  return sendHtml(
    reply,
    options.status,
    signInPage({ csrfToken, next, notice: options.notice, username: options.username, errors: options.errors }),
  );
}

export function registerSignInRoutes(inbox: FastifyInstance, context: InboxContext, signIn: SignInResponder) {
  inbox.post(
    '/sign-in',
    { config: { rateLimit: { max: context.signInPerMinute, timeWindow: 60_000 } } },
    async (request, reply) => {
      // Its token was checked with every post's (plugin.ts).
      const body = (request.body ?? {}) as Record<string, string | undefined>;
      const username = (body.username ?? '').trim().slice(0, 200);
      const password = (body.password ?? '').slice(0, 1024);
      const next = safeNext(body.next);
      const errors: FieldError[] = [];
      if (!username) errors.push({ field: 'username', message: SIGN_IN_MESSAGES.username });
      if (!password) errors.push({ field: 'password', message: SIGN_IN_MESSAGES.password });
      if (!errors.length) {
        const result = await attemptSignIn(context, { username, password, client: request.ip });
        if (result.kind === 'signed-in') {
          // A session this browser already had ends: one browser, one session, never a fixed one.
          if (request.inboxSession) await deleteSession(context.db, request.inboxSession.idHash);
          const { token } = await createSession(context.db, result.userId, SESSION_LIMITS, context.now());
          // A new secret for the session: no token printed before sign-in works after it.
          clearCookie(request, reply, CSRF_COOKIE);
          setCookie(request, reply, SESSION_COOKIE, token);
          return reply.redirect(next, 303);
        }
        errors.push({ field: 'username', message: SIGN_IN_MESSAGES[result.kind] });
      }
      return renderSignIn(request, reply, { status: 400, username, errors, next });
    },
  );

  // The "Stay signed in" button of the idle warning (assets/session.js): any form post would do.
  inbox.post('/session/extend', { preHandler: guard(signIn, { kind: 'form' }) }, async (request, reply) => {
    await touchSession(context.db, sessionOf(request).idHash, context.now());
    return reply.code(204).send();
  });

  inbox.post('/sign-out', { preHandler: guard(signIn, { kind: 'form' }) }, async (request, reply) => {
    const session = sessionOf(request);
    await deleteSession(context.db, session.idHash);
    await recordAudit(context.db, { actor: session.user, action: 'signed-out' }, context.now());
    clearCookie(request, reply, SESSION_COOKIE);
    // Not "storage": the app's encrypted drafts and unsent referrals live in this origin's IndexedDB.
    reply.header('Clear-Site-Data', '"cache", "cookies"');
    return reply.redirect('/inbox?notice=signed-out', 303);
  });
}
