/**
 * What the inbox reads: the list (immediate risk first, then the higher of the referrer's and the
 * engine's level, highest first, then the oldest first), its counts, one referral, and the rows
 * of an export. The same SQL runs on SQLite and PostgreSQL, but for the status filter (see `filtered`).
 */
import { expressionBuilder, PostgresAdapter, sql, type Expression, type Kysely, type SqlBool } from 'kysely';
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
export const statusOf = sql<Status>`coalesce(t.status, 'new')`;

type Db = Kysely<Tables>;

/** Whether any filter narrows the submissions themselves (as opposed to their triage status). */
const narrowsSubmissions = (filters: ListFilters) =>
  filters.level !== undefined || Boolean(filters.agency || filters.from || filters.to);

/**
 * Narrows any query that reads the submissions as `s` by every filter but the status, which
 * depends on how the query reaches the triage state (see `filtered`).
 */
function whereListFilters<Query extends { where(condition: Expression<SqlBool>): Query }>(
  query: Query,
  filters: ListFilters,
): Query {
  const eb = expressionBuilder<Tables & { s: Tables['submissions'] }, 's'>();
  const conditions: Expression<SqlBool>[] = [];
  if (filters.level !== undefined) conditions.push(eb(priorityLevel, '=', filters.level));
  if (filters.agency) conditions.push(eb('s.agency', '=', filters.agency));
  if (filters.from) conditions.push(eb('s.received_at', '>=', filters.from));
  if (filters.to) conditions.push(eb('s.received_at', '<', filters.to));
  return conditions.reduce((narrowed, condition) => narrowed.where(condition), query);
}

/** Submissions (s) with their triage state (t), narrowed by the filters; callers add joins and columns. */
export function filtered(db: Db, filters: ListFilters, withStatus = true) {
  const query = whereListFilters(
    db.selectFrom('submissions as s').leftJoin('triage_states as t', 't.submission_id', 's.id'),
    filters,
  );
  const status = withStatus ? filters.status : undefined;
  if (!status) return query;
  // Both databases should walk the submissions' list-order index and look up each one's state:
  // the first page is then found after reading a few rows, where starting from triage_states
  // would sort every decided referral first. SQLite does so when the join stays a left join
  // (hence coalesce, not `t.status = …`); PostgreSQL cannot estimate that filter (it guesses
  // 0.5 % of rows) and joins and sorts the whole table instead, but plans a (not) exists as that walk.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    return query.where(({ exists, not, selectFrom }) => {
      const state = selectFrom('triage_states as ts')
        .select('ts.submission_id')
        .whereRef('ts.submission_id', '=', 's.id');
      return status === 'new' ? not(exists(state)) : exists(state.where('ts.status', '=', status));
    });
  }
  return status === 'new' ? query.where('t.status', 'is', null) : query.where(statusOf, '=', status);
}

/**
 * The list's order, in the columns of the index that serves it (migration 0004). With a level
 * filter the level is the same on every row, and leaving it out lets the level index give the order.
 */
function inListOrder<Q extends ReturnType<typeof filtered>>(query: Q, filters: ListFilters): Q {
  let ordered = query.orderBy('s.immediate_risk', 'desc');
  if (filters.level === undefined) ordered = ordered.orderBy(priorityLevel, 'desc');
  return ordered.orderBy('s.received_at', 'asc').orderBy('s.id') as Q;
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
  db: Db,
  filters: ListFilters,
  page: { limit: number; offset: number },
): Promise<ListRow[]> {
  // The page's ids first: read from the list-order index alone, however deep the page, so
  // skipping 30,000 rows touches no referral's payload. Then only those rows are read.
  const ids = await inListOrder(filtered(db, filters).select('s.id'), filters)
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  if (!ids.length) return [];
  const rows = await filtered(db, {})
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
    .where(
      's.id',
      'in',
      ids.map((row) => row.id),
    )
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap(({ id }) => {
    const row = byId.get(id);
    if (!row) return [];
    return {
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
    };
  });
}

/** How many referrals match the filters, by status (ignoring the status filter), and how many are at immediate risk. */
export async function countSubmissions(db: Db, filters: ListFilters): Promise<ListCounts> {
  const unfiltered = { ...filters, status: undefined };
  // Everything matching, from an index (no join): the total and how many are at immediate risk.
  // Two independent queries: on PostgreSQL each takes a connection of its own and they run at once.
  const everything = db
    .selectFrom('submissions as s')
    .$call((query) => whereListFilters(query, unfiltered))
    .select((eb) => [
      eb.fn.countAll<string | number>().as('n'),
      eb.fn.sum<string | number | null>('s.immediate_risk').as('risk'),
    ])
    .executeTakeFirstOrThrow();
  // And the referrals someone has started on, which are the fewer: new is what is left.
  let started;
  if (narrowsSubmissions(filters) || filters.status) {
    started = db
      .selectFrom('submissions as s')
      .innerJoin('triage_states as t', 't.submission_id', 's.id')
      .$call((query) => whereListFilters(query, filters))
      .select((eb) => [
        't.status',
        eb.fn.countAll<string | number>().as('n'),
        eb.fn.sum<string | number | null>('s.immediate_risk').as('risk'),
      ])
      .groupBy('t.status')
      .execute();
  } else {
    // No filter at all: triage_states alone says how many are started (its status index).
    started = db
      .selectFrom('triage_states as t')
      .select((eb) => ['t.status', eb.fn.countAll<string | number>().as('n'), sql<null>`null`.as('risk')])
      .groupBy('t.status')
      .execute();
  }
  const [all, startedRows] = await Promise.all([everything, started]);
  const total = Number(all.n);
  const allRisk = Number(all.risk ?? 0);
  const byStatus: Record<Status, number> = { new: total, 'in-triage': 0, decided: 0 };
  const riskByStatus: Record<Status, number> = { new: allRisk, 'in-triage': 0, decided: 0 };
  for (const row of startedRows) {
    byStatus[row.status] = Number(row.n);
    riskByStatus[row.status] = Number(row.risk ?? 0);
    byStatus.new -= Number(row.n);
    riskByStatus.new -= Number(row.risk ?? 0);
  }
  return {
    total: filters.status ? byStatus[filters.status] : total,
    byStatus,
    immediateRisk: filters.status ? riskByStatus[filters.status] : allRisk,
  };
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
