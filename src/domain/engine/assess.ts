/**
 * The levelling engine: one pure function shared by the app, the intake server and the CLI.
 * It suggests a level and shows its reasons; the practitioner makes the decision.
 */
import type { Answers } from '../answers.ts';
import type { ThresholdsDocument } from '../thresholds/schema.ts';
import { indexDocument, type DocumentIndex } from './document-index.ts';
import { levelResponse, type LevelResponse } from './level-response.ts';
import { conditionHolds } from './rules.ts';

export type { LevelResponse } from './level-response.ts';

export type AnswersErrorCode = 'unknown-age-band' | 'unknown-indicator' | 'not-for-age-band';

/** Answers that do not fit the document: a caller's mistake, never the engine's. */
export class AnswersError extends Error {
  constructor(
    readonly code: AnswersErrorCode,
    readonly id: string,
    message: string,
  ) {
    super(message);
    this.name = 'AnswersError';
  }
}

export interface Reason {
  kind: 'indicator' | 'rule';
  id: string;
  level: number;
  text: string;
  /** The rule's title, or the indicator's domain, to group reasons for display. */
  heading: string;
  immediateRisk: boolean;
}

export interface Assessment {
  documentId: string;
  documentVersion: string;
  ageBand: string;
  suggestedLevel: number;
  immediateRisk: boolean;
  /** The indicators and rules that set the suggested level. */
  reasons: Reason[];
  /** Every chosen indicator, highest level first. */
  chosen: Reason[];
  /** Every rule whose conditions held, whether or not it set the level. */
  rulesApplied: Reason[];
  response: LevelResponse;
}

function chooseIndicators(index: DocumentIndex, answers: Answers) {
  if (!index.ageBands.has(answers.ageBand)) {
    throw new AnswersError('unknown-age-band', answers.ageBand, `unknown age band "${answers.ageBand}"`);
  }
  const unique = [...new Set(answers.indicators)];
  return unique.map((id) => {
    const indicator = index.indicators.get(id);
    if (!indicator) throw new AnswersError('unknown-indicator', id, `unknown indicator "${id}"`);
    if (!indicator.ageBands.includes(answers.ageBand)) {
      throw new AnswersError(
        'not-for-age-band',
        id,
        `indicator "${id}" does not apply to age band "${answers.ageBand}"`,
      );
    }
    return indicator;
  });
}

/**
 * Suggests a level for the answers: the highest level among the chosen indicators, raised by any
 * escalation rule that holds. No indicators gives the lowest level. Throws `AnswersError` for an
 * unknown age band or indicator, or an indicator that does not apply to the age band.
 */
export function assess(document: ThresholdsDocument, answers: Answers): Assessment {
  const index = indexDocument(document);
  const chosenIndicators = chooseIndicators(index, answers).sort(
    (a, b) => b.level - a.level || (index.order.get(a.id) ?? 0) - (index.order.get(b.id) ?? 0),
  );
  const chosen: Reason[] = chosenIndicators.map((indicator) => ({
    kind: 'indicator',
    id: indicator.id,
    level: indicator.level,
    text: indicator.text,
    heading: index.domainTitles.get(indicator.domain) ?? indicator.domain,
    immediateRisk: indicator.immediateRisk,
  }));
  const rulesApplied: Reason[] = document.rules
    .filter((rule) => conditionHolds(rule.when, chosenIndicators, answers.ageBand))
    .map((rule) => ({
      kind: 'rule',
      id: rule.id,
      level: rule.then.level,
      text: rule.explanation,
      heading: rule.title,
      immediateRisk: rule.then.immediateRisk,
    }));

  const suggestedLevel = Math.min(
    index.highestLevel,
    Math.max(index.lowestLevel, ...chosen.map((r) => r.level), ...rulesApplied.map((r) => r.level)),
  );
  const immediateRisk = chosen.some((r) => r.immediateRisk) || rulesApplied.some((r) => r.immediateRisk);
  const reasons = [...chosen, ...rulesApplied].filter((reason) => reason.level === suggestedLevel);

  const response: LevelResponse = levelResponse(document, {
    level: suggestedLevel,
    ageBand: answers.ageBand,
    immediateRisk,
    concerns: chosen.map((reason) => reason.id),
  });

  return {
    documentId: document.id,
    documentVersion: document.version,
    ageBand: answers.ageBand,
    suggestedLevel,
    immediateRisk,
    reasons,
    chosen,
    rulesApplied,
    response,
  };
}
