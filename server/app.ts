/**
 * The intake server as a Fastify instance: security headers and the request log on everything,
 * then the API under /api/v1, the front door's inbox under /inbox, then the built PWA. `buildApp`
 * takes everything it needs, so tests build it on a temporary database and call it with `inject`,
 * and `main.ts` listens on a port.
 */
// First: zod compiles its parsers on the server, unlike in the browser (see zod-config.ts).
import './zod-config.ts';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { MAX_SUBMISSION_BYTES } from '../src/domain/sync/submission-schema.ts';
import type { Config } from './config.ts';
import type { DocumentRegistry } from './documents.ts';
import { capConnectionsPerAddress, timeoutOptions } from './http/connection-limits.ts';
import { registerCompression } from './http/compression.ts';
import { registerRequestLog, requestId } from './http/logging.ts';
import { ApiError, databaseUnavailable, handleError, sendProblem } from './http/problems.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { registerStaticApp } from './http/static-app.ts';
import { registerInbox, type InboxOptions } from './inbox/plugin.ts';
import { deviceAuthentication, registerDeviceRoutes } from './routes/devices.ts';
import { registerMetaRoutes } from './routes/meta.ts';
import { registerSubmissionStatusRoute } from './routes/submission-status.ts';
import { registerSubmissionRoutes } from './routes/submissions.ts';
import type { OpenDatabase } from './store/database.ts';
import { postgresRateLimitStore } from './store/rate-limit-store.ts';
import { referenceOf } from './store/references.ts';
import { submissionStore } from './store/submissions.ts';

export type AppConfig = Pick<Config, 'staticDir' | 'rateLimitPerMinute' | 'enrolRateLimitPerMinute' | 'trustProxy'> &
  Partial<Pick<Config, 'requestTimeoutMs' | 'maxConnectionsPerAddress' | 'inboxCsrfKey'>>;

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 100;

export interface AppDependencies {
  config: AppConfig;
  database: OpenDatabase;
  documents: DocumentRegistry;
  logger: Logger;
  /** On SQLite, the Idempotency-Keys being saved right now (given by tests to stage a request in flight). */
  keysInFlight?: Set<string>;
  /** The front door's inbox: a clock and scrypt's cost, which tests change. */
  inbox?: Pick<InboxOptions, 'now' | 'wait' | 'passwordParameters' | 'signInPerMinute'>;
}

export async function buildApp({
  config,
  database,
  documents,
  logger,
  keysInFlight,
  inbox,
}: AppDependencies): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Fastify's own request lines would log URLs; registerRequestLog writes a safe one instead.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: (request) => requestId(request.headers['x-request-id']),
    bodyLimit: MAX_SUBMISSION_BYTES,
    // `__proto__` and `constructor.prototype` keys are refused (400), never merged.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // A number is how many proxies in front of the server to believe about the client's address.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(config.trustProxy)
        : config.trustProxy,
    return503OnClosing: true,
    ...timeoutOptions(config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
  });
  capConnectionsPerAddress(app.server, config.maxConnectionsPerAddress ?? DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);

  await registerSecurityHeaders(app);
  registerRequestLog(app);
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    database.monitor.note(error);
    return handleError(error, request, reply);
  });
  // A referral must never be written where it cannot be read back: a damaged database takes no more.
  app.addHook('onRequest', async (_request, reply) => {
    if (database.monitor.state === 'damaged' && !['GET', 'HEAD'].includes(_request.method)) {
      return sendProblem(reply, databaseUnavailable('damaged', reply));
    }
    return undefined;
  });
  // JSON only: anything else, text/plain included, is a 415.
  app.removeContentTypeParser('text/plain');

  await registerCompression(app);
  await app.register(rateLimit, {
    global: false,
    // Several app servers share PostgreSQL: they must share the counters too. SQLite has one.
    ...(database.dialect === 'postgres' && { store: postgresRateLimitStore(database.counters) }),
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, 'rate-limited', `Too many requests: try again in ${context.after}.`),
  });

  registerMetaRoutes(app, database, documents);
  registerDeviceRoutes(app, database.db, config.enrolRateLimitPerMinute);
  // One look-up for both routes, so that their requests share its batches.
  const authenticate = deviceAuthentication(database.db);
  registerSubmissionRoutes(app, {
    store: submissionStore(database.writer, database.dialect, keysInFlight),
    documents,
    authenticate,
    perMinute: config.rateLimitPerMinute,
    referenceOf: (id) => referenceOf(database.db, id),
  });
  registerSubmissionStatusRoute(app, {
    db: database.db,
    authenticate,
    perMinute: config.rateLimitPerMinute,
  });
  // Before the app: its catch-all would otherwise answer /inbox with index.html.
  await registerInbox(app, {
    ...inbox,
    db: database.db,
    monitor: database.monitor,
    documents,
    csrfKey: config.inboxCsrfKey,
  });
  await registerStaticApp(app, config.staticDir);
  return app;
}
