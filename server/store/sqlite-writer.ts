/**
 * A second SQLite connection, on a worker thread, for the writes that come by the hundred: the
 * submissions. The SQLite drivers are synchronous, so on the main thread every commit's fsync (a few
 * milliseconds each) would stop the server answering anyone; on the worker, the main thread goes
 * on reading requests, checking them and queueing the next group while the disk flushes.
 *
 * It is a Kysely dialect: the main thread compiles each query as usual and the worker runs it, so
 * the store's code reads as with any other Kysely database. The worker's connection has the same
 * settings as the main one (WAL from the file, synchronous=FULL, foreign keys, the short busy
 * timeout), and a transaction takes the write lock when it begins (BEGIN IMMEDIATE, sent with its
 * first query), so it never finds mid-way that another connection wrote first. Its errors come back with their SQLite code,
 * so a busy or damaged file is reported as from the main connection.
 */
import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { Tables } from './schema.ts';
import { betterSqlite3Path, SQLITE_DRIVER, withSqliteCode } from './sqlite-driver.ts';

/**
 * The worker's code, plain CommonJS: a worker started from a file would need the TypeScript
 * loader, which differs between tsx, vitest and the compiled server.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// The same driver as the main connection (sqlite-driver.ts): node:sqlite from Node.js 24 on.
const nodeSqlite = workerData.driver === 'node:sqlite';
const db = nodeSqlite
  ? new (require('node:sqlite').DatabaseSync)(workerData.file, { enableForeignKeyConstraints: false })
  : new (require(workerData.betterSqlite3))(workerData.file);
db.exec('pragma busy_timeout = ' + workerData.busyTimeoutMs);
db.exec('pragma synchronous = FULL');
db.exec('pragma foreign_keys = ON');
const inTransaction = () => (nodeSqlite ? db.isTransaction : db.inTransaction);
const statements = new Map();
parentPort.on('message', ({ id, begin, sql, parameters }) => {
  try {
    if (begin) db.exec('begin immediate');
    // After a failed begin there is no transaction to roll back: the begin's error is the answer.
    if (sql === 'rollback' && !inTransaction()) return parentPort.postMessage({ id, rows: [], changes: 0 });
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= 100) statements.clear();
      const prepared = db.prepare(sql);
      statement = { prepared, reader: nodeSqlite ? prepared.columns().length > 0 : prepared.reader };
      statements.set(sql, statement);
    }
    const { prepared, reader } = statement;
    if (reader) {
      parentPort.postMessage({ id, rows: nodeSqlite ? prepared.all(...parameters) : prepared.all(parameters) });
    } else {
      const { changes, lastInsertRowid } = nodeSqlite ? prepared.run(...parameters) : prepared.run(parameters);
      parentPort.postMessage({ id, rows: [], changes, lastInsertRowid });
    }
  } catch (error) {
    const { name, message, code, errcode } = error;
    parentPort.postMessage({ id, error: { name, message, code, errcode } });
  }
});
`;

interface Reply {
  id: number;
  rows: unknown[];
  changes?: number;
  lastInsertRowid?: number | bigint;
  error?: { name: string; message: string; code?: string; errcode?: number };
}

/** The worker and the one query it is running (a connection runs one query at a time). */
class WorkerConnection implements DatabaseConnection {
  #worker: Worker | undefined;
  #nextId = 0;
  #waiting = new Map<number, { resolve: (reply: Reply) => void; reject: (error: unknown) => void }>();
  /** A transaction's BEGIN goes with its first query: one message fewer per transaction. */
  beginWithNextQuery = false;

  constructor(
    private readonly file: string,
    private readonly busyTimeoutMs: number,
  ) {}

  #start(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        file: this.file,
        busyTimeoutMs: this.busyTimeoutMs,
        driver: SQLITE_DRIVER,
        betterSqlite3: SQLITE_DRIVER === 'better-sqlite3' ? betterSqlite3Path() : undefined,
      },
    });
    // The server's own handles keep the process alive, not the worker's.
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = this.#waiting.get(reply.id);
      this.#waiting.delete(reply.id);
      waiting?.resolve(reply);
    });
    const fail = (error: unknown) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const waiting of this.#waiting.values()) waiting.reject(withSqliteCode(error));
      this.#waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the SQLite writer stopped (exit code ${code})`)));
    return worker;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    this.#worker ??= this.#start();
    const id = this.#nextId++;
    const begin = this.beginWithNextQuery;
    this.beginWithNextQuery = false;
    const reply = await new Promise<Reply>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#worker?.postMessage({ id, begin, sql: query.sql, parameters: query.parameters });
    });
    if (reply.error) throw withSqliteCode(Object.assign(new Error(reply.error.message), reply.error));
    if (reply.changes === undefined) return { rows: reply.rows as R[] };
    return {
      rows: [],
      numAffectedRows: BigInt(reply.changes),
      ...(reply.lastInsertRowid !== undefined && { insertId: BigInt(reply.lastInsertRowid) }),
    };
  }

  // eslint-disable-next-line require-yield -- the writer never streams
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the SQLite writer does not stream results');
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }
}

class WorkerDriver implements Driver {
  readonly #connection: WorkerConnection;
  /** One connection: a transaction holds it until COMMIT, the others wait their turn. */
  #held: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  constructor(file: string, busyTimeoutMs: number) {
    this.#connection = new WorkerConnection(file, busyTimeoutMs);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<WorkerConnection> {
    const previous = this.#held;
    let release!: () => void;
    this.#held = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.#release = release;
    return this.#connection;
  }

  async beginTransaction(): Promise<void> {
    this.#connection.beginWithNextQuery = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#connection.beginWithNextQuery) {
      this.#connection.beginWithNextQuery = false;
      return;
    }
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    await this.#connection.close();
  }
}

/** Kysely over a connection to `file` on its own thread; destroy() stops the thread. */
export function sqliteWriter(file: string, busyTimeoutMs: number): Kysely<Tables> {
  return new Kysely<Tables>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new WorkerDriver(file, busyTimeoutMs),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}
