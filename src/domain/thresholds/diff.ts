/**
 * What a revision of the rules changes: indicators, concerns and rules added, removed or changed
 * field by field, and the worked cases whose level or immediate risk would change. This is what
 * a writing group reads before it approves a revision.
 */
import type { Answers } from '../answers.ts';
import { AnswersError, assess } from '../engine/assess.ts';
import { withConcerns } from './concerns.ts';
import type { ThresholdsDocument } from './schema.ts';
import type { WorkedCase } from './worked-case-schema.ts';

export interface FieldChange {
  id: string;
  field: string;
  from: unknown;
  to: unknown;
}

export interface Changes<Summary> {
  added: Summary[];
  removed: Summary[];
  changed: FieldChange[];
}

export type CaseOutcome = { level: number; immediateRisk: boolean } | { doesNotFit: string };

export interface CaseChange {
  file: string;
  from: CaseOutcome;
  to: CaseOutcome;
}

export interface RulesDiff {
  from: { id: string; version: string };
  to: { id: string; version: string };
  indicators: Changes<{ id: string; level: number; text: string; replacedBy?: string }>;
  concerns: Changes<{ id: string; title: string }>;
  rules: Changes<{ id: string; title: string }>;
  cases: CaseChange[];
}

const INDICATOR_FIELDS = ['level', 'text', 'ageBands', 'immediateRisk', 'route', 'concern', 'themes', 'domain', 'subDomain', 'guidance'] as const;
const CONCERN_FIELDS = ['title', 'domains', 'themes', 'keywords', 'contacts'] as const;
const RULE_FIELDS = ['title', 'explanation', 'when', 'then'] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function compare<T extends { id: string }, S>(
  before: readonly T[],
  after: readonly T[],
  fields: readonly (keyof T & string)[],
  summary: (item: T) => S,
): Changes<S> {
  const old = new Map(before.map((item) => [item.id, item]));
  const next = new Map(after.map((item) => [item.id, item]));
  return {
    added: after.filter((item) => !old.has(item.id)).map(summary),
    removed: before.filter((item) => !next.has(item.id)).map(summary),
    changed: after.flatMap((item) => {
      const previous = old.get(item.id);
      if (!previous) return [];
      return fields
        .filter((field) => !same(previous[field], item[field]))
        .map((field) => ({ id: item.id, field, from: previous[field] ?? null, to: item[field] ?? null }));
    }),
  };
}

/** Assesses a case's answers on a document, following retired ids to their replacements. */
function outcome(document: ThresholdsDocument, answers: Answers): CaseOutcome {
  const replacements = new Map(document.retired.flatMap((entry) => (entry.replacedBy ? [[entry.id, entry.replacedBy] as const] : [])));
  try {
    const result = assess(document, { ...answers, indicators: answers.indicators.map((id) => replacements.get(id) ?? id) });
    return { level: result.suggestedLevel, immediateRisk: result.immediateRisk };
  } catch (error) {
    if (error instanceof AnswersError) return { doesNotFit: error.message };
    throw error;
  }
}

export function diffDocuments(
  before: ThresholdsDocument,
  after: ThresholdsDocument,
  cases: readonly { file: string; workedCase: WorkedCase }[] = [],
): RulesDiff {
  const [old, next] = [withConcerns(before), withConcerns(after)];
  const indicators = (document: ThresholdsDocument) => document.domains.flatMap((domain) => domain.indicators);
  const retiredTo = new Map(after.retired.map((entry) => [entry.id, entry.replacedBy]));
  return {
    from: { id: before.id, version: before.version },
    to: { id: after.id, version: after.version },
    indicators: compare(indicators(old), indicators(next), INDICATOR_FIELDS, ({ id, level, text }) => {
      const replacedBy = retiredTo.get(id);
      return { id, level, text, ...(replacedBy && { replacedBy }) };
    }),
    concerns: compare(old.concerns, next.concerns, CONCERN_FIELDS, ({ id, title }) => ({ id, title })),
    rules: compare(before.rules, after.rules, RULE_FIELDS, ({ id, title }) => ({ id, title })),
    cases: cases.flatMap(({ file, workedCase }) => {
      const from = outcome(before, workedCase.answers);
      const to = outcome(after, workedCase.answers);
      return same(from, to) ? [] : [{ file, from, to }];
    }),
  };
}
