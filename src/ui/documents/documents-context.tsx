import { createContext, use, useCallback, useMemo, useState, type ReactNode } from 'react';
import { loadDocument } from 'virtual:thresholds';
import type { DocumentSummary } from '../../domain/thresholds/catalogue.ts';
import type { ThresholdsDocument } from '../../domain/thresholds/schema.ts';

/** The area a practitioner chose is not personal data, so it is remembered in localStorage. */
const CHOSEN_AREA_KEY = 'levels-of-need.chosen-document';

interface DocumentsValue {
  catalogue: readonly DocumentSummary[];
  chosen: DocumentSummary | undefined;
  choose(id: string): void;
}

const DocumentsContext = createContext<DocumentsValue | undefined>(undefined);

function readChosen(catalogue: readonly DocumentSummary[]): string | undefined {
  if (catalogue.length === 1) return catalogue[0]?.id;
  try {
    const stored = localStorage.getItem(CHOSEN_AREA_KEY);
    return catalogue.some((doc) => doc.id === stored) ? (stored ?? undefined) : undefined;
  } catch {
    return undefined;
  }
}

export function DocumentsProvider({
  catalogue,
  children,
}: {
  catalogue: readonly DocumentSummary[];
  children: ReactNode;
}) {
  const [chosenId, setChosenId] = useState(() => readChosen(catalogue));
  const choose = useCallback((id: string) => {
    setChosenId(id);
    try {
      localStorage.setItem(CHOSEN_AREA_KEY, id);
    } catch {
      // Private browsing can refuse storage: the choice then lasts for this visit only.
    }
  }, []);
  const value = useMemo(
    () => ({ catalogue, chosen: catalogue.find((doc) => doc.id === chosenId), choose }),
    [catalogue, chosenId, choose],
  );
  return <DocumentsContext value={value}>{children}</DocumentsContext>;
}

export function useDocuments(): DocumentsValue {
  const value = use(DocumentsContext);
  if (!value) throw new Error('useDocuments needs a DocumentsProvider');
  return value;
}

const loading = new Map<string, Promise<ThresholdsDocument>>();

/** A promise that records its outcome where React's `use` looks for it (`status`, `value`, `reason`). */
type TrackedPromise<T> = Promise<T> & { status?: 'fulfilled' | 'rejected'; value?: T; reason?: unknown };

/**
 * Each document once per visit. Its outcome is recorded on the promise, so a page rendered after
 * a preload reads the document at once: React's `use` would otherwise suspend on a promise it has
 * not seen, show the fallback, and hold the page back for its fallback throttle (300 ms).
 */
function documentPromise(id: string): Promise<ThresholdsDocument> {
  let promise = loading.get(id);
  if (!promise) {
    const tracked: TrackedPromise<ThresholdsDocument> = loadDocument(id);
    tracked.then(
      (value) => Object.assign(tracked, { status: 'fulfilled', value }),
      (reason: unknown) => Object.assign(tracked, { status: 'rejected', reason }),
    );
    promise = tracked;
    loading.set(id, promise);
  }
  return promise;
}

/**
 * Starts fetching a document's chunk now, so that a page needing it does not wait for its own
 * code first and then for the document (a waterfall). A failure surfaces where the page uses it.
 */
export function preloadThresholdsDocument(id: string): Promise<void> {
  return documentPromise(id).then(
    () => undefined,
    () => undefined,
  );
}

/** True once the document can be read without waiting. */
export function isThresholdsDocumentLoaded(id: string): boolean {
  return (loading.get(id) as TrackedPromise<ThresholdsDocument> | undefined)?.status === 'fulfilled';
}

/** Suspends until the document is loaded; each document is fetched once per visit. */
export function useThresholdsDocument(id: string): ThresholdsDocument {
  return use(documentPromise(id));
}
