/**
 * The app's sending backend, loaded as its own chunk like the drafts store. It opens its own
 * connection to the same IndexedDB database as the drafts store (database.ts): the outbox's
 * transactions touch the drafts and outbox stores together, and IndexedDB orders transactions
 * across connections. Requests report their outcome to the connection status (src/pwa), so
 * "offline" on screen follows what the front door actually answered.
 */
import { AppDatabase } from '../data/database.ts';
import { DexieEnrolmentStorage, EnrolmentStore } from '../data/enrolment-store.ts';
import { OutboxStore } from '../data/outbox-store.ts';
import { reportNetworkFailure, reportNetworkSuccess } from '../pwa/connection.ts';
import { ApiClient } from '../sync/api-client.ts';
import type { SyncBackend } from '../ui/sync/sync-context.tsx';

/** One tab sends at a time; the others wait for the lock and then find nothing left to send. */
const OUTBOX_LOCK = 'levels-of-need:outbox';

export function createSyncBackend(): SyncBackend {
  const database = new AppDatabase();
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return {
    outbox: new OutboxStore(database),
    enrolment: new EnrolmentStore(new DexieEnrolmentStorage(database)),
    api: new ApiClient({
      isOnline: () => navigator.onLine,
      onNetworkFailure: reportNetworkFailure,
      onNetworkSuccess: reportNetworkSuccess,
    }),
    // request() resolves with what the task resolves with, once the task has finished.
    ...(locks ? { withLock: async <T>(task: () => Promise<T>) => (await locks.request(OUTBOX_LOCK, task)) as T } : {}),
  };
}
