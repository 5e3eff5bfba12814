/**
 * Sending for component tests: an outbox kept in memory beside a MemoryDraftStore (OutboxStore
 * needs the Dexie database), the enrolment in memory, and the real API client talking to a small
 * scripted front door. The outbox checks what OutboxStore checks that a test could notice.
 */
import { VaultLockedError } from '../../src/data/crypto/errors.ts';
import type { Vault } from '../../src/data/crypto/vault.ts';
import type { EditableDraft } from '../../src/data/draft-codec.ts';
import { EnrolmentStore, MemoryEnrolmentStorage } from '../../src/data/enrolment-store.ts';
import { DraftNotFoundError } from '../../src/data/errors.ts';
import type { MemoryDraftStore } from '../../src/data/memory-draft-store.ts';
import type { OutboxChange, OutboxEntry } from '../../src/data/outbox-store.ts';
import type { SentDetails } from '../../src/data/records.ts';
import type { ReasonCode } from '../../src/domain/sync/reason-codes.ts';
import type { SubmissionStatus } from '../../src/domain/sync/status-schema.ts';
import type { Receipt, Submission } from '../../src/domain/sync/submission-schema.ts';
import { submissionSchema } from '../../src/domain/sync/submission-schema.ts';
import type { SyncBackend } from '../../src/ui/sync/sync-context.tsx';
import { ApiClient } from '../../src/sync/api-client.ts';
import type { SyncOutbox } from '../../src/sync/outbox-processor.ts';

export const ENROLMENT_CODE = '7KQ2-M9XD-4RTF-0HWC';

export class MemoryOutbox implements SyncOutbox {
  readonly #entries = new Map<string, { entry: OutboxEntry; submission: Submission | null }>();

  constructor(private readonly drafts: MemoryDraftStore) {}

  async enqueue(draft: EditableDraft, submission: Submission, vault: Vault): Promise<OutboxEntry> {
    const parsed = submissionSchema.parse(submission);
    if (parsed.draftId !== draft.id) throw new TypeError('The submission belongs to another draft.');
    // Throws DraftConflictError for a stale draft, as OutboxStore's transaction does.
    await this.drafts.save({ ...draft, status: 'queued' }, vault);
    const at = new Date().toISOString();
    const entry: OutboxEntry = {
      id: crypto.randomUUID(),
      draftId: draft.id,
      idempotencyKey: crypto.randomUUID(),
      schemaVersion: 1,
      status: 'queued',
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
      updatedAt: at,
    };
    this.#entries.set(entry.id, { entry, submission: structuredClone(parsed) });
    return { ...entry };
  }

  async list(): Promise<OutboxEntry[]> {
    return [...this.#entries.values()]
      .map(({ entry }) => ({ ...entry }))
      .sort((a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt));
  }

  async due(now = new Date()): Promise<OutboxEntry[]> {
    return (await this.list()).filter((e) => e.status === 'queued' && e.nextAttemptAt <= now.toISOString());
  }

  async openPayload(id: string, vault: Vault): Promise<Submission> {
    if (vault.isLocked) throw new VaultLockedError();
    const submission = this.#entries.get(id)?.submission;
    if (!submission) throw new DraftNotFoundError(id);
    return structuredClone(submission);
  }

  async update(id: string, change: OutboxChange): Promise<OutboxEntry> {
    const current = this.#entries.get(id);
    if (!current) throw new DraftNotFoundError(id);
    current.entry = { ...current.entry, ...change, updatedAt: new Date().toISOString() };
    return { ...current.entry };
  }

  async complete(id: string, receipt: Receipt, sent?: SentDetails): Promise<OutboxEntry> {
    const current = this.#entries.get(id);
    if (!current) throw new DraftNotFoundError(id);
    const { lastReason: _lastReason, ...rest } = current.entry;
    current.entry = {
      ...rest,
      status: 'sent',
      receipt,
      ...(sent ? { sent } : {}),
      updatedAt: new Date().toISOString(),
    };
    current.submission = null;
    await this.drafts.delete(current.entry.draftId);
    return { ...current.entry };
  }

  async recordOutcome(id: string, outcome: SubmissionStatus): Promise<OutboxEntry | undefined> {
    const current = this.#entries.get(id);
    if (current?.entry.status !== 'sent') return undefined;
    current.entry = { ...current.entry, outcome };
    return { ...current.entry };
  }

  async remove(id: string): Promise<void> {
    this.#entries.delete(id);
  }
}

/** What the scripted front door answers a submission with, instead of storing it. */
export type Refusal = { status: number; code: ReasonCode; retryAfterSeconds?: number };

/** A front door that enrols ENROLMENT_CODE once and stores each Idempotency-Key once. */
export function scriptedFrontDoor() {
  const state = {
    down: false,
    refuse: undefined as Refusal | undefined,
    codes: new Set([ENROLMENT_CODE.replace(/-/g, '')]),
    stored: new Map<string, Receipt>(),
    tokens: new Set<string>(),
    /** What GET /api/v1/submissions/{id} answers, by receipt id; 'received' if not set here. */
    statuses: new Map<string, Pick<SubmissionStatus, 'status' | 'decision'>>(),
  };
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    if (state.down) throw new TypeError('Failed to fetch');
    const path = new URL(String(input), 'http://front-door.test').pathname;
    const headers = new Headers(init.headers);
    const body = (init.body === undefined ? {} : JSON.parse(String(init.body))) as Record<string, unknown>;
    if (path === '/api/v1/devices/enrol') {
      const code = String(body.code).toUpperCase().replace(/[\s-]/g, '');
      if (!state.codes.delete(code)) return json(401, { code: 'not-enrolled', message: 'x' });
      const token = crypto.randomUUID().replace(/-/g, '').padEnd(43, 'x');
      state.tokens.add(token);
      return json(201, { deviceId: crypto.randomUUID(), token });
    }
    if (!state.tokens.has(headers.get('authorization')?.replace('Bearer ', '') ?? '')) {
      return json(401, { code: 'not-enrolled', message: 'x' });
    }
    if (state.refuse) {
      const { status, code, retryAfterSeconds } = state.refuse;
      return json(
        status,
        { code, message: 'x' },
        retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : {},
      );
    }
    if (init.method === 'GET') {
      const receipt = [...state.stored.values()].find((stored) => path.endsWith(`/${stored.id}`));
      if (!receipt?.reference) return json(404, { code: 'not-found', message: 'x' });
      const { id, reference, receivedAt } = receipt;
      return json(200, { id, reference, receivedAt, status: 'received', ...state.statuses.get(id) });
    }
    const key = headers.get('idempotency-key') ?? '';
    const receipt: Receipt = state.stored.get(key) ?? {
      id: `FD-${state.stored.size + 1001}`,
      reference: `K7QM-${'4XRT6789'.slice(state.stored.size % 4, (state.stored.size % 4) + 4)}`,
      receivedAt: '2026-11-23T10:15:00.000Z',
      engineLevel: Number(body.suggestedLevel),
      immediateRisk: false,
    };
    state.stored.set(key, receipt);
    return json(201, receipt);
  };
  return { state, fetch };
}

export type ScriptedFrontDoor = ReturnType<typeof scriptedFrontDoor>;

/** A sending backend over `drafts`, talking to `frontDoor`. */
export function memorySync(drafts: MemoryDraftStore, frontDoor: ScriptedFrontDoor = scriptedFrontDoor()) {
  const enrolment = new EnrolmentStore(new MemoryEnrolmentStorage());
  const backend: SyncBackend = {
    outbox: new MemoryOutbox(drafts),
    enrolment,
    api: new ApiClient({ fetch: frontDoor.fetch, isOnline: () => true }),
  };
  /** Enrols as Settings would, with the vault open. */
  const enrol = async (vault: Vault) => {
    const result = await backend.api.enrol(ENROLMENT_CODE);
    if (!result.ok) throw new Error(result.reason);
    await enrolment.save(result, vault);
  };
  return { backend, frontDoor, enrol };
}
