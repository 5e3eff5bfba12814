import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { LevelDecision } from '../../domain/assessment/decision.ts';
import type { Step } from '../../domain/assessment/steps.ts';
import { stepPosition } from '../../domain/assessment/steps.ts';
import { ImmediateRiskAlert } from './immediate-risk-alert.tsx';
import { LiveLevel } from './live-level.tsx';
import { Page } from './page.tsx';

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

/** Every step: back link, immediate-risk alert, "Step 3 of 8", the heading, then the level so far. */
export function WizardFrame({ steps, slug, hrefFor, decision, title, hideLevel, status, children }: WizardFrameProps) {
  const position = stepPosition(steps, slug);
  const step = steps[position.index];
  return (
    <>
      <Link className="govuk-back-link" href={position.previous ? hrefFor(position.previous) : '/'}>
        Back
      </Link>
      {!hideLevel && <ImmediateRiskAlert response={decision?.response} />}
      <div className="wizard">
        <div className="wizard__main">
          <Page title={title ?? step?.title ?? ''} caption={`Step ${position.number} of ${position.total}`}>
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
