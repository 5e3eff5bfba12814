/**
 * The quick check is the start page's first action, so its code and the chosen area's document
 * are fetched together, while the page is idle or as soon as a finger lands on the link: the tap
 * then shows the first question without waiting on the network, and never on one chunk after another.
 */
import { preloadThresholdsDocument } from '../../app/documents/documents-context.tsx';

export const loadQuickCheckFeature = () => import('../quick-check/index.tsx');

export function preloadQuickCheck(documentId: string | undefined): void {
  loadQuickCheckFeature().catch(() => undefined);
  if (documentId) preloadThresholdsDocument(documentId);
}
