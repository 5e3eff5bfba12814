/**
 * Opens the database the settings name, makes it durable, and brings its schema up to date.
 *
 * - SQLite (the default): one file under DATA_DIR (sqlite-driver.ts opens it), in WAL mode with
 *   `synchronous=FULL`, so a commit has reached the disk before the server says 201.
 * - PostgreSQL (DATABASE_URL): a connection pool with `synchronous_commit=on` on every
 *   connection, checked at start-up.
 *
 * Everything above this file speaks Kysely and works on both.
 */
import { Kysely, PostgresDialect, sql, SqliteDialect, type SqliteDatabase } from 'kysely';
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config.ts';
import { DatabaseMonitor } from './database-faults.ts';
import { checkIntegrity, DatabaseSetupError, explainSqliteError, migrateUnderLock } from './database-start-up.ts';
import type { DialectName } from './migrations.ts';
import type { Tables } from './schema.ts';
import { openSqliteFile, type SqliteConnection, type SqliteStatement } from './sqlite-driver.ts';
import { sqliteWriter } from './sqlite-writer.ts';

export interface OpenDatabase {
  db: Kysely<Tables>;
  dialect: DialectName;
  /**
   * Where submissions are written: on SQLite a second connection on a worker thread, so that the
   * commits' fsyncs never hold up the server (see sqlite-writer.ts); on PostgreSQL the pool itself.
   */
  writer: Kysely<Tables>;
  /**
   * Where the rate limit's counters are kept. On PostgreSQL, a few connections of their own with
   * synchronous_commit=off: a counter is written on every request, and waiting for the disk each
   * time (in turn, since a device's requests update one row) would cost more than the referral's
   * own commit; a crash loses at most the last moment's counts, never a referral. On SQLite, `db`.
   */
  counters: Kysely<Tables>;
  /** The faults requests have met: health reports them; a damaged database takes no more writes. */
  monitor: DatabaseMonitor;
  close(): Promise<void>;
}

export { DatabaseSetupError };

/**
 * The SQLite drivers wait for a lock synchronously, holding up every request: the server waits this
 * long at most, then answers 503 with Retry-After (see database-faults.ts).
 */
export const SQLITE_BUSY_TIMEOUT_MS = 75;
/** At start-up nothing is being served yet: wait for another server's migrations, or a backup. */
const SQLITE_START_UP_BUSY_TIMEOUT_MS = 15_000;
const STATEMENT_CACHE_SIZE = 200;

/**
 * Kysely prepares every query afresh; the server runs a handful of query shapes thousands of
 * times, so prepared statements are kept and reused (both drivers' statements are reusable).
 */
function withStatementCache(database: SqliteConnection): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(text: string) {
      let statement = statements.get(text);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
        statement = database.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

interface SqliteHandle {
  db: Kysely<Tables>;
  raw: SqliteConnection;
}

function openSqlite(file: string): SqliteHandle {
  let database: SqliteConnection | undefined;
  try {
    // Referrals are personal data: only the server's own user may read the folder and the file
    // (SQLite gives its -wal and -shm files the same permissions as the database file).
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    database = openSqliteFile(file);
    chmodSync(file, 0o600);
    database.pragma(`busy_timeout = ${SQLITE_START_UP_BUSY_TIMEOUT_MS}`);
    const journal = database.pragma('journal_mode = WAL')[0]?.journal_mode;
    if (journal !== 'wal') {
      throw new DatabaseSetupError(
        `SQLite could not use WAL mode for ${file} (it reported "${String(journal)}"). Put DATA_DIR on a local disk.`,
      );
    }
    checkIntegrity(database, file);
    database.pragma('synchronous = FULL');
    database.pragma('foreign_keys = ON');
    // Refresh the planner's statistics where they are missing or stale (SQLite's advice for every
    // connection): without them it reads the inbox's counts from the table, not the covering indexes.
    database.pragma('optimize = 0x10002');
  } catch (error) {
    database?.close();
    // Left raw so that openDatabase can try again (see isBusy).
    if (isBusy(error)) throw error;
    throw explainSqliteError(error, file);
  }
  return {
    raw: database,
    db: new Kysely<Tables>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) }),
  };
}

function openPostgres(url: string, poolMax: number, synchronousCommit: 'on' | 'off' = 'on'): Kysely<Tables> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    // Set on every connection at start-up: a commit is on disk before COMMIT returns.
    options: `-c synchronous_commit=${synchronousCommit} -c TimeZone=UTC`,
    application_name: 'levels-of-need',
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection that drops must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
}

async function checkDurability(db: Kysely<Tables>, dialect: DialectName): Promise<void> {
  if (dialect === 'sqlite') {
    const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
    const { rows: keys } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    if (rows[0]?.synchronous !== 2 || keys[0]?.foreign_keys !== 1) {
      throw new DatabaseSetupError('SQLite did not accept synchronous=FULL and foreign_keys=ON.');
    }
    return;
  }
  const { rows } = await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(db);
  if (rows[0]?.synchronous_commit !== 'on') {
    throw new DatabaseSetupError(
      `PostgreSQL reports synchronous_commit=${rows[0]?.synchronous_commit ?? 'unknown'}; the server needs it on.`,
    );
  }
}

function explainConnectionError(error: unknown): DatabaseSetupError {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  if (code === 'ECONNREFUSED') {
    return new DatabaseSetupError('Could not reach PostgreSQL at DATABASE_URL: nothing is listening there.');
  }
  if (code === '28P01' || code === '28000') {
    return new DatabaseSetupError('PostgreSQL refused the user or password in DATABASE_URL.');
  }
  if (code === '3D000') return new DatabaseSetupError('The database named in DATABASE_URL does not exist.');
  return new DatabaseSetupError(`Could not set up the database: ${message}`);
}

export interface OpenOptions {
  /** SQLite's busy timeout once open: short for the server (the default), longer for the admin CLI. */
  busyTimeoutMs?: number;
}

/**
 * SQLite answers SQLITE_BUSY at once, without waiting for its busy timeout, in some steps of
 * setting up a new file while another process does the same (switching to WAL mode, say): two
 * servers or admin commands starting together on an empty DATA_DIR. Those are tried again.
 */
function isBusy(error: unknown): boolean {
  return String((error as { code?: unknown } | undefined)?.code ?? '').startsWith('SQLITE_BUSY');
}

const START_UP_RETRY_MS = 50;

/** Opens the database, checks it is whole and durable, and applies any migrations not yet applied. */
export async function openDatabase(database: Config['database'], options: OpenOptions = {}): Promise<OpenDatabase> {
  const deadline = Date.now() + SQLITE_START_UP_BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      return await openDatabaseOnce(database, options);
    } catch (error) {
      if (database.kind !== 'sqlite' || !isBusy(error) || Date.now() > deadline) {
        throw database.kind === 'sqlite' && isBusy(error) ? explainSqliteError(error, database.file) : error;
      }
      await new Promise((resolve) => setTimeout(resolve, START_UP_RETRY_MS));
    }
  }
}

async function openDatabaseOnce(database: Config['database'], options: OpenOptions): Promise<OpenDatabase> {
  const dialect: DialectName = database.kind;
  const sqlite = database.kind === 'sqlite' ? openSqlite(database.file) : undefined;
  const db = sqlite?.db ?? openPostgres(database.kind === 'postgres' ? database.url : '', poolMaxOf(database));
  try {
    await checkDurability(db, dialect);
    await migrateUnderLock(db, database);
    sqlite?.raw.pragma(`busy_timeout = ${options.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS}`);
  } catch (error) {
    await db.destroy();
    if (error instanceof DatabaseSetupError || isBusy(error)) throw error;
    throw database.kind === 'sqlite' ? explainSqliteError(error, database.file) : explainConnectionError(error);
  }
  // Made only now: the worker opens the file once it is set up, and only when a write comes.
  const writer =
    database.kind === 'sqlite' ? sqliteWriter(database.file, options.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS) : db;
  const counters =
    database.kind === 'postgres' ? openPostgres(database.url, Math.max(2, Math.ceil(database.poolMax / 4)), 'off') : db;
  const close = async () => {
    if (writer !== db) await writer.destroy();
    if (counters !== db) await counters.destroy();
    await db.destroy();
  };
  return { db, dialect, writer, counters, monitor: new DatabaseMonitor(), close };
}

const poolMaxOf = (database: Config['database']) => (database.kind === 'postgres' ? database.poolMax : 1);
