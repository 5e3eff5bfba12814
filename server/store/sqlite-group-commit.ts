/**
 * SQLite's side of the submission store (submissions.ts): group commit on the writer thread.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { SubmissionsTable, Tables } from './schema.ts';
import {
  answerFor,
  created,
  MAX_GROUP_COMMIT,
  RECEIPT_COLUMNS,
  type RecordOutcome,
  type SubmissionRecord,
  type SubmissionStore,
} from './submission-outcomes.ts';

interface Pending {
  key: string;
  bodyHash: string;
  build: () => SubmissionRecord;
  resolve: (outcome: RecordOutcome) => void;
  reject: (error: unknown) => void;
}

/** How long a group waits for company under load: well under one fsync. */
const GROUP_COMMIT_WINDOW_MS = 2;

/**
 * SQLite: group commit. A commit costs one fsync (milliseconds), while everything else about a
 * submission costs microseconds; so the submissions that arrive while one commit is under way are
 * saved together in the next transaction, with one fsync between them. Each caller's promise
 * resolves only after the transaction holding its row has committed, so a 201 still means "on
 * disk"; one submission's refusal (its `build` throws) refuses only that one.
 */
export function sqliteStore(db: Kysely<Tables>, inFlight: Set<string>): SubmissionStore {
  let queue: Pending[] = [];
  let scheduled = false;
  let lastGroupSize = 0;

  /**
   * The group's transaction. Each row is built first (the engine runs outside the write lock),
   * then one insert takes every new key; only keys that were taken already, or whose build was
   * refused, are looked up. Usually two messages to the writer: the insert, and the commit.
   */
  async function saveGroup(group: Pending[]) {
    const outcomes = new Map<Pending, RecordOutcome | { error: unknown }>();
    const rows = new Map<string, Insertable<SubmissionsTable>>();
    const refusals = new Map<Pending, unknown>();
    for (const pending of group) {
      try {
        const record = pending.build();
        const row = { ...record, id: randomUUID(), received_at: new Date().toISOString() };
        rows.set(pending.key, { ...row, idempotency_key: pending.key, body_hash: pending.bodyHash });
        outcomes.set(pending, created(record, row.id, row.received_at));
      } catch (error) {
        refusals.set(pending, error);
      }
    }
    try {
      await db.transaction().execute(async (trx) => {
        const inserted = rows.size
          ? await trx
              .insertInto('submissions')
              .values([...rows.values()])
              .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
              .returning('idempotency_key')
              .execute()
          : [];
        if (inserted.length === group.length) return;
        // A key saved before (a replay, or another process got there first) answers as a replay,
        // even when this attempt's build was refused; a refused key seen for the first time is refused.
        const saved = new Set(inserted.map((row) => row.idempotency_key));
        const others = group.filter((pending) => !saved.has(pending.key));
        const earlier = await trx
          .selectFrom('submissions')
          .select([...RECEIPT_COLUMNS, 'idempotency_key'])
          .where(
            'idempotency_key',
            'in',
            others.map((pending) => pending.key),
          )
          .execute();
        const byKey = new Map(earlier.map((row) => [row.idempotency_key, row]));
        for (const pending of others) {
          const existing = byKey.get(pending.key);
          if (existing) outcomes.set(pending, answerFor(existing, pending.bodyHash));
          else if (refusals.has(pending)) outcomes.set(pending, { error: refusals.get(pending) });
          else outcomes.set(pending, { error: new Error('a conflicting submission vanished') });
        }
      });
    } catch (error) {
      // Nothing in the group was saved: every submission in it hears so.
      for (const pending of group) pending.reject(error);
      return;
    }
    for (const pending of group) {
      const outcome = outcomes.get(pending);
      if (!outcome) pending.reject(new Error('a submission was left out of its group'));
      else if ('error' in outcome) pending.reject(outcome.error);
      else pending.resolve(outcome);
    }
  }

  async function flush() {
    while (queue.length) {
      const group = queue.slice(0, MAX_GROUP_COMMIT);
      queue = queue.slice(MAX_GROUP_COMMIT);
      lastGroupSize = group.length;
      await saveGroup(group);
    }
    scheduled = false;
  }

  return {
    async record(key, bodyHash, build) {
      if (inFlight.has(key)) return { kind: 'in-flight' };
      inFlight.add(key);
      try {
        return await new Promise<RecordOutcome>((resolve, reject) => {
          queue.push({ key, bodyHash, build, resolve, reject });
          if (!scheduled) {
            scheduled = true;
            // Under concurrent load (the last group was not alone), wait a moment for more to
            // join, as PostgreSQL's commit_delay does; otherwise only until the requests already
            // read from the network have queued theirs.
            if (lastGroupSize > 1) setTimeout(() => void flush(), GROUP_COMMIT_WINDOW_MS);
            else setImmediate(() => void flush());
          }
        });
      } finally {
        inFlight.delete(key);
      }
    },
  };
}
