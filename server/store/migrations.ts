/**
 * Schema migrations for both databases, applied at start-up (server and admin CLI) by Kysely's
 * migrator, which takes a lock so that several app servers starting together apply each one once.
 * Never edit a migration that has shipped: add the next one.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export type DialectName = 'sqlite' | 'postgres';

/** Kysely's migrations are typed `Kysely<any>`; this is the narrowest type its schema builder accepts. */
type AnyDatabase = Kysely<unknown>;

function initial(dialect: DialectName): Migration {
  // PostgreSQL keeps real timestamps; SQLite keeps ISO-8601 UTC text, which sorts the same way.
  const timestamp = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: AnyDatabase) {
      await db.schema
        .createTable('devices')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('created_at', timestamp, (col) => col.notNull())
        .addColumn('enrolled_at', timestamp)
        .addColumn('revoked_at', timestamp)
        .addColumn('token_hash', 'text', (col) => col.unique())
        .execute();

      await db.schema
        .createTable('enrolment_codes')
        .addColumn('code_hash', 'text', (col) => col.primaryKey())
        .addColumn('device_id', 'text', (col) => col.notNull().references('devices.id'))
        .addColumn('created_at', timestamp, (col) => col.notNull())
        .addColumn('expires_at', timestamp, (col) => col.notNull())
        .addColumn('used_at', timestamp)
        .execute();

      await db.schema
        .createTable('submissions')
        .addColumn('id', 'text', (col) => col.primaryKey())
        // The guarantee behind "exactly once": whatever the races, one row per key.
        .addColumn('idempotency_key', 'text', (col) => col.notNull().unique())
        .addColumn('body_hash', 'text', (col) => col.notNull())
        .addColumn('device_id', 'text', (col) => col.notNull().references('devices.id'))
        .addColumn('draft_id', 'text', (col) => col.notNull())
        .addColumn('schema_version', 'integer', (col) => col.notNull())
        .addColumn('document_id', 'text', (col) => col.notNull())
        .addColumn('document_version', 'text', (col) => col.notNull())
        .addColumn('age_band', 'text', (col) => col.notNull())
        .addColumn('agency', 'text', (col) => col.notNull())
        .addColumn('suggested_level', 'integer', (col) => col.notNull())
        .addColumn('engine_level', 'integer', (col) => col.notNull())
        .addColumn('engine_reasons', 'text', (col) => col.notNull())
        .addColumn('immediate_risk', 'integer', (col) => col.notNull().check(sql`immediate_risk in (0, 1)`))
        .addColumn('practitioner_level', 'integer', (col) => col.notNull())
        .addColumn('override_rationale', 'text')
        .addColumn('started_at', 'text', (col) => col.notNull())
        .addColumn('completed_at', 'text', (col) => col.notNull())
        .addColumn('received_at', timestamp, (col) => col.notNull())
        .addColumn('payload', 'text', (col) => col.notNull())
        .execute();

      // For the front door's inbox (issue 8): newest first, and by device for revocation reviews.
      await db.schema.createIndex('submissions_received_at').on('submissions').column('received_at').execute();
      await db.schema.createIndex('submissions_device_id').on('submissions').column('device_id').execute();
      await db.schema.createIndex('enrolment_codes_device_id').on('enrolment_codes').column('device_id').execute();
    },
  };
}

/** Every migration, in order. Names sort in the order they must run. */
export function migrationsFor(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-devices-and-submissions': initial(dialect),
  };
}
