import { useEffect, useRef } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import type { DraftContent } from '../../domain/assessment/draft.ts';
import { useDraftSession } from './draft-session.tsx';

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
    const subscription = form.watch((values) => update((content) => applyRef.current(content, values as Partial<Values>)));
    return () => subscription.unsubscribe();
  }, [form, update]);
}
