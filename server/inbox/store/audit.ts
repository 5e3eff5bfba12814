/**
 * The audit trail: who did what to which referral, when by the server's clock. Details hold codes,
 * levels, counts and pseudonymous ids only, never a note or anything a family could be named by,
 * so the trail can outlive the referrals it mentions.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { toIso, type Tables } from '../../store/schema.ts';
import type { StaffUser } from '../model.ts';

export type Executor = Kysely<Tables> | Transaction<Tables>;

export const AUDIT_ACTIONS = [
  'signed-in',
  'sign-in-failed',
  'locked-out',
  'signed-out',
  'viewed-submission',
  'started-triage',
  'recorded-decision',
  'exported-submissions',
  'exported-report',
  'added-user',
  'disabled-user',
  'revoked-device',
  'purged-submissions',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditDetails = Record<string, string | number | boolean | null>;

/** A member of staff, or the admin CLI run on the server. */
export type Actor = Pick<StaffUser, 'id' | 'username'> | 'admin-cli' | 'unknown';

export async function recordAudit(
  executor: Executor,
  event: { actor: Actor; action: AuditAction; submissionId?: string; details?: AuditDetails },
  now: Date,
): Promise<void> {
  const { actor } = event;
  await executor
    .insertInto('audit_events')
    .values({
      id: randomUUID(),
      at: now.toISOString(),
      actor_id: typeof actor === 'string' ? null : actor.id,
      actor: typeof actor === 'string' ? actor : actor.username,
      action: event.action,
      submission_id: event.submissionId ?? null,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  submissionId: string | null;
  details: AuditDetails;
}

export async function auditFor(executor: Executor, submissionId: string): Promise<AuditEntry[]> {
  const rows = await executor
    .selectFrom('audit_events')
    .selectAll()
    .where('submission_id', '=', submissionId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    at: toIso(row.at),
    actor: row.actor,
    action: row.action,
    submissionId: row.submission_id,
    details: JSON.parse(row.details) as AuditDetails,
  }));
}
