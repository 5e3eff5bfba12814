import { formatTime } from '../../domain/plain-words.ts';
import { useDraftSession } from './draft-session.tsx';

const time = (iso: string) => formatTime(new Date(iso));

/** "Saved at 2:02pm", "Saving…", or what went wrong and what to do: a failed save is never silent. */
export function SaveStatus() {
  const { saveState } = useDraftSession();
  switch (saveState.kind) {
    case 'saved':
      return <p className="save-status">Saved at {time(saveState.at)} on this device, encrypted</p>;
    case 'saving':
      return <p className="save-status">Saving…</p>;
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
