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

/**
 * Sets the page title (never with personal data in it; "Error: " first while errors show) and
 * moves focus to the heading when the page changes, so screen reader users hear where they are.
 */
export function Page({ title, caption, children }: { title: string; caption?: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [slot, setSlot] = useState<HTMLDivElement | null>(null);
  const [showingErrors, setShowingErrors] = useState(false);
  useEffect(() => {
    heading.current?.focus({ preventScroll: false });
  }, [title, caption]);
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
