import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { Page } from '../../ui/components/page.tsx';
import { useDrafts } from '../../ui/drafts/drafts-context.tsx';
import type { UnsentCounts } from '../../data/draft-store.ts';

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** There is no recovery by design: say exactly what will be lost, then wipe only on a clear yes. */
export default function ForgottenPassphrasePage() {
  const { store, lock, refreshStatus } = useDrafts();
  const [unsent, setUnsent] = useState<UnsentCounts>();
  const [wiped, setWiped] = useState(false);
  useEffect(() => {
    void store?.countUnsent().then(setUnsent);
  }, [store]);

  if (wiped) {
    return (
      <Page title="This device has been cleared">
        <p>
          Every draft and unsent referral on this device has been deleted. Set a new passphrase when you next start an
          assessment.
        </p>
        <Link className="govuk-button" href="/">
          Go to the start page
        </Link>
      </Page>
    );
  }
  return (
    <Page title="Forgotten your passphrase?">
      <p>
        Nobody can recover it: not you, not IT, not the council. This protects the families' details if the device is
        lost.
      </p>
      {unsent && (
        <div className="warning-text" role="note">
          <strong>
            This device holds {plural(unsent.drafts, 'unsent draft', 'unsent drafts')} and{' '}
            {plural(unsent.outbox, 'referral waiting to send', 'referrals waiting to send')}. They will be deleted and
            cannot be recovered.
          </strong>
        </div>
      )}
      <p>If a referral is urgent, phone the front door before you continue.</p>
      <div className="govuk-button-group">
        <button
          type="button"
          className="govuk-button govuk-button--warning"
          disabled={!store || !unsent}
          onClick={async () => {
            if (!store) return;
            const outcome = await store.forgetEverything(() => true);
            if (outcome.wiped) {
              await lock();
              await refreshStatus();
              setWiped(true);
            }
          }}
        >
          Delete everything on this device
        </button>
        <Link className="govuk-button govuk-button--secondary" href="/">
          Cancel
        </Link>
      </div>
    </Page>
  );
}
