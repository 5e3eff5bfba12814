/**
 * Front-door staff: their accounts (scrypt hashes only), their sessions (SHA-256 of the cookie
 * only) and the sign-in attempts that drive the lock-out (SHA-256 of the name typed only).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { toIso, type Tables } from '../../store/schema.ts';
import { sha256 } from '../../tokens.ts';
import type { Role, StaffUser } from '../model.ts';
import { hashPassword, type ScryptParameters } from '../passwords.ts';
import { recordAudit, type Actor } from './audit.ts';

const MINUTE_MS = 60_000;
const SESSION_TOKEN_BYTES = 32;

/**
 * The name as stored, looked up and locked out, whatever was typed: NFKC (so a full-width "Ａ"
 * is an "a"), trimmed and lower case. usernameSchema applies the same, so the two never differ.
 */
export const normaliseUsername = (typed: string) => typed.normalize('NFKC').trim().toLowerCase();

export const usernameSchema = z
  .string()
  .overwrite(normaliseUsername)
  .regex(
    /^[a-z0-9][a-z0-9._@-]{2,99}$/,
    'A username is 3 to 100 letters, digits, dots, hyphens, underscores or @, starting with a letter or digit',
  );

export class UserExistsError extends Error {
  override name = 'UserExistsError';
}

export async function createUser(
  db: Kysely<Tables>,
  user: { username: string; role: Role; password: string },
  parameters: ScryptParameters | undefined,
  now = new Date(),
  actor: Actor = 'admin-cli',
): Promise<StaffUser> {
  const username = usernameSchema.parse(user.username);
  const passwordHash = await hashPassword(user.password, parameters);
  const id = randomUUID();
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('users')
      .values({
        id,
        username,
        role: user.role,
        password_hash: passwordHash,
        created_at: at,
        password_changed_at: at,
        disabled_at: null,
      })
      .onConflict((conflict) => conflict.column('username').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new UserExistsError(`There is already a user called ${username}.`);
    await recordAudit(trx, { actor, action: 'added-user', details: { userId: id, role: user.role } }, now);
  });
  return { id, username, role: user.role };
}

export async function findUserByName(db: Kysely<Tables>, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'role', 'password_hash', 'disabled_at'])
    .where('username', '=', normaliseUsername(username))
    .executeTakeFirst();
}

export async function replacePasswordHash(db: Kysely<Tables>, userId: string, passwordHash: string, now: Date) {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at: now.toISOString() })
    .where('id', '=', userId)
    .execute();
}

export interface UserSummary {
  id: string;
  username: string;
  role: Role;
  createdAt: string;
  disabledAt: string | null;
}

export async function listUsers(db: Kysely<Tables>): Promise<UserSummary[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    role: row.role,
    createdAt: toIso(row.created_at),
    disabledAt: row.disabled_at ? toIso(row.disabled_at) : null,
  }));
}

/** Disables the account and ends its sessions at once. Returns false if there is no such user. */
export async function disableUser(db: Kysely<Tables>, username: string, actor: Actor, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', normaliseUsername(username))
      .executeTakeFirst();
    if (!user) return false;
    await trx
      .updateTable('users')
      .set({ disabled_at: now.toISOString() })
      .where('id', '=', user.id)
      .where('disabled_at', 'is', null)
      .execute();
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
    await recordAudit(trx, { actor, action: 'disabled-user', details: { userId: user.id } }, now);
    return true;
  });
}

// Sign-in attempts ------------------------------------------------------------------------------

export interface AttemptCounts {
  /** Attempts at this name from this address in the window, this one included. */
  fromClient: number;
  /** Attempts at this name from every address in the window, this one included. */
  forName: number;
}

/**
 * Records an attempt before the password is checked and answers how many attempts this name has
 * had in the window, this one included (parallel guesses each see the others). Attempts older
 * than the window are deleted for every name, known or not, so the table stays small.
 */
export async function countAttempt(
  db: Kysely<Tables>,
  attempt: { username: string; client: string },
  windowMinutes: number,
  now: Date,
): Promise<AttemptCounts> {
  const usernameHash = sha256(normaliseUsername(attempt.username));
  const clientHash = sha256(attempt.client);
  const since = new Date(now.getTime() - windowMinutes * MINUTE_MS).toISOString();
  await db.deleteFrom('sign_in_attempts').where('attempted_at', '<=', since).execute();
  await db
    .insertInto('sign_in_attempts')
    .values({ id: randomUUID(), username_hash: usernameHash, client_hash: clientHash, attempted_at: now.toISOString() })
    .execute();
  const rows = await db
    .selectFrom('sign_in_attempts')
    .select((eb) => [
      eb.fn.countAll<string | number>().as('forName'),
      eb.fn.count<string | number>(eb.case().when('client_hash', '=', clientHash).then(1).end()).as('fromClient'),
    ])
    .where('username_hash', '=', usernameHash)
    .where('attempted_at', '>', since)
    .executeTakeFirstOrThrow();
  return { forName: Number(rows.forName), fromClient: Number(rows.fromClient) };
}

/** Forgets the attempts at a name: from one address after it signs in, or all (unlock-user). */
export async function clearAttempts(db: Kysely<Tables>, username: string, client?: string) {
  let query = db.deleteFrom('sign_in_attempts').where('username_hash', '=', sha256(normaliseUsername(username)));
  if (client !== undefined) query = query.where('client_hash', '=', sha256(client));
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

// Sessions ----------------------------------------------------------------------------------------

export interface SessionLimits {
  idleMinutes: number;
  maxHours: number;
}

export async function createSession(db: Kysely<Tables>, userId: string, limits: SessionLimits, now: Date) {
  const token = randomBytes(SESSION_TOKEN_BYTES).toString('base64url');
  const at = now.toISOString();
  await db
    .insertInto('sessions')
    .values({
      id_hash: sha256(token),
      user_id: userId,
      // Unused since @fastify/csrf-protection signs the forms; the shipped column is NOT NULL.
      csrf_token: '',
      created_at: at,
      last_seen_at: at,
      expires_at: new Date(now.getTime() + limits.maxHours * 60 * MINUTE_MS).toISOString(),
    })
    .execute();
  // Sessions that ended long ago go now: nobody else removes them.
  await db.deleteFrom('sessions').where('expires_at', '<', at).execute();
  return { token };
}

export interface ActiveSession {
  idHash: string;
  user: StaffUser;
  lastSeenAt: string;
}

/** The session behind a cookie, if it is neither idle too long, past its end, nor its user's disabled. */
export async function findSession(
  db: Kysely<Tables>,
  token: string,
  limits: SessionLimits,
  now: Date,
): Promise<ActiveSession | undefined> {
  const idleSince = new Date(now.getTime() - limits.idleMinutes * MINUTE_MS).toISOString();
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id_hash', 'sessions.last_seen_at', 'users.id', 'users.username', 'users.role'])
    .where('sessions.id_hash', '=', sha256(token))
    .where('sessions.expires_at', '>', now.toISOString())
    .where('sessions.last_seen_at', '>', idleSince)
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    idHash: row.id_hash,
    user: { id: row.id, username: row.username, role: row.role },
    lastSeenAt: toIso(row.last_seen_at),
  };
}

export async function touchSession(db: Kysely<Tables>, idHash: string, now: Date) {
  await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Kysely<Tables>, idHash: string) {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}
