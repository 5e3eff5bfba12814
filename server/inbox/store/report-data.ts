/**
 * The rows behind the consistency report for a range of days: the levels of every referral
 * received in it, and the indicators of the decided ones whose levels disagree (only those
 * payloads are read).
 */
import type { Kysely } from 'kysely';
import type { Tables } from '../../store/schema.ts';
import type { ReportInput } from '../report.ts';

export interface ReportRange {
  /** ISO instants: received at or after `from`, before `to`. */
  from?: string;
  to?: string;
}

export async function reportInputs(db: Kysely<Tables>, range: ReportRange): Promise<ReportInput[]> {
  let query = db
    .selectFrom('submissions as s')
    .leftJoin('triage_states as t', 't.submission_id', 's.id')
    .select(['s.id', 's.agency', 's.practitioner_level', 's.engine_level', 't.decided_level']);
  if (range.from) query = query.where('s.received_at', '>=', range.from);
  if (range.to) query = query.where('s.received_at', '<', range.to);
  const rows = await query.orderBy('s.received_at').orderBy('s.id').execute();

  const disagreeing = rows
    .filter(
      (row) =>
        row.decided_level !== null &&
        (row.practitioner_level !== row.decided_level || row.engine_level !== row.decided_level),
    )
    .map((row) => row.id);
  const indicators = new Map<string, string[]>();
  // In batches: SQLite allows at most a few thousand bound values per statement.
  for (let start = 0; start < disagreeing.length; start += 500) {
    const ids = disagreeing.slice(start, start + 500);
    const payloads = await db.selectFrom('submissions').select(['id', 'payload']).where('id', 'in', ids).execute();
    for (const { id, payload } of payloads) {
      indicators.set(id, (JSON.parse(payload) as { indicators?: string[] }).indicators ?? []);
    }
  }

  return rows.map((row) => ({
    agency: row.agency,
    referrerLevel: row.practitioner_level,
    engineLevel: row.engine_level,
    decidedLevel: row.decided_level,
    indicators: indicators.get(row.id) ?? [],
  }));
}
