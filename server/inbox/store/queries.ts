/**
 * What the inbox reads: the list (immediate risk first, then the higher of the referrer's and the
 * engine's level, highest first, then the oldest first), its counts, one referral, and the rows
 * of an export. The same SQL runs on SQLite and PostgreSQL.
 */
import { sql, type Kysely } from 'kysely';
import { toIso, type Tables } from '../../store/schema.ts';
import type { Status } from '../model.ts';

export interface ListFilters {
  /** The higher of the referrer's and the suggested level. */
  level?: number;
  agency?: string;
  /** ISO instants: received at or after `from`, before `to`. */
  from?: string;
  to?: string;
  status?: Status;
}

/** The level a referral is sorted and filtered by: the higher of the two, so no override hides urgency. */
export const priorityLevel = sql<number>`case when s.engine_level > s.practitioner_level then s.engine_level else s.practitioner_level end`;
const statusOf = sql<Status>`coalesce(t.status, 'new')`;

/** Submissions (s) with their triage state (t), narrowed by the filters; callers add joins and columns. */
function filtered(db: Kysely<Tables>, filters: ListFilters, withStatus = true) {
  let query = db.selectFrom('submissions as s').leftJoin('triage_states as t', 't.submission_id', 's.id');
  if (filters.level !== undefined) query = query.where(priorityLevel, '=', filters.level);
  if (filters.agency) query = query.where('s.agency', '=', filters.agency);
  if (filters.from) query = query.where('s.received_at', '>=', filters.from);
  if (filters.to) query = query.where('s.received_at', '<', filters.to);
  const status = withStatus ? filters.status : undefined;
  if (status === 'new') query = query.where('t.status', 'is', null);
  else if (status) query = query.where('t.status', '=', status);
  return query;
}

export interface ListRow {
  id: string;
  reference: string;
  receivedAt: string;
  agency: string;
  ageBand: string;
  practitionerLevel: number;
  engineLevel: number;
  immediateRisk: boolean;
  status: Status;
  decidedLevel: number | null;
  outcome: string | null;
  childName: string;
}

export interface ListCounts {
  total: number;
  byStatus: Record<Status, number>;
  immediateRisk: number;
}

function childNameFrom(payload: string): string {
  const { child } = JSON.parse(payload) as { child?: { firstName?: string; lastName?: string } };
  return [child?.lastName, child?.firstName].filter(Boolean).join(', ');
}

export async function listSubmissions(
  db: Kysely<Tables>,
  filters: ListFilters,
  page: { limit: number; offset: number },
): Promise<ListRow[]> {
  const rows = await filtered(db, filters)
    .select([
      's.id',
      's.reference',
      's.received_at',
      's.agency',
      's.age_band',
      's.practitioner_level',
      's.engine_level',
      's.immediate_risk',
      's.payload',
      't.decided_level',
      't.outcome',
      statusOf.as('status'),
    ])
    .orderBy('s.immediate_risk', 'desc')
    .orderBy(priorityLevel, 'desc')
    .orderBy('s.received_at', 'asc')
    .orderBy('s.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference,
    receivedAt: toIso(row.received_at),
    agency: row.agency,
    ageBand: row.age_band,
    practitionerLevel: row.practitioner_level,
    engineLevel: row.engine_level,
    immediateRisk: row.immediate_risk === 1,
    status: row.status,
    decidedLevel: row.decided_level,
    outcome: row.outcome,
    childName: childNameFrom(row.payload),
  }));
}

/** How many referrals match the filters, by status (ignoring the status filter), and how many are at immediate risk. */
export async function countSubmissions(db: Kysely<Tables>, filters: ListFilters): Promise<ListCounts> {
  const rows = await filtered(db, filters, false)
    .select((eb) => [
      statusOf.as('status'),
      eb.fn.countAll<string | number>().as('n'),
      eb.fn.sum<string | number | null>('s.immediate_risk').as('risk'),
    ])
    .groupBy(statusOf)
    .execute();
  const byStatus: Record<Status, number> = { new: 0, 'in-triage': 0, decided: 0 };
  let immediateRisk = 0;
  for (const row of rows) {
    byStatus[row.status] = Number(row.n);
    if (!filters.status || filters.status === row.status) immediateRisk += Number(row.risk ?? 0);
  }
  const total = filters.status ? byStatus[filters.status] : byStatus.new + byStatus['in-triage'] + byStatus.decided;
  return { total, byStatus, immediateRisk };
}

export async function findSubmission(db: Kysely<Tables>, id: string) {
  const row = await filtered(db, {})
    .leftJoin('users as starter', 'starter.id', 't.triage_started_by')
    .select([
      's.id',
      's.reference',
      's.received_at',
      's.document_id',
      's.document_version',
      's.agency',
      's.suggested_level',
      's.engine_level',
      's.engine_reasons',
      's.immediate_risk',
      's.practitioner_level',
      's.override_rationale',
      's.started_at',
      's.completed_at',
      's.payload',
      't.decision_count',
      't.triage_started_at',
      'starter.username as triage_started_by',
      statusOf.as('status'),
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...row,
    received_at: toIso(row.received_at),
    triage_started_at: row.triage_started_at ? toIso(row.triage_started_at) : null,
    decision_count: row.decision_count ?? 0,
  };
}
export type SubmissionRow = NonNullable<Awaited<ReturnType<typeof findSubmission>>>;

/** Everything an export needs, in list order, with the latest decision's note and who made it. */
export async function exportSubmissions(db: Kysely<Tables>, filters: ListFilters) {
  const rows = await filtered(db, filters)
    .leftJoin('decisions as d', (join) =>
      join.onRef('d.submission_id', '=', 's.id').onRef('d.sequence', '=', 't.decision_count'),
    )
    .leftJoin('users as u', 'u.id', 'd.decided_by')
    .select([
      's.id',
      's.received_at',
      's.agency',
      's.practitioner_level',
      's.engine_level',
      's.suggested_level',
      's.immediate_risk',
      's.override_rationale',
      's.payload',
      statusOf.as('status'),
      'd.decided_level',
      'd.outcome',
      'd.note',
      'd.decided_at',
      'u.username as decided_by',
    ])
    .orderBy('s.immediate_risk', 'desc')
    .orderBy(priorityLevel, 'desc')
    .orderBy('s.received_at', 'asc')
    .orderBy('s.id')
    .execute();
  return rows.map((row) => ({
    ...row,
    received_at: toIso(row.received_at),
    decided_at: row.decided_at ? toIso(row.decided_at) : null,
  }));
}
export type ExportRow = Awaited<ReturnType<typeof exportSubmissions>>[number];
