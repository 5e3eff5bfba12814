/**
 * The device's side of the intake API (server/routes): enrolling the device, sending a referral and
 * asking what the front door decided.
 * Every answer becomes either a success or a reason code from the shared vocabulary
 * (src/domain/sync/reason-codes.ts), so the outbox knows what to tell the practitioner and whether
 * trying again can help. A request that gets no answer in time is 'offline' when the browser knows
 * it has no network and 'server-unavailable' otherwise; `navigator.onLine` alone is never trusted
 * to say the server can be reached, so each outcome is also reported to the connection status.
 */
import { z } from 'zod';
import { isReasonCode, type ReasonCode } from '../domain/sync/reason-codes.ts';
import { submissionStatusSchema, type SubmissionStatus } from '../domain/sync/status-schema.ts';
import { receiptSchema, type Receipt, type Submission } from '../domain/sync/submission-schema.ts';

export const API_BASE_PATH = '/api/v1';
/** A referral is at most 256 KiB: on a weak signal that can take a while, but not forever. */
export const SUBMIT_TIMEOUT_MS = 30_000;
export const ENROL_TIMEOUT_MS = 15_000;
/** Asking what became of a sent referral: small, and nothing waits on it. */
export const STATUS_TIMEOUT_MS = 15_000;
/** The longest Retry-After honoured; a larger one is treated as this (the device keeps trying). */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

export interface ApiIssue {
  path: string;
  message: string;
}

export interface ApiFailure {
  ok: false;
  reason: ReasonCode;
  /** The HTTP status, absent when no answer came. */
  status?: number;
  /** From a Retry-After header. */
  retryAfterMs?: number;
  /** For a 422: the paths of the fields at fault and what is wrong, never their values. */
  issues?: ApiIssue[];
}

export type SubmitResult = { ok: true; receipt: Receipt; replayed: boolean } | ApiFailure;
/** `unknown`: the server has no referral of this device's under that id (purged, or another server's). */
export type StatusResult = { ok: true; status: SubmissionStatus } | { ok: false; reason: 'unknown' } | ApiFailure;
export type EnrolResult = { ok: true; deviceId: string; token: string } | ApiFailure;

export interface SubmitRequest {
  token: string;
  idempotencyKey: string;
  submission: Submission;
}

export interface ApiClientOptions {
  /** Where the API is: same origin by default. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Whether the browser believes it has a network (navigator.onLine); only used to name a failure. */
  isOnline?: () => boolean;
  /** A request got no answer at all. */
  onNetworkFailure?: () => void;
  /** A request got an answer, whatever its status. */
  onNetworkSuccess?: () => void;
  submitTimeoutMs?: number;
  enrolTimeoutMs?: number;
}

const problemSchema = z.object({
  code: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

const enrolmentSchema = z.object({ deviceId: z.uuid(), token: z.string().min(1).max(256) });

/** The reason for a status that came without a code we know (a proxy's page, an older server). */
function reasonForStatus(status: number): ReasonCode {
  switch (status) {
    case 401:
    case 403:
      return 'not-enrolled';
    case 409:
      return 'in-flight';
    case 413:
      return 'too-large';
    case 415:
      return 'unsupported-media-type';
    case 429:
      return 'rate-limited';
    default:
      // 5xx, 404 from a proxy or a server without the API: the front door is not there right now.
      return 'server-unavailable';
  }
}

/** Retry-After in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

type Answer =
  { kind: 'answer'; status: number; body: unknown; retryAfter: string | null; replayed: boolean } | { kind: 'none' };

export class ApiClient {
  readonly #options: ApiClientOptions;

  constructor(options: ApiClientOptions = {}) {
    this.#options = options;
  }

  /** Exchanges a one-time enrolment code for this device's id and bearer token. */
  async enrol(code: string): Promise<EnrolResult> {
    const answer = await this.#post('/devices/enrol', { code }, {}, this.#options.enrolTimeoutMs ?? ENROL_TIMEOUT_MS);
    if (answer.kind === 'answer' && answer.status === 201) {
      const parsed = enrolmentSchema.safeParse(answer.body);
      if (parsed.success) return { ok: true, ...parsed.data };
      return { ok: false, reason: 'server-unavailable', status: answer.status };
    }
    return this.#failure(answer);
  }

  /**
   * Sends one referral. The same `idempotencyKey` must be sent with every attempt at the same
   * referral: the server then stores it once and answers a repeat with the first receipt.
   */
  async submit({ token, idempotencyKey, submission }: SubmitRequest): Promise<SubmitResult> {
    const answer = await this.#post(
      '/submissions',
      submission,
      { Authorization: `Bearer ${token}`, 'Idempotency-Key': idempotencyKey },
      this.#options.submitTimeoutMs ?? SUBMIT_TIMEOUT_MS,
    );
    if (answer.kind === 'answer' && answer.status === 201) {
      const parsed = receiptSchema.safeParse(answer.body);
      // Stored, but the receipt was garbled on the way: asking again with the same key replays it.
      if (!parsed.success) return { ok: false, reason: 'server-unavailable', status: answer.status };
      return { ok: true, receipt: parsed.data, replayed: answer.replayed };
    }
    return this.#failure(answer);
  }

  /** What the front door has done with a referral this device sent (`id` from its receipt). */
  async status({ token, id }: { token: string; id: string }): Promise<StatusResult> {
    const answer = await this.#request(
      'GET',
      `/submissions/${encodeURIComponent(id)}`,
      undefined,
      { Authorization: `Bearer ${token}` },
      STATUS_TIMEOUT_MS,
    );
    if (answer.kind === 'answer' && answer.status === 200) {
      const parsed = submissionStatusSchema.safeParse(answer.body);
      if (parsed.success) return { ok: true, status: parsed.data };
      return { ok: false, reason: 'server-unavailable', status: answer.status };
    }
    if (
      answer.kind === 'answer' &&
      answer.status === 404 &&
      problemSchema.safeParse(answer.body).data?.code === 'not-found'
    ) {
      return { ok: false, reason: 'unknown' };
    }
    return this.#failure(answer);
  }

  #failure(answer: Answer): ApiFailure {
    if (answer.kind === 'none') {
      const online = this.#options.isOnline?.() ?? true;
      return { ok: false, reason: online ? 'server-unavailable' : 'offline' };
    }
    const problem = problemSchema.safeParse(answer.body);
    const code = problem.success ? problem.data.code : undefined;
    const reason = isReasonCode(code) ? code : reasonForStatus(answer.status);
    const retryAfterMs = parseRetryAfter(answer.retryAfter, Date.now());
    const issues = problem.success ? problem.data.issues : undefined;
    return {
      ok: false,
      reason,
      status: answer.status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(issues ? { issues } : {}),
    };
  }

  #post(path: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
    return this.#request('POST', path, body, { 'Content-Type': 'application/json', ...headers }, timeoutMs);
  }

  async #request(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    headers: Record<string, string>,
    timeoutMs: number,
  ): Promise<Answer> {
    const fetchImpl = this.#options.fetch ?? globalThis.fetch.bind(globalThis);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await fetchImpl(`${this.#options.baseUrl ?? ''}${API_BASE_PATH}${path}`, {
        method,
        headers: { Accept: 'application/json', ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: controller.signal,
        cache: 'no-store',
        credentials: 'omit',
        redirect: 'error',
      });
      const text = await response.text();
      this.#options.onNetworkSuccess?.();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return {
        kind: 'answer',
        status: response.status,
        body: parsed,
        retryAfter: response.headers.get('Retry-After'),
        replayed: response.headers.get('Idempotent-Replayed') === 'true',
      };
    } catch {
      // No answer: refused, reset, DNS, a captive portal's TLS failure, or our own timeout.
      this.#options.onNetworkFailure?.();
      return { kind: 'none' };
    } finally {
      clearTimeout(timer);
    }
  }
}
