/**
 * Runs one worked example case through the engine and says, in the writing group's words, how
 * the outcome differs from what the case expects.
 */
import { AnswersError, assess } from '../engine/assess.ts';
import type { SourceProblem } from './problem.ts';
import type { ThresholdsDocument } from './schema.ts';
import type { WorkedCase } from './worked-case-schema.ts';

const list = (ids: readonly string[]) => (ids.length ? ids.join(', ') : 'none');

export function checkWorkedCase(document: ThresholdsDocument, file: string, workedCase: WorkedCase): SourceProblem[] {
  const agencies = document.agencies.map((agency) => agency.id);
  if (!agencies.includes(workedCase.agency)) {
    return [{ file, path: ['agency'], message: `agency must be one of the document's agencies: ${agencies.join(', ')} (found "${workedCase.agency}")` }];
  }
  let outcome;
  try {
    outcome = assess(document, workedCase.answers);
  } catch (error) {
    if (!(error instanceof AnswersError)) throw error;
    const at = error.code === 'unknown-age-band' ? ['answers', 'ageBand'] : ['answers', 'indicators', workedCase.answers.indicators.indexOf(error.id)];
    return [{ file, path: at, message: error.message }];
  }
  const problems: SourceProblem[] = [];
  if (outcome.suggestedLevel !== workedCase.expect.level) {
    problems.push({ file, path: ['expect', 'level'], message: `case expects level ${workedCase.expect.level} but the document suggests level ${outcome.suggestedLevel}` });
  }
  if (outcome.immediateRisk !== workedCase.expect.immediateRisk) {
    problems.push({ file, path: ['expect', 'immediateRisk'], message: `case expects immediateRisk ${workedCase.expect.immediateRisk} but the document gives ${outcome.immediateRisk}` });
  }
  const actual = outcome.reasons.map((r) => r.id).sort();
  const expected = [...workedCase.expect.reasons].sort();
  if (actual.join() !== expected.join()) {
    problems.push({ file, path: ['expect', 'reasons'], message: `case expects the deciding reasons ${list(expected)} but the document gives ${list(actual)}` });
  }
  return problems;
}
