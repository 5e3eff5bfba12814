import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { catalogue, loadDocument } from 'virtual:thresholds';
import { vi } from 'vitest';
import { memoryLocation } from 'wouter/memory-location';
import { App } from '../../src/app/app.tsx';
import type { SyncBackend } from '../../src/ui/sync/sync-context.tsx';
import { MemoryDraftStore } from '../../src/data/memory-draft-store.ts';
import type { DraftContent } from '../../src/domain/assessment/draft.ts';
import { emptyDraftContent } from '../../src/domain/assessment/draft.ts';
import { assess } from '../../src/domain/engine/assess.ts';

export const PASSPHRASE = 'correct horse battery staple';

/** A store kept in memory, with the device's passphrase already set (at a test-only KDF cost). */
export async function storeWithPassphrase() {
  const store = new MemoryDraftStore({ keyring: { iterations: 1_000 } });
  const vault = await store.keyring.setUp(PASSPHRASE);
  return { store, vault };
}

/** A store holding one referral draft with the given answers. */
export async function storeWithDraft(content: Partial<DraftContent>, step = 'about-you') {
  const { store, vault } = await storeWithPassphrase();
  const document = await loadDocument('st-helens');
  const full = { ...emptyDraftContent(), ...content };
  const levelSoFar = full.concern.ageBand
    ? assess(document, { ageBand: full.concern.ageBand, indicators: full.indicators }).suggestedLevel
    : 1;
  const draft = await store.create({ mode: 'referral', document, step, content: full, levelSoFar }, vault);
  vault.lock();
  return { store, draft, path: `/assessment/${draft.id}` };
}

/** Renders the whole app at a path, with St Helens chosen; `sync` (tests/ui/memory-sync.ts) turns sending on. */
export function renderApp(
  path: string,
  store: MemoryDraftStore = new MemoryDraftStore({ keyring: { iterations: 1_000 } }),
  sync?: SyncBackend,
) {
  localStorage.setItem('levels-of-need.chosen-document', 'st-helens');
  const location = memoryLocation({ path, record: true });
  // Under fake timers (tests where time is the subject) user-event's own pauses move the fake clock.
  const user = userEvent.setup({ advanceTimers: (ms) => (vi.isFakeTimers() ? vi.advanceTimersByTime(ms) : undefined) });
  render(<App documents={catalogue} draftStore={store} sync={sync} locationHook={location.hook} />);
  const unlock = async () => {
    await findHeading('Unlock to carry on');
    await user.type(screen.getByLabelText('Passphrase'), PASSPHRASE);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
  };
  return { user, location, store, unlock };
}

export const findHeading = (name: string | RegExp) => screen.findByRole('heading', { level: 1, name });
