import { Link } from 'wouter';
import { useDrafts } from '../../ui/drafts/drafts-context.tsx';
import { useSync } from '../../ui/sync/sync-context.tsx';
import type { OutboxEntry } from '../../data/outbox-store.ts';
import { describeEntry, type EntryDescription } from '../../sync/describe-entry.ts';
import type { ThresholdsDocument } from '../../domain/thresholds/schema.ts';
import { SYNC_MESSAGES } from '../../sync/messages.ts';
import { plainDateTime } from './plain-time.ts';
import { outcomeWords, PrintReceipt, SentConfirmation } from './sent-receipt.tsx';

const when = plainDateTime;

const TAG_CLASS: Record<OutboxEntry['status'], string> = {
  queued: 'govuk-tag govuk-tag--yellow',
  sending: 'govuk-tag govuk-tag--yellow',
  sent: 'govuk-tag govuk-tag--green',
  'needs-attention': 'govuk-tag govuk-tag--red',
};

function overall(entries: readonly OutboxEntry[], running: boolean): string {
  const waiting = entries.filter((entry) => entry.status === 'queued' || entry.status === 'sending').length;
  const attention = entries.filter((entry) => entry.status === 'needs-attention').length;
  const parts = [
    waiting && (running ? 'Sending…' : `${waiting} ${waiting === 1 ? 'referral' : 'referrals'} waiting to send.`),
    attention && `${attention} ${attention === 1 ? 'needs' : 'need'} your attention.`,
  ].filter(Boolean);
  return parts.length ? parts.join(' ') : 'Everything has been sent.';
}

/**
 * Referrals in the outbox, newest first: queued, sending, sent (with the front door's reference,
 * time and, once made, its decision) or needing attention (with what to do), and "Send now".
 * `draftId` narrows it to one; with `rules` (the referral's own page) a sent referral gets the
 * full confirmation, with what happens next.
 */
export function SendStatus({ draftId, rules }: { draftId?: string; rules?: ThresholdsDocument }) {
  const { sync, state } = useSync();
  const { vault } = useDrafts();
  if (!sync) return null;
  const entries = state.entries
    .filter((entry) => draftId === undefined || entry.draftId === draftId)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  if (!entries.length) return null;
  const context = { locked: !vault, enrolled: state.enrolment?.enrolled !== false };
  const canSendNow = context.enrolled && !context.locked && entries.some((entry) => entry.status === 'queued');
  return (
    <div className="send-status">
      <p role="status">{overall(entries, state.running)}</p>
      {state.problem && (
        <p className="govuk-error-message">
          {state.problem.summary} {state.problem.action}
        </p>
      )}
      <ul className="draft-list">
        {entries.map((entry) =>
          rules && entry.status === 'sent' && entry.receipt ? (
            <li key={entry.id} className="draft-list__item">
              <SentConfirmation entry={entry} rules={rules} />
            </li>
          ) : (
            <EntryItem key={entry.id} entry={entry} description={describeEntry(entry, context)} />
          ),
        )}
      </ul>
      {canSendNow && (
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          disabled={state.running}
          onClick={() => void sync.sendNow()}
        >
          Send now
        </button>
      )}
    </div>
  );
}

function EntryItem({ entry, description }: { entry: OutboxEntry; description: EntryDescription }) {
  const referral = `~/assessment/${entry.draftId}`;
  return (
    <li className="draft-list__item">
      <h3 className="draft-list__title">
        Referral queued {when(entry.createdAt)} <strong className={TAG_CLASS[entry.status]}>{description.tag}</strong>
      </h3>
      <p>{description.summary}</p>
      {description.actions.map((action) => (
        <p key={action} className="govuk-hint">
          {action === SYNC_MESSAGES.connect ? (
            <Link href="~/settings">{action}</Link>
          ) : action === SYNC_MESSAGES.unlock ? (
            <Link href={`${referral}/summary`}>{action}</Link>
          ) : (
            action
          )}
        </p>
      ))}
      {entry.status === 'queued' && entry.lastReason && !description.link && (
        <p className="govuk-hint">Next try: {when(entry.nextAttemptAt)}.</p>
      )}
      {description.link === 'change' && (
        <p>
          <Link href={`${referral}/check`}>Check the referral's answers</Link>
        </p>
      )}
      {entry.receipt && (
        <>
          {entry.outcome && <p className="sent-outcome">{outcomeWords(entry.outcome)}</p>}
          <dl className="summary-list">
            <div>
              <dt>Received by the front door</dt>
              <dd>{when(entry.receipt.receivedAt)}</dd>
            </div>
            {entry.receipt.reference && (
              <div>
                <dt>Reference</dt>
                <dd className="reference">{entry.receipt.reference}</dd>
              </div>
            )}
          </dl>
          <PrintReceipt entry={entry} rules={undefined} />
        </>
      )}
    </li>
  );
}

/** The start page's list of referrals being sent, shown once there is one. */
export function SendStatusSection() {
  const { sync, state } = useSync();
  if (!sync || !state.entries.length) return null;
  return (
    <section aria-labelledby="sending-title" className="drafts">
      <h2 id="sending-title">Sending to the front door</h2>
      <SendStatus />
    </section>
  );
}
