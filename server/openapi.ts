/**
 * The OpenAPI 3.1 description served at /api/v1/openapi.json, generated from the same zod schemas
 * the server validates with, so it cannot drift from what the server accepts.
 */
import { z } from 'zod';
import { REASON_DESCRIPTIONS } from '../src/domain/sync/reason-codes.ts';
import { submissionStatusSchema } from '../src/domain/sync/status-schema.ts';
import { MAX_SUBMISSION_BYTES, receiptSchema, submissionSchema } from '../src/domain/sync/submission-schema.ts';
import type { DocumentRegistry } from './documents.ts';
import { problemSchema } from './http/problems.ts';
import { EXAMPLE_IDEMPOTENCY_KEY, exampleSubmission } from './openapi-example.ts';
import { enrolmentRequestSchema, enrolmentSchema } from './routes/devices.ts';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  });
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, extra: object = {}) => ({ content: { 'application/json': { schema, ...extra } } });
const problem = (description: string) => ({ description, ...json(ref('Problem')) });

const reasonList = Object.entries(REASON_DESCRIPTIONS)
  .map(([code, reason]) => `- \`${code}\`: ${reason.summary} (retry ${reason.retry ? 'helps' : 'will not help'})`)
  .join('\n');

export function openApiDocument(documents: DocumentRegistry) {
  const known = documents
    .list()
    .map(({ id, version }) => `\`${id}\` ${version}`)
    .join(', ');
  return {
    openapi: '3.1.0',
    info: {
      title: 'Levels of need: intake API',
      version: '1.0.0',
      description: [
        'Referrals sent from enrolled devices to the front door. Every response is `Cache-Control: no-store`.',
        `Descriptions of need this server knows: ${known}.`,
        '',
        'Errors are `{"code", "message", "issues"?}`; `issues` name field paths, never values. Codes:',
        reasonList,
      ].join('\n'),
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: {
      securitySchemes: {
        device: {
          type: 'http',
          scheme: 'bearer',
          description: 'The token from `POST /api/v1/devices/enrol`. Revoked or unknown tokens get 401.',
        },
      },
      schemas: {
        Submission: jsonSchema(submissionSchema, 'input'),
        Receipt: jsonSchema(receiptSchema, 'output'),
        SubmissionStatus: jsonSchema(submissionStatusSchema, 'output'),
        Problem: jsonSchema(problemSchema, 'output'),
        EnrolmentRequest: jsonSchema(enrolmentRequestSchema, 'input'),
        Enrolment: jsonSchema(enrolmentSchema, 'output'),
      },
    },
    paths: {
      '/api/v1/submissions': {
        post: {
          operationId: 'submitReferral',
          summary: 'Send a referral, exactly once',
          description: [
            'The same Idempotency-Key with the same body returns the first 201 again (with',
            '`Idempotent-Replayed: true`); with a different body, 422 `key-reused`; while the first attempt',
            'is still being saved, 409 `in-flight`. A 201 is sent only after the referral has been committed',
            'to disk. The server recomputes the level on the pinned document version and keeps both.',
          ].join(' '),
          security: [{ device: [] }],
          parameters: [
            {
              name: 'Idempotency-Key',
              in: 'header',
              required: true,
              description: 'A UUID made on the device when the practitioner pressed Send; the same on every retry.',
              schema: { type: 'string', format: 'uuid' },
              example: EXAMPLE_IDEMPOTENCY_KEY,
            },
          ],
          requestBody: {
            required: true,
            description: `At most ${MAX_SUBMISSION_BYTES / 1024} KiB.`,
            ...json(ref('Submission'), { example: exampleSubmission }),
          },
          responses: {
            '201': { description: 'Stored (or stored earlier under this key).', ...json(ref('Receipt')) },
            '400': problem('`invalid-json` (including `__proto__` keys) or `missing-idempotency-key`.'),
            '401': problem('`not-enrolled`: unknown or revoked device.'),
            '409': problem('`in-flight`: an earlier attempt with this key is still being saved. See Retry-After.'),
            '413': problem('`too-large`: over 256 KiB.'),
            '415': problem('`unsupported-media-type`: send application/json.'),
            '422': problem('`invalid-submission`, `unknown-rules-version`, `answers-do-not-fit` or `key-reused`.'),
            '429': problem('`rate-limited`: see Retry-After (seconds).'),
            '500': problem('`server-unavailable`: keep the referral and try again later.'),
          },
        },
      },
      '/api/v1/submissions/{id}': {
        get: {
          operationId: 'submissionStatus',
          summary: 'What the front door has done with a referral this device sent',
          description: [
            "`received`, `in-triage` or `decided`; once decided, the decision's date, level and outcome.",
            'Nothing else: no notes, no names of staff. Only the device that sent the referral may ask;',
            "another device's referral answers 404, exactly as one that does not exist or is no longer kept.",
          ].join(' '),
          security: [{ device: [] }],
          parameters: [
            {
              name: 'id',
              in: 'path',
              required: true,
              description: 'The `id` from the 201 receipt.',
              schema: { type: 'string' },
            },
          ],
          responses: {
            '200': { description: 'The referral as the front door has it now.', ...json(ref('SubmissionStatus')) },
            '401': problem('`not-enrolled`: unknown or revoked device.'),
            '404': problem('`not-found`: this device sent no referral with that id, or it is no longer kept.'),
            '429': problem('`rate-limited`: see Retry-After (seconds).'),
          },
        },
      },
      '/api/v1/devices/enrol': {
        post: {
          operationId: 'enrolDevice',
          summary: 'Exchange a one-time enrolment code for a device token',
          requestBody: { required: true, ...json(ref('EnrolmentRequest')) },
          responses: {
            '201': { description: 'Enrolled. The token is shown once.', ...json(ref('Enrolment')) },
            '401': problem('`not-enrolled`: the code is unknown, used or expired.'),
            '422': problem('`invalid-submission`: the body is not `{"code": "…"}`.'),
            '429': problem('`rate-limited`.'),
          },
        },
      },
      '/api/v1/health': {
        get: {
          operationId: 'health',
          summary: 'For load balancers: 200 when the server can reach its database',
          responses: {
            '200': { description: 'Healthy.' },
            '503': { description: 'The database cannot be reached.' },
          },
        },
      },
      '/api/v1/openapi.json': {
        get: { operationId: 'openApi', summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } },
      },
    },
  };
}
