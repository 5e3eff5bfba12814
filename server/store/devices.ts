/**
 * Devices and their enrolment. An administrator creates a device and gets a one-time code; the
 * device exchanges the code for a bearer token; the administrator can revoke the device at any
 * time. Only hashes of codes and tokens are stored (see tokens.ts).
 */
import { randomUUID } from 'node:crypto';
import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { newDeviceToken, newEnrolmentCode, normaliseEnrolmentCode, sha256 } from '../tokens.ts';
import { toIso, type Tables } from './schema.ts';

const HOUR_MS = 60 * 60 * 1000;
/** A bound on one look-up's statement (SQLite takes 32,766 parameters; this is far below). */
const MAX_TOKENS_PER_LOOKUP = 200;

export interface NewDevice {
  deviceId: string;
  code: string;
  expiresAt: string;
}

export async function createDevice(db: Kysely<Tables>, name: string, codeHours: number, now = new Date()) {
  const deviceId = randomUUID();
  const code = newEnrolmentCode();
  const createdAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + codeHours * HOUR_MS).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('devices').values({ id: deviceId, name, created_at: createdAt }).execute();
    await trx
      .insertInto('enrolment_codes')
      .values({
        code_hash: sha256(normaliseEnrolmentCode(code) ?? code),
        device_id: deviceId,
        created_at: createdAt,
        expires_at: expiresAt,
      })
      .execute();
  });
  return { deviceId, code, expiresAt } satisfies NewDevice;
}

/**
 * Exchanges a one-time code for a token. Returns undefined when the code is unknown, used,
 * expired or belongs to a revoked device: all four look the same to the caller.
 */
export async function enrolDevice(db: Kysely<Tables>, codeInput: string, now = new Date()) {
  const code = normaliseEnrolmentCode(codeInput);
  if (!code) return undefined;
  const token = newDeviceToken();
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    // Claiming the code is the first statement: the row lock (PostgreSQL) or write lock (SQLite)
    // makes a second, concurrent use of the same code find it already used.
    const claimed = await trx
      .updateTable('enrolment_codes')
      .set({ used_at: at })
      .where('code_hash', '=', sha256(code))
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .returning('device_id')
      .executeTakeFirst();
    if (!claimed) return undefined;
    const enrolled = await trx
      .updateTable('devices')
      .set({ token_hash: sha256(token), enrolled_at: at })
      .where('id', '=', claimed.device_id)
      .where('revoked_at', 'is', null)
      .where('token_hash', 'is', null)
      .executeTakeFirst();
    if (enrolled.numUpdatedRows !== 1n) return undefined;
    return { deviceId: claimed.device_id, token };
  });
}

/**
 * The look-up every device request makes. The look-ups that arrive together go as one statement
 * (issue 13, goal 5: fewer round trips; sixteen submissions from a tablet cost one query, not
 * sixteen), and every one reads the database, so a device revoked by any process is refused at
 * once. Nothing is cached between batches.
 */
export function deviceLookup(db: Kysely<Tables>): (token: string) => Promise<string | undefined> {
  const loader = new DataLoader<string, string | undefined>(
    async (tokenHashes) => {
      const rows = await db
        .selectFrom('devices')
        .select(['id', 'token_hash'])
        .where('token_hash', 'in', [...new Set(tokenHashes)])
        .where('revoked_at', 'is', null)
        .execute();
      const deviceByHash = new Map(rows.map((row) => [row.token_hash, row.id]));
      return tokenHashes.map((hash) => deviceByHash.get(hash));
    },
    // Every request already read from the network joins the batch; no answer outlives it.
    { cache: false, batchScheduleFn: (send) => setImmediate(send), maxBatchSize: MAX_TOKENS_PER_LOOKUP },
  );
  return (token) => loader.load(sha256(token));
}

export type RevokeOutcome = 'revoked' | 'already-revoked' | 'not-found';

export async function revokeDevice(db: Kysely<Tables>, deviceId: string, now = new Date()): Promise<RevokeOutcome> {
  const result = await db
    .updateTable('devices')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', deviceId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 1n) return 'revoked';
  const exists = await db.selectFrom('devices').select('id').where('id', '=', deviceId).executeTakeFirst();
  return exists ? 'already-revoked' : 'not-found';
}

export interface DeviceSummary {
  id: string;
  name: string;
  status: 'awaiting-enrolment' | 'enrolled' | 'revoked';
  createdAt: string;
  enrolledAt: string | null;
  revokedAt: string | null;
  submissions: number;
  lastSubmissionAt: string | null;
}

export async function listDevices(db: Kysely<Tables>): Promise<DeviceSummary[]> {
  const rows = await db
    .selectFrom('devices')
    .leftJoin('submissions', 'submissions.device_id', 'devices.id')
    .select((eb) => [
      'devices.id',
      'devices.name',
      'devices.created_at',
      'devices.enrolled_at',
      'devices.revoked_at',
      eb.fn.count<string | number>('submissions.id').as('submissions'),
      eb.fn.max('submissions.received_at').as('last_submission_at'),
    ])
    .groupBy(['devices.id', 'devices.name', 'devices.created_at', 'devices.enrolled_at', 'devices.revoked_at'])
    .orderBy('devices.created_at')
    .orderBy('devices.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    status: row.revoked_at ? 'revoked' : row.enrolled_at ? 'enrolled' : 'awaiting-enrolment',
    createdAt: toIso(row.created_at),
    enrolledAt: row.enrolled_at ? toIso(row.enrolled_at) : null,
    revokedAt: row.revoked_at ? toIso(row.revoked_at) : null,
    submissions: Number(row.submissions),
    lastSubmissionAt: row.last_submission_at ? toIso(row.last_submission_at) : null,
  }));
}
