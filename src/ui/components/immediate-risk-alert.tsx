import type { LevelResponse } from '../../domain/engine/level-response.ts';
import { ContactList } from './contact-list.tsx';

/** Shown the moment an immediate-risk indicator is chosen, on whatever step, and kept to the end. */
/** With `brief`, contacts show only name, number and hours, to fit a phone's first screen. */
export function ImmediateRiskAlert({
  response,
  brief = false,
}: {
  response: LevelResponse | undefined;
  brief?: boolean;
}) {
  const action = response?.immediateAction;
  if (!action) return null;
  return (
    <div className="immediate-risk" role="alert" aria-labelledby="immediate-risk-title">
      <h2 id="immediate-risk-title" className="immediate-risk__title" tabIndex={-1}>
        {action.heading}
      </h2>
      <ol className="immediate-risk__steps">
        {action.steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <ContactList contacts={action.contacts} brief={brief} />
    </div>
  );
}
