import { sql } from 'kysely';
import { statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, describeDatabase, loadConfig, requireInboxCsrfKey } from '../../server/config.ts';
import { openDatabase } from '../../server/store/database.ts';
import { migrationsFor } from '../../server/store/migrations.ts';
import { earlierSubmissionRow } from './support/earlier-schema.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/harness.ts';

const ROOT = '/srv/levels-of-need';

describe('the server settings', () => {
  it('default to SQLite under ./data, the built app in ./dist, port 8080 on the loopback address', () => {
    expect(loadConfig({}, ROOT)).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      database: { kind: 'sqlite', file: path.join(ROOT, 'data', 'levels-of-need.sqlite') },
      staticDir: path.join(ROOT, 'dist'),
      thresholdsDir: path.join(ROOT, 'thresholds'),
      rateLimitPerMinute: 120,
      trustProxy: false,
    });
  });

  it('use PostgreSQL when DATABASE_URL is set, and serve the API alone with STATIC_DIR=none', () => {
    const config = loadConfig(
      { DATABASE_URL: 'postgres://intake@db:5432/referrals', PG_POOL_MAX: '20', STATIC_DIR: 'none', TRUST_PROXY: '1' },
      ROOT,
    );
    expect(config).toMatchObject({
      database: { kind: 'postgres', url: 'postgres://intake@db:5432/referrals', poolMax: 20 },
      staticDir: null,
      trustProxy: 1,
    });
  });

  it('ask the server for a shared form key on PostgreSQL (several app servers), not on SQLite (one)', () => {
    const postgres = loadConfig({ DATABASE_URL: 'postgres://intake@db:5432/referrals' }, ROOT);
    expect(() => requireInboxCsrfKey(postgres)).toThrow(
      'INBOX_CSRF_KEY: INBOX_CSRF_KEY must be set with DATABASE_URL, the same on every app server',
    );
    const key = 'k'.repeat(44);
    expect(() =>
      requireInboxCsrfKey(
        loadConfig({ DATABASE_URL: 'postgres://intake@db:5432/referrals', INBOX_CSRF_KEY: key }, ROOT),
      ),
    ).not.toThrow();
    expect(() => requireInboxCsrfKey(loadConfig({}, ROOT))).not.toThrow();
    expect(() => loadConfig({ INBOX_CSRF_KEY: 'short' }, ROOT)).toThrow('INBOX_CSRF_KEY must be 32 characters or more');
  });

  it('treat an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }, ROOT)).toMatchObject({
      port: 8080,
      database: { kind: 'sqlite' },
    });
  });

  it('refuse mistakes with one line per setting, naming it', () => {
    const attempt = () =>
      loadConfig({ PORT: '80a', DATABASE_URL: 'mysql://db/referrals', LOG_LEVEL: 'loud', TRUST_PROXY: 'yes' }, ROOT);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      [
        "The server's settings have problems to fix:",
        'PORT: PORT must be a whole number',
        'DATABASE_URL: DATABASE_URL must be a postgres:// URL; leave it unset to keep the data in SQLite under DATA_DIR',
        'LOG_LEVEL: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace or silent',
        'TRUST_PROXY: TRUST_PROXY must be true, false, a number of proxy hops, or a comma-separated list of proxy addresses',
      ].join('\n'),
    );
  });

  it('name the SQLite file and the driver this Node.js runs it with', () => {
    const expected = Number(process.versions.node.split('.')[0]) >= 24 ? 'node:sqlite' : 'better-sqlite3';
    expect(describeDatabase({ kind: 'sqlite', file: '/srv/data/levels-of-need.sqlite' })).toBe(
      `SQLite /srv/data/levels-of-need.sqlite (through ${expected})`,
    );
  });

  it('never show a database password', () => {
    const shown = describeDatabase({ kind: 'postgres', url: 'postgres://intake:s3cret@db:5432/referrals', poolMax: 1 });
    expect(shown).toBe('PostgreSQL postgres://intake:***@db:5432/referrals');
  });
});

describe.each(DATABASE_KINDS)('the database on %s', (kind) => {
  let testDatabase: TestDatabase;
  beforeAll(async () => {
    testDatabase = await createTestDatabase(kind);
  });
  afterAll(() => testDatabase.drop());

  it('is opened durable, and migrating twice changes nothing', async () => {
    const first = await openDatabase(testDatabase.config);
    await first.close();
    const database = await openDatabase(testDatabase.config);
    try {
      if (kind === 'sqlite') {
        const pragma = async (name: string) =>
          Object.values(
            (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(database.db)).rows[0] ?? {},
          )[0];
        expect(await pragma('journal_mode')).toBe('wal');
        expect(await pragma('synchronous')).toBe(2);
        expect(await pragma('foreign_keys')).toBe(1);
        if (testDatabase.config.kind === 'sqlite') {
          for (const file of [testDatabase.config.file, `${testDatabase.config.file}-wal`]) {
            expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
          }
        }
      } else {
        const { rows } = await sql<{ synchronous_commit: string }>`show synchronous_commit`.execute(database.db);
        expect(rows[0]?.synchronous_commit).toBe('on');
      }
      const migrations = await sql<{ name: string }>`select name from kysely_migration`.execute(database.db);
      const names = migrations.rows.map((row) => row.name);
      expect(names.slice(0, 3)).toEqual([
        '0001-devices-and-submissions',
        '0002-inbox',
        '0003-sign-in-attempts-by-address',
      ]);
      expect(names).toEqual(Object.keys(migrationsFor(testDatabase.config.kind)));
    } finally {
      await database.close();
    }
  });

  it('refuses a second submission row with the same idempotency key', async () => {
    const database = await openDatabase(testDatabase.config);
    try {
      const device = { id: crypto.randomUUID(), name: 'Constraint check', created_at: new Date().toISOString() };
      await database.db.insertInto('devices').values(device).execute();
      const row = {
        ...earlierSubmissionRow(),
        id: crypto.randomUUID(),
        idempotency_key: crypto.randomUUID(),
        device_id: device.id,
        draft_id: crypto.randomUUID(),
        received_at: new Date().toISOString(),
        payload: '{}',
        reference: 'AAAA-AAAA',
      };
      await database.db.insertInto('submissions').values(row).execute();
      await expect(
        database.db
          .insertInto('submissions')
          .values({ ...row, id: crypto.randomUUID(), reference: 'BBBB-BBBB' })
          .execute(),
      ).rejects.toThrow();
    } finally {
      await database.close();
    }
  });
});
