import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { catalogue } from 'virtual:thresholds';
import { memoryLocation } from 'wouter/memory-location';
import { App } from '../../src/app/app.tsx';
import {
  DraftRepositoryProvider,
  memoryDraftRepository,
  type DraftRepository,
} from '../../src/app/drafts/draft-repository.tsx';
import {
  DRAFT_SCHEMA_VERSION,
  emptyDraftContent,
  type Draft,
  type DraftContent,
} from '../../src/domain/assessment/draft.ts';

/** Renders the whole app at a path, with St Helens chosen and drafts kept in memory. */
export function renderApp(path: string, repository: DraftRepository = memoryDraftRepository()) {
  localStorage.setItem('levels-of-need.chosen-document', 'st-helens');
  const location = memoryLocation({ path, record: true });
  const user = userEvent.setup();
  render(
    <DraftRepositoryProvider repository={repository}>
      <App documents={catalogue} locationHook={location.hook} />
    </DraftRepositoryProvider>,
  );
  return { user, location, repository };
}

export async function seededRepository(content: Partial<DraftContent>) {
  const repository = memoryDraftRepository();
  const now = new Date().toISOString();
  const draft: Draft = {
    id: '7f0c3a52-8f1e-4a57-9d8e-2c4b6a1e9f00',
    schemaVersion: DRAFT_SCHEMA_VERSION,
    mode: 'referral',
    status: 'in-progress',
    documentId: 'st-helens',
    documentVersion: catalogue.find((doc) => doc.id === 'st-helens')?.version ?? '',
    step: 'about-you',
    levelSoFar: 1,
    createdAt: now,
    updatedAt: now,
    content: { ...emptyDraftContent(), ...content },
  };
  await repository.save(draft);
  return { repository, draft };
}

export const findHeading = (name: string | RegExp) => screen.findByRole('heading', { level: 1, name });
