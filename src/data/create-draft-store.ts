/**
 * The app's drafts store, built in its own chunk so that Dexie and the crypto code load after the
 * start page has rendered rather than with it.
 */
import { saveEverythingNow } from '../app/drafts/pending-saves.ts';
import { AppDatabase } from './database.ts';
import { DexieDraftStore } from './dexie-draft-store.ts';
import type { DraftStore } from './draft-store.ts';
import { StoragePersistence } from './storage-persistence.ts';

export function createDraftStore(): DraftStore {
  const database = new AppDatabase({
    // Another tab is upgrading the database: save here first; this tab then needs a reload.
    onVersionChange: () => saveEverythingNow().catch(() => undefined),
  });
  return new DexieDraftStore(database, { persistence: new StoragePersistence() });
}
