import { createContext, use, type ReactNode } from 'react';
import { Link } from 'wouter';
import type { LevelDecision } from '../../domain/assessment/decision.ts';
import type { Step } from '../../domain/assessment/steps.ts';
import { stepPosition } from '../../domain/assessment/steps.ts';
import { ImmediateRiskAlert } from './immediate-risk-alert.tsx';
import { LiveLevel } from './live-level.tsx';
import { Page } from './page.tsx';

/**
 * How steps that can be answered in any order are reached: from a task list, which the back link
 * returns to, with the section's group above the heading instead of a misleading "Step 3 of 13".
 */
export interface WizardNavigation {
  backHref: string;
  caption(step: Step): string;
}

const WizardNavigationContext = createContext<WizardNavigation | undefined>(undefined);
export const WizardNavigationProvider = WizardNavigationContext.Provider;

interface WizardFrameProps {
  steps: readonly Step[];
  slug: string;
  /** Where the steps live, e.g. `/quick-check`; the first step's back link goes to `/`. */
  hrefFor(step: Step): string;
  /** The level that leads (the practitioner's after an override), once the age is known. */
  decision: LevelDecision | undefined;
  title?: string;
  /** For a result that shows the level, and any immediate-danger steps, itself, in its own order. */
  hideLevel?: boolean;
  /** Shown under the heading, e.g. whether the draft is saved. */
  status?: ReactNode;
  children: ReactNode;
}

/**
 * Every step: back link, immediate-risk alert, "Step 3 of 8" (or the section's group, under a task
 * list), the heading, then the level so far.
 */
export function WizardFrame({ steps, slug, hrefFor, decision, title, hideLevel, status, children }: WizardFrameProps) {
  const navigation = use(WizardNavigationContext);
  const position = stepPosition(steps, slug);
  const step = steps[position.index];
  const backHref = navigation?.backHref ?? (position.previous ? hrefFor(position.previous) : '/');
  const caption = navigation && step ? navigation.caption(step) : `Step ${position.number} of ${position.total}`;
  return (
    <>
      <Link className="govuk-back-link" href={backHref}>
        Back
      </Link>
      {!hideLevel && <ImmediateRiskAlert response={decision?.response} />}
      <div className="wizard">
        <div className="wizard__main">
          <Page title={title ?? step?.title ?? ''} caption={caption}>
            {status}
            {children}
          </Page>
        </div>
        {!hideLevel && (
          <div className="wizard__aside">
            <LiveLevel decision={decision} />
          </div>
        )}
      </div>
    </>
  );
}
