/**
 * The server's side of the short references (src/domain/sync/reference.ts): making one, telling a
 * collision on its unique index from any other failure, and reading one back.
 */
import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { makeReference } from '../../src/domain/sync/reference.ts';
import type { Tables } from './schema.ts';

/** A new random reference, from the operating system's random source. */
export function newReference(): string {
  return makeReference((below) => randomInt(below));
}

/** True if `error` is the database refusing a reference that another referral already has. */
export function isReferenceCollision(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, constraint } = error as Error & { code?: unknown; constraint?: unknown };
  // PostgreSQL names the index; SQLite names the column in the message.
  if (code === '23505') return constraint === 'submissions_reference';
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes('submissions.reference');
}

export async function referenceOf(db: Kysely<Tables>, submissionId: string): Promise<string | undefined> {
  const row = await db.selectFrom('submissions').select('reference').where('id', '=', submissionId).executeTakeFirst();
  return row?.reference ?? undefined;
}

/** The id of the referral with `reference` (already normalised), if there is one. */
export async function submissionIdByReference(db: Kysely<Tables>, reference: string): Promise<string | undefined> {
  const row = await db.selectFrom('submissions').select('id').where('reference', '=', reference).executeTakeFirst();
  return row?.id;
}
