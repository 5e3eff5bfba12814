/**
 * The quick check is the start page's first action, so its code and the chosen area's document
 * are fetched together, as the start page renders or as soon as a finger lands on the link: the tap
 * then shows the first question without waiting on the network, and never on one chunk after another.
 */
import { isThresholdsDocumentLoaded, preloadThresholdsDocument } from '../../ui/documents/documents-context.tsx';

type QuickCheckModule = typeof import('../quick-check/index.tsx');
let loaded: QuickCheckModule | undefined;
let storedAnswersLoaded = false;

export const loadQuickCheckFeature = () => import('../quick-check/index.tsx').then((module) => (loaded = module));

/** Answers from an earlier visit need their schemas checked before the first question shows them. */
const loadQuickCheckFeatureAndAnswers = async () => {
  const module = await loadQuickCheckFeature();
  await module.preloadStoredQuickCheck();
  storedAnswersLoaded = true;
};

/**
 * The quick check's component once its chunk has loaded: rendering it directly rather than through
 * React.lazy avoids a suspension, a fallback and React's 300 ms throttle before the first question.
 */
export const loadedQuickCheckFeature = () => loaded?.default;

/** The preloads under way, by document: the start page asks on every render until they are done. */
const underWay = new Map<string, Promise<void>>();

/**
 * Resolves once both have loaded, or failed (the quick check's page then shows what went wrong).
 * A call while a preload is under way joins it; a call after a failure tries again.
 */
export function preloadQuickCheck(documentId: string | undefined): Promise<void> {
  const key = documentId ?? '';
  const existing = underWay.get(key);
  if (existing) return existing;
  const preload = Promise.all([
    loadQuickCheckFeatureAndAnswers().catch(() => undefined),
    documentId ? preloadThresholdsDocument(documentId) : undefined,
  ]).then(() => undefined);
  underWay.set(key, preload);
  // Its caller hears of a failure; this only forgets the preload, whichever way it ended.
  preload.finally(() => underWay.delete(key)).catch(() => undefined);
  return preload;
}

export const isQuickCheckReady = (documentId: string | undefined) =>
  loaded !== undefined && storedAnswersLoaded && (documentId === undefined || isThresholdsDocumentLoaded(documentId));
