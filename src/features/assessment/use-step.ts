import { useEffect } from 'react';
import { useLocation, useSearch } from 'wouter';
import { stepPosition, type Step } from '../../domain/assessment/steps.ts';
import { useDraftSession } from './draft-session.tsx';

/**
 * Records that the practitioner is on this step (saving the draft at once), and moves on: to the
 * next step, or back to "Check your answers" when they came from a Change link.
 */
export function useStep(step: Step) {
  const session = useDraftSession();
  const [, navigate] = useLocation();
  const returnTo = new URLSearchParams(useSearch()).get('return');
  const { enterStep } = session;
  useEffect(() => enterStep(step.slug), [enterStep, step.slug]);
  const position = stepPosition(session.steps, step.slug);
  const nextHref = returnTo === 'check' ? '/check' : position.next ? `/${position.next.slug}` : '/summary';
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
