/**
 * The figures behind the consistency report for a range of days, counted by the database: how
 * many referrals share each agency and pair of levels, how many of those were decided at each
 * level, and the indicators most often chosen where the levels disagree. At 100,000 referrals
 * this is a few hundred grouped rows instead of every row and payload read into the server; the
 * indicators come from their own table (migration 0006), never from the payloads.
 */
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
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

type Db = Kysely<Tables>;
type Query<O> = SelectQueryBuilder<Tables & { s: Tables['submissions'] }, 's', O>;

function inRange<Q extends Query<object>>(query: Q, range: ReportRange): Q {
  let narrowed = query;
  if (range.from) narrowed = narrowed.where('s.received_at', '>=', range.from) as Q;
  if (range.to) narrowed = narrowed.where('s.received_at', '<', range.to) as Q;
  return narrowed;
}

const LEVELS = ['s.agency', 's.practitioner_level', 's.engine_level'] as const;
type Group = { agency: string; practitioner_level: number; engine_level: number; n: string | number };

/** Every referral in the range, by agency and pair of levels. */
function allGroups(db: Db, range: ReportRange): Promise<Group[]> {
  return inRange(db.selectFrom('submissions as s'), range)
    .select((eb) => [...LEVELS, eb.fn.countAll<string | number>().as('n')])
    .groupBy([...LEVELS])
    .execute();
}

/** The decided referrals in the range, by agency, pair of levels and decided level. */
function decidedGroups(db: Db, range: ReportRange): Promise<(Group & { decided_level: number | null })[]> {
  return inRange(db.selectFrom('submissions as s').innerJoin('triage_states as t', 't.submission_id', 's.id'), range)
    .where('t.decided_level', 'is not', null)
    .select((eb) => [...LEVELS, 't.decided_level', eb.fn.countAll<string | number>().as('n')])
    .groupBy([...LEVELS, 't.decided_level'])
    .execute();
}

/**
 * The indicators most often chosen in decided referrals whose three levels are not all the same
 * (report.ts `levelsDisagree`). A referral has each indicator once in the table, so a row is a referral.
 */
async function indicatorCounts(db: Db, range: ReportRange): Promise<IndicatorCount[]> {
  let query = db
    .selectFrom('triage_states as t')
    .innerJoin('submission_indicators as i', 'i.submission_id', 't.submission_id')
    .where('t.decided_level', 'is not', null)
    .where(sql<boolean>`(i.practitioner_level <> t.decided_level or i.engine_level <> t.decided_level)`);
  if (range.from) query = query.where('i.received_at', '>=', range.from);
  if (range.to) query = query.where('i.received_at', '<', range.to);
  const rows = await query
    .select((eb) => ['i.indicator_id', eb.fn.countAll<string | number>().as('n')])
    .groupBy('i.indicator_id')
    .orderBy('n', 'desc')
    .orderBy('i.indicator_id')
    .limit(TOP_INDICATORS)
    .execute();
  return rows.map((row) => ({ id: row.indicator_id, count: Number(row.n) }));
}

/** Each group of alike referrals as one report input: the decided ones at each decided level, the rest undecided. */
function inputsFrom(all: readonly Group[], decided: readonly (Group & { decided_level: number | null })[]) {
  const key = (row: Group) => `${row.agency}\u0000${row.practitioner_level}\u0000${row.engine_level}`;
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
  return inputs;
}

export async function reportData(db: Db, range: ReportRange): Promise<ReportData> {
  // Independent queries: on PostgreSQL each takes a connection of its own and they run at once.
  const [all, decided, indicators] = await Promise.all([
    allGroups(db, range),
    decidedGroups(db, range),
    indicatorCounts(db, range),
  ]);
  return { inputs: inputsFrom(all, decided), indicators };
}
