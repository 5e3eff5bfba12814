/**
 * Runs in Chromium (bundled by scripts/bench/drafts-browser.ts): the app's own drafts store on the
 * browser's IndexedDB, timed with the page's clock. The bench drives it through `window.draftsBench`.
 */
import { AppDatabase } from '../../../src/data/database.ts';
import { DexieDraftStore } from '../../../src/data/dexie-draft-store.ts';
import type { EditableDraft } from '../../../src/data/draft-codec.ts';
import type { DraftContent } from '../../../src/domain/assessment/draft.ts';
import type { ThresholdsDocument } from '../../../src/domain/thresholds/schema.ts';

const PASSPHRASE = 'bench passphrase, not a real one';
/** The bench measures saving and listing, not unlocking: a low KDF cost keeps set-up short. */
const BENCH_KDF_ITERATIONS = 1_000;

async function openStore(label: string) {
  const database = new AppDatabase({ name: `bench-${label}-${crypto.randomUUID()}` });
  const store = new DexieDraftStore(database, { keyring: { iterations: BENCH_KDF_ITERATIONS } });
  return { database, store, vault: await store.keyring.setUp(PASSPHRASE) };
}

let listStore: DexieDraftStore | undefined;

const draftsBench = {
  /** One save per change to the "what has been tried" text, awaited as the UI awaits "Saved": ms each. */
  async autosaves(document: ThresholdsDocument, content: DraftContent, count: number): Promise<number[]> {
    const { database, store, vault } = await openStore('autosave');
    let draft: EditableDraft = await store.create({ mode: 'referral', document, step: 'tried', content }, vault);
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const edited = { ...draft, content: { ...draft.content, tried: `${content.tried.slice(0, 790)}${i}` } };
      const start = performance.now();
      draft = await store.save(edited, vault);
      times.push(performance.now() - start);
    }
    database.close();
    return times;
  },
  async fillList(document: ThresholdsDocument, content: DraftContent, count: number): Promise<void> {
    const { store, vault } = await openStore('list');
    for (let i = 0; i < count; i++) await store.create({ mode: 'referral', document, step: 'tried', content }, vault);
    listStore = store;
  },
  /** listSummaries() as the drafts list calls it: ms, and how many it listed. */
  async listOnce(): Promise<{ ms: number; listed: number }> {
    if (!listStore) throw new Error('fillList first');
    const start = performance.now();
    const list = await listStore.listSummaries();
    return { ms: performance.now() - start, listed: list.drafts.length };
  },
};

(window as unknown as { draftsBench: typeof draftsBench }).draftsBench = draftsBench;
document.title = 'ready';
