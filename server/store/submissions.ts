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
import { randomUUID } from 'node:crypto';
import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Receipt } from '../../src/domain/sync/submission-schema.ts';
import type { DialectName } from './migrations.ts';
import { toIso, type SubmissionsTable, type Tables } from './schema.ts';

/** Everything stored for a submission except what the store decides: the id and the receipt time. */
export type SubmissionRecord = Omit<SubmissionsTable, 'id' | 'received_at' | 'idempotency_key' | 'body_hash' | 'demo'>;

export type RecordOutcome =
  | { kind: 'created'; receipt: Receipt }
  | { kind: 'replayed'; receipt: Receipt }
  | { kind: 'key-reused' }
  | { kind: 'in-flight' };

type Executor = Kysely<Tables> | Transaction<Tables>;

/** A number that namespaces this app's advisory locks from any other user of the same database. */
export const ADVISORY_LOCK_CLASS = 0x4c4f4e; // "LON"

export interface SubmissionStore {
  /**
   * Stores the submission under `key` unless that key is already taken. `build` is called only
   * when the key is new, and may throw to refuse the submission (it runs the engine).
   */
  record(key: string, bodyHash: string, build: () => SubmissionRecord): Promise<RecordOutcome>;
}

const RECEIPT_COLUMNS = ['id', 'body_hash', 'received_at', 'engine_level', 'immediate_risk'] as const;
type StoredReceipt = Pick<Selectable<SubmissionsTable>, (typeof RECEIPT_COLUMNS)[number]>;
/** The key's lock, and the earlier submission under the key if there is one (a left join: all null if not). */
type LockedRow = { locked: boolean } & (StoredReceipt | { [column in keyof StoredReceipt]: null });

async function findByKey(executor: Executor, key: string): Promise<StoredReceipt | undefined> {
  return executor
    .selectFrom('submissions')
    .select(RECEIPT_COLUMNS)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

function answerFor(existing: StoredReceipt, bodyHash: string): RecordOutcome & { kind: 'replayed' | 'key-reused' } {
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

/** Inserts a key not seen yet; if another process got there first, answers as for a replay. */
async function insertNew(
  executor: Executor,
  key: string,
  bodyHash: string,
  build: () => SubmissionRecord,
): Promise<RecordOutcome> {
  const record = build();
  const id = randomUUID();
  const receivedAt = new Date().toISOString();
  const inserted = await executor
    .insertInto('submissions')
    .values({ ...record, id, idempotency_key: key, body_hash: bodyHash, received_at: receivedAt })
    .onConflict((conflict) => conflict.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const winner = await findByKey(executor, key);
    if (!winner) throw new Error('a conflicting submission vanished');
    return answerFor(winner, bodyHash);
  }
  return {
    kind: 'created',
    receipt: { id, receivedAt, engineLevel: record.engine_level, immediateRisk: record.immediate_risk === 1 },
  };
}

interface Pending {
  key: string;
  bodyHash: string;
  build: () => SubmissionRecord;
  resolve: (outcome: RecordOutcome) => void;
  reject: (error: unknown) => void;
}

/** Most submissions one SQLite transaction takes: enough for every device at once, small enough to stay quick. */
export const MAX_GROUP_COMMIT = 64;
/** How long a group waits for company under load: well under one fsync. */
const GROUP_COMMIT_WINDOW_MS = 2;

/**
 * SQLite: group commit. A commit costs one fsync (milliseconds), while everything else about a
 * submission costs microseconds; so the submissions that arrive while one commit is under way are
 * saved together in the next transaction, with one fsync between them. Each caller's promise
 * resolves only after the transaction holding its row has committed, so a 201 still means "on
 * disk"; one submission's refusal (its `build` throws) refuses only that one.
 */
function sqliteStore(db: Kysely<Tables>, inFlight: Set<string>): SubmissionStore {
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
        outcomes.set(pending, {
          kind: 'created',
          receipt: {
            id: row.id,
            receivedAt: row.received_at,
            engineLevel: record.engine_level,
            immediateRisk: record.immediate_risk === 1,
          },
        });
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

type BatchRow = LockedRow & { key: string; inserted: boolean };

/** How many batch statements may be under way at once; the rest wait and go together in the next. */
const PG_BATCHES_IN_FLIGHT = 2;

/**
 * PostgreSQL: the submissions that arrive together go as one statement, which commits on its own
 * (each key's lock is held until then): the keys' locks, the look-up of earlier submissions under
 * them and the insert of the new rows. The rows travel as one JSON parameter that PostgreSQL
 * reads with the table's own column types. One refusal by the database (a reference taken, say)
 * refuses the whole statement: every submission in it hears so, as in SQLite's group commit.
 */
async function recordBatch(db: Kysely<Tables>, batch: readonly Built[]): Promise<RecordOutcome[]> {
  const rows = batch.map(({ key, bodyHash, record, id, receivedAt }) => ({
    ...record,
    id,
    idempotency_key: key,
    body_hash: bodyHash,
    received_at: receivedAt,
  }));
  const columns = sql.join(Object.keys(rows[0] ?? {}).map((column) => sql.ref(column)));
  const inputColumns = sql.join(Object.keys(rows[0] ?? {}).map((column) => sql.ref(`input.${column}`)));
  const { rows: results } = await sql<BatchRow>`
    with input as (
      select * from json_populate_recordset(null::submissions, ${JSON.stringify(rows)}::json)
    ), lock as (
      select idempotency_key as key,
        pg_try_advisory_xact_lock(${ADVISORY_LOCK_CLASS}::int, hashtext(idempotency_key)) as locked
      from input
    ), earlier as (
      select s.idempotency_key, s.id, s.body_hash, s.received_at, s.engine_level, s.immediate_risk
      from submissions as s join lock on lock.locked and s.idempotency_key = lock.key
    ), inserted as (
      insert into submissions (${columns})
      select ${inputColumns} from input join lock on lock.key = input.idempotency_key
      where lock.locked and not exists (select 1 from earlier where earlier.idempotency_key = lock.key)
      on conflict (idempotency_key) do nothing
      returning idempotency_key
    )
    select lock.key, lock.locked, earlier.id, earlier.body_hash, earlier.received_at, earlier.engine_level,
      earlier.immediate_risk, exists (select 1 from inserted where inserted.idempotency_key = lock.key) as inserted
    from lock left join earlier on earlier.idempotency_key = lock.key
  `.execute(db);
  const byKey = new Map(results.map((row) => [row.key, row]));
  return Promise.all(
    batch.map(async ({ key, bodyHash, record, id, receivedAt }): Promise<RecordOutcome> => {
      const result = byKey.get(key);
      if (!result?.locked) return { kind: 'in-flight' };
      if (result.id !== null) return answerFor(result, bodyHash);
      if (!result.inserted) {
        // Another writer inserted the key without our lock (not this app): answer as for a replay.
        const winner = await findByKey(db, key);
        if (!winner) throw new Error('a conflicting submission vanished');
        return answerFor(winner, bodyHash);
      }
      return {
        kind: 'created',
        receipt: { id, receivedAt, engineLevel: record.engine_level, immediateRisk: record.immediate_risk === 1 },
      };
    }),
  );
}

/** A submission whose row is built, waiting for its batch. */
interface Built {
  key: string;
  bodyHash: string;
  record: SubmissionRecord;
  id: string;
  receivedAt: string;
  resolve: (outcome: RecordOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * A submission refused by its build (the engine): still the key's lock and a look-up, since an
 * earlier submission under the key is the answer rather than the refusal.
 */
async function recordRefused(
  db: Kysely<Tables>,
  key: string,
  bodyHash: string,
  build: () => SubmissionRecord,
): Promise<RecordOutcome> {
  // execute() resolves after COMMIT; the lock is released by that COMMIT (or the ROLLBACK).
  return db.transaction().execute(async (trx) => {
    // Take the key's lock and look for an earlier submission in one round trip. Two keys may
    // share a 32-bit hash: the cost is a rare, harmless 409 that the device retries.
    const { rows } = await sql<LockedRow>`
      select lock.locked, s.id, s.body_hash, s.received_at, s.engine_level, s.immediate_risk
      from (select pg_try_advisory_xact_lock(${ADVISORY_LOCK_CLASS}::int, hashtext(${key})) as locked) as lock
      left join submissions as s on lock.locked and s.idempotency_key = ${key}
    `.execute(trx);
    const row = rows[0];
    if (!row?.locked) return { kind: 'in-flight' } as const;
    if (row.id !== null) return answerFor(row, bodyHash);
    return insertNew(trx, key, bodyHash, build);
  });
}

function postgresStore(db: Kysely<Tables>, inFlight: Set<string>): SubmissionStore {
  let queue: Built[] = [];
  let batchesInFlight = 0;
  let scheduled = false;

  async function send(batch: Built[]) {
    batchesInFlight += 1;
    try {
      const outcomes = await recordBatch(db, batch);
      batch.forEach((built, index) => built.resolve(outcomes[index] ?? { kind: 'in-flight' }));
    } catch (error) {
      for (const built of batch) built.reject(error);
    } finally {
      batchesInFlight -= 1;
      sendWaiting();
    }
  }

  function sendWaiting() {
    while (queue.length && batchesInFlight < PG_BATCHES_IN_FLIGHT) {
      void send(queue.slice(0, MAX_GROUP_COMMIT));
      queue = queue.slice(MAX_GROUP_COMMIT);
    }
  }

  return {
    async record(key, bodyHash, build) {
      // The same key twice in one statement would take its lock twice (a session's locks nest).
      if (inFlight.has(key)) return { kind: 'in-flight' };
      let record: SubmissionRecord;
      try {
        record = build();
      } catch {
        return recordRefused(db, key, bodyHash, build);
      }
      inFlight.add(key);
      try {
        return await new Promise<RecordOutcome>((resolve, reject) => {
          const id = randomUUID();
          const receivedAt = new Date().toISOString();
          queue.push({ key, bodyHash, record, id, receivedAt, resolve, reject });
          if (!scheduled) {
            scheduled = true;
            // Wait only until the requests already read from the network have queued theirs.
            setImmediate(() => {
              scheduled = false;
              sendWaiting();
            });
          }
        });
      } finally {
        inFlight.delete(key);
      }
    },
  };
}

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
