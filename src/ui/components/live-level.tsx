import { useEffect, useRef, useState } from 'react';
import type { LevelDecision } from '../../domain/assessment/decision.ts';
import { ReasonList } from './level-response.tsx';

/**
 * The level so far, always on screen: on a phone a single collapsed line that opens to show why.
 * After an override it leads with the practitioner's level. Changes are announced politely: the
 * live region speaks only when the level changes, not on every tick of a checkbox.
 */
export function LiveLevel({ decision }: { decision: LevelDecision | undefined }) {
  const [announcement, setAnnouncement] = useState('');
  const level = decision?.level;
  const previous = useRef(level);
  const name = decision?.response.name;
  const caption = decision?.overridden ? 'Your level' : 'Suggested level';
  useEffect(() => {
    if (level !== undefined && previous.current !== undefined && level !== previous.current) {
      setAnnouncement(`${caption} is now ${level}: ${name}`);
    }
    previous.current = level;
  }, [level, name, caption]);

  return (
    <aside className="live-level" aria-labelledby="live-level-title">
      <h2 id="live-level-title" className="live-level__title">
        {decision?.overridden ? 'Your level' : 'Level so far'}
      </h2>
      {decision ? (
        <details className="live-level__details">
          <summary className="live-level__summary">
            <span className={`level-badge level-badge--${decision.level}`}>Level {decision.level}</span>{' '}
            <span className="live-level__name">{decision.response.name}</span>
            <span className="live-level__why">
              {decision.suggestedReasons.length ? `Why (${decision.suggestedReasons.length})` : 'Why'}
            </span>
          </summary>
          <div className="live-level__more">
            {decision.immediateRisk && (
              <a className="live-level__danger" href="#immediate-risk-title">
                A child may be in immediate danger: see what to do now
              </a>
            )}
            {decision.overridden && (
              <p>
                <strong>Suggested: level {decision.suggestedLevel}</strong> ({decision.suggestedName}). Your reasons:{' '}
                <span className="pre-wrap">{decision.rationale}</span>
              </p>
            )}
            {decision.suggestedReasons.length > 0 ? (
              <ReasonList reasons={decision.suggestedReasons} />
            ) : (
              <p className="govuk-hint">No concerns chosen yet.</p>
            )}
          </div>
        </details>
      ) : (
        <p className="govuk-hint">Choose the child's age to see a level.</p>
      )}
      <p className="govuk-visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </aside>
  );
}
