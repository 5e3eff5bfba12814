import { useCallback, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { useDocuments } from '../../ui/documents/documents-context.tsx';
import { useDrafts } from '../../ui/drafts/drafts-context.tsx';
import { useSync } from '../../ui/sync/sync-context.tsx';
import type { DraftSummary } from '../../data/draft-store.ts';
import { storageErrorMessage } from '../../data/storage-errors.ts';
import { assessmentSteps } from '../../domain/assessment/steps.ts';
import { describeWhen } from '../../domain/plain-words.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Drafts past the document's retention period are flagged first, and deleted this many days later. */
export const RETENTION_GRACE_DAYS = 7;

/**
 * Saved assessments on this device, listed without the passphrase: age band, level so far, step
 * and last edited — never a name.
 */
export function DraftsList() {
  const { store } = useDrafts();
  const { catalogue } = useDocuments();
  const [listed, setListed] = useState<{ drafts: DraftSummary[]; at: number }>();
  const [problem, setProblem] = useState<string>();
  const [confirming, setConfirming] = useState<string>();
  const [notice, setNotice] = useState<string>();

  const refresh = useCallback(async () => {
    if (!store) return;
    try {
      const list = await store.listSummaries();
      const now = Date.now();
      // Past the retention period and the grace after it: deleted, and the practitioner is told.
      const overdue = list.drafts.filter((draft) => {
        const retention = catalogue.find((doc) => doc.id === draft.documentId)?.retentionDays ?? 30;
        return (
          draft.status === 'in-progress' &&
          now - Date.parse(draft.updatedAt) > (retention + RETENTION_GRACE_DAYS) * DAY_MS
        );
      });
      for (const draft of overdue) await store.delete(draft.id);
      if (overdue.length) {
        setNotice(
          `${overdue.length} assessment${overdue.length === 1 ? ' was' : 's were'} deleted because it had not been used for a long time.`,
        );
      }
      setListed({ drafts: list.drafts.filter((draft) => !overdue.includes(draft)), at: now });
    } catch (error) {
      setProblem(storageErrorMessage(error).summary);
    }
  }, [store, catalogue]);

  // A referral sent from the outbox leaves the device: list again whenever the outbox changes.
  const outbox = useSync()
    .state.entries.map((entry) => `${entry.id}:${entry.status}`)
    .join();
  useEffect(() => {
    // Loading the list is the external system this effect synchronises with.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refresh();
  }, [refresh, outbox]);

  if (problem) return <p>{problem}</p>;
  if (!listed) return <p className="govuk-hint">Looking for saved assessments…</p>;
  const { drafts, at: listedAt } = listed;
  return (
    <>
      {notice && <p role="status">{notice}</p>}
      {drafts.length === 0 ? (
        <p>You have no saved assessments on this device.</p>
      ) : (
        <ul className="draft-list">
          {drafts.map((draft) => {
            const doc = catalogue.find((candidate) => candidate.id === draft.documentId);
            const age = doc?.ageBands.find((band) => band.id === draft.ageBand)?.label ?? 'Age not given yet';
            const step =
              draft.step === 'summary'
                ? 'Summary'
                : draft.step === 'tasks'
                  ? 'The list of sections'
                  : ((doc && assessmentSteps(doc).find((candidate) => candidate.slug === draft.step)?.title) ??
                    draft.step);
            const ageDays = (listedAt - Date.parse(draft.updatedAt)) / DAY_MS;
            const expiring = ageDays > (doc?.retentionDays ?? 30);
            const edited = describeWhen(draft.updatedAt, new Date(listedAt));
            const label = `assessment last edited ${edited}`;
            return (
              <li key={draft.id} className="draft-list__item">
                <h3 className="draft-list__title">
                  {age}, level {draft.levelSoFar} so far
                </h3>
                <p className="govuk-hint">
                  At: {step}. Last edited {edited}.{draft.status === 'queued' && ' Waiting to send.'}
                </p>
                {expiring && (
                  <p className="govuk-tag govuk-tag--yellow">
                    Not used for {Math.floor(ageDays)} days: it will be deleted after {RETENTION_GRACE_DAYS} more days
                    unless you open it.
                  </p>
                )}
                {confirming === draft.id ? (
                  <div className="govuk-button-group" role="group" aria-label={`Delete ${label}?`}>
                    <button
                      type="button"
                      className="govuk-button govuk-button--warning"
                      onClick={async () => {
                        await store?.delete(draft.id);
                        setConfirming(undefined);
                        await refresh();
                      }}
                    >
                      Yes, delete it
                    </button>
                    <button
                      type="button"
                      className="govuk-button govuk-button--secondary"
                      onClick={() => setConfirming(undefined)}
                    >
                      No, keep it
                    </button>
                  </div>
                ) : (
                  <div className="govuk-button-group">
                    <Link className="govuk-button" href={`/assessment/${draft.id}`}>
                      Carry on <span className="govuk-visually-hidden">with the {label}</span>
                    </Link>
                    <button
                      type="button"
                      className="govuk-button govuk-button--secondary"
                      onClick={() => setConfirming(draft.id)}
                    >
                      Delete <span className="govuk-visually-hidden">the {label}</span>
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
