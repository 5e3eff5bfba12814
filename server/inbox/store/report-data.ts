/**
 * The figures behind the consistency report for a range of days, counted by the database: how
 * many referrals share each agency and pair of levels, how many of those were decided at each
 * level, and the indicators most often chosen where the levels disagree. At 100,000 referrals
 * this is a few hundred grouped rows instead of every row and payload read into the server.
 */
import { PostgresAdapter, sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Tables } from '../../store/schema.ts';
import { TOP_INDICATORS, type IndicatorCount, type ReportInput } from '../report.ts';

export interface ReportRange {
  /** ISO instants: received at or after `from`, before `to`. */
  from?: string;
  to?: string;
}

export interface ReportData {
  inputs: ReportInput[];
  indicators: IndicatorCount[];
}

type Query<O> = SelectQueryBuilder<Tables & { s: Tables['submissions'] }, 's', O>;

function inRange<Q extends Query<object>>(query: Q, range: ReportRange): Q {
  let narrowed = query;
  if (range.from) narrowed = narrowed.where('s.received_at', '>=', range.from) as Q;
  if (range.to) narrowed = narrowed.where('s.received_at', '<', range.to) as Q;
  return narrowed;
}

const isPostgres = (db: Kysely<Tables>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Decided referrals whose three levels are not all the same (report.ts `levelsDisagree`). */
const disagreeing = sql<boolean>`t.decided_level is not null and (s.practitioner_level <> t.decided_level or s.engine_level <> t.decided_level)`;

export async function reportData(db: Kysely<Tables>, range: ReportRange): Promise<ReportData> {
  const levels = ['s.agency', 's.practitioner_level', 's.engine_level'] as const;
  const all = await inRange(db.selectFrom('submissions as s'), range)
    .select((eb) => [...levels, eb.fn.countAll<string | number>().as('n')])
    .groupBy([...levels])
    .execute();
  const decided = await inRange(
    db.selectFrom('submissions as s').innerJoin('triage_states as t', 't.submission_id', 's.id'),
    range,
  )
    .where('t.decided_level', 'is not', null)
    .select((eb) => [...levels, 't.decided_level', eb.fn.countAll<string | number>().as('n')])
    .groupBy([...levels, 't.decided_level'])
    .execute();

  // Each group of alike referrals: the decided ones at each decided level, the rest undecided.
  const key = (row: { agency: string; practitioner_level: number; engine_level: number }) =>
    `${row.agency}\u0000${row.practitioner_level}\u0000${row.engine_level}`;
  const undecided = new Map(all.map((row) => [key(row), Number(row.n)]));
  const inputs: ReportInput[] = decided.map((row) => {
    undecided.set(key(row), (undecided.get(key(row)) ?? 0) - Number(row.n));
    return {
      agency: row.agency,
      referrerLevel: row.practitioner_level,
      engineLevel: row.engine_level,
      decidedLevel: row.decided_level,
      indicators: [],
      count: Number(row.n),
    };
  });
  for (const row of all) {
    const count = undecided.get(key(row)) ?? 0;
    if (count > 0) {
      inputs.push({
        agency: row.agency,
        referrerLevel: row.practitioner_level,
        engineLevel: row.engine_level,
        decidedLevel: null,
        indicators: [],
        count,
      });
    }
  }

  // The payload's indicators, unnested by the database's own JSON functions (json, not jsonb, on
  // PostgreSQL: read once, the text is quicker to scan than to convert).
  const indicator = isPostgres(db)
    ? sql`cross join lateral json_array_elements_text(s.payload::json -> 'indicators') as i(value)`
    : sql`join json_each(s.payload, '$.indicators') as i`;
  const where = [
    disagreeing,
    ...(range.from ? [sql`s.received_at >= ${range.from}`] : []),
    ...(range.to ? [sql`s.received_at < ${range.to}`] : []),
  ];
  const { rows } = await sql<{ id: string; n: string | number }>`
    select i.value as id, count(distinct s.id) as n
    from triage_states as t
    join submissions as s on s.id = t.submission_id
    ${indicator}
    where ${sql.join(where, sql` and `)}
    group by i.value
    order by n desc, id
    limit ${TOP_INDICATORS}
  `.execute(db);
  return { inputs, indicators: rows.map((row) => ({ id: String(row.id), count: Number(row.n) })) };
}
