/**
 * Stores a submission exactly once per Idempotency-Key, whatever the retries and races:
 *
 * - a unique constraint on the key is the guarantee (INSERT … ON CONFLICT DO NOTHING);
 * - a guard per key answers "still in flight" (409) to a concurrent attempt instead of making it
 *   wait: on PostgreSQL a transaction-scoped advisory lock, correct across any number of app
 *   servers; on SQLite, which has one server process, a set of keys in memory;
 * - the result is returned only after the row has committed (SQLite: synchronous=FULL in WAL;
 *   PostgreSQL: synchronous_commit=on), so a 201 always means "on disk";
 * - and as few disk flushes and round trips as that allows: submissions arriving together share
 *   one transaction (SQLite's group commit, on a worker thread) or one statement (PostgreSQL).
 */
import type { Kysely } from 'kysely';
import type { DialectName } from './migrations.ts';
import { postgresStore } from './postgres-batches.ts';
import type { Tables } from './schema.ts';
import { sqliteStore } from './sqlite-group-commit.ts';
import type { SubmissionStore } from './submission-outcomes.ts';

export type { RecordOutcome, SubmissionRecord, SubmissionStore } from './submission-outcomes.ts';

/**
 * `keysInFlight`: the keys being saved right now in this process. It is SQLite's whole guard; on
 * PostgreSQL the advisory locks guard across app servers, and this set keeps a key out of a
 * second batch while its first is under way.
 */
export function submissionStore(
  db: Kysely<Tables>,
  dialect: DialectName,
  keysInFlight = new Set<string>(),
): SubmissionStore {
  return dialect === 'postgres' ? postgresStore(db, keysInFlight) : sqliteStore(db, keysInFlight);
}
