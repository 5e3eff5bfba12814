import { createContext, use, useEffect, useRef, useState, type ReactNode } from 'react';

const SERVICE_NAME = 'Levels of need';

interface ErrorSlot {
  /** Where a page's error summary goes: above its heading, as GOV.UK places it. */
  element: HTMLElement | null;
  /** Whether the page shows errors now, for the "Error: " at the start of the title. */
  setShowingErrors(showing: boolean): void;
}

const ErrorSlotContext = createContext<ErrorSlot | undefined>(undefined);

/** The page's place for an error summary, if the summary sits inside a Page. */
export const useErrorSlot = () => use(ErrorSlotContext);

interface Visit {
  /** Whether a page showing now should move focus: every page but the visit's first. */
  pageMovesFocus(): boolean;
}

/** Outside an app (a page on its own), every page moves focus. */
const VisitContext = createContext<Visit>({ pageMovesFocus: () => true });

/**
 * Around the app's routes: its first page leaves focus at the top of the new document, where a
 * screen reader starts anyway, and only later pages move focus to their heading. Focusing the
 * first heading would also force a layout before the first paint, on the quick check's path.
 */
export function Visit({ children }: { children: ReactNode }) {
  const [visit] = useState<Visit>(() => {
    let arrived = false;
    return {
      pageMovesFocus() {
        const moves = arrived;
        arrived = true;
        return moves;
      },
    };
  });
  return <VisitContext value={visit}>{children}</VisitContext>;
}

/**
 * Sets the page title (never with personal data in it; "Error: " first while errors show) and
 * moves focus to the heading when the page changes (not on arrival: see Visit), so screen reader
 * users hear where they are.
 */
export function Page({ title, caption, children }: { title: string; caption?: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [slot, setSlot] = useState<HTMLDivElement | null>(null);
  const [showingErrors, setShowingErrors] = useState(false);
  const visit = use(VisitContext);
  useEffect(() => {
    if (visit.pageMovesFocus()) heading.current?.focus({ preventScroll: false });
  }, [title, caption, visit]);
  useEffect(() => {
    document.title = `${showingErrors ? 'Error: ' : ''}${caption ? `${caption}: ` : ''}${title} – ${SERVICE_NAME}`;
  }, [title, caption, showingErrors]);
  return (
    <ErrorSlotContext value={{ element: slot, setShowingErrors }}>
      <div ref={setSlot} />
      {caption && <span className="govuk-caption-m">{caption}</span>}
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </ErrorSlotContext>
  );
}
