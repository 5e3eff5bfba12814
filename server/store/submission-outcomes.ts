/**
 * What storing a submission can come to, shared by SQLite's group commit (sqlite-group-commit.ts)
 * and PostgreSQL's batches (postgres-batches.ts): see submissions.ts for the guarantees.
 */
import type { Selectable } from 'kysely';
import type { Receipt } from '../../src/domain/sync/submission-schema.ts';
import { toIso, type SubmissionsTable } from './schema.ts';

/** Everything stored for a submission except what the store decides: the id and the receipt time. */
export type SubmissionRecord = Omit<SubmissionsTable, 'id' | 'received_at' | 'idempotency_key' | 'body_hash' | 'demo'>;

export type RecordOutcome =
  | { kind: 'created'; receipt: Receipt }
  | { kind: 'replayed'; receipt: Receipt }
  | { kind: 'key-reused' }
  | { kind: 'in-flight' };

export interface SubmissionStore {
  /**
   * Stores the submission under `key` unless that key is already taken. `build` is called only
   * when the key is new, and may throw to refuse the submission (it runs the engine).
   */
  record(key: string, bodyHash: string, build: () => SubmissionRecord): Promise<RecordOutcome>;
}

/**
 * Most submissions one SQLite transaction or one PostgreSQL statement takes: enough for every device
 * at once, small enough to stay quick.
 */
export const MAX_GROUP_COMMIT = 64;

export const RECEIPT_COLUMNS = ['id', 'body_hash', 'received_at', 'engine_level', 'immediate_risk'] as const;
export type StoredReceipt = Pick<Selectable<SubmissionsTable>, (typeof RECEIPT_COLUMNS)[number]>;

/** The receipt for a key saved before: a replay if the body is the same, else the key was reused. */
export function answerFor(
  existing: StoredReceipt,
  bodyHash: string,
): RecordOutcome & { kind: 'replayed' | 'key-reused' } {
  if (existing.body_hash !== bodyHash) return { kind: 'key-reused' };
  return {
    kind: 'replayed',
    receipt: {
      id: existing.id,
      receivedAt: toIso(existing.received_at),
      engineLevel: existing.engine_level,
      immediateRisk: existing.immediate_risk === 1,
    },
  };
}

/** The outcome of a submission this call saved: its receipt. */
export function created(record: SubmissionRecord, id: string, receivedAt: string): RecordOutcome & { kind: 'created' } {
  return {
    kind: 'created',
    receipt: { id, receivedAt, engineLevel: record.engine_level, immediateRisk: record.immediate_risk === 1 },
  };
}
