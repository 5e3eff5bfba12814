/**
 * backup and restore for the SQLite database (issue 14, point 10), both through SQLite's online
 * backup API (`backup()` in either SQLite driver): it copies a consistent snapshot page by page while the
 * server keeps writing, and writes a restore through SQLite's own locks and journal, never by
 * copying files under a running database. PostgreSQL has pg_dump and pg_restore (see README).
 */
import { chmodSync, existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { openSqliteFile, type SqliteConnection } from '../store/sqlite-driver.ts';
import { CommandFailed, UsageError, type AdminCommand, type CommandInput } from './command.ts';

const POSTGRES_ADVICE =
  'DATABASE_URL names PostgreSQL: use pg_dump and pg_restore instead (see "Backups" in the README).';

function sqliteFile(input: CommandInput): string {
  const config = loadConfig(input.io.env);
  if (config.database.kind !== 'sqlite') throw new CommandFailed(POSTGRES_ADVICE);
  return config.database.file;
}

function fileArgument(input: CommandInput, what: string): string {
  const file = input.positionals[0];
  if (!file) throw new UsageError(`Name the ${what}, e.g. backups/referrals-2026-11-30.sqlite`);
  return path.resolve(file);
}

/** The problems PRAGMA quick_check finds in a file, or a sentence if it is not a database at all. */
function problemsIn(file: string): string | undefined {
  let database: SqliteConnection | undefined;
  try {
    database = openSqliteFile(file, { readonly: true, fileMustExist: true });
    const rows = database.pragma('quick_check(1)') as { quick_check: string }[];
    if (rows[0]?.quick_check !== 'ok') return 'it is damaged';
    const migrated = database
      .prepare("select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get() as { n: number };
    return migrated.n === 1 ? undefined : 'it is not a copy of this service’s database';
  } catch {
    return 'it is not a SQLite database';
  } finally {
    database?.close();
  }
}

export const backupCommand: AdminCommand = {
  usage: ['backup <file>                                     copy the SQLite database, consistently, while it runs'],
  async run(input) {
    const target = fileArgument(input, 'file to write the backup to');
    const source = sqliteFile(input);
    if (existsSync(target)) throw new CommandFailed(`${target} already exists: name a new file. Nothing was written.`);
    if (!existsSync(source)) throw new CommandFailed(`There is no database at ${source} yet: check DATA_DIR.`);
    const database = openSqliteFile(source, { fileMustExist: true });
    try {
      database.pragma('busy_timeout = 5000');
      await database.backup(target);
    } catch (error) {
      throw new CommandFailed(`The backup could not be written to ${target}: ${(error as Error).message}`);
    } finally {
      database.close();
    }
    // Referrals are personal data: the copy is as private as the database.
    chmodSync(target, 0o600);
    const problem = problemsIn(target);
    if (problem) throw new CommandFailed(`The backup at ${target} failed its check (${problem}): take it again.`);
    input.io.stdout.write(`Backed up ${source} to ${target} (checked). Keep it as safe as the database.\n`);
  },
};

export const restoreCommand: AdminCommand = {
  usage: [
    'restore <file>                                    replace the SQLite database with a backup (stop the server first)',
  ],
  async run(input) {
    const backup = fileArgument(input, 'backup file to restore');
    const target = sqliteFile(input);
    const problem = problemsIn(backup);
    if (problem) throw new CommandFailed(`${backup} cannot be restored: ${problem}. Nothing was changed.`);
    const database = openSqliteFile(backup, { readonly: true, fileMustExist: true });
    try {
      // Written through SQLite, so a -wal file left by the old database is dealt with too.
      await database.backup(target);
    } catch (error) {
      throw new CommandFailed(`${target} could not be replaced: ${(error as Error).message}`);
    } finally {
      database.close();
    }
    chmodSync(target, 0o600);
    input.io.stdout.write(`Restored ${target} from ${backup}. Start the server again.\n`);
  },
};
