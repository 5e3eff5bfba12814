/**
 * How much work this device holds, read straight from IndexedDB without Dexie, the crypto or the
 * schemas: the number of drafts and of outbox entries (database.ts says what each store holds).
 * Counts only, so nothing sealed, and nothing about a child, is read.
 *
 * Why raw IndexedDB: the start page asks this on every visit, and on a device with no drafts the
 * answer is all it needs. Dexie, the crypto and the zod schemas are about 60 KiB gzipped, which
 * a cheap tablet parses for longer than the whole start page; with this module (under 1 KiB) they
 * load only when there is a draft, a referral or an unlocked vault to show.
 */
/** The app's IndexedDB database; database.ts opens the same one with Dexie. */
export const DATABASE_NAME = 'levels-of-need';

export interface StoredWork {
  drafts: number;
  outbox: number;
}

export const NO_STORED_WORK: StoredWork = { drafts: 0, outbox: 0 };

const request = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });

/**
 * Opens the app's database at whatever version it is, without ever creating or upgrading it: a
 * device that has never saved anything gets NO_STORED_WORK and still has no database, so Dexie
 * later creates it from its own schema. The connection is closed straight after counting, and at
 * once if another tab wants to upgrade.
 */
export async function readStoredWork(factory: IDBFactory = indexedDB, name = DATABASE_NAME): Promise<StoredWork> {
  const opening = factory.open(name);
  const database = await new Promise<IDBDatabase | undefined>((resolve, reject) => {
    opening.onupgradeneeded = () => {
      // Version 0: there is no database. Aborting the upgrade leaves none behind.
      opening.transaction?.abort();
    };
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = (event) => {
      if (opening.error?.name === 'AbortError') {
        event.preventDefault();
        resolve(undefined);
      } else {
        reject(opening.error ?? new Error('IndexedDB would not open'));
      }
    };
  });
  if (!database) return NO_STORED_WORK;
  database.onversionchange = () => database.close();
  try {
    const stores = ['drafts', 'outbox'].filter((store) => database.objectStoreNames.contains(store));
    if (!stores.length) return NO_STORED_WORK;
    const transaction = database.transaction(stores, 'readonly');
    const count = (store: string) =>
      stores.includes(store) ? request(transaction.objectStore(store).count()) : Promise.resolve(0);
    const [drafts, outbox] = await Promise.all([count('drafts'), count('outbox')]);
    return { drafts, outbox };
  } finally {
    database.close();
  }
}
