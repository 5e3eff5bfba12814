/**
 * Every error the API sends is `{"code", "message", "issues"?}`: a machine code from the sync
 * vocabulary the device understands (src/domain/sync/reason-codes.ts), a sentence for whoever
 * reads the log on the device, and for 422s the paths of the fields at fault. Never a field's
 * value: it is personal data, and it is already on the device.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { REASON_CODES, type ReasonCode } from '../../src/domain/sync/reason-codes.ts';
import { databaseFault, type DatabaseFault } from '../store/database-faults.ts';

/** Codes for answers a device never needs to interpret: a wrong address, a malformed request line. */
export const SERVER_ONLY_CODES = ['not-found', 'bad-request'] as const;
export type ProblemCode = ReasonCode | (typeof SERVER_ONLY_CODES)[number];

export const MAX_ISSUES = 50;

export const issueSchema = z.strictObject({
  path: z.string().meta({ description: 'The field at fault, dotted, e.g. "child.dateOfBirth" or "indicators.3"' }),
  message: z.string(),
});

export const problemSchema = z
  .strictObject({
    code: z.enum([...REASON_CODES, ...SERVER_ONLY_CODES]),
    message: z.string(),
    issues: z.array(issueSchema).max(MAX_ISSUES).optional(),
  })
  .meta({ description: 'Why a request was refused. Never contains a submitted value.' });

export type Issue = z.infer<typeof issueSchema>;
export type Problem = z.infer<typeof problemSchema>;

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly statusCode: number,
    readonly code: ProblemCode,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
  }

  toProblem(): Problem {
    return { code: this.code, message: this.message, ...(this.issues && { issues: this.issues.slice(0, MAX_ISSUES) }) };
  }
}

/** Zod's paths as dotted strings, which is how the app's forms name their fields. */
export function issuesFrom(zodIssues: readonly z.core.$ZodIssue[]): Issue[] {
  return zodIssues.slice(0, MAX_ISSUES).map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

export function sendProblem(reply: FastifyReply, error: ApiError) {
  reply.problemCode = error.code;
  if (error.statusCode === 401) reply.header('WWW-Authenticate', 'Bearer');
  return reply.code(error.statusCode).type('application/json; charset=utf-8').send(error.toProblem());
}

/** Fastify's own refusals, mapped to the vocabulary; their messages are never passed on. */
function fromFastify(error: FastifyError): ApiError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(413, 'too-large', 'The request body is larger than 256 KiB.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'unsupported-media-type', 'Send the body as application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError(400, 'invalid-json', 'The body is not valid JSON, or it contains a forbidden key.');
  }
  const status = error.statusCode;
  if (status && status >= 400 && status < 500) {
    return new ApiError(status, 'bad-request', 'The request could not be understood.');
  }
  return undefined;
}

/** Seconds a device is asked to wait when the database is busy, or damaged. */
export const BUSY_RETRY_AFTER_SECONDS = 5;
export const DAMAGED_RETRY_AFTER_SECONDS = 300;

/** A database that is busy or damaged is not the request's fault: 503, and the device tries again. */
export function databaseUnavailable(fault: DatabaseFault, reply: FastifyReply): ApiError {
  reply.header('Retry-After', String(fault === 'busy' ? BUSY_RETRY_AFTER_SECONDS : DAMAGED_RETRY_AFTER_SECONDS));
  return new ApiError(
    503,
    'server-unavailable',
    fault === 'busy'
      ? 'The front door is busy. Try again in a few seconds.'
      : 'The front door cannot store referrals at the moment. Try again later.',
  );
}

export function handleError(error: FastifyError | ApiError, request: FastifyRequest, reply: FastifyReply) {
  const known = error instanceof ApiError ? error : fromFastify(error);
  if (known) return sendProblem(reply, known);
  const fault = databaseFault(error);
  if (fault === 'busy') request.log.warn({ err: error }, 'the database is busy');
  if (fault === 'damaged') request.log.error({ err: error }, 'the database is damaged');
  if (fault) return sendProblem(reply, databaseUnavailable(fault, reply));
  // The logger's `err` serializer (logging.ts) keeps only what is safe: never the error's data.
  request.log.error({ err: error }, 'unexpected error');
  return sendProblem(
    reply,
    new ApiError(500, 'server-unavailable', 'The server could not handle this request. Try again later.'),
  );
}
