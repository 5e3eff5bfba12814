import { Suspense, useEffect, useMemo, useState } from 'react';
import { Redirect, Route, Switch, useLocation, useParams } from 'wouter';
import { Loading } from '../../app/components/loading.tsx';
import { Page } from '../../app/components/page.tsx';
import { useDocuments, useThresholdsDocument } from '../../app/documents/documents-context.tsx';
import { useDraftRepository } from '../../app/drafts/draft-repository.tsx';
import { DRAFT_SCHEMA_VERSION, emptyDraftContent, type Draft } from '../../domain/assessment/draft.ts';
import { DraftSessionProvider } from './draft-session.tsx';
import { StepRouter } from './step-router.tsx';

export default function AssessmentFeature() {
  return (
    <Suspense fallback={<Loading />}>
      <Switch>
        <Route path="/new">
          <NewAssessment />
        </Route>
        <Route path="/:draftId" nest>
          <OpenDraft />
        </Route>
      </Switch>
    </Suspense>
  );
}

function NewAssessment() {
  const { chosen } = useDocuments();
  if (!chosen) return <Redirect to="~/choose-area?next=assessment/new" replace />;
  return <CreateDraft documentId={chosen.id} />;
}

function CreateDraft({ documentId }: { documentId: string }) {
  const document = useThresholdsDocument(documentId);
  const repository = useDraftRepository();
  const [, navigate] = useLocation();
  useEffect(() => {
    const now = new Date().toISOString();
    const draft: Draft = {
      id: crypto.randomUUID(),
      schemaVersion: DRAFT_SCHEMA_VERSION,
      mode: 'referral',
      status: 'in-progress',
      documentId: document.id,
      documentVersion: document.version,
      step: 'about-you',
      levelSoFar: 1,
      createdAt: now,
      updatedAt: now,
      content: emptyDraftContent(),
    };
    void repository.save(draft).then(() => navigate(`/${draft.id}/about-you`, { replace: true }));
  }, [document, repository, navigate]);
  return <Loading />;
}

function OpenDraft() {
  const { draftId = '' } = useParams<{ draftId: string }>();
  const repository = useDraftRepository();
  // Loaded in an effect, not with Suspense: a suspended first render would discard the promise.
  const [loaded, setLoaded] = useState<{ id: string; draft: Draft | undefined }>();
  useEffect(() => {
    let current = true;
    void repository.load(draftId).then((draft) => current && setLoaded({ id: draftId, draft }));
    return () => {
      current = false;
    };
  }, [repository, draftId]);
  if (loaded?.id !== draftId) return <Loading />;
  const { draft } = loaded;
  if (!draft) {
    return (
      <Page title="This assessment is not on this device">
        <p>
          It may have been sent, deleted, or started on another device. <a href="/">Go to the start page</a>.
        </p>
      </Page>
    );
  }
  return <LoadedDraft draft={draft} />;
}

function LoadedDraft({ draft }: { draft: Draft }) {
  const document = useThresholdsDocument(draft.documentId);
  const mismatch = useMemo(() => document.version !== draft.documentVersion, [document, draft]);
  if (mismatch) {
    return (
      <Page title="This assessment used an older version of the descriptions of need">
        <p>
          It was started with version {draft.documentVersion}; this app has version {document.version}. Opening it on a
          newer version will come with the drafts update.
        </p>
      </Page>
    );
  }
  return (
    <DraftSessionProvider initial={draft} document={document}>
      <StepRouter />
    </DraftSessionProvider>
  );
}
