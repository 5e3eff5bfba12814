import { Link } from 'wouter';
import { ImmediateRiskAlert } from '../../../ui/components/immediate-risk-alert.tsx';
import { DecisionPanel, LevelResponse } from '../../../ui/components/level-response.tsx';
import { Page } from '../../../ui/components/page.tsx';
import { describeWhen } from '../../../domain/plain-words.ts';
import { SendReferral } from '../send-referral.tsx';
import { AnswersSummary } from '../answers-summary.tsx';
import { useDraftSession } from '../draft-session.tsx';

/** A print-ready summary. The title and address carry no personal data: only the draft's random id. */
export function SummaryPage() {
  const { draft, document, decision } = useDraftSession();
  return (
    <>
      <Link className="govuk-back-link no-print" href="/check">
        Back
      </Link>
      <ImmediateRiskAlert response={decision?.response} />
      <Page title="Referral summary">
        <p className="govuk-hint">
          {document.title}, version {draft.documentVersion}. Started {describeWhen(draft.createdAt, new Date())}.
        </p>
        {decision && <DecisionPanel decision={decision} />}
        <div className="govuk-button-group no-print">
          <button type="button" className="govuk-button" onClick={() => window.print()}>
            Print or save as PDF
          </button>
          <Link className="govuk-button govuk-button--secondary" href="~/">
            Back to the start page
          </Link>
        </div>
        <SendReferral />
        {decision && <LevelResponse decision={decision} withPanel={false} />}
        <AnswersSummary document={document} content={draft.content} decision={decision} />
        <p className="print-only govuk-hint">
          This summary contains personal information. Store and share it securely.
        </p>
      </Page>
    </>
  );
}
