/**
 * A referral's progress at the front door: "new" (no row), "in triage" (someone has taken it on)
 * and "decided". Decisions are append-only: a change of mind adds a row with the next sequence
 * number, and the state row carries the latest for the list and the report. Every change writes
 * an audit event in the same transaction, so there is never a change without its record.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { toIso, type Tables } from '../../store/schema.ts';
import type { Outcome, StaffUser } from '../model.ts';
import { recordAudit } from './audit.ts';

export type StartOutcome = 'started' | 'already-started' | 'not-found';

export async function startTriage(db: Kysely<Tables>, submissionId: string, user: StaffUser, now: Date) {
  return db.transaction().execute(async (trx): Promise<StartOutcome> => {
    const exists = await trx.selectFrom('submissions').select('id').where('id', '=', submissionId).executeTakeFirst();
    if (!exists) return 'not-found';
    const inserted = await trx
      .insertInto('triage_states')
      .values({
        submission_id: submissionId,
        status: 'in-triage',
        triage_started_by: user.id,
        triage_started_at: now.toISOString(),
        decision_count: 0,
      })
      .onConflict((conflict) => conflict.column('submission_id').doNothing())
      .returning('submission_id')
      .executeTakeFirst();
    if (!inserted) return 'already-started';
    await recordAudit(trx, { actor: user, action: 'started-triage', submissionId }, now);
    return 'started';
  });
}

export interface DecisionInput {
  submissionId: string;
  /** How many decisions the person saw when they opened the form. */
  expectedCount: number;
  decidedLevel: number;
  outcome: Outcome;
  note: string;
}

export type DecisionOutcome = 'recorded' | 'changed-meanwhile' | 'not-found';

/**
 * Records a decision if nobody has recorded one since the form was opened (else
 * "changed-meanwhile", and nothing is written): a compare-and-set on the count, backed by the
 * unique (submission, sequence) constraint.
 */
export async function recordDecision(db: Kysely<Tables>, input: DecisionInput, user: StaffUser, now: Date) {
  const at = now.toISOString();
  return db.transaction().execute(async (trx): Promise<DecisionOutcome> => {
    const submission = await trx
      .selectFrom('submissions')
      .leftJoin('triage_states', 'triage_states.submission_id', 'submissions.id')
      .select([
        'submissions.practitioner_level',
        'submissions.engine_level',
        'triage_states.decided_level',
        'triage_states.outcome',
      ])
      .where('submissions.id', '=', input.submissionId)
      .executeTakeFirst();
    if (!submission) return 'not-found';
    await trx
      .insertInto('triage_states')
      .values({
        submission_id: input.submissionId,
        status: 'in-triage',
        triage_started_by: user.id,
        triage_started_at: at,
        decision_count: 0,
      })
      .onConflict((conflict) => conflict.column('submission_id').doNothing())
      .execute();
    const sequence = input.expectedCount + 1;
    const updated = await trx
      .updateTable('triage_states')
      .set({
        status: 'decided',
        decision_count: sequence,
        decided_level: input.decidedLevel,
        outcome: input.outcome,
        decided_by: user.id,
        decided_at: at,
      })
      .where('submission_id', '=', input.submissionId)
      .where('decision_count', '=', input.expectedCount)
      .executeTakeFirst();
    if (updated.numUpdatedRows !== 1n) return 'changed-meanwhile';
    await trx
      .insertInto('decisions')
      .values({
        id: randomUUID(),
        submission_id: input.submissionId,
        sequence,
        decided_level: input.decidedLevel,
        outcome: input.outcome,
        note: input.note,
        decided_by: user.id,
        decided_at: at,
      })
      .execute();
    await recordAudit(
      trx,
      {
        actor: user,
        action: 'recorded-decision',
        submissionId: input.submissionId,
        details: {
          sequence,
          decidedLevel: input.decidedLevel,
          outcome: input.outcome,
          previousLevel: submission.decided_level,
          previousOutcome: submission.outcome,
          referrerLevel: submission.practitioner_level,
          engineLevel: submission.engine_level,
          noteLength: input.note.length,
        },
      },
      now,
    );
    return 'recorded';
  });
}

export interface DecisionView {
  sequence: number;
  decidedLevel: number;
  outcome: string;
  note: string;
  decidedBy: string;
  decidedAt: string;
}

/** Every decision on a referral, latest first. */
export async function decisionsFor(db: Kysely<Tables>, submissionId: string): Promise<DecisionView[]> {
  const rows = await db
    .selectFrom('decisions')
    .innerJoin('users', 'users.id', 'decisions.decided_by')
    .select([
      'decisions.sequence',
      'decisions.decided_level',
      'decisions.outcome',
      'decisions.note',
      'decisions.decided_at',
      'users.username',
    ])
    .where('decisions.submission_id', '=', submissionId)
    .orderBy('decisions.sequence', 'desc')
    .execute();
  return rows.map((row) => ({
    sequence: row.sequence,
    decidedLevel: row.decided_level,
    outcome: row.outcome,
    note: row.note,
    decidedBy: row.username,
    decidedAt: toIso(row.decided_at),
  }));
}
