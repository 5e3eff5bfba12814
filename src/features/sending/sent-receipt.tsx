import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { OutboxEntry } from '../../data/outbox-store.ts';
import { agencyName } from '../../domain/assessment/agencies.ts';
import type { SubmissionStatus } from '../../domain/sync/status-schema.ts';
import type { ThresholdsDocument } from '../../domain/thresholds/schema.ts';
import { plainDateTime, plainDayMonth } from './plain-time.ts';
import './sent-receipt.scss';

/** The class on <body> while the receipt alone is printed (sent-receipt.scss). */
const PRINTING_CLASS = 'printing-receipt';

function levelName(level: number, rules: ThresholdsDocument | undefined): string {
  const name = rules?.levels.find((candidate) => candidate.level === level)?.name;
  return name ? `Level ${level}: ${name}` : `Level ${level}`;
}

/** "Decided on 2 December: level 3, early help", "With the front door" or nothing yet. */
export function outcomeWords(outcome: SubmissionStatus | undefined): string | undefined {
  if (!outcome) return undefined;
  const { decision } = outcome;
  if (outcome.status === 'decided' && decision) {
    const words = decision.outcomeLabel.charAt(0).toLowerCase() + decision.outcomeLabel.slice(1);
    return `Decided on ${plainDayMonth(decision.decidedAt)}: level ${decision.level}, ${words}`;
  }
  return outcome.status === 'in-triage' ? 'The front door is looking at this referral' : 'Received by the front door';
}

/** The referral's receipt: the reference, when it was sent, the agency and the level; nothing about the family. */
function ReceiptList({ entry, rules }: { entry: OutboxEntry; rules: ThresholdsDocument | undefined }) {
  const { receipt, sent } = entry;
  if (!receipt) return null;
  return (
    <dl className="summary-list">
      {receipt.reference && (
        <div>
          <dt>Reference</dt>
          <dd className="reference">{receipt.reference}</dd>
        </div>
      )}
      <div>
        <dt>Sent</dt>
        <dd>{plainDateTime(receipt.receivedAt)}</dd>
      </div>
      {sent && (
        <>
          <div>
            <dt>Your agency</dt>
            <dd>{agencyName(rules, sent.agency)}</dd>
          </div>
          <div>
            <dt>Level</dt>
            <dd>{levelName(sent.level, rules)}</dd>
          </div>
        </>
      )}
    </dl>
  );
}

/** "Print your receipt": prints the receipt alone, never the referral around it. */
export function PrintReceipt({ entry, rules }: { entry: OutboxEntry; rules: ThresholdsDocument | undefined }) {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    if (!printing) return;
    document.body.classList.add(PRINTING_CLASS);
    const done = () => setPrinting(false);
    window.addEventListener('afterprint', done);
    window.print();
    return () => {
      window.removeEventListener('afterprint', done);
      document.body.classList.remove(PRINTING_CLASS);
    };
  }, [printing]);
  return (
    <>
      <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setPrinting(true)}>
        Print your receipt
      </button>
      {printing &&
        createPortal(
          <div className="print-receipt">
            <h1>Referral receipt</h1>
            <p>Keep this to follow up your referral with the front door. It holds nothing about the child or family.</p>
            <ReceiptList entry={entry} rules={rules} />
            {rules?.afterSending && <p>The front door will decide within {rules.afterSending.decisionWithin}.</p>}
          </div>,
          document.body,
        )}
    </>
  );
}

/**
 * The GOV.UK confirmation after a referral has reached the front door: the reference large enough
 * to read out, what happens next and by when (from the rules document), the front door's decision
 * once it comes back, and a receipt to print.
 */
export function SentConfirmation({ entry, rules }: { entry: OutboxEntry; rules: ThresholdsDocument }) {
  const reference = entry.receipt?.reference;
  const outcome = outcomeWords(entry.outcome);
  const afterSending = rules.afterSending;
  const title = useRef<HTMLHeadingElement>(null);
  // It appears at the foot of a long summary, perhaps long after Send was pressed: bring it into view and say so.
  useEffect(() => title.current?.focus(), []);
  return (
    <div className="sent-confirmation">
      <div className="confirmation-panel">
        <h2 className="confirmation-panel__title" ref={title} tabIndex={-1}>
          Referral sent
        </h2>
        {reference && (
          <p className="confirmation-panel__body">
            Your reference
            <br />
            <strong className="confirmation-panel__reference">{reference}</strong>
          </p>
        )}
      </div>
      {outcome && <p className="sent-outcome">{outcome}</p>}
      <ReceiptList entry={entry} rules={rules} />
      {afterSending && (
        <>
          <h3>What happens next</h3>
          <p>The front door will decide within {afterSending.decisionWithin}.</p>
          <ul className="govuk-list govuk-list--bullet">
            {afterSending.whatHappensNext.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ul>
        </>
      )}
      <PrintReceipt entry={entry} rules={rules} />
    </div>
  );
}
