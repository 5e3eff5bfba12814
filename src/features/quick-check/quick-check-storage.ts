/**
 * Checks stored quick-check answers against the document (see stored-answers.ts for where and why
 * they are stored). It needs the zod schemas, so it loads apart from the quick check's first question.
 */
import { emptyQuickCheck, restoreQuickCheck, type QuickCheckAnswers } from '../../domain/assessment/quick-check.ts';
import type { ThresholdsDocument } from '../../domain/thresholds/schema.ts';
import { readStoredQuickCheck } from './stored-quick-check.ts';

export function readQuickCheck(document: ThresholdsDocument): QuickCheckAnswers {
  try {
    return restoreQuickCheck(document, readStoredQuickCheck());
  } catch {
    return emptyQuickCheck(document.id);
  }
}
