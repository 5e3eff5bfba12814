/**
 * What `GET /api/v1/submissions/{id}` reads: one referral's state, for the device that sent it only.
 * Reads the reference, the receipt time and the current decision; never the payload, the notes or
 * who decided.
 */
import type { Kysely } from 'kysely';
import type { SubmissionStatus } from '../../src/domain/sync/status-schema.ts';
import { outcomeLabel } from '../inbox/model.ts';
import { toIso, type Tables } from './schema.ts';

/** The referral `submissionId` as `deviceId` may see it; undefined if there is none or another device sent it. */
export async function statusForDevice(
  db: Kysely<Tables>,
  deviceId: string,
  submissionId: string,
): Promise<SubmissionStatus | undefined> {
  const row = await db
    .selectFrom('submissions as s')
    .leftJoin('triage_states as t', 't.submission_id', 's.id')
    .select(['s.id', 's.reference', 's.received_at', 't.status', 't.decided_level', 't.outcome', 't.decided_at'])
    .where('s.id', '=', submissionId)
    .where('s.device_id', '=', deviceId)
    .executeTakeFirst();
  if (!row?.reference) return undefined;
  const base = { id: row.id, reference: row.reference, receivedAt: toIso(row.received_at) };
  if (row.status === 'decided' && row.decided_at !== null && row.decided_level !== null && row.outcome !== null) {
    return {
      ...base,
      status: 'decided',
      decision: {
        decidedAt: toIso(row.decided_at),
        level: row.decided_level,
        outcome: row.outcome,
        outcomeLabel: outcomeLabel(row.outcome),
      },
    };
  }
  return { ...base, status: row.status === 'in-triage' ? 'in-triage' : 'received' };
}
