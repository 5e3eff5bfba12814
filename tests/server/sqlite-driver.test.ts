/**
 * The SQLite driver this Node.js runs (better-sqlite3 on 20 and 22, node:sqlite from 24): CI runs
 * this file on each line, so both drivers are held to the same behaviour.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFault } from '../../server/store/database-faults.ts';
import {
  openSqliteFile,
  SQLITE_DRIVER,
  sqliteDriverFor,
  SqliteError,
  type SqliteConnection,
} from '../../server/store/sqlite-driver.ts';
import { sqliteErrorCodeName } from '../../server/store/sqlite-error-codes.ts';

describe('which driver runs', () => {
  it('is better-sqlite3 on Node.js 20 and 22, and node:sqlite from 24, where better-sqlite3 12 aborts', () => {
    expect(['20.19.0', '22.13.0', '22.23.3', '24.0.0', '24.21.0', '26.1.0'].map(sqliteDriverFor)).toEqual([
      'better-sqlite3',
      'better-sqlite3',
      'better-sqlite3',
      'node:sqlite',
      'node:sqlite',
      'node:sqlite',
    ]);
    expect(SQLITE_DRIVER).toBe(sqliteDriverFor(process.versions.node));
  });
});

describe("SQLite's result codes by name", () => {
  it('names primary and extended codes as better-sqlite3 does', () => {
    expect([5, 517, 2067, 1555, 787, 13, 26, 778, 11, 14].map(sqliteErrorCodeName)).toEqual([
      'SQLITE_BUSY',
      'SQLITE_BUSY_SNAPSHOT',
      'SQLITE_CONSTRAINT_UNIQUE',
      'SQLITE_CONSTRAINT_PRIMARYKEY',
      'SQLITE_CONSTRAINT_FOREIGNKEY',
      'SQLITE_FULL',
      'SQLITE_NOTADB',
      'SQLITE_IOERR_WRITE',
      'SQLITE_CORRUPT',
      'SQLITE_CANTOPEN',
    ]);
  });

  it('gives an extended code it does not list its primary name, so faults are still told apart', () => {
    const unlistedIoError = 10 | (99 << 8);
    expect(sqliteErrorCodeName(unlistedIoError)).toBe('SQLITE_IOERR');
    expect(databaseFault(new SqliteError('disk I/O error', sqliteErrorCodeName(unlistedIoError)))).toBe('damaged');
  });
});

describe(`the ${SQLITE_DRIVER} driver`, () => {
  let dir: string;
  let database: SqliteConnection;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sqlite-driver-'));
    database = openSqliteFile(path.join(dir, 'db.sqlite'));
    database.exec('create table notes (id text primary key, body text not null unique)');
  });
  afterEach(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('binds positional parameters and tells statements that return rows from those that do not', () => {
    const insert = database.prepare('insert into notes (id, body) values (?, ?)');
    const returning = database.prepare('insert into notes (id, body) values (?, ?) returning id');
    expect([insert.reader, returning.reader, database.prepare('select id from notes').reader]).toEqual([
      false,
      true,
      true,
    ]);
    expect(insert.run(['a', 'first'])).toMatchObject({ changes: 1 });
    expect(returning.all(['b', 'second'])).toEqual([{ id: 'b' }]);
    expect(database.prepare('select body from notes where id = ?').get(['a'])).toEqual({ body: 'first' });
    expect([...database.prepare('select id from notes order by id').iterate()]).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it("throws a SqliteError with better-sqlite3's code, which the server reads to answer", () => {
    const insert = database.prepare('insert into notes (id, body) values (?, ?)');
    insert.run(['a', 'same']);
    const thrown = (() => {
      try {
        insert.run(['b', 'same']);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).toMatchObject({ name: 'SqliteError', code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect((thrown as Error).message).toContain('UNIQUE constraint failed: notes.body');
  });

  it('runs pragmas and knows when a transaction is open', () => {
    expect(database.pragma('journal_mode = WAL')).toEqual([{ journal_mode: 'wal' }]);
    expect(database.inTransaction).toBe(false);
    database.exec('begin immediate');
    expect(database.inTransaction).toBe(true);
    database.exec('rollback');
    expect(database.inTransaction).toBe(false);
  });

  it('backs up a consistent copy that opens read-only and refuses writes', async () => {
    database.prepare('insert into notes (id, body) values (?, ?)').run(['a', 'kept']);
    const target = path.join(dir, 'copy.sqlite');
    await database.backup(target);
    const copy = openSqliteFile(target, { readonly: true, fileMustExist: true });
    try {
      expect(copy.prepare('select body from notes').all()).toEqual([{ body: 'kept' }]);
      expect(() => copy.exec("insert into notes values ('b', 'new')")).toThrow(
        expect.objectContaining({ code: expect.stringMatching(/^SQLITE_READONLY/) }),
      );
    } finally {
      copy.close();
    }
  });

  it('refuses to create a file that must exist', () => {
    const missing = path.join(dir, 'missing.sqlite');
    expect(() => openSqliteFile(missing, { fileMustExist: true })).toThrow();
    expect(existsSync(missing)).toBe(false);
  });
});
