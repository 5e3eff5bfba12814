/**
 * The drafts store in memory, for component tests: the same records as DexieDraftStore (sealed
 * with the same vault, checked the same way for conflicts and key changes), kept in Maps and
 * structured-cloned in and out as IndexedDB would. Nothing survives a reload. There is no outbox
 * here; `unsentOutbox` lets a test set the count the "forgot passphrase" screen shows.
 */
import type { ThresholdsDocument } from '../domain/thresholds/schema.ts';
import { KeyChangedError } from './crypto/errors.ts';
import { Keyring, type KeyringOptions } from './crypto/keyring.ts';
import { ReferrerDetailsStore, type ReferrerDetailsRecord } from './referrer-details-store.ts';
import type { Vault } from './crypto/vault.ts';
import {
  decodeDraft,
  encodeNewDraft,
  encodeSave,
  summaryOf,
  type DraftSummary,
  type EditableDraft,
} from './draft-codec.ts';
import {
  expiryCutoff,
  readArchivedDocument,
  summarise,
  type DraftList,
  type DraftStore,
  type ForgetOutcome,
  type NewDraft,
  type UnsentCounts,
} from './draft-store.ts';
import { DraftConflictError, DraftNotFoundError } from './errors.ts';
import type { ArchivedDocumentRecord, DraftRecord, KeyringRecord, UnlockAttemptsRecord } from './records.ts';

export interface MemoryDraftStoreOptions {
  keyring?: KeyringOptions;
  now?: () => Date;
  unsentOutbox?: number;
}

export class MemoryDraftStore implements DraftStore {
  readonly keyring: Keyring;
  readonly referrerDetails: ReferrerDetailsStore;
  #referrerDetails: ReferrerDetailsRecord | undefined;
  readonly #drafts = new Map<string, DraftRecord>();
  readonly #documents = new Map<string, ArchivedDocumentRecord>();
  #keyringRecord: KeyringRecord | undefined;
  #attempts: UnlockAttemptsRecord | undefined;
  #unsentOutbox: number;
  readonly #now: () => Date;

  constructor(options: MemoryDraftStoreOptions = {}) {
    this.keyring = new Keyring(
      {
        read: async () => this.#keyringRecord && structuredClone(this.#keyringRecord),
        write: async (record) => {
          this.#keyringRecord = structuredClone(record);
        },
        readAttempts: async () => this.#attempts && structuredClone(this.#attempts),
        writeAttempts: async (record) => {
          this.#attempts = record && structuredClone(record);
        },
      },
      options.keyring,
    );
    this.referrerDetails = new ReferrerDetailsStore({
      read: async () => this.#referrerDetails && structuredClone(this.#referrerDetails),
      write: async (record) => {
        this.#referrerDetails = structuredClone(record);
      },
    });
    this.#now = options.now ?? (() => new Date());
    this.#unsentOutbox = options.unsentOutbox ?? 0;
  }

  async listSummaries(): Promise<DraftList> {
    return summarise([...this.#drafts.values()]);
  }

  async create(input: NewDraft, vault: Vault | null): Promise<EditableDraft> {
    const { record, draft } = await encodeNewDraft(input, vault, this.#now());
    if (record.mode === 'referral') this.#requireCurrentKey(record.keyId);
    const documentKey = `${input.document.id}@${input.document.version}`;
    if (!this.#documents.has(documentKey)) {
      const { id, version } = input.document;
      this.#documents.set(
        documentKey,
        structuredClone({ id, version, archivedAt: record.createdAt, document: input.document }),
      );
    }
    this.#drafts.set(record.id, structuredClone(record));
    return draft;
  }

  async load(id: string, vault: Vault | null): Promise<EditableDraft> {
    const record = this.#drafts.get(id);
    if (!record) throw new DraftNotFoundError(id);
    if (record.mode === 'referral' && vault && !vault.isLocked) this.#requireCurrentKey(vault.keyId);
    return decodeDraft(structuredClone(record), vault);
  }

  async save(edited: EditableDraft, vault: Vault | null): Promise<EditableDraft> {
    const { record, draft } = await encodeSave(edited, vault, this.#now());
    const current = this.#drafts.get(record.id);
    if (!current) throw new DraftNotFoundError(record.id);
    if (current.revision !== edited.revision) {
      throw new DraftConflictError(record.id, edited.revision, current.revision, current.updatedAt);
    }
    if (record.mode === 'referral') this.#requireCurrentKey(record.keyId);
    this.#drafts.set(record.id, structuredClone(record));
    return draft;
  }

  async delete(id: string): Promise<void> {
    this.#drafts.delete(id);
  }

  async loadDocument(id: string, version: string): Promise<ThresholdsDocument | undefined> {
    return readArchivedDocument(structuredClone(this.#documents.get(`${id}@${version}`)));
  }

  async countUnsent(): Promise<UnsentCounts> {
    const drafts = [...this.#drafts.values()].filter((record) => record.status !== 'sent').length;
    return { drafts, outbox: this.#unsentOutbox };
  }

  async findExpired(retentionDays: number, now = this.#now()): Promise<DraftSummary[]> {
    const cutoff = expiryCutoff(retentionDays, now);
    return [...this.#drafts.values()]
      .filter((record) => record.updatedAt < cutoff)
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
      .flatMap((record) => summaryOf(record) ?? [])
      .filter((summary) => summary.status !== 'queued');
  }

  async forgetEverything(confirm: (unsent: UnsentCounts) => boolean | Promise<boolean>): Promise<ForgetOutcome> {
    const unsent = await this.countUnsent();
    if (!(await confirm(unsent))) return { wiped: false, unsent };
    this.#drafts.clear();
    this.#keyringRecord = undefined;
    this.#attempts = undefined;
    this.#referrerDetails = undefined;
    this.#unsentOutbox = 0;
    return { wiped: true, unsent };
  }

  #requireCurrentKey(keyId: string): void {
    if (this.#keyringRecord?.keyId !== keyId) throw new KeyChangedError();
  }
}
