import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { useLoadedDrafts } from '../../ui/drafts/drafts-context.tsx';
import { useSync } from '../../ui/sync/sync-context.tsx';
import { DraftNotFoundError } from '../../data/errors.ts';
import { storageErrorMessage } from '../../data/storage-errors.ts';
import { buildSubmission } from '../../domain/sync/build-submission.ts';
import { useDraftSession } from './draft-session.tsx';
import { SendStatus } from '../sending/send-status.tsx';

/**
 * "Send to the front door" on the referral summary: offered once every step is answered (else what
 * is missing, linked), it puts the referral in the outbox and then shows how sending is going.
 */
export function SendReferral() {
  const { draft, document, saveState, flush, adopt } = useDraftSession();
  const { store, vault } = useLoadedDrafts();
  const { sync, state } = useSync();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const built = useMemo(() => buildSubmission(draft, document), [draft, document]);
  if (!sync) return null;

  const entries = state.entries.filter((entry) => entry.draftId === draft.id);
  const inOutbox = entries.some((entry) => entry.status !== 'needs-attention');
  // A queued draft's entry may not be read yet: wait for it rather than offer Send twice.
  const known = state.enrolment !== undefined || draft.status !== 'queued';

  const send = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      await flush();
      const current = await store.load(draft.id, vault);
      const fresh = buildSubmission(current, document);
      if (!fresh.ok) throw new Error('The referral changed while it was being sent.');
      await sync.queue(current, fresh.submission);
      // Queuing bumped the draft's revision; if it has already been sent, the draft is gone.
      adopt(await store.load(draft.id, vault));
    } catch (error) {
      if (!(error instanceof DraftNotFoundError)) {
        const message = storageErrorMessage(error);
        setProblem(`${message.summary} ${message.action}`);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="send-title" className="no-print">
      <h2 id="send-title">Send the referral</h2>
      {!inOutbox && known && !built.ok && (
        <div className="govuk-inset-text">
          <p>Before you can send this referral to the front door, answer these:</p>
          <ul>
            {built.missing.map((missing) => (
              <li key={missing.slug}>
                <Link href={`/${missing.slug}?return=check`}>{missing.message}</Link>
              </li>
            ))}
          </ul>
        </div>
      )}
      {!inOutbox && known && built.ok && saveState.kind === 'read-only' && (
        <p>This referral is open in another tab or window. Send it from there.</p>
      )}
      {!inOutbox && known && built.ok && saveState.kind !== 'read-only' && (
        <>
          <p>
            The referral stays encrypted on this device until the front door confirms it has it. Then it is deleted from
            this device.
          </p>
          <button type="button" className="govuk-button" disabled={busy} onClick={() => void send()}>
            {entries.length ? 'Send again' : 'Send to the front door'}
          </button>
        </>
      )}
      {problem && (
        <p className="govuk-error-message" role="alert">
          {problem}
        </p>
      )}
      <SendStatus draftId={draft.id} rules={document} />
    </section>
  );
}
