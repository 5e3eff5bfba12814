import { useEffect, useRef, useState } from 'react';
import type { Assessment } from '../../domain/engine/assess.ts';

/**
 * The level suggested so far and why, always on screen. Changes are announced politely: the
 * live region speaks only when the level changes, not on every tick of a checkbox.
 */
export function LiveLevel({ assessment }: { assessment: Assessment | undefined }) {
  const [announcement, setAnnouncement] = useState('');
  const previous = useRef(assessment?.suggestedLevel);
  const level = assessment?.suggestedLevel;
  const name = assessment?.response.name;
  useEffect(() => {
    if (level !== undefined && previous.current !== undefined && level !== previous.current) {
      setAnnouncement(`Suggested level is now ${level}: ${name}`);
    }
    previous.current = level;
  }, [level, name]);

  return (
    <aside className="live-level" aria-labelledby="live-level-title">
      <h2 id="live-level-title" className="live-level__title">
        Level so far
      </h2>
      {assessment ? (
        <>
          <p className="live-level__level">
            <span className={`level-badge level-badge--${assessment.suggestedLevel}`}>
              Level {assessment.suggestedLevel}
            </span>{' '}
            {assessment.response.name}
          </p>
          {assessment.immediateRisk && (
            <a className="live-level__danger" href="#immediate-risk-title">
              A child may be in immediate danger: see what to do now
            </a>
          )}
          {assessment.reasons.length > 0 ? (
            <details className="details">
              <summary className="details__summary">Why this level ({assessment.reasons.length})</summary>
              <ul className="reason-list">
                {assessment.reasons.map((reason) => (
                  <li key={reason.id}>
                    {reason.kind === 'rule' && <strong>{reason.heading}: </strong>}
                    {reason.text}
                  </li>
                ))}
              </ul>
            </details>
          ) : (
            <p className="hint">No concerns chosen yet.</p>
          )}
        </>
      ) : (
        <p className="hint">Choose the child's age to see a level.</p>
      )}
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </aside>
  );
}
