import { useEffect, useRef, type ReactNode } from 'react';

const SERVICE_NAME = 'Levels of need';

/**
 * Sets the page title (never with personal data in it) and moves focus to the heading when the
 * page changes, so screen reader users hear where they are.
 */
export function Page({ title, caption, children }: { title: string; caption?: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${caption ? `${caption}: ` : ''}${title} – ${SERVICE_NAME}`;
    heading.current?.focus({ preventScroll: false });
  }, [title, caption]);
  return (
    <>
      {caption && <span className="caption">{caption}</span>}
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </>
  );
}
