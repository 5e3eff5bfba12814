/**
 * The app's drafts store, built in its own chunk so that Dexie and the crypto code load after the
 * start page has rendered rather than with it.
 */
import { saveEverythingNow } from '../data/pending-saves.ts';
import { AppDatabase } from '../data/database.ts';
import { DexieDraftStore } from '../data/dexie-draft-store.ts';
import type { DraftStore } from '../data/draft-store.ts';
import { StoragePersistence } from '../data/storage-persistence.ts';

export function createDraftStore(): DraftStore {
  const database = new AppDatabase({
    // Another tab is upgrading the database: save here first; this tab then needs a reload.
    onVersionChange: () => saveEverythingNow().catch(() => undefined),
  });
  return new DexieDraftStore(database, { persistence: new StoragePersistence() });
}
