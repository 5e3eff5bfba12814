import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { Assessment } from '../../domain/engine/assess.ts';
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
  assessment: Assessment | undefined;
  title?: string;
  /** Shown under the heading, e.g. whether the draft is saved. */
  status?: ReactNode;
  children: ReactNode;
}

/** Every step: back link, immediate-risk alert, "Step 3 of 8", the heading, then the level so far. */
export function WizardFrame({ steps, slug, hrefFor, assessment, title, status, children }: WizardFrameProps) {
  const position = stepPosition(steps, slug);
  const step = steps[position.index];
  return (
    <>
      <Link className="back-link" href={position.previous ? hrefFor(position.previous) : '/'}>
        Back
      </Link>
      <ImmediateRiskAlert assessment={assessment} />
      <div className="wizard">
        <div className="wizard__main">
          <Page title={title ?? step?.title ?? ''} caption={`Step ${position.number} of ${position.total}`}>
            {status}
            {children}
          </Page>
        </div>
        <div className="wizard__aside">
          <LiveLevel assessment={assessment} />
        </div>
      </div>
    </>
  );
}
