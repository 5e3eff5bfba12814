import { useState } from 'react';
import { useLocation } from 'wouter';
import { loadDocument } from 'virtual:thresholds';
import { useLoadedDrafts } from '../../ui/drafts/drafts-context.tsx';
import { saveEverythingNow } from '../../data/pending-saves.ts';
import type { EditableDraft } from '../../data/draft-store.ts';
import { storageErrorMessage } from '../../data/storage-errors.ts';
import { keepApplicable } from '../../domain/thresholds/queries.ts';
import { assess } from '../../domain/engine/assess.ts';

/**
 * A draft keeps the rules version it began with, so its result never changes behind the
 * practitioner's back. Re-running on the newer version is their choice: it becomes a new draft
 * on that version, keeping every answer that still applies, and the old one is removed.
 */
export function NewerVersionNotice({ draft, newerVersion }: { draft: EditableDraft; newerVersion: string }) {
  const { store, vault } = useLoadedDrafts();
  const [, navigate] = useLocation();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <div className="govuk-inset-text" role="note">
      <p>
        This assessment began on version {draft.documentVersion} of the descriptions of need and stays on it, so its
        result does not change. This app now has version {newerVersion}.
      </p>
      <button
        type="button"
        className="govuk-button govuk-button--secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await saveEverythingNow();
            const current = await store.load(draft.id, vault);
            const document = await loadDocument(draft.documentId);
            const ageBand = current.content.concern.ageBand;
            const indicators = ageBand ? keepApplicable(document, ageBand, current.content.indicators) : [];
            const content = { ...current.content, indicators };
            const levelSoFar = ageBand ? assess(document, { ageBand, indicators }).suggestedLevel : 1;
            const rerun = await store.create(
              { mode: current.mode, document, step: current.step, content, levelSoFar },
              vault,
            );
            await store.delete(draft.id);
            navigate(`~/assessment/${rerun.id}/result`, { replace: true });
          } catch (error) {
            setProblem(storageErrorMessage(error).summary);
            setBusy(false);
          }
        }}
      >
        Re-run on version {newerVersion}
      </button>
      {problem && <p role="alert">{problem}</p>}
    </div>
  );
}
