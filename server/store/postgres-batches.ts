/**
 * PostgreSQL's side of the submission store (submissions.ts): batches of submissions as one
 * statement each, guarded across app servers by advisory locks.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Tables } from './schema.ts';
import {
  answerFor,
  created,
  MAX_GROUP_COMMIT,
  RECEIPT_COLUMNS,
  type RecordOutcome,
  type StoredReceipt,
  type SubmissionRecord,
  type SubmissionStore,
} from './submission-outcomes.ts';

/** A number that namespaces this app's advisory locks from any other user of the same database. */
export const ADVISORY_LOCK_CLASS = 0x4c4f4e; // "LON"

type Executor = Kysely<Tables> | Transaction<Tables>;

/** The key's lock, and the earlier submission under the key if there is one (a left join: all null if not). */
type LockedRow = { locked: boolean } & (StoredReceipt | { [column in keyof StoredReceipt]: null });

async function findByKey(executor: Executor, key: string): Promise<StoredReceipt | undefined> {
  return executor
    .selectFrom('submissions')
    .select(RECEIPT_COLUMNS)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** The answer to a key another process saved first: as for a replay. */
async function answerForWinner(executor: Executor, key: string, bodyHash: string): Promise<RecordOutcome> {
  const winner = await findByKey(executor, key);
  if (!winner) throw new Error('a conflicting submission vanished');
  return answerFor(winner, bodyHash);
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
  return inserted ? created(record, id, receivedAt) : answerForWinner(executor, key, bodyHash);
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
      // Not inserted: another writer took the key without our lock (not this app).
      return result.inserted ? created(record, id, receivedAt) : answerForWinner(db, key, bodyHash);
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

export function postgresStore(db: Kysely<Tables>, inFlight: Set<string>): SubmissionStore {
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
