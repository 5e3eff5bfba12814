/**
 * `POST /api/v1/submissions`: a referral sent from a device's outbox. The checks run cheapest
 * first and each refusal has its own status and reason code, so the device knows whether trying
 * again can help: 401 device → 429 rate → 400 key → 415/413/400 body → 422 schema → idempotency
 * (409 in flight, 422 key reused, 201 replay) → 422 rules version / answers → 201 after commit.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isDocumentAgency } from '../../src/domain/assessment/agencies.ts';
import { AnswersError, assess } from '../../src/domain/engine/assess.ts';
import {
  receiptSchema,
  submissionSchema,
  type Receipt,
  type Submission,
} from '../../src/domain/sync/submission-schema.ts';
import type { DocumentRegistry } from '../documents.ts';
import { ApiError, issuesFrom, type Issue } from '../http/problems.ts';
import { isReferenceCollision, newReference } from '../store/references.ts';
import type { RecordOutcome, SubmissionRecord, SubmissionStore } from '../store/submissions.ts';
import { sha256 } from '../tokens.ts';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IN_FLIGHT_RETRY_AFTER_SECONDS = 1;

/** The key, lower-cased so that a device's two spellings of one UUID are one key. */
export function idempotencyKey(header: string | string[] | undefined): string {
  const key = typeof header === 'string' ? header.trim().toLowerCase() : '';
  if (!UUID_PATTERN.test(key)) {
    throw new ApiError(400, 'missing-idempotency-key', 'Send an Idempotency-Key header holding a UUID.');
  }
  return key;
}

/** JSON with every object's keys sorted: the same submission hashes the same however it was serialised. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Paths of strings holding U+0000, which PostgreSQL cannot store and no one types on purpose. */
function nulCharacterPaths(value: unknown, path: string[] = []): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path.join('.')] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => nulCharacterPaths(item, [...path, String(index)]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => nulCharacterPaths(item, [...path, key]));
  }
  return [];
}

/** The checked submission, and the JSON stored for it (serialised once, also to look for U+0000). */
function parseSubmission(body: unknown): { submission: Submission; payload: string } {
  const parsed = submissionSchema.safeParse(body);
  if (!parsed.success) {
    throw new ApiError(
      422,
      'invalid-submission',
      'Some answers are missing, too long or not in the expected form.',
      issuesFrom(parsed.error.issues),
    );
  }
  const payload = JSON.stringify(parsed.data);
  // JSON writes U+0000 as \u0000: only then is the walk for its paths worth doing.
  const nul = payload.includes('\\u0000') ? nulCharacterPaths(parsed.data) : [];
  if (nul.length) {
    const issues = nul.map((path) => ({ path, message: 'Remove the invisible control character from this answer' }));
    throw new ApiError(422, 'invalid-submission', 'Some answers hold a character that cannot be stored.', issues);
  }
  return { submission: parsed.data, payload };
}

function answersDoNotFit(issues: Issue[]) {
  return new ApiError(
    422,
    'answers-do-not-fit',
    'Some answers do not fit the descriptions of need this referral used.',
    issues,
  );
}

/** Recomputes the level on the pinned document and shapes the row; throws a 422 if the answers do not fit. */
export function buildRecord(
  submission: Submission,
  documents: DocumentRegistry,
  deviceId: string,
  payload = JSON.stringify(submission),
): SubmissionRecord {
  const { documentId, documentVersion } = submission;
  const document = documents.get(documentId, documentVersion);
  if (!document) {
    throw new ApiError(
      422,
      'unknown-rules-version',
      `This server does not have version ${documentVersion} of the descriptions of need "${documentId}".`,
    );
  }
  const levels = new Set(document.levels.map((level) => level.level));
  const levelIssues = (['suggestedLevel', 'practitionerLevel'] as const)
    .filter((field) => !levels.has(submission[field]))
    .map((field) => ({
      path: field,
      message: `This level is not one of the levels in ${documentId} ${documentVersion}`,
    }));
  if (levelIssues.length) throw answersDoNotFit(levelIssues);
  if (!isDocumentAgency(document, submission.referrer.agency)) {
    throw answersDoNotFit([
      {
        path: 'referrer.agency',
        message: `This agency is not one of the agencies in ${documentId} ${documentVersion}`,
      },
    ]);
  }

  let assessment;
  try {
    assessment = assess(document, { ageBand: submission.concern.ageBand, indicators: submission.indicators });
  } catch (error) {
    if (!(error instanceof AnswersError)) throw error;
    const path =
      error.code === 'unknown-age-band' ? 'concern.ageBand' : `indicators.${submission.indicators.indexOf(error.id)}`;
    const message = {
      'unknown-age-band': `This age band is not in ${documentId} ${documentVersion}`,
      'unknown-indicator': `This indicator is not in ${documentId} ${documentVersion}`,
      'not-for-age-band': "This indicator does not apply to the child's age band",
    }[error.code];
    throw answersDoNotFit([{ path, message }]);
  }

  return {
    device_id: deviceId,
    draft_id: submission.draftId,
    schema_version: submission.schemaVersion,
    document_id: documentId,
    document_version: documentVersion,
    age_band: submission.concern.ageBand,
    agency: submission.referrer.agency,
    suggested_level: submission.suggestedLevel,
    engine_level: assessment.suggestedLevel,
    engine_reasons: JSON.stringify(assessment.reasons.map((reason) => reason.id)),
    immediate_risk: assessment.immediateRisk ? 1 : 0,
    practitioner_level: submission.practitionerLevel,
    override_rationale: submission.overrideRationale ?? null,
    started_at: submission.startedAt,
    completed_at: submission.completedAt,
    payload,
    reference: newReference(),
  };
}

/** Tries that many fresh references before giving up: at 6.6 × 10^11 references, a second is rare enough. */
const REFERENCE_ATTEMPTS = 5;

export interface SubmissionRouteOptions {
  store: SubmissionStore;
  documents: DocumentRegistry;
  authenticate: (request: FastifyRequest) => Promise<void>;
  perMinute: number;
  /** The stored reference of a submission, for a replayed receipt. */
  referenceOf: (submissionId: string) => Promise<string | undefined>;
}

/**
 * Records the submission, drawing a new reference if the one drawn is already taken (the unique
 * index refuses it). Returns the outcome and, when this call created the row, the reference it holds.
 */
async function recordWithReference(
  options: SubmissionRouteOptions,
  key: string,
  bodyHash: string,
  build: () => SubmissionRecord,
): Promise<{ outcome: RecordOutcome; reference: string | undefined }> {
  for (let attempt = 1; ; attempt += 1) {
    let built: SubmissionRecord | undefined;
    try {
      const outcome = await options.store.record(key, bodyHash, () => (built = build()));
      if (outcome.kind === 'created') return { outcome, reference: built?.reference };
      if (outcome.kind === 'replayed') return { outcome, reference: await options.referenceOf(outcome.receipt.id) };
      return { outcome, reference: undefined };
    } catch (error) {
      if (!isReferenceCollision(error) || attempt >= REFERENCE_ATTEMPTS) throw error;
    }
  }
}

export function registerSubmissionRoutes(app: FastifyInstance, options: SubmissionRouteOptions) {
  app.post(
    '/api/v1/submissions',
    {
      onRequest: [options.authenticate],
      config: {
        rateLimit: {
          max: options.perMinute,
          timeWindow: 60_000,
          // Runs after authentication, so each device has its own allowance.
          keyGenerator: (request) => `device:${request.deviceId ?? request.ip}`,
        },
      },
      // After authentication and the rate limit, before the body is read.
      preParsing: async (request, _reply, payload) => {
        idempotencyKey(request.headers[IDEMPOTENCY_KEY_HEADER]);
        return payload;
      },
    },
    async (request, reply) => {
      const key = idempotencyKey(request.headers[IDEMPOTENCY_KEY_HEADER]);
      const deviceId = request.deviceId;
      if (!deviceId) throw new Error('the submission route ran without authentication');
      if (request.body === undefined) {
        throw new ApiError(415, 'unsupported-media-type', 'Send the body as application/json.');
      }
      const { submission, payload } = parseSubmission(request.body);
      const bodyHash = sha256(canonicalJson(request.body));
      const { outcome, reference } = await recordWithReference(options, key, bodyHash, () =>
        buildRecord(submission, options.documents, deviceId, payload),
      );

      switch (outcome.kind) {
        case 'in-flight':
          reply.header('Retry-After', String(IN_FLIGHT_RETRY_AFTER_SECONDS));
          throw new ApiError(409, 'in-flight', 'An earlier attempt with this Idempotency-Key is still being saved.');
        case 'key-reused':
          throw new ApiError(422, 'key-reused', 'This Idempotency-Key was used for a different submission.');
        case 'replayed':
          reply.header('Idempotent-Replayed', 'true');
          return reply.code(201).send(receiptSchema.parse({ ...outcome.receipt, reference }) satisfies Receipt);
        case 'created':
          if (outcome.receipt.engineLevel !== submission.suggestedLevel) {
            request.log.warn(
              { suggestedLevel: submission.suggestedLevel, engineLevel: outcome.receipt.engineLevel },
              "the device's suggested level differs from the server's engine",
            );
          }
          return reply.code(201).send(receiptSchema.parse({ ...outcome.receipt, reference }) satisfies Receipt);
      }
    },
  );
}
