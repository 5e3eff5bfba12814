/**
 * For tests of a migration on rows stored before it: a database taken only as far as the
 * migrations before `migration`, with one device, and a referral row as those migrations stored it.
 */
import { Migrator, type Kysely } from 'kysely';
import { expect } from 'vitest';
import { migrationsFor, type DialectName } from '../../../server/store/migrations.ts';

/** The device every earlier row belongs to. */
export const EARLIER_DEVICE_ID = 'device';

/** Runs the migrations named before `migration` and adds the device; returns every migration, to finish with. */
export async function migrateUpTo(db: Kysely<unknown>, dialect: DialectName, migration: string) {
  const all = migrationsFor(dialect);
  const before = Object.fromEntries(Object.entries(all).filter(([name]) => name < migration));
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => before } }).migrateToLatest();
  expect(error).toBeUndefined();
  await (db as Kysely<{ devices: { id: string; name: string; created_at: string } }>)
    .insertInto('devices')
    .values({ id: EARLIER_DEVICE_ID, name: 'Tablet', created_at: '2026-01-01T00:00:00.000Z' })
    .execute();
  return {
    /** Runs the rest, from `migration` on. */
    async migrateToLatest() {
      const { error: rest } = await new Migrator({
        db,
        provider: { getMigrations: async () => all },
      }).migrateToLatest();
      expect(rest).toBeUndefined();
    },
  };
}

/** A referral row with every column the earliest schema has, at level 1, received on 1 January 2026. */
export function earlierSubmissionRow() {
  return {
    body_hash: 'x',
    device_id: EARLIER_DEVICE_ID,
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
  };
}
