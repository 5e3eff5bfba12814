/**
 * "Find a referral by its reference" on the inbox list: the referrer reads the reference out over
 * the phone, and the front door goes straight to the referral (an exact look-up on a unique index).
 */
import type { Kysely } from 'kysely';
import { normaliseReference } from '../../src/domain/sync/reference.ts';
import { submissionIdByReference } from '../store/references.ts';
import type { Tables } from '../store/schema.ts';
import type { FieldError } from './views/components.ts';

export type ReferenceSearch =
  { kind: 'none' } | { kind: 'found'; id: string } | { kind: 'not-found'; typed: string; error: FieldError };

export async function findByReference(db: Kysely<Tables>, query: unknown): Promise<ReferenceSearch> {
  const raw = (query as Record<string, unknown> | undefined)?.reference;
  const typed = typeof raw === 'string' ? raw.trim().slice(0, 40) : '';
  if (!typed) return { kind: 'none' };
  const reference = normaliseReference(typed);
  if (!reference) {
    return { kind: 'not-found', typed, error: { field: 'reference', message: 'Enter a reference like K7QM-4XRT' } };
  }
  const id = await submissionIdByReference(db, reference);
  if (id) return { kind: 'found', id };
  return {
    kind: 'not-found',
    typed,
    error: { field: 'reference', message: `No referral has the reference ${reference}: check it with the referrer` },
  };
}
