import { Suspense, useEffect, useState } from 'react';
import { Redirect, Route, Switch, useLocation, useParams, useSearch } from 'wouter';
import { Loading } from '../../ui/components/loading.tsx';
import { Page } from '../../ui/components/page.tsx';
import { useDocuments, useThresholdsDocument } from '../../ui/documents/documents-context.tsx';
import { useLoadedDrafts } from '../../ui/drafts/drafts-context.tsx';
import { claimDraft } from '../../data/draft-claim.ts';
import type { EditableDraft } from '../../data/draft-store.ts';
import { DATA_MESSAGES } from '../../data/messages.ts';
import { storageErrorMessage } from '../../data/storage-errors.ts';
import { draftContentFromQuickCheck } from '../../domain/assessment/quick-check.ts';
import type { ThresholdsDocument } from '../../domain/thresholds/schema.ts';
import { readQuickCheck } from '../quick-check/quick-check-storage.ts';
import { assess } from '../../domain/engine/assess.ts';
import { PassphraseGate } from '../drafts/passphrase-gate.tsx';
import { DraftSessionProvider } from './draft-session.tsx';
import { NewerVersionNotice } from './newer-version-notice.tsx';
import { StepRouter } from './step-router.tsx';

export default function AssessmentFeature() {
  return (
    <Suspense fallback={<Loading />}>
      <Switch>
        <Route path="/new">
          <NewAssessment />
        </Route>
        <Route path="/:draftId" nest>
          <PassphraseGate>
            <OpenDraft />
          </PassphraseGate>
        </Route>
      </Switch>
    </Suspense>
  );
}

function NewAssessment() {
  const { chosen } = useDocuments();
  const fromQuickCheck = new URLSearchParams(useSearch()).get('from') === 'quick-check';
  if (!chosen) return <Redirect to="~/choose-area?next=assessment/new" replace />;
  return (
    <PassphraseGate>
      <CreateDraft documentId={chosen.id} fromQuickCheck={fromQuickCheck} />
    </PassphraseGate>
  );
}

/** With `fromQuickCheck`, the new draft begins with the quick check's age band and every ticked concern. */
function CreateDraft({ documentId, fromQuickCheck }: { documentId: string; fromQuickCheck: boolean }) {
  const document = useThresholdsDocument(documentId);
  const { store, vault } = useLoadedDrafts();
  const [, navigate] = useLocation();
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    let current = true;
    const quickCheck = fromQuickCheck ? readQuickCheck(document) : undefined;
    const content = quickCheck?.ageBand ? draftContentFromQuickCheck(quickCheck) : undefined;
    const levelSoFar =
      quickCheck?.ageBand && content
        ? assess(document, { ageBand: quickCheck.ageBand, indicators: content.indicators }).suggestedLevel
        : undefined;
    store
      .create({ mode: 'referral', document, step: 'tasks', content, levelSoFar }, vault)
      .then((draft) => current && navigate(`/${draft.id}/tasks`, { replace: true }))
      .catch((error: unknown) => current && setFailure(storageErrorMessage(error).summary));
    return () => {
      current = false;
    };
  }, [document, store, vault, navigate, fromQuickCheck]);
  if (failure) return <Page title="The assessment could not be started">{<p>{failure}</p>}</Page>;
  return <Loading />;
}

type Opened =
  | { kind: 'open'; draft: EditableDraft; document: ThresholdsDocument; readOnlyReason?: string; newerVersion?: string }
  | { kind: 'failed'; summary: string; action: string };

function OpenDraft() {
  const { draftId = '' } = useParams<{ draftId: string }>();
  const { store, vault } = useLoadedDrafts();
  const { catalogue } = useDocuments();
  const [opened, setOpened] = useState<{ id: string; result: Opened }>();
  useEffect(() => {
    let current = true;
    let release: (() => void) | undefined;
    void (async (): Promise<Opened> => {
      try {
        const draft = await store.load(draftId, vault);
        const shipped = catalogue.find((doc) => doc.id === draft.documentId);
        // A draft stays on the document version it began with, even after the app ships a newer one.
        const document = await store.loadDocument(draft.documentId, draft.documentVersion);
        if (!document) return { kind: 'failed', ...DATA_MESSAGES.restore };
        const claim = await claimDraft(draft.id);
        if (!claim.readOnly) release = claim.release;
        return {
          kind: 'open',
          draft,
          document,
          readOnlyReason: claim.readOnly ? claim.reason : undefined,
          newerVersion: shipped && shipped.version !== draft.documentVersion ? shipped.version : undefined,
        };
      } catch (error) {
        return { kind: 'failed', ...storageErrorMessage(error) };
      }
    })().then((result) => {
      if (current) setOpened({ id: draftId, result });
      else release?.();
    });
    return () => {
      current = false;
      release?.();
    };
  }, [store, vault, draftId, catalogue]);

  if (opened?.id !== draftId) return <Loading />;
  const { result } = opened;
  if (result.kind === 'failed') {
    return (
      <Page title="This assessment cannot be opened">
        <p>{result.summary}</p>
        <p>{result.action}</p>
        <p>
          <a href="/">Go to the start page</a>
        </p>
      </Page>
    );
  }
  return (
    <DraftSessionProvider initial={result.draft} document={result.document} readOnlyReason={result.readOnlyReason}>
      {result.newerVersion && <NewerVersionNotice draft={result.draft} newerVersion={result.newerVersion} />}
      <StepRouter />
    </DraftSessionProvider>
  );
}
