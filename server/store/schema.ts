/**
 * The tables, as Kysely sees them. The same columns exist in SQLite and PostgreSQL (see
 * migrations.ts); the differences are kept to what each database does best:
 *
 * - times are `timestamptz` in PostgreSQL and ISO-8601 UTC text in SQLite (text sorts correctly
 *   there); they are always written as ISO strings and read back through `toIso`;
 * - flags are integers 0/1 in both, because better-sqlite3 cannot bind booleans.
 */
import type { ColumnType } from 'kysely';

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
}

export interface Tables {
  devices: DevicesTable;
  enrolment_codes: EnrolmentCodesTable;
  submissions: SubmissionsTable;
}

export function toIso(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
