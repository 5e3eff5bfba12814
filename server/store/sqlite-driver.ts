/**
 * The SQLite driver: better-sqlite3 on Node.js 20 and 22, Node.js's own `node:sqlite` from 24 on.
 *
 * better-sqlite3 12, the last line that runs on Node.js 20, aborts the whole process on Node.js
 * 24.19 and later: Node's ObjectWrap now registers a clean-up hook, and a statement freed after its
 * thread's environment has gone trips an assertion (WiseLibs/better-sqlite3#1515; reproduced here
 * by the server tests on 24.21). better-sqlite3 13 fixes it and no longer runs on Node.js 20;
 * `node:sqlite` (DatabaseSync, backup, StatementSync.columns) has everything the server uses from
 * 24.0. Node.js 20 has no `node:sqlite`, so each Node.js line gets the driver that works on it.
 *
 * Both sit behind the few calls the server makes, named as better-sqlite3 names them, and a
 * `node:sqlite` error carries better-sqlite3's code (`SQLITE_CONSTRAINT_UNIQUE`, not a number),
 * so nothing above this file knows which driver runs.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sqliteErrorCodeName } from './sqlite-error-codes.ts';

export type SqliteDriverName = 'better-sqlite3' | 'node:sqlite';

/** The driver this Node.js runs: a major version, not a minor, so that 24.x is tested as one line. */
export function sqliteDriverFor(nodeVersion: string): SqliteDriverName {
  return Number(nodeVersion.split('.')[0]) >= 24 ? 'node:sqlite' : 'better-sqlite3';
}

export const SQLITE_DRIVER = sqliteDriverFor(process.versions.node);

/** What Kysely's SqliteDialect and the server ask of a statement. */
export interface SqliteStatement {
  /** True when the statement returns rows (a SELECT, a pragma, an INSERT … RETURNING). */
  readonly reader: boolean;
  all(parameters?: readonly unknown[]): unknown[];
  get(parameters?: readonly unknown[]): unknown;
  run(parameters?: readonly unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  iterate(parameters?: readonly unknown[]): IterableIterator<unknown>;
}

export interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  /** `PRAGMA <text>`'s rows. */
  pragma(text: string): Record<string, unknown>[];
  readonly inTransaction: boolean;
  /** SQLite's online backup of this database into `target`, page by page. */
  backup(target: string): Promise<void>;
  close(): void;
}

export interface OpenSqliteOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
}

const requireHere = createRequire(import.meta.url);

export function openSqliteFile(file: string, options: OpenSqliteOptions = {}): SqliteConnection {
  return SQLITE_DRIVER === 'node:sqlite' ? openWithNodeSqlite(file, options) : openWithBetterSqlite3(file, options);
}

/** Where the worker thread (sqlite-writer.ts) loads better-sqlite3 from. */
export const betterSqlite3Path = () => requireHere.resolve('better-sqlite3');

function openWithBetterSqlite3(file: string, options: OpenSqliteOptions): SqliteConnection {
  const Database = requireHere('better-sqlite3') as typeof BetterSqlite3;
  const database = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.fileMustExist ?? false,
  });
  return {
    prepare: (sql) => database.prepare(sql) as unknown as SqliteStatement,
    exec: (sql) => void database.exec(sql),
    pragma: (text) => database.pragma(text) as Record<string, unknown>[],
    get inTransaction() {
      return database.inTransaction;
    },
    backup: async (target) => void (await database.backup(target)),
    close: () => void database.close(),
  };
}

/** The part of `node:sqlite` used here (this project's @types/node is Node.js 20's, which has none). */
interface NodeSqliteStatement {
  columns(): unknown[];
  all(...parameters: unknown[]): unknown[];
  get(...parameters: unknown[]): unknown;
  run(...parameters: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  iterate(...parameters: unknown[]): IterableIterator<unknown>;
}
interface NodeSqliteDatabase {
  prepare(sql: string): NodeSqliteStatement;
  exec(sql: string): void;
  readonly isTransaction: boolean;
  close(): void;
}
interface NodeSqliteModule {
  DatabaseSync: new (
    file: string,
    options: { readOnly: boolean; enableForeignKeyConstraints: boolean },
  ) => NodeSqliteDatabase;
  backup(source: NodeSqliteDatabase, target: string): Promise<number>;
}

/** As better-sqlite3 names its errors, so that logs read the same whichever driver runs. */
export class SqliteError extends Error {
  override name = 'SqliteError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** A `node:sqlite` error as better-sqlite3 would throw it: a SqliteError with the code's name. */
export function withSqliteCode(error: unknown): unknown {
  const errcode = (error as { errcode?: unknown } | undefined)?.errcode;
  if (typeof errcode !== 'number' || !(error instanceof Error)) return error;
  const translated = new SqliteError(error.message, sqliteErrorCodeName(errcode));
  translated.stack = error.stack;
  return translated;
}

function translated<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw withSqliteCode(error);
  }
}

function* translatedRows(rows: IterableIterator<unknown>): IterableIterator<unknown> {
  for (;;) {
    const next = translated(() => rows.next());
    if (next.done) return;
    yield next.value;
  }
}

class NodeStatement implements SqliteStatement {
  readonly reader: boolean;
  constructor(private readonly statement: NodeSqliteStatement) {
    this.reader = statement.columns().length > 0;
  }
  all(parameters: readonly unknown[] = []) {
    return translated(() => this.statement.all(...parameters));
  }
  get(parameters: readonly unknown[] = []) {
    return translated(() => this.statement.get(...parameters));
  }
  run(parameters: readonly unknown[] = []) {
    return translated(() => this.statement.run(...parameters));
  }
  iterate(parameters: readonly unknown[] = []) {
    return translatedRows(translated(() => this.statement.iterate(...parameters)));
  }
}

function openWithNodeSqlite(file: string, options: OpenSqliteOptions): SqliteConnection {
  const sqlite = requireHere('node:sqlite') as NodeSqliteModule;
  if (options.fileMustExist && !existsSync(file)) {
    throw Object.assign(new Error(`unable to open database file: ${file} does not exist`), { code: 'SQLITE_CANTOPEN' });
  }
  // Foreign keys as better-sqlite3 leaves them (off until the pragma turns them on), so that both
  // drivers run the same statements the same way.
  const database = translated(
    () => new sqlite.DatabaseSync(file, { readOnly: options.readonly ?? false, enableForeignKeyConstraints: false }),
  );
  return {
    prepare: (sql) => translated(() => new NodeStatement(database.prepare(sql))),
    exec: (sql) => translated(() => database.exec(sql)),
    pragma: (text) => translated(() => database.prepare(`pragma ${text}`).all() as Record<string, unknown>[]),
    get inTransaction() {
      return database.isTransaction;
    },
    backup: async (target) => {
      try {
        await sqlite.backup(database, target);
      } catch (error) {
        throw withSqliteCode(error);
      }
    },
    close: () => database.close(),
  };
}
