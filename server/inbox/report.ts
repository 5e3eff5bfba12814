/**
 * The consistency report: how often the level a referrer arrives with, the engine's suggestion
 * from the descriptions of need, and the front door's decision agree, by agency and by level, and
 * which indicators are most often present when they do not. A pure function of the rows, so it is
 * tested with literal input and exact output.
 */

export interface ReportInput {
  agency: string;
  referrerLevel: number;
  engineLevel: number;
  /** The latest decision's level, or null while undecided. */
  decidedLevel: number | null;
  /** The indicators chosen, for referrals whose levels disagree (others may leave it empty). */
  indicators: readonly string[];
  /** How many referrals this row stands for (the database counts alike rows together); 1 if not given. */
  count?: number;
}

export interface AgreementRow {
  key: string;
  referrals: number;
  decided: number;
  /** Of the decided referrals. */
  referrerMatchesDecision: number;
  engineMatchesDecision: number;
  /** Of the decided referrals: the referrer's level above or below the decision. */
  referrerHigher: number;
  referrerLower: number;
  /** Of all the referrals. */
  referrerMatchesEngine: number;
}

export interface IndicatorCount {
  id: string;
  /** Decided referrals with disagreeing levels that had this indicator. */
  count: number;
}

export interface ConsistencyReport {
  total: AgreementRow;
  byAgency: AgreementRow[];
  /** By the referrer's level. */
  byLevel: AgreementRow[];
  /** referrer's level → decided level → how many. */
  matrix: { referrerLevel: number; decidedLevel: number; count: number }[];
  /** Decided referrals where any two of the three levels differ. */
  disagreeing: number;
  indicators: IndicatorCount[];
}

export const TOP_INDICATORS = 10;

function emptyRow(key: string): AgreementRow {
  return {
    key,
    referrals: 0,
    decided: 0,
    referrerMatchesDecision: 0,
    engineMatchesDecision: 0,
    referrerHigher: 0,
    referrerLower: 0,
    referrerMatchesEngine: 0,
  };
}

function add(row: AgreementRow, input: ReportInput) {
  const n = input.count ?? 1;
  row.referrals += n;
  if (input.referrerLevel === input.engineLevel) row.referrerMatchesEngine += n;
  if (input.decidedLevel === null) return;
  row.decided += n;
  if (input.referrerLevel === input.decidedLevel) row.referrerMatchesDecision += n;
  if (input.engineLevel === input.decidedLevel) row.engineMatchesDecision += n;
  if (input.referrerLevel > input.decidedLevel) row.referrerHigher += n;
  if (input.referrerLevel < input.decidedLevel) row.referrerLower += n;
}

/** Whether a decided referral's three levels are not all the same. */
export function levelsDisagree(input: Pick<ReportInput, 'referrerLevel' | 'engineLevel' | 'decidedLevel'>) {
  return (
    input.decidedLevel !== null &&
    (input.referrerLevel !== input.decidedLevel || input.engineLevel !== input.decidedLevel)
  );
}

/**
 * `indicatorCounts`, when given, are the disagreeing referrals' indicators already counted (by
 * the database, at volume); otherwise they are counted from each input's `indicators`.
 */
export function consistencyReport(
  inputs: readonly ReportInput[],
  levels: readonly number[],
  indicatorCounts?: readonly IndicatorCount[],
): ConsistencyReport {
  const total = emptyRow('all');
  const byAgency = new Map<string, AgreementRow>();
  const byLevel = new Map<number, AgreementRow>(levels.map((level) => [level, emptyRow(String(level))]));
  const matrix = new Map<string, number>();
  const counted = new Map<string, number>();
  let disagreeing = 0;

  for (const input of inputs) {
    add(total, input);
    let agencyRow = byAgency.get(input.agency);
    if (!agencyRow) byAgency.set(input.agency, (agencyRow = emptyRow(input.agency)));
    add(agencyRow, input);
    let levelRow = byLevel.get(input.referrerLevel);
    if (!levelRow) byLevel.set(input.referrerLevel, (levelRow = emptyRow(String(input.referrerLevel))));
    add(levelRow, input);
    if (input.decidedLevel !== null) {
      const cell = `${input.referrerLevel}:${input.decidedLevel}`;
      matrix.set(cell, (matrix.get(cell) ?? 0) + (input.count ?? 1));
    }
    if (levelsDisagree(input)) {
      disagreeing += input.count ?? 1;
      if (indicatorCounts) continue;
      for (const id of new Set(input.indicators)) counted.set(id, (counted.get(id) ?? 0) + 1);
    }
  }

  const allLevels = [...new Set([...levels, ...byLevel.keys()])].sort((a, b) => a - b);
  return {
    total,
    byAgency: [...byAgency.values()].sort((a, b) => b.referrals - a.referrals || a.key.localeCompare(b.key)),
    byLevel: allLevels.flatMap((level) => byLevel.get(level) ?? []),
    matrix: allLevels.flatMap((referrerLevel) =>
      allLevels.map((decidedLevel) => ({
        referrerLevel,
        decidedLevel,
        count: matrix.get(`${referrerLevel}:${decidedLevel}`) ?? 0,
      })),
    ),
    disagreeing,
    indicators: [...(indicatorCounts?.map(({ id, count }) => [id, count] as const) ?? counted.entries())]
      .map(([id, count]) => ({ id, count }))
      .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id))
      .slice(0, TOP_INDICATORS),
  };
}

/** A share as a whole percentage, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 100);
}
