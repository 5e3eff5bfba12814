import { formatTime } from '../../domain/plain-words.ts';
import { useDraftSession } from './draft-session.tsx';

const time = (iso: string) => formatTime(new Date(iso));
const savedSentence = (at: string) => `Saved at ${time(at)} on this device, encrypted`;

/**
 * On a phone "Saved at … encrypted" takes two lines and "Saving…" one: without the earlier sentence
 * holding the height (drawn hidden by CSS, so it is neither read out nor found as text), the form
 * would jump a line under the finger at every tap and every pause in typing.
 */
function StatusLine({ text, heightOf }: { text: string; heightOf?: string | undefined }) {
  return (
    <p className="save-status" data-height-of={heightOf}>
      <span>{text}</span>
    </p>
  );
}

/** "Saved at 2:02pm", "Saving…", or what went wrong and what to do: a failed save is never silent. */
export function SaveStatus() {
  const { saveState } = useDraftSession();
  switch (saveState.kind) {
    case 'saved':
      return <StatusLine text={savedSentence(saveState.at)} />;
    case 'saving':
      return <StatusLine text="Saving…" heightOf={saveState.lastSavedAt && savedSentence(saveState.lastSavedAt)} />;
    case 'read-only':
      return (
        <p className="save-status save-status--warning" role="status">
          Read only: {saveState.reason}
        </p>
      );
    case 'failed':
      return (
        <div className="save-status save-status--failed" role="alert">
          <strong>Not saved.</strong> {saveState.summary} {saveState.action}
        </div>
      );
  }
}
