import { Link } from 'wouter';
import { ContactList } from '../../ui/components/contact-list.tsx';
import { ImmediateRiskAlert } from '../../ui/components/immediate-risk-alert.tsx';
import { LevelResponse } from '../../ui/components/level-response.tsx';
import { concernsByLevel, firstContacts, type LevelDecision } from '../../domain/assessment/decision.ts';
import type { Assessment } from '../../domain/engine/assess.ts';
import type { ThresholdsDocument } from '../../domain/thresholds/schema.ts';

/**
 * A quick check's result, built for a phone: the level, what to do now and whom to ring fit the
 * first screen (when a child may be in immediate danger, the steps for that are what to do now); every ticked concern follows, grouped by level, then the rest of the guidance.
 */
export function QuickCheckResult({
  document,
  assessment,
  decision,
  onClear,
}: {
  document: ThresholdsDocument;
  assessment: Assessment;
  decision: LevelDecision;
  onClear(): void;
}) {
  const { response } = decision;
  const actions = (
    <div className="govuk-button-group">
      <Link className="govuk-button" href="~/assessment/new?from=quick-check">
        Continue as a full assessment
      </Link>
      <button type="button" className="govuk-button govuk-button--secondary" onClick={onClear}>
        Clear and start again
      </button>
    </div>
  );
  return (
    <>
      <LevelResponse
        decision={decision}
        concerns={concernsByLevel(document, assessment)}
        lead={
          response.immediateAction ? (
            <ImmediateRiskAlert response={response} brief />
          ) : (
            <section className="first-actions" aria-labelledby="do-now-title">
              <h2 id="do-now-title" className="first-actions__title">
                What to do now
              </h2>
              <p className="first-actions__step">{response.nextSteps[0]}</p>
              <ContactList contacts={firstContacts(document, response)} brief />
            </section>
          )
        }
      />
      {actions}
    </>
  );
}
