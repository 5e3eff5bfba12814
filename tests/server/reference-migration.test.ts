import { Kysely, SqliteDialect } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Tables } from '../../server/store/schema.ts';
import { openSqliteFile } from '../../server/store/sqlite-driver.ts';
import { REFERENCE_PATTERN } from '../../src/domain/sync/reference.ts';
import { earlierSubmissionRow, migrateUpTo } from './support/earlier-schema.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('migration 0005: references for referrals already stored', () => {
  it('gives every earlier referral its own reference', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'reference-migration-'));
    const db = new Kysely<Tables>({
      dialect: new SqliteDialect({ database: openSqliteFile(path.join(dir, 'db.sqlite')) }),
    });
    try {
      const migrations = await migrateUpTo(db as Kysely<unknown>, 'sqlite', '0005');
      const row = { ...earlierSubmissionRow(), payload: '{}' };
      for (const n of [1, 2, 3]) {
        // Inserted as the table was before 0005, without a reference.
        await (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
          .insertInto('submissions')
          .values({ ...row, id: `s${n}`, idempotency_key: `k${n}` })
          .execute();
      }

      await migrations.migrateToLatest();
      const references = (await db.selectFrom('submissions').select('reference').execute()).map((r) => r.reference);
      expect(references).toHaveLength(3);
      for (const reference of references) expect(reference).toMatch(REFERENCE_PATTERN);
      expect(new Set(references).size).toBe(3);
    } finally {
      await db.destroy();
    }
  });
});
