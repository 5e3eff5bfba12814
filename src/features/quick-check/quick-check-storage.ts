/**
 * Where a quick check's answers wait between visits: localStorage, unencrypted and without a
 * passphrase. That is safe because they hold no personal data: only the area, the age band and
 * the ids of the ticked descriptions (restoreQuickCheck refuses anything else). localStorage
 * rather than sessionStorage so they survive a reload, a closed tab and an app update alike,
 * until the practitioner presses "Clear" or carries them into an assessment's draft.
 */
import { useCallback, useEffect, useState } from 'react';
import { emptyQuickCheck, restoreQuickCheck, type QuickCheckAnswers } from '../../domain/assessment/quick-check.ts';
import type { ThresholdsDocument } from '../../domain/thresholds/schema.ts';

const QUICK_CHECK_KEY = 'levels-of-need.quick-check';

export function readQuickCheck(document: ThresholdsDocument): QuickCheckAnswers {
  try {
    const stored = localStorage.getItem(QUICK_CHECK_KEY);
    return restoreQuickCheck(document, stored === null ? undefined : JSON.parse(stored));
  } catch {
    // Unreadable or blocked storage: a quick check is short, so begin again rather than fail.
    return emptyQuickCheck(document.id);
  }
}

function writeQuickCheck(answers: QuickCheckAnswers) {
  try {
    if (!answers.ageBand && !answers.indicators.length) localStorage.removeItem(QUICK_CHECK_KEY);
    else localStorage.setItem(QUICK_CHECK_KEY, JSON.stringify(answers));
  } catch {
    // Storage full or blocked: the answers stay on screen for this visit, which is all a quick check needs.
  }
}

/** The quick check's answers, kept in localStorage as they change. */
export function useStoredQuickCheck(document: ThresholdsDocument) {
  const [answers, setAnswers] = useState(() => readQuickCheck(document));
  useEffect(() => writeQuickCheck(answers), [answers]);
  const clear = useCallback(() => setAnswers(emptyQuickCheck(document.id)), [document.id]);
  return [answers, setAnswers, clear] as const;
}
