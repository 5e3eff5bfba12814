/**
 * Schema migrations for both databases, applied at start-up (server and admin CLI) by Kysely's
 * migrator under a lock (see database-start-up.ts), so that several app servers starting together
 * apply each one once.
 * Never edit a migration that has shipped: add the next one.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely';
import { signInAttemptsByAddress } from './migration-0003-sign-in-by-address.ts';
import { rateLimitHits } from './migration-0003a-rate-limit-hits.ts';
import { submissionReferences } from './migration-0005-references.ts';
import { submissionIndicators } from './migration-0006-submission-indicators.ts';

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

/**
 * The front door's inbox (issue 8): staff, their sessions, sign-in failures for the lock-out, each
 * referral's triage state, the decisions (append-only: a new decision adds a row) and the audit trail.
 * Only new tables, and none with a foreign key to submissions: that table stays as it was, free of
 * dependants, and the retention purge deletes a referral's state and decisions in its own transaction.
 */
function inbox(dialect: DialectName): Migration {
  const timestamp = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: AnyDatabase) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('username', 'text', (col) => col.notNull().unique())
        .addColumn('role', 'text', (col) => col.notNull().check(sql`role in ('triage', 'admin')`))
        .addColumn('password_hash', 'text', (col) => col.notNull())
        .addColumn('created_at', timestamp, (col) => col.notNull())
        .addColumn('password_changed_at', timestamp, (col) => col.notNull())
        .addColumn('disabled_at', timestamp)
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (col) => col.primaryKey())
        .addColumn('user_id', 'text', (col) => col.notNull().references('users.id'))
        .addColumn('csrf_token', 'text', (col) => col.notNull())
        .addColumn('created_at', timestamp, (col) => col.notNull())
        .addColumn('last_seen_at', timestamp, (col) => col.notNull())
        .addColumn('expires_at', timestamp, (col) => col.notNull())
        .execute();
      await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute();

      // One row per attempt, keyed by a hash of the name typed (which may be a mistyped password).
      await db.schema
        .createTable('sign_in_attempts')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('username_hash', 'text', (col) => col.notNull())
        .addColumn('attempted_at', timestamp, (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex('sign_in_attempts_username')
        .on('sign_in_attempts')
        .columns(['username_hash', 'attempted_at'])
        .execute();

      await db.schema
        .createTable('triage_states')
        .addColumn('submission_id', 'text', (col) => col.primaryKey())
        .addColumn('status', 'text', (col) => col.notNull().check(sql`status in ('in-triage', 'decided')`))
        .addColumn('triage_started_by', 'text', (col) => col.references('users.id'))
        .addColumn('triage_started_at', timestamp)
        .addColumn('decision_count', 'integer', (col) => col.notNull())
        .addColumn('decided_level', 'integer')
        .addColumn('outcome', 'text')
        .addColumn('decided_by', 'text', (col) => col.references('users.id'))
        .addColumn('decided_at', timestamp)
        .execute();
      await db.schema.createIndex('triage_states_status').on('triage_states').column('status').execute();

      await db.schema
        .createTable('decisions')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('submission_id', 'text', (col) => col.notNull())
        // 1, 2, 3… per submission: two people deciding at once cannot both write the same number.
        .addColumn('sequence', 'integer', (col) => col.notNull())
        .addColumn('decided_level', 'integer', (col) => col.notNull())
        .addColumn('outcome', 'text', (col) => col.notNull())
        .addColumn('note', 'text', (col) => col.notNull())
        .addColumn('decided_by', 'text', (col) => col.notNull().references('users.id'))
        .addColumn('decided_at', timestamp, (col) => col.notNull())
        .addUniqueConstraint('decisions_submission_sequence', ['submission_id', 'sequence'])
        .execute();

      // No foreign keys: the trail outlives the referrals it names (they are purged), and it holds
      // pseudonymous ids and codes only, never free text.
      await db.schema
        .createTable('audit_events')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('at', timestamp, (col) => col.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('actor', 'text', (col) => col.notNull())
        .addColumn('action', 'text', (col) => col.notNull())
        .addColumn('submission_id', 'text')
        .addColumn('details', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('audit_events_at').on('audit_events').column('at').execute();
      await db.schema.createIndex('audit_events_submission_id').on('audit_events').column('submission_id').execute();
    },
  };
}

/** The level the inbox sorts and filters by (queries.ts `priorityLevel` must be written the same way to use these indexes). */
const PRIORITY_LEVEL = sql`(case when engine_level > practitioner_level then engine_level else practitioner_level end)`;

/**
 * The inbox at a large authority's volume (issue 13): an index for the list's order and for each
 * filter that leads with a column (level, agency), so the first page of any of them is read in
 * order from an index instead of sorting the whole table; and a `demo` flag on referrals made by
 * `admin seed-demo`, so fictional data is marked in the database itself and can be told apart.
 */
function inboxAtVolume(): Migration {
  return {
    async up(db: AnyDatabase) {
      await db.schema
        .alterTable('submissions')
        .addColumn('demo', 'integer', (col) =>
          col
            .notNull()
            .defaultTo(0)
            .check(sql`demo in (0, 1)`),
        )
        .execute();
      await sql`create index submissions_list_order on submissions
        (immediate_risk desc, ${PRIORITY_LEVEL} desc, received_at, id)`.execute(db);
      await sql`create index submissions_level_order on submissions
        (${PRIORITY_LEVEL}, immediate_risk desc, received_at, id)`.execute(db);
      await sql`create index submissions_agency_order on submissions
        (agency, immediate_risk desc, ${PRIORITY_LEVEL} desc, received_at, id)`.execute(db);
      // Covering indexes: the report's groups, and the columns a join by id needs, are read from
      // these alone, never from the table, whose rows carry each referral's payload.
      await db.schema
        .createIndex('submissions_report')
        .on('submissions')
        .columns(['agency', 'practitioner_level', 'engine_level', 'received_at'])
        .execute();
      await db.schema
        .createIndex('submissions_id_levels')
        .on('submissions')
        .columns(['id', 'agency', 'practitioner_level', 'engine_level', 'received_at', 'immediate_risk'])
        .execute();
      await db.schema
        .createIndex('triage_states_status_submission')
        .on('triage_states')
        .columns(['status', 'submission_id'])
        .execute();
      await db.schema
        .createIndex('triage_states_submission_status')
        .on('triage_states')
        .columns(['submission_id', 'status', 'decided_level'])
        .execute();
      await db.schema.createIndex('submissions_demo').on('submissions').column('demo').execute();
    },
  };
}

/** Every migration, in order. Names sort in the order they must run. */
export function migrationsFor(dialect: DialectName): Record<string, Migration> {
  return {
    '0001-devices-and-submissions': initial(dialect),
    '0002-inbox': inbox(dialect),
    '0003-sign-in-attempts-by-address': signInAttemptsByAddress(dialect),
    '0003a-rate-limit-hits': rateLimitHits(dialect),
    '0004-inbox-at-volume': inboxAtVolume(),
    '0005-submission-references': submissionReferences(),
    '0006-submission-indicators': submissionIndicators(dialect),
  };
}
