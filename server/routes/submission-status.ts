/**
 * `GET /api/v1/submissions/{id}`: the device that sent a referral asks what the front door has
 * done with it. Another device's referral, or one the server does not have (never sent, or purged
 * by retention), answers the same 404, so a device learns nothing of referrals it did not send.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { submissionStatusSchema, type SubmissionStatus } from '../../src/domain/sync/status-schema.ts';
import { ApiError } from '../http/problems.ts';
import type { Tables } from '../store/schema.ts';
import { statusForDevice } from '../store/submission-status.ts';

export interface SubmissionStatusRouteOptions {
  db: Kysely<Tables>;
  authenticate: (request: FastifyRequest) => Promise<void>;
  perMinute: number;
}

export function registerSubmissionStatusRoute(app: FastifyInstance, options: SubmissionStatusRouteOptions) {
  app.get<{ Params: { id: string } }>(
    '/api/v1/submissions/:id',
    {
      onRequest: [options.authenticate],
      config: {
        rateLimit: {
          max: options.perMinute,
          timeWindow: 60_000,
          keyGenerator: (request) => `device-status:${request.deviceId ?? request.ip}`,
        },
      },
    },
    async (request) => {
      const deviceId = request.deviceId;
      if (!deviceId) throw new Error('the status route ran without authentication');
      const id = request.params.id.slice(0, 100);
      const status = await statusForDevice(options.db, deviceId, id);
      if (!status) {
        throw new ApiError(404, 'not-found', 'This device sent no referral with that id, or it is no longer kept.');
      }
      return submissionStatusSchema.parse(status) satisfies SubmissionStatus;
    },
  );
}
