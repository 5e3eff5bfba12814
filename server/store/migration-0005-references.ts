/**
 * Migration 0005: every referral gets a short reference a person can read out (issue 12, point 6),
 * unique by index. Referrals already stored get one here. SQLite cannot add a NOT NULL column
 * without a default, so the column admits null in the database; the app always writes one.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely';
import { newReference } from './references.ts';

export function submissionReferences(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('submissions').addColumn('reference', 'text').execute();
      const { rows } = await sql<{ id: string }>`select id from submissions`.execute(db);
      const taken = new Set<string>();
      for (const { id } of rows) {
        let reference = newReference();
        while (taken.has(reference)) reference = newReference();
        taken.add(reference);
        await sql`update submissions set reference = ${reference} where id = ${id}`.execute(db);
      }
      await db.schema.createIndex('submissions_reference').on('submissions').column('reference').unique().execute();
    },
  };
}
