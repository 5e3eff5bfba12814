import type { Assessment } from '../../domain/engine/assess.ts';
import { ContactList } from './contact-list.tsx';

/** The suggested level with its reasons, and what that level offers: shared by both results and the summary. */
export function LevelResponse({ assessment, headingLevel = 2 }: { assessment: Assessment; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as const;
  const { response } = assessment;
  return (
    <div className="level-response">
      <div className={`panel panel--level-${assessment.suggestedLevel}`}>
        <p className="panel__caption">Suggested level</p>
        <p className="panel__title">
          Level {assessment.suggestedLevel}: {response.name}
        </p>
        <p>{response.summary}</p>
      </div>
      <p className="inset">{response.advisory}</p>
      <Heading>Why this level</Heading>
      {assessment.reasons.length ? (
        <ul className="reason-list">
          {assessment.reasons.map((reason) => (
            <li key={reason.id}>
              {reason.kind === 'rule' ? (
                <>
                  <strong>{reason.heading}.</strong> {reason.text}
                </>
              ) : (
                <>
                  {reason.text} <span className="hint">({reason.heading})</span>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>No concerns were chosen, so the child's needs look met by universal services.</p>
      )}
      <Heading>Who leads</Heading>
      <p>{response.whoLeads}</p>
      <Heading>The offer of support</Heading>
      <ul className="offer-list">
        {response.offer.map((offer) => (
          <li key={offer.service}>
            <strong>{offer.service}</strong>: {offer.description}
          </li>
        ))}
      </ul>
      <Heading>Consent</Heading>
      <p>{response.consent}</p>
      <Heading>What to do next</Heading>
      <ol className="next-steps">
        {response.nextSteps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      {response.contacts.length > 0 && (
        <>
          <Heading>Contacts</Heading>
          <ContactList contacts={response.contacts} />
        </>
      )}
    </div>
  );
}
