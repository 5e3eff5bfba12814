import { useEffect, useRef } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import type { DraftContent } from '../../domain/assessment/draft.ts';
import { useDraftSession } from './draft-session.tsx';

/** An unanswered radio group reads as null in react-hook-form; in a draft it is simply absent. */
function withoutUnanswered(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null && value !== undefined));
}

/** Copies every keystroke into the draft (which autosaves), so nothing typed waits for "Continue". */
export function useFormAutosave<Values extends FieldValues>(
  form: UseFormReturn<Values, unknown, unknown>,
  apply: (content: DraftContent, values: Partial<Values>) => DraftContent,
) {
  const { update } = useDraftSession();
  // Keep the latest `apply` without resubscribing: callers pass a fresh arrow on every render.
  const applyRef = useRef(apply);
  useEffect(() => {
    applyRef.current = apply;
  });
  useEffect(() => {
    const subscription = form.watch((values) =>
      update((content) => applyRef.current(content, withoutUnanswered(values) as Partial<Values>)),
    );
    return () => subscription.unsubscribe();
  }, [form, update]);
}
