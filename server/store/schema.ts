/**
 * The tables, as Kysely sees them. The same columns exist in SQLite and PostgreSQL (see
 * migrations.ts); the differences are kept to what each database does best:
 *
 * - times are `timestamptz` in PostgreSQL and ISO-8601 UTC text in SQLite (text sorts correctly
 *   there); they are always written as ISO strings and read back through `toIso`;
 * - flags are integers 0/1 in both, because better-sqlite3 cannot bind booleans.
 */
import type { ColumnType, Generated } from 'kysely';

/** Written as an ISO-8601 string; read back as a string (SQLite) or a Date (PostgreSQL). */
export type Timestamp = ColumnType<string | Date, string, string>;

export interface DevicesTable {
  /** A random UUID: pseudonymous, safe to log. */
  id: string;
  /** What the IT service desk calls the device, e.g. "Health visiting tablet 3". Never logged. */
  name: string;
  created_at: Timestamp;
  enrolled_at: Timestamp | null;
  revoked_at: Timestamp | null;
  /** SHA-256 of the bearer token, hex. The token itself is never stored. */
  token_hash: string | null;
}

export interface EnrolmentCodesTable {
  /** SHA-256 of the normalised code, hex. The code itself is never stored. */
  code_hash: string;
  device_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface SubmissionsTable {
  /** The server's id for the referral, a random UUID, returned in the receipt. */
  id: string;
  /** The device's Idempotency-Key (a UUID made when the practitioner pressed Send). Unique. */
  idempotency_key: string;
  /** SHA-256 of the received JSON with its keys sorted: tells a replay from a reused key. */
  body_hash: string;
  device_id: string;
  draft_id: string;
  schema_version: number;
  document_id: string;
  document_version: string;
  age_band: string;
  agency: string;
  /** The level the device's engine suggested: a claim, kept to compare with `engine_level`. */
  suggested_level: number;
  /** The level recomputed here, by the same engine on the pinned document. */
  engine_level: number;
  /** The ids of the indicators and rules that set `engine_level`, as a JSON array. */
  engine_reasons: string;
  immediate_risk: number;
  practitioner_level: number;
  override_rationale: string | null;
  /** The device's clock: claims, never used for audit. */
  started_at: string;
  completed_at: string;
  /** The server's clock when the referral was accepted. */
  received_at: Timestamp;
  /** The validated submission as JSON text. Personal data: never logged, never sent back. */
  payload: string;
  /** 1 for the fictional referrals `admin seed-demo` makes, 0 for real ones (migration 0004). */
  demo: Generated<number>;
  /** The short reference people read out (src/domain/sync/reference.ts); unique (migration 0005). */
  reference: string;
}

/** Front-door staff who use the inbox (issue 8). Users are disabled, never deleted: decisions name them. */
export interface UsersTable {
  id: string;
  /** Lower case; shown in the inbox and the audit trail. */
  username: string;
  role: 'triage' | 'admin';
  /** `$scrypt$ln=…,r=…,p=…$salt$hash`: the parameters travel with the hash so they can be raised later. */
  password_hash: string;
  created_at: Timestamp;
  password_changed_at: Timestamp;
  disabled_at: Timestamp | null;
}

export interface SessionsTable {
  /** SHA-256 of the session cookie's value, hex. The cookie's value itself is never stored. */
  id_hash: string;
  user_id: string;
  /** The synchronizer token every form in this session carries. */
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  /** The absolute end of the session, however active it is. */
  expires_at: Timestamp;
}

export interface SignInAttemptsTable {
  id: string;
  /** SHA-256 of the normalised username typed: unknown names are locked out the same way. */
  username_hash: string;
  /** SHA-256 of the client's address (as TRUST_PROXY lets the server see it). */
  client_hash: string;
  attempted_at: Timestamp;
}

/** A referral's place in the front door's work; no row means "new". */
export interface TriageStatesTable {
  submission_id: string;
  status: 'in-triage' | 'decided';
  triage_started_by: string | null;
  triage_started_at: Timestamp | null;
  /** How many decisions have been recorded: the check that stops two people overwriting each other. */
  decision_count: number;
  /** The latest decision, copied here for the list and the report. */
  decided_level: number | null;
  outcome: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
}

/** Every decision ever recorded (a change adds a row). Holds free text: deleted with its referral. */
export interface DecisionsTable {
  id: string;
  submission_id: string;
  sequence: number;
  decided_level: number;
  outcome: string;
  note: string;
  decided_by: string;
  decided_at: Timestamp;
}

/** Who did what, when (server time). Pseudonymous ids and codes only, never free text or names of families. */
export interface AuditEventsTable {
  id: string;
  at: Timestamp;
  /** The user's id, or null for the admin CLI. */
  actor_id: string | null;
  /** The username at the time, or "admin-cli". */
  actor: string;
  action: string;
  submission_id: string | null;
  /** A JSON object of codes, levels and counts. */
  details: string;
}

/** Each referral's indicators, one row each, kept by triggers from its payload (migration 0006). */
export interface SubmissionIndicatorsTable {
  submission_id: string;
  indicator_id: string;
  /** Copied from the referral (they never change), so the report needs no join to it. */
  practitioner_level: number;
  engine_level: number;
  received_at: Timestamp;
}

/** PostgreSQL only: the rate limits' shared counters (see rate-limit-store.ts). */
export interface RateLimitHitsTable {
  key: string;
  count: number;
  window_ends_at: Timestamp;
}

export interface Tables {
  devices: DevicesTable;
  enrolment_codes: EnrolmentCodesTable;
  submissions: SubmissionsTable;
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  triage_states: TriageStatesTable;
  decisions: DecisionsTable;
  audit_events: AuditEventsTable;
  rate_limit_hits: RateLimitHitsTable;
  submission_indicators: SubmissionIndicatorsTable;
}

export function toIso(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
