/**
 * The front door's inbox at /inbox: server-rendered pages for signed-in staff (issue 8).
 *
 * An encapsulated Fastify context, so that what it changes stays here: it parses HTML form posts
 * (the API still accepts JSON only), renders errors as pages, and sends `Cache-Control: no-store`
 * on every response (the service worker never sees /inbox either: see scripts/pwa/vite-pwa.ts).
 * Every form post must come from this site: Sec-Fetch-Site and Origin are checked before the body
 * is read, and the CSRF token (@fastify/csrf-protection, see web-security.ts) after.
 */
import cookie from '@fastify/cookie';
import formBody from '@fastify/formbody';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import { agenciesOf } from '../../src/domain/assessment/agencies.ts';
import type { DocumentRegistry } from '../documents.ts';
import { ApiError } from '../http/problems.ts';
import { databaseFault, type DatabaseMonitor } from '../store/database-faults.ts';
import type { Tables } from '../store/schema.ts';
import { registerAdminRoutes } from './admin-routes.ts';
import { crossSitePage, expiredFormPage, guard, sendHtml, sendNotSignedIn, type InboxContext } from './context.ts';
import { SIGN_IN_ATTEMPTS_PER_MINUTE } from './model.ts';
import { PASSWORD_PARAMETERS, type ScryptParameters } from './passwords.ts';
import { registerReferralRoutes } from './referral-routes.ts';
import { registerReportRoutes } from './report-routes.ts';
import { registerSignInRoutes, SESSION_LIMITS, signInResponder } from './sign-in.ts';
import { findSession, touchSession } from './store/staff.ts';
import { messagePage } from './views/sign-in.ts';
import {
  checkFormToken,
  isFormTokenRefusal,
  isSameOrigin,
  readCookie,
  registerCsrfProtection,
  SESSION_COOKIE,
} from './web-security.ts';

/** Compiled from styles/inbox.scss by the build (scripts/styles/inbox-stylesheet.ts), so read when first asked for. */
const STYLESHEET_FILE = new URL('./assets/inbox.css', import.meta.url);
let stylesheet: string | undefined;
const SESSION_SCRIPT = readFileSync(new URL('./assets/session.js', import.meta.url), 'utf8');
const FORM_BODY_LIMIT_BYTES = 64 * 1024;
/** A session's last activity is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export interface InboxOptions {
  db: Kysely<Tables>;
  documents: DocumentRegistry;
  /** The clock (tests move it); server time stamps every audit event. */
  now?: () => Date;
  /** How sign-in waits for a name under attack (see attemptSignIn); tests record instead. */
  wait?: (ms: number) => Promise<void>;
  /** scrypt's cost for new hashes; tests lower it. */
  passwordParameters?: ScryptParameters;
  signInPerMinute?: number;
  /** Notes database faults (busy, damaged) the inbox meets; see database-faults.ts. */
  monitor?: DatabaseMonitor;
  /**
   * Binds form tokens to sessions (INBOX_CSRF_KEY). Without it, a random key per process: fine for
   * one server (SQLite), but forms open across a restart then show "This form has expired".
   */
  csrfKey?: string;
}

function inboxContext(options: InboxOptions): InboxContext {
  const documents = options.documents.list().flatMap(({ id, version }) => options.documents.get(id, version) ?? []);
  const indicatorTexts = new Map(
    documents.flatMap((document) => document.domains.flatMap((domain) => domain.indicators.map((i) => [i.id, i.text]))),
  );
  const agencies = agenciesOf(documents);
  const agencyNames = new Map(agencies.map((agency) => [agency.id, agency.name]));
  return {
    db: options.db,
    documents: options.documents,
    now: options.now ?? (() => new Date()),
    wait: options.wait ?? ((ms) => setTimeout(ms).then(() => undefined)),
    passwordParameters: options.passwordParameters ?? PASSWORD_PARAMETERS,
    signInPerMinute: options.signInPerMinute ?? SIGN_IN_ATTEMPTS_PER_MINUTE,
    levels: [...new Set(documents.flatMap((document) => document.levels.map((level) => level.level)))].sort(
      (a, b) => a - b,
    ),
    agencies,
    agencyName: (id) => agencyNames.get(id) ?? id,
    indicatorText: (id) => indicatorTexts.get(id) ?? id,
  };
}

/** A field sent twice keeps its first value, as the routes expect a string (never an array). */
function firstValueOfEachField(body: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if (!Object.hasOwn(fields, key)) fields[key] = value;
  }
  return fields;
}

const isDataUrl = (url: string) => (url.split('?')[0] ?? '').endsWith('.csv');

export async function registerInbox(app: FastifyInstance, options: InboxOptions) {
  const context = inboxContext(options);
  const signIn = signInResponder();

  await app.register(
    async (inbox) => {
      await inbox.register(cookie);
      await registerCsrfProtection(inbox, options.csrfKey ?? randomBytes(32));
      // Forms only: no JSON, no text, no multipart here.
      inbox.removeAllContentTypeParsers();
      await inbox.register(formBody, { bodyLimit: FORM_BODY_LIMIT_BYTES, parser: firstValueOfEachField });

      inbox.addHook('onRequest', async (request, reply) => {
        reply.header('Cache-Control', 'no-store');
        if (request.method === 'POST' && !isSameOrigin(request)) {
          return sendHtml(reply, 403, crossSitePage());
        }
        if (request.url.startsWith('/inbox/assets/')) return undefined;
        const token = readCookie(request, SESSION_COOKIE);
        request.inboxHadCookie = token !== undefined;
        if (!token) return undefined;
        const now = context.now();
        const session = await findSession(context.db, token, SESSION_LIMITS, now);
        if (!session) return undefined;
        request.inboxSession = session;
        if (now.getTime() - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS) {
          await touchSession(context.db, session.idHash, now);
        }
        return undefined;
      });
      inbox.addHook('preHandler', checkFormToken(inbox));
      // Whatever a route or an error set, nothing under /inbox may be stored by a browser or proxy.
      inbox.addHook('onSend', async (_request, reply) => {
        reply.header('Cache-Control', 'no-store');
      });

      inbox.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
        const fault = options.monitor ? options.monitor.note(error) : databaseFault(error);
        const clientStatus = error.statusCode && error.statusCode >= 400 && error.statusCode < 500;
        const status = clientStatus ? (error.statusCode ?? 400) : fault ? 503 : 500;
        // Logged once, with its cause (the logger's serializer keeps only what is safe); a client's
        // mistake is not the service's error.
        if (status === 500 || fault === 'damaged') request.log.error({ err: error }, 'unexpected error in the inbox');
        else if (fault === 'busy') request.log.warn({ err: error }, 'the database is busy');
        else request.log.info({ code: error.code, status }, 'the inbox refused a request');
        reply.problemCode = error.code;
        if (isFormTokenRefusal(error)) return sendHtml(reply, 403, expiredFormPage());
        if (status === 503) reply.header('Retry-After', fault === 'busy' ? '5' : '300');
        if (isDataUrl(request.url)) {
          const code = status === 429 ? 'rate-limited' : status >= 500 ? 'server-unavailable' : 'bad-request';
          return reply.code(status).type('application/json; charset=utf-8').send({ code, message: 'Try again later.' });
        }
        const [title, text] =
          status === 429
            ? ['Too many attempts', 'Wait a minute, then try again.']
            : status === 413
              ? ['The form is too large', 'Shorten the note, then send the form again.']
              : status === 415
                ? ['The form could not be read', 'Send the form from the inbox page.']
                : status === 503
                  ? ['Sorry, the service is busy', 'Try again in a few seconds. Nothing was changed.']
                  : status === 500
                    ? ['Sorry, there is a problem with the service', 'Try again later. Nothing was changed.']
                    : ['The request could not be understood', 'Go back and try again.'];
        return sendHtml(reply, status, messagePage(title, [text]));
      });

      inbox.get('/assets/inbox.css', async (_request, reply) =>
        reply.type('text/css; charset=utf-8').send((stylesheet ??= readFileSync(STYLESHEET_FILE, 'utf8'))),
      );
      inbox.get('/assets/session.js', async (_request, reply) =>
        reply.type('text/javascript; charset=utf-8').send(SESSION_SCRIPT),
      );

      registerSignInRoutes(inbox, context, signIn);
      registerReferralRoutes(inbox, context, signIn);
      registerReportRoutes(inbox, context, signIn);
      registerAdminRoutes(inbox, context, signIn);

      // Anything else under /inbox: the sign-in page (or 401) without a session, a 404 page with one.
      const page = guard(signIn, { kind: 'page' });
      inbox.route({
        method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        url: '/*',
        preHandler: async (request, reply) => {
          if (isDataUrl(request.url) && !request.inboxSession) return sendNotSignedIn(reply);
          return page(request, reply);
        },
        handler: async (_request, reply) =>
          sendHtml(reply, 404, messagePage('Page not found', ['Check the address, or go to the referrals.'], true)),
      });
    },
    { prefix: '/inbox' },
  );
}
