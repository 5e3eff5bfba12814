import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { Link } from 'wouter';
import { useErrorSlot } from './page.tsx';

export interface FieldError {
  fieldId: string;
  message: string;
  /** For problems on another page: a link there instead of to a field on this page. */
  href?: string;
}

/**
 * The GOV.UK error summary: above the page's heading (inside a Page), focused when it appears,
 * each message a link to its field; the page's title starts "Error: " while it shows.
 */
export function ErrorSummary({ errors, attempt }: { errors: readonly FieldError[]; attempt: number }) {
  const summary = useRef<HTMLDivElement>(null);
  const slot = useErrorSlot();
  const showing = errors.length > 0;
  useEffect(() => {
    if (errors.length) summary.current?.focus();
    // Focus again on every failed attempt (and once the summary has moved above the heading), not on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt, slot?.element]);
  const setShowingErrors = slot?.setShowingErrors;
  useEffect(() => {
    setShowingErrors?.(showing);
    return () => setShowingErrors?.(false);
  }, [setShowingErrors, showing]);
  if (!errors.length) return null;
  const content = (
    <div className="govuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabIndex={-1} ref={summary}>
      <h2 id="error-summary-title" className="govuk-error-summary__title">
        There is a problem
      </h2>
      <ul className="govuk-list govuk-error-summary__list">
        {errors.map((error) => (
          <li key={error.fieldId}>
            {error.href ? (
              <Link href={error.href}>{error.message}</Link>
            ) : (
              <a
                href={`#${error.fieldId}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(error.fieldId)?.focus();
                }}
              >
                {error.message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
  return slot?.element ? createPortal(content, slot.element) : content;
}

/** Flattens react-hook-form's nested errors into the summary's list, in the form's order. */
export function collectErrors(errors: object, prefix = ''): FieldError[] {
  return Object.entries(errors).flatMap(([key, value]): FieldError[] => {
    if (!value || typeof value !== 'object') return [];
    const name = prefix ? `${prefix}.${key}` : key;
    if ('message' in value && typeof value.message === 'string')
      return [{ fieldId: fieldId(name), message: value.message }];
    return collectErrors(value, name);
  });
}

export const fieldId = (name: string) => name.replace(/\./g, '-');
