import type { ReactNode } from 'react';
import type { ConcernGroup, LevelDecision } from '../../domain/assessment/decision.ts';
import type { Reason } from '../../domain/engine/assess.ts';
import { ContactList } from './contact-list.tsx';

type HeadingLevel = 2 | 3;

/**
 * The level that guides what happens next, and what that level asks: shared by both results, the
 * check your answers page and the summary. After an override the practitioner's level leads, and
 * the engine's suggestion follows as "Suggested: level N" with its reasons.
 */
export function LevelResponse({
  decision,
  concerns,
  lead,
  withPanel = true,
  headingLevel = 2,
}: {
  /** False where the page already shows the DecisionPanel above, e.g. the summary. */
  withPanel?: boolean;
  /** Shown straight after the level, before its description and reasons: what to do first. */
  lead?: ReactNode;
  decision: LevelDecision;
  /** Every chosen concern by level; without it only the reasons for the suggestion are listed. */
  concerns?: readonly ConcernGroup[];
  headingLevel?: HeadingLevel;
}) {
  const Heading = `h${headingLevel}` as const;
  const { response } = decision;
  return (
    <div className="level-response">
      {withPanel && <DecisionPanel decision={decision} withSummary={!lead} />}
      {lead}
      {lead && <p>{response.summary}</p>}
      <p className="govuk-inset-text">{response.advisory}</p>
      <Heading>{decision.overridden ? `Why level ${decision.suggestedLevel} was suggested` : 'Why this level'}</Heading>
      {concerns ? (
        <>
          <ConcernList groups={concerns} />
          <RaisedBy reasons={decision.suggestedReasons} />
        </>
      ) : (
        <ReasonList reasons={decision.suggestedReasons} />
      )}
      {response.route && (
        <>
          <Heading>Route</Heading>
          <p>{response.route.title}</p>
        </>
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

/** The decided level in a coloured panel; after an override, the suggestion and the practitioner's reasons under it. */
export function DecisionPanel({ decision, withSummary = true }: { decision: LevelDecision; withSummary?: boolean }) {
  return (
    <div className={`panel panel--level-${decision.level}`}>
      <p className="panel__caption">{decision.overridden ? 'Your level' : 'Suggested level'}</p>
      <p className="panel__title">
        Level {decision.level}: {decision.response.name}
      </p>
      {withSummary && <p>{decision.response.summary}</p>}
      {decision.overridden && (
        <div className="panel__suggestion">
          <p>
            <strong>Suggested: level {decision.suggestedLevel}</strong> ({decision.suggestedName})
          </p>
          <p>
            <strong>Your reasons:</strong> <span className="pre-wrap">{decision.rationale}</span>
          </p>
        </div>
      )}
    </div>
  );
}

export function ReasonList({ reasons }: { reasons: readonly Reason[] }) {
  if (!reasons.length) return <p>No concerns were chosen, so the child's needs look met by universal services.</p>;
  return (
    <ul className="reason-list">
      {reasons.map((reason) => (
        <li key={reason.id}>
          {reason.kind === 'rule' ? (
            <>
              <strong>{reason.heading}.</strong> {reason.text}
            </>
          ) : (
            <>
              {reason.text} <span className="govuk-hint">({reason.heading})</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Every ticked concern under its level, the ones that set the level marked, so none is hidden. */
export function ConcernList({ groups }: { groups: readonly ConcernGroup[] }) {
  if (!groups.length) return <p>No concerns were chosen, so the child's needs look met by universal services.</p>;
  return (
    <>
      {groups.map((group) => (
        <section key={group.level} className="concern-group" aria-label={`Level ${group.level} concerns`}>
          <p className="concern-group__title">
            <span className={`level-badge level-badge--${group.level}`}>Level {group.level}</span> {group.name}
          </p>
          <ul className="reason-list">
            {group.concerns.map((concern) => (
              <li key={concern.id}>
                {concern.deciding && <strong className="govuk-tag app-tag--deciding">Sets the level</strong>}{' '}
                {concern.text} <span className="govuk-hint">({concern.heading})</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** The escalation rules that set the level, when the concerns on their own would have set a lower one. */
function RaisedBy({ reasons }: { reasons: readonly Reason[] }) {
  const rules = reasons.filter((reason) => reason.kind === 'rule');
  if (!rules.length) return null;
  return (
    <>
      <p className="concern-group__title">Together, these concerns raise the level:</p>
      <ReasonList reasons={rules} />
    </>
  );
}
