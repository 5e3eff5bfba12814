/**
 * Device enrolment (`POST /api/v1/devices/enrol`) and the bearer-token check every device route
 * runs first. A code is exchanged once for a token; a used, expired or unknown code is a 401.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { deviceLookup, enrolDevice } from '../store/devices.ts';
import type { Tables } from '../store/schema.ts';
import { bearerToken } from '../tokens.ts';
import { ApiError, issuesFrom } from '../http/problems.ts';

export const enrolmentRequestSchema = z
  .strictObject({
    code: z.string().min(1, 'Enter the enrolment code').max(64, 'The enrolment code is too long'),
  })
  .meta({ examples: [{ code: '7KQ2-M9XD-4RTF-0HWC' }] });

export const enrolmentSchema = z
  .strictObject({
    deviceId: z.uuid(),
    token: z.string().meta({ description: 'Send as `Authorization: Bearer <token>`. Shown once; keep it encrypted.' }),
  })
  .meta({ description: 'The device id and its bearer token.' });

const notEnrolled = () =>
  new ApiError(401, 'not-enrolled', 'This device is not enrolled, or has been revoked. Ask for a new enrolment code.');

/** An onRequest hook: sets `request.deviceId` or refuses with 401 before the body is read. */
export function deviceAuthentication(db: Kysely<Tables>) {
  const lookUp = deviceLookup(db);
  return async (request: FastifyRequest) => {
    const token = bearerToken(request.headers.authorization);
    const deviceId = token && (await lookUp(token));
    if (!deviceId) throw notEnrolled();
    request.deviceId = deviceId;
  };
}

export function registerDeviceRoutes(app: FastifyInstance, db: Kysely<Tables>, enrolPerMinute: number) {
  app.post(
    '/api/v1/devices/enrol',
    // Keyed by address: codes carry 80 bits, but nobody gets to try many.
    { config: { rateLimit: { max: enrolPerMinute, timeWindow: 60_000 } } },
    async (request, reply) => {
      const parsed = enrolmentRequestSchema.safeParse(request.body);
      if (!parsed.success) {
        throw new ApiError(422, 'invalid-submission', 'Send {"code": "…"}.', issuesFrom(parsed.error.issues));
      }
      const enrolment = await enrolDevice(db, parsed.data.code);
      if (!enrolment) {
        throw new ApiError(401, 'not-enrolled', 'This enrolment code is not valid: it may have been used or expired.');
      }
      request.deviceId = enrolment.deviceId;
      return reply.code(201).send(enrolmentSchema.parse(enrolment));
    },
  );
}
