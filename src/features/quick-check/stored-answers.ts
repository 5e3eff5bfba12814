/**
 * Where a quick check's answers wait between visits: localStorage, unencrypted and without a
 * passphrase. That is safe because they hold no personal data: only the area, the age band and
 * the ids of the ticked descriptions (restoreQuickCheck refuses anything else). localStorage
 * rather than sessionStorage so they survive a reload, a closed tab and an app update alike,
 * until the practitioner presses "Clear" or carries them into an assessment's draft.
 *
 * This module loads with the quick check's first question, so it holds no zod: checking stored
 * answers needs the schemas (quick-check-storage.ts), which load only when answers are stored.
 */
import { use, useCallback, useEffect, useState } from 'react';
import type { QuickCheckAnswers } from '../../domain/assessment/quick-check.ts';
import type { ThresholdsDocument } from '../../domain/thresholds/schema.ts';
import { QUICK_CHECK_KEY, readStoredQuickCheck } from './stored-quick-check.ts';

/** The same as the domain's emptyQuickCheck, without loading its schemas. */
export const noQuickCheckAnswers = (documentId: string): QuickCheckAnswers => ({ documentId, indicators: [] });

function writeQuickCheck(answers: QuickCheckAnswers) {
  try {
    if (!answers.ageBand && !answers.indicators.length) localStorage.removeItem(QUICK_CHECK_KEY);
    else localStorage.setItem(QUICK_CHECK_KEY, JSON.stringify(answers));
  } catch {
    // Storage full or blocked: the answers stay on screen for this visit, which is all a quick check needs.
  }
}

type StorageModule = typeof import('./quick-check-storage.ts');
/** A promise that records its outcome where React's `use` looks for it, so a preloaded module never suspends. */
type TrackedPromise<T> = Promise<T> & { status?: 'fulfilled' | 'rejected'; value?: T; reason?: unknown };
let storageModule: Promise<StorageModule> | undefined;

function loadStorageModule(): Promise<StorageModule> {
  if (!storageModule) {
    const tracked: TrackedPromise<StorageModule> = import('./quick-check-storage.ts');
    tracked.then(
      (value) => Object.assign(tracked, { status: 'fulfilled', value }),
      (reason: unknown) => Object.assign(tracked, { status: 'rejected', reason }),
    );
    storageModule = tracked;
  }
  return storageModule;
}

/** Loads the schemas that check stored answers, only if some are stored (the start page calls this while idle). */
export function preloadStoredQuickCheck(): Promise<unknown> | undefined {
  return readStoredQuickCheck() === undefined ? undefined : loadStorageModule().catch(() => undefined);
}

/**
 * The quick check's answers, kept in localStorage as they change. With answers stored it
 * suspends until their schemas have loaded; with none it needs no schema at all.
 */
export function useStoredQuickCheck(document: ThresholdsDocument) {
  const [hasStored] = useState(() => readStoredQuickCheck() !== undefined);
  const storage = hasStored ? use(loadStorageModule()) : undefined;
  const [answers, setAnswers] = useState(() =>
    storage ? storage.readQuickCheck(document) : noQuickCheckAnswers(document.id),
  );
  useEffect(() => writeQuickCheck(answers), [answers]);
  const clear = useCallback(() => setAnswers(noQuickCheckAnswers(document.id)), [document.id]);
  return [answers, setAnswers, clear] as const;
}
