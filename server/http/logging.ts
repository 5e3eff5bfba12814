/**
 * Structured logs (pino, JSON lines on stdout) that carry pseudonymous ids only.
 *
 * Fastify's own request logging is off: it would log URLs and headers. Instead each response
 * gets one line with the request id, method, route pattern (never the raw URL), status, duration,
 * device id and reason code. Bodies, header values, validation messages and database error
 * details are never logged: they can hold a child's name, date of birth, address or free text.
 */
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export function createLogger(level: LoggerOptions['level'], destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'levels-of-need' },
    // Belt and braces: should anyone log a request or an error object directly, only safe parts go out.
    serializers: { err: safeError, req: () => undefined, res: () => undefined },
    redact: { paths: ['headers.authorization', '*.headers.authorization', 'body', '*.body'], remove: true },
  };
  // Standard output is written asynchronously: lines that arrive while a write is under way go
  // out together in the next one, instead of one blocking write per request (pino flushes what
  // is left when the process exits).
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}

/** Quoted text and parenthesised key/value details in database messages can be row values. */
function redactMessage(message: string): string {
  return message
    .replace(/"[^"]*"/g, '"…"')
    .replace(/'[^']*'/g, "'…'")
    .replace(/\([^)]*\)=\([^)]*\)/g, '(…)')
    .slice(0, 300);
}

/** What may be logged of an error: its type, code, a redacted message and the stack frames. */
export function safeError(error: unknown): { type: string; code?: string; message: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: 'a value that is not an Error was thrown' };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    ...(typeof code === 'string' && { code }),
    message: redactMessage(error.message),
    // The stack's first line repeats the message unredacted; keep only the frames.
    stack: (error.stack ?? '')
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .slice(0, 15)
      .join('\n'),
  };
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,64}$/;

/** A load balancer's request id is kept if it looks like one (no log injection), else a new UUID. */
export function requestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID_PATTERN.test(header) ? header : randomUUID();
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set once the bearer token has been checked. */
    deviceId?: string;
  }
  interface FastifyReply {
    /** The reason code of an error response, for the log line. */
    problemCode?: string;
  }
}

export function registerRequestLog(app: FastifyInstance) {
  app.decorateRequest('deviceId', undefined);
  app.decorateReply('problemCode', undefined);
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const status = reply.statusCode;
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? '(none)',
      status,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      ...(request.deviceId && { deviceId: request.deviceId }),
      ...(reply.problemCode && { code: reply.problemCode }),
    };
    if (status >= 500) request.log.error(line, 'request failed');
    else request.log.info(line, 'request');
  });
}
