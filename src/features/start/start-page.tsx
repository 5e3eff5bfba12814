import { lazy, Suspense, type MouseEvent } from 'react';
import { Link, useLocation } from 'wouter';
import { Page } from '../../ui/components/page.tsx';
import { useDocuments } from '../../ui/documents/documents-context.tsx';
import { useDraftsIfLoaded } from '../../ui/drafts/drafts-context.tsx';
import { useSync } from '../../ui/sync/sync-context.tsx';
import { DocumentDetails } from './document-details.tsx';
import { isQuickCheckReady, preloadQuickCheck } from './preload-quick-check.ts';
import './start-page.scss';

// Only a device with drafts or referrals on it loads these, with the store they list.
const DraftsList = lazy(() => import('../drafts/drafts-list.tsx').then((module) => ({ default: module.DraftsList })));
const SendStatusSection = lazy(() =>
  import('../sending/send-status.tsx').then((module) => ({ default: module.SendStatusSection })),
);

/** Straight to the first question: a redirect from /quick-check costs a history update and a second render. */
const QUICK_CHECK_FIRST_QUESTION = '/quick-check/age';

export function StartPage() {
  const { catalogue, chosen } = useDocuments();
  const [, navigate] = useLocation();
  // Fetched as this page starts to render, not once it has painted: its own chunks have all arrived,
  // so nothing waits behind these, and a quick tap no longer waits on a busy server. Safe during
  // render (as react-dom's preload() is): it only starts fetches, and only until they have arrived.
  if (!isQuickCheckReady(chosen?.id)) void preloadQuickCheck(chosen?.id);
  if (!catalogue.length) {
    return (
      <Page title="Decide a child's level of need">
        <p>No descriptions of need are installed. Ask your council's IT team to add your area's document.</p>
      </Page>
    );
  }
  const warmUp = () => void preloadQuickCheck(chosen?.id);
  // Tapped before the idle prefetch finished: stay on this page until the quick check can show at
  // once, rather than flash a loading page (which React then holds for at least 300 ms).
  const openQuickCheck = (event: MouseEvent<HTMLAnchorElement>) => {
    if (isQuickCheckReady(chosen?.id)) return;
    event.preventDefault();
    void preloadQuickCheck(chosen?.id).then(() => navigate(QUICK_CHECK_FIRST_QUESTION));
  };
  return (
    <Page title="Decide a child's level of need">
      <p className="govuk-body-l">
        Use your area's descriptions of need to find the right level of help for a child, with the reasons, and what to
        do next.
      </p>
      <div className="start-action">
        <Link
          href={QUICK_CHECK_FIRST_QUESTION}
          className="govuk-button govuk-button--start"
          onPointerDown={warmUp}
          onFocus={warmUp}
          onClick={openQuickCheck}
        >
          Quick check
        </Link>
        <p className="govuk-hint">Find the level of need in a minute. No names, nothing saved.</p>
      </div>
      <h2 className="start-more__title">Other things you can do</h2>
      <ul className="choices">
        <li className="choice">
          <h3 className="choice__title">
            <Link href="/assessment/new">Start an assessment</Link>
          </h3>
          <p>Record the child's details, the concerns and the child's voice, then print or send a referral.</p>
        </li>
        <li className="choice">
          <h3 className="choice__title">
            <Link href="/browse">Browse the descriptions of need</Link>
          </h3>
          <p>Read every level and domain, and search for a concern.</p>
        </li>
      </ul>
      <section aria-labelledby="area-title" className="chosen-area">
        <h2 id="area-title" className="chosen-area__title">
          Your area
        </h2>
        {chosen ? (
          <DocumentDetails document={chosen} />
        ) : (
          <p>You have not chosen an area yet. The quick check and assessments ask for it first.</p>
        )}
        {catalogue.length > 1 && (
          <Link href="/choose-area" className="chosen-area__change">
            {chosen ? 'Change area' : 'Choose your area'}{' '}
            <span className="govuk-visually-hidden">(descriptions of need)</span>
          </Link>
        )}
      </section>
      <section aria-labelledby="drafts-title" className="drafts">
        <h2 id="drafts-title">Your saved assessments</h2>
        <SavedWork />
      </section>
    </Page>
  );
}

/** Lists drafts and referrals with the store only when the device holds some. */
function SavedWork() {
  const { store, storedWork } = useDraftsIfLoaded();
  const { sync } = useSync();
  if (!store && !storedWork) return <p className="govuk-hint">Looking for saved assessments…</p>;
  if (!store && storedWork && !storedWork.drafts && !storedWork.outbox) {
    return <p>You have no saved assessments on this device.</p>;
  }
  return (
    <Suspense fallback={<p className="govuk-hint">Looking for saved assessments…</p>}>
      <DraftsList />
      {sync && <SendStatusSection />}
    </Suspense>
  );
}
