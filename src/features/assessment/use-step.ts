import { useEffect } from 'react';
import { useLocation, useSearch } from 'wouter';
import { consumeReturnToField } from '../../ui/drafts/drafts-context.tsx';
import { stepPosition, type Step } from '../../domain/assessment/steps.ts';
import { useDraftSession } from './draft-session.tsx';

/** Where the assessment's task list is, inside the draft's routes. */
export const TASK_LIST_HREF = '/tasks';

/**
 * Records that the practitioner is on this step (saving the draft at once), and moves on: back to
 * the task list (sections are answered in any order), to "Check your answers" when they came from
 * a Change link, or from "Check your answers" to the summary.
 */
export function useStep(step: Step) {
  const session = useDraftSession();
  const [, navigate] = useLocation();
  const returnTo = new URLSearchParams(useSearch()).get('return');
  const { enterStep } = session;
  const lastField = session.draft.field;
  useEffect(() => {
    enterStep(step.slug, lastField);
    // After an unlock, go back to the field in use rather than the page heading.
    if (consumeReturnToField() && lastField) window.document.getElementById(lastField)?.focus();
    // Only on arriving at the step: the field changes as the practitioner moves around.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enterStep, step.slug]);
  const position = stepPosition(session.steps, step.slug);
  const nextHref = step.kind === 'check' ? '/summary' : returnTo === 'check' ? '/check' : TASK_LIST_HREF;
  return {
    ...session,
    position,
    nextHref,
    goNext: () => {
      void session.flush();
      navigate(nextHref);
    },
  };
}

export const stepHref = (step: Step) => `/${step.slug}`;
