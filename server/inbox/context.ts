/**
 * What every inbox route is handed (the database, the descriptions of need, a clock), and the
 * guards they share: a signed-in member of staff, and a role.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Agency } from '../../src/domain/thresholds/schema.ts';
import type { DocumentRegistry } from '../documents.ts';
import type { Tables } from '../store/schema.ts';
import type { Role } from './model.ts';
import type { ScryptParameters } from './passwords.ts';
import type { ActiveSession } from './store/staff.ts';
import { messagePage } from './views/sign-in.ts';

export interface InboxContext {
  db: Kysely<Tables>;
  documents: DocumentRegistry;
  now: () => Date;
  /** Waits before checking a password for a name under attack; tests record instead. */
  wait: (ms: number) => Promise<void>;
  passwordParameters: ScryptParameters;
  signInPerMinute: number;
  /** Every level number any document has, lowest first. */
  levels: number[];
  /** Every agency any document lists, by name (see agenciesOf). */
  agencies: readonly Agency[];
  /** An agency's name from the newest document listing it, or its id. */
  agencyName: (id: string) => string;
  /** An indicator's words, from whichever document has it. */
  indicatorText: (id: string) => string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the inbox's onRequest hook when the session cookie names a live session. */
    inboxSession?: ActiveSession;
    /** Whether a session cookie came with the request, live or not (to say "you were signed out"). */
    inboxHadCookie?: boolean;
  }
}

/** Answers, for a request with no live session: the sign-in page, or 401 for data. */
export type SignInResponder = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export function sendHtml(reply: FastifyReply, status: number, body: string) {
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}

export function sendNotSignedIn(reply: FastifyReply) {
  return reply
    .code(401)
    .type('application/json; charset=utf-8')
    .send({ code: 'not-signed-in', message: 'Sign in at /inbox first.' });
}

/** The signed-in session, or throws: call only in a handler behind `guard`. */
export function sessionOf(request: FastifyRequest): ActiveSession {
  const session = request.inboxSession;
  if (!session) throw new Error('an inbox route ran without a session');
  return session;
}

/**
 * A preHandler for a route: page routes answer the sign-in page without a session, data routes
 * (CSV) 401; with `role`, other roles get 403. A `form` is guarded like a page: that a post comes
 * from this site and carries the session's token is checked for every post before this (plugin.ts).
 */
export function guard(
  signIn: SignInResponder,
  options: { kind: 'page' | 'data' | 'form'; role?: Role } = { kind: 'page' },
) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const session = request.inboxSession;
    if (!session) return options.kind === 'data' ? sendNotSignedIn(reply) : signIn(request, reply);
    if (options.role && session.user.role !== options.role) {
      return sendHtml(
        reply,
        403,
        messagePage('You cannot see this page', ['Only administrators can manage staff and devices.'], true),
      );
    }
    return undefined;
  };
}

export const crossSitePage = () =>
  messagePage('This form was sent from another website', [
    'The front door inbox only accepts forms sent from its own pages, so nothing has been changed.',
    'If you were not expecting this, tell your IT service desk.',
  ]);

export const expiredFormPage = () =>
  messagePage('This form has expired', [
    'Nothing has been changed. Go back, reload the page, and send the form again.',
  ]);
