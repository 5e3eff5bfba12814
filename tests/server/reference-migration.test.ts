import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationsFor } from '../../server/store/migrations.ts';
import type { Tables } from '../../server/store/schema.ts';
import { REFERENCE_PATTERN } from '../../src/domain/sync/reference.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('migration 0005: references for referrals already stored', () => {
  it('gives every earlier referral its own reference', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'reference-migration-'));
    const db = new Kysely<Tables>({
      dialect: new SqliteDialect({ database: new Database(path.join(dir, 'db.sqlite')) }),
    });
    try {
      const all = migrationsFor('sqlite');
      const before = Object.fromEntries(Object.entries(all).filter(([name]) => name < '0005'));
      await new Migrator({ db, provider: { getMigrations: async () => before } }).migrateToLatest();
      await db
        .insertInto('devices')
        .values({ id: 'device', name: 'Tablet', created_at: '2026-01-01T00:00:00.000Z' })
        .execute();
      const row = {
        body_hash: 'x',
        device_id: 'device',
        draft_id: 'draft',
        schema_version: 1,
        document_id: 'st-helens',
        document_version: '0.1.0',
        age_band: '0-4',
        agency: 'gp',
        suggested_level: 1,
        engine_level: 1,
        engine_reasons: '[]',
        immediate_risk: 0,
        practitioner_level: 1,
        override_rationale: null,
        started_at: '2026-01-01T00:00:00.000Z',
        completed_at: '2026-01-01T00:00:00.000Z',
        received_at: '2026-01-01T00:00:00.000Z',
        payload: '{}',
      };
      for (const n of [1, 2, 3]) {
        // Inserted as the table was before 0005, without a reference.
        await (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
          .insertInto('submissions')
          .values({ ...row, id: `s${n}`, idempotency_key: `k${n}` })
          .execute();
      }

      const { error } = await new Migrator({ db, provider: { getMigrations: async () => all } }).migrateToLatest();
      expect(error).toBeUndefined();
      const references = (await db.selectFrom('submissions').select('reference').execute()).map((r) => r.reference);
      expect(references).toHaveLength(3);
      for (const reference of references) expect(reference).toMatch(REFERENCE_PATTERN);
      expect(new Set(references).size).toBe(3);
    } finally {
      await db.destroy();
    }
  });
});
