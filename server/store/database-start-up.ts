/**
 * What opening the database checks before the server takes a request (issue 14, points 3-5):
 * the SQLite file is whole (`PRAGMA quick_check`), migrations run once however many servers start
 * together, and every error names the file or setting and what to do about it.
 */
import type { SqliteConnection } from './sqlite-driver.ts';
import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { migrationsFor } from './migrations.ts';
import type { Tables } from './schema.ts';

/** A problem opening the database that the operator can fix; its message says how. */
export class DatabaseSetupError extends Error {
  override name = 'DatabaseSetupError';
}

// Printed by the deployed server, where only the compiled admin CLI runs (tsx is a devDependency).
const RESTORE_ADVICE =
  'Stop the server, move the file (and any -wal and -shm files beside it) aside, and restore the last ' +
  'backup with `npm run admin:production -- restore <backup-file>` (`npm run admin -- restore <backup-file>` ' +
  'in a development checkout; see "Backups" in the README).';

/** Reads every page of the file once; a damaged one stops the server before it accepts anything. */
export function checkIntegrity(database: SqliteConnection, file: string): void {
  const rows = database.pragma('quick_check(5)') as { quick_check: string }[];
  const problems = rows.map((row) => row.quick_check).filter((result) => result !== 'ok');
  if (problems.length > 0) {
    throw new DatabaseSetupError(
      `The SQLite file ${file} is damaged (PRAGMA quick_check found ${problems.length === 5 ? '5 or more problems' : `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`}). ${RESTORE_ADVICE}`,
    );
  }
}

/** SQLite's errors (better-sqlite3's codes from either driver), as sentences that name the file and the fix. */
export function explainSqliteError(error: unknown, file: string): DatabaseSetupError {
  if (error instanceof DatabaseSetupError) return error;
  const code = String((error as { code?: unknown }).code ?? '');
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB') {
    return new DatabaseSetupError(
      `${file} is not a SQLite database. Check that DATA_DIR names the server's data folder; if it does, the file is damaged: ${RESTORE_ADVICE}`,
    );
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    return new DatabaseSetupError(`The SQLite file ${file} is damaged ("${message}"). ${RESTORE_ADVICE}`);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new DatabaseSetupError(
      `The SQLite file ${file} stayed locked by another program for 15 seconds. If an admin command or a backup is running, wait for it to finish, then start the server again.`,
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM') {
    return new DatabaseSetupError(
      `The server may not write ${file}. Give the server's user write access to DATA_DIR (${file.replace(/[/\\][^/\\]*$/, '')}) and the files in it.`,
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT' || code === 'ENOTDIR') {
    return new DatabaseSetupError(
      `Could not open ${file}. Check that DATA_DIR names a folder the server can create and write.`,
    );
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
    return new DatabaseSetupError(`The disk holding ${file} is full. Free some space, then start the server again.`);
  }
  return new DatabaseSetupError(`Could not open the SQLite file ${file}: ${message}`);
}

/** Any number, the same in every server: the key of PostgreSQL's advisory lock for migrations. */
const MIGRATION_LOCK_KEY = 7_341_205_118;

async function migrate(db: Kysely<Tables>, dialect: 'sqlite' | 'postgres') {
  const migrations = migrationsFor(dialect);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

/**
 * Applies the migrations not yet applied, holding a lock so that servers starting together take
 * turns: SQLite's write lock (BEGIN IMMEDIATE) around the whole run, which also makes it all or
 * nothing; on PostgreSQL a session advisory lock on a connection of its own.
 */
export async function migrateUnderLock(db: Kysely<Tables>, database: Config['database']): Promise<void> {
  if (database.kind === 'sqlite') {
    // Kysely's SQLite driver has one connection: everything until COMMIT runs inside this transaction.
    await sql`begin immediate`.execute(db);
    try {
      await migrate(db, 'sqlite');
      await sql`commit`.execute(db);
    } catch (error) {
      await sql`rollback`.execute(db).catch(() => undefined);
      throw error;
    }
    return;
  }
  const client = new pg.Client({ connectionString: database.url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migrate(db, 'postgres');
  } finally {
    await client.end().catch(() => undefined);
  }
}
