/**
 * The app's one IndexedDB database, through Dexie. What is stored where, and why:
 *
 * | Store       | Since | Holds                                                        | Indexed (none identify anyone)                       |
 * | ----------- | ----- | ------------------------------------------------------------ | ---------------------------------------------------- |
 * | `drafts`    | v1    | drafts: plaintext list fields + sealed content (records.ts)  | id, status, updatedAt                                |
 * | `keyring`   | v1    | the data key wrapped by the passphrase, with its KDF cost;   | id ('device', 'enrolment')                           |
 * |             |       | the device's enrolment sealed by it (enrolment-store.ts)     |                                                      |
 * | `documents` | v2    | compiled rules documents, so a draft reopens on its version  | [id+version]                                         |
 * | `outbox`    | v2    | sealed submissions waiting to be sent, with their sync state | id, idempotencyKey (unique), draftId, status, nextAttemptAt, updatedAt |
 * | `draftSummaries` | v3 | each draft's plaintext list fields, nothing sealed (draft-summaries.ts) | id                                  |
 *
 * Each version's stores are frozen once shipped: a change is a new version (with an `upgrade` if
 * records must change), a fixture under tests/data/fixtures/ and a test that the previous version's
 * database opens with nothing lost. Draft JSON is migrated in code (restoreDraft), not here, because
 * its content is sealed and an upgrade runs without the passphrase.
 *
 * Durability: Dexie 4 has no per-transaction durability (its `'rw!'` mode means "not nested", not
 * "flushed"); its `chromeTransactionDurability` option applies to every transaction it opens. We set
 * it to 'strict' so a save reports success only once the browser has flushed it (Chrome's default
 * became 'relaxed' in version 121). Every write here is one a practitioner counts on.
 */
import Dexie, { type Table } from 'dexie';
import {
  DRAFT_SUMMARIES_STORE,
  DRAFTS_STORE,
  draftSummariesMiddleware,
  summaryRecordOf,
  type DraftSummaryRecord,
} from './draft-summaries.ts';
import { AppUpdatedElsewhereError } from './errors.ts';
import type { ArchivedDocumentRecord, DraftRecord, KeyringRecord, OutboxRecord } from './records.ts';
import { DATABASE_NAME } from './stored-work.ts';

// Defined beside the start page's raw reader, which must not import Dexie.
export { DATABASE_NAME } from './stored-work.ts';
export const DATABASE_VERSION = 3;

export const SCHEMA_V1 = { drafts: 'id, status, updatedAt', keyring: 'id' } as const;
export const SCHEMA_V2 = {
  documents: '[id+version]',
  outbox: 'id, &idempotencyKey, draftId, status, nextAttemptAt, updatedAt',
} as const;
/** The drafts list's copy of each draft's plaintext fields, kept by draft-summaries.ts. */
export const SCHEMA_V3 = { [DRAFT_SUMMARIES_STORE]: 'id' } as const;

/** How long a tab being asked to close (another tab is upgrading) waits for its last save. */
export const VERSION_CHANGE_FLUSH_MS = 2_000;

export interface DatabaseOptions {
  name?: string;
  /** For tests and Node: fake-indexeddb's `indexedDB` and `IDBKeyRange`. Browsers use their own. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /**
   * Another tab wants to upgrade (or delete) the database. Save what is pending here (awaited for
   * up to VERSION_CHANGE_FLUSH_MS); then this connection closes for good and every later call
   * throws AppUpdatedElsewhereError. Show DATA_MESSAGES.appUpdatedElsewhere and offer a reload.
   */
  onVersionChange?: () => void | Promise<void>;
  /** This tab's upgrade waits for other tabs to close: show DATA_MESSAGES.blocked. */
  onBlocked?: () => void;
}

/** Errors after which the connection is gone but a fresh one will work (iPadOS after backgrounding). */
const DROPPED_CONNECTION_ERRORS = new Set(['DatabaseClosedError', 'InvalidStateError', 'UnknownError']);

export class AppDatabase extends Dexie {
  declare drafts: Table<DraftRecord, string>;
  declare keyring: Table<KeyringRecord, string>;
  declare documents: Table<ArchivedDocumentRecord, [string, string]>;
  declare outbox: Table<OutboxRecord, string>;
  declare draftSummaries: Table<DraftSummaryRecord, string>;
  #upgradeElsewhere = false;

  constructor(options: DatabaseOptions = {}) {
    super(options.name ?? DATABASE_NAME, {
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
      chromeTransactionDurability: 'strict',
    });
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2);
    this.version(3)
      .stores(SCHEMA_V3)
      .upgrade(async (transaction) => {
        const drafts = await transaction.table(DRAFTS_STORE).toArray();
        await transaction.table(DRAFT_SUMMARIES_STORE).bulkPut(drafts.map(summaryRecordOf));
      });
    this.use(draftSummariesMiddleware);
    // Returning false stops Dexie's own handler, which would close and then try to reopen
    // automatically: an old tab reopening an upgraded database would fail or block the upgrade.
    this.on('versionchange', () => {
      void this.#closeForUpgrade(options.onVersionChange);
      return false;
    });
    this.on('blocked', () => options.onBlocked?.());
  }

  /** True once another tab's upgrade closed this connection: reload to carry on. */
  get updatedElsewhere(): boolean {
    return this.#upgradeElsewhere;
  }

  /**
   * Runs `operation`. If the connection was dropped under it (iPadOS closes IndexedDB connections
   * of backgrounded pages), reopens and runs it once more; operations passed here must therefore be
   * safe to repeat (the drafts store's save recognises its own earlier commit).
   */
  async run<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (this.#upgradeElsewhere) throw new AppUpdatedElsewhereError();
      if (!isDroppedConnection(error)) throw error;
      if (!this.isOpen()) await this.open();
      return operation();
    }
  }

  async #closeForUpgrade(flush: DatabaseOptions['onVersionChange']): Promise<void> {
    this.#upgradeElsewhere = true;
    try {
      await Promise.race([flush?.(), new Promise((resolve) => setTimeout(resolve, VERSION_CHANGE_FLUSH_MS))]);
    } catch {
      // The callback shows its own failure; the connection must close either way or the other tab hangs.
    } finally {
      this.close();
    }
  }
}

function isDroppedConnection(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const inner = (error as { inner?: unknown }).inner;
  return (
    DROPPED_CONNECTION_ERRORS.has(error.name) || (inner instanceof Error && DROPPED_CONNECTION_ERRORS.has(inner.name))
  );
}
