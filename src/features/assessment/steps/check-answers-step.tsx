import { useState } from 'react';
import { ErrorSummary } from '../../../ui/components/error-summary.tsx';
import { WizardFrame } from '../../../ui/components/wizard-frame.tsx';
import { incompleteSteps } from '../../../domain/assessment/completeness.ts';
import type { Step } from '../../../domain/assessment/steps.ts';
import { AnswersSummary } from '../answers-summary.tsx';
import { SaveStatus } from '../save-status.tsx';
import { stepHref, useStep } from '../use-step.ts';

export function CheckAnswersStep({ step }: { step: Step }) {
  const { draft, document, steps, assessment, decision, goNext } = useStep(step);
  const [attempt, setAttempt] = useState(0);
  const missing = incompleteSteps(
    steps,
    draft.content,
    document.levels.map((level) => level.level),
    assessment?.suggestedLevel,
  );
  return (
    <WizardFrame steps={steps} slug={step.slug} hrefFor={stepHref} decision={decision} status={<SaveStatus />}>
      {attempt > 0 && (
        <ErrorSummary
          attempt={attempt}
          errors={missing.map((problem) => ({
            fieldId: problem.slug,
            message: problem.message,
            href: `/${problem.slug}?return=check`,
          }))}
        />
      )}
      <AnswersSummary document={document} content={draft.content} decision={decision} steps={steps} />
      <button
        type="button"
        className="govuk-button"
        onClick={() => {
          if (missing.length) setAttempt((count) => count + 1);
          else goNext();
        }}
      >
        Continue to the summary
      </button>
    </WizardFrame>
  );
}
