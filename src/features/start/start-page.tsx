import { Link } from 'wouter';
import { Page } from '../../app/components/page.tsx';
import { useDocuments } from '../../app/documents/documents-context.tsx';
import { DraftsList } from '../drafts/drafts-list.tsx';
import { SendStatusSection } from '../sending/send-status.tsx';
import { DocumentDetails } from './document-details.tsx';

export function StartPage() {
  const { catalogue, chosen } = useDocuments();
  if (!catalogue.length) {
    return (
      <Page title="Decide a child's level of need">
        <p>No descriptions of need are installed. Ask your council's IT team to add your area's document.</p>
      </Page>
    );
  }
  return (
    <Page title="Decide a child's level of need">
      <p className="lead">
        Use your area's descriptions of need to find the right level of help for a child, with the reasons, and what to
        do next.
      </p>
      {chosen ? (
        <div className="chosen-area">
          <DocumentDetails document={chosen} />
          {catalogue.length > 1 && (
            <Link href="/choose-area" className="chosen-area__change">
              Change area <span className="visually-hidden">(descriptions of need)</span>
            </Link>
          )}
        </div>
      ) : (
        <p>
          <Link href="/choose-area" className="button">
            Choose your area
          </Link>
        </p>
      )}
      <ul className="choices">
        <li className="choice">
          <h2 className="choice__title">
            <Link href="/quick-check">Quick check</Link>
          </h2>
          <p>Find the level of need in a minute. No names, nothing saved.</p>
        </li>
        <li className="choice">
          <h2 className="choice__title">
            <Link href="/assessment/new">Start an assessment</Link>
          </h2>
          <p>Record the child's details, the concerns and the child's voice, then print or send a referral.</p>
        </li>
        <li className="choice">
          <h2 className="choice__title">
            <Link href="/browse">Browse the descriptions of need</Link>
          </h2>
          <p>Read every level and domain, and search for a concern.</p>
        </li>
      </ul>
      <section aria-labelledby="drafts-title" className="drafts">
        <h2 id="drafts-title">Your saved assessments</h2>
        <DraftsList />
      </section>
      <SendStatusSection />
    </Page>
  );
}
