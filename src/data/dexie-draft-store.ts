/**
 * The drafts store on IndexedDB (database.ts): drafts in `drafts`, the pinned rules documents in
 * `documents`, the keyring in `keyring`. All encryption happens before a transaction opens,
 * because an IndexedDB transaction commits itself as soon as it waits on anything else (such as
 * WebCrypto). Inside the transaction a save only checks and writes: the stored revision must be
 * the one the draft was loaded at, and the vault's key must still be this device's key.
 */
import type { ThresholdsDocument } from '../domain/thresholds/schema.ts';
import { KeyChangedError } from './crypto/errors.ts';
import { Keyring, type KeyringOptions, type KeyringStorage } from './crypto/keyring.ts';
import { DexieReferrerDetailsStorage, ReferrerDetailsStore } from './referrer-details-store.ts';
import type { Vault } from './crypto/vault.ts';
import type { AppDatabase } from './database.ts';
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
import type { UnlockAttemptsRecord } from './records.ts';
import type { StoragePersistence } from './storage-persistence.ts';

export interface DexieDraftStoreOptions {
  keyring?: KeyringOptions;
  /** Asked to make storage persistent when the first draft on the device is created. */
  persistence?: StoragePersistence;
  now?: () => Date;
}

export class DexieKeyringStorage implements KeyringStorage {
  constructor(private readonly db: AppDatabase) {}
  read() {
    return this.db.run(() => this.db.keyring.get('device'));
  }
  async write(record: Parameters<KeyringStorage['write']>[0]) {
    await this.db.run(() => this.db.keyring.put(record));
  }
  // The same store as the key, but its own record: see crypto/keyring.ts on what the count is for.
  readAttempts() {
    return this.db.run(() => this.#attempts.get('unlock-attempts'));
  }
  async writeAttempts(record: UnlockAttemptsRecord | undefined) {
    await this.db.run(async () => {
      if (record) await this.#attempts.put(record);
      else await this.#attempts.delete('unlock-attempts');
    });
  }
  get #attempts() {
    return this.db.table<UnlockAttemptsRecord, string>('keyring');
  }
}

export class DexieDraftStore implements DraftStore {
  readonly keyring: Keyring;
  readonly referrerDetails: ReferrerDetailsStore;
  readonly #now: () => Date;

  constructor(
    private readonly db: AppDatabase,
    private readonly options: DexieDraftStoreOptions = {},
  ) {
    this.keyring = new Keyring(new DexieKeyringStorage(db), options.keyring);
    this.referrerDetails = new ReferrerDetailsStore(new DexieReferrerDetailsStorage(db));
    this.#now = options.now ?? (() => new Date());
  }

  async listSummaries(): Promise<DraftList> {
    // The summaries store (draft-summaries.ts): the list never reads sealed content.
    const records = await this.db.run(() => this.db.draftSummaries.toArray());
    return summarise(records);
  }

  async create(input: NewDraft, vault: Vault | null): Promise<EditableDraft> {
    const { record, draft } = await encodeNewDraft(input, vault, this.#now());
    const { db } = this;
    const archive = { id: input.document.id, version: input.document.version, archivedAt: record.createdAt };
    const first = await db.run(() =>
      db.transaction('rw', db.drafts, db.keyring, db.documents, async () => {
        if (await db.drafts.get(record.id)) return false; // our own commit, retried after a dropped connection
        if (record.mode === 'referral') await this.#requireCurrentKey(record.keyId);
        if (!(await db.documents.get([archive.id, archive.version]))) {
          await db.documents.add({ ...archive, document: input.document });
        }
        const empty = (await db.drafts.count()) === 0;
        await db.drafts.add(record);
        return empty;
      }),
    );
    if (first) void this.options.persistence?.requestOnce();
    return draft;
  }

  async load(id: string, vault: Vault | null): Promise<EditableDraft> {
    const { db } = this;
    const [record, keyring] = await db.run(() =>
      db.transaction('r', db.drafts, db.keyring, () => Promise.all([db.drafts.get(id), db.keyring.get('device')])),
    );
    if (!record) throw new DraftNotFoundError(id);
    if (record.mode === 'referral' && vault && !vault.isLocked && keyring?.keyId !== vault.keyId) {
      throw new KeyChangedError();
    }
    return decodeDraft(record, vault);
  }

  async save(edited: EditableDraft, vault: Vault | null): Promise<EditableDraft> {
    const { record, draft } = await encodeSave(edited, vault, this.#now());
    const { db } = this;
    await db.run(() =>
      db.transaction('rw', db.drafts, db.keyring, async () => {
        const current = await db.drafts.get(record.id);
        if (!current) throw new DraftNotFoundError(record.id);
        if (current.writeId === record.writeId) return; // our own commit, retried after a dropped connection
        if (current.revision !== edited.revision) {
          throw new DraftConflictError(record.id, edited.revision, current.revision, current.updatedAt);
        }
        if (record.mode === 'referral') await this.#requireCurrentKey(record.keyId);
        await db.drafts.put(record);
      }),
    );
    return draft;
  }

  async delete(id: string): Promise<void> {
    await this.db.run(() => this.db.drafts.delete(id));
  }

  async loadDocument(id: string, version: string): Promise<ThresholdsDocument | undefined> {
    const archived = await this.db.run(() => this.db.documents.get([id, version]));
    return readArchivedDocument(archived);
  }

  countUnsent(): Promise<UnsentCounts> {
    const { db } = this;
    return db.run(() =>
      db.transaction('r', db.drafts, db.outbox, async () => ({
        drafts: await db.drafts.where('status').notEqual('sent').count(),
        outbox: await db.outbox.where('status').notEqual('sent').count(),
      })),
    );
  }

  async findExpired(retentionDays: number, now = this.#now()): Promise<DraftSummary[]> {
    const cutoff = expiryCutoff(retentionDays, now);
    const records = await this.db.run(() => this.db.drafts.where('updatedAt').below(cutoff).sortBy('updatedAt'));
    return records.flatMap((record) => summaryOf(record) ?? []).filter((summary) => summary.status !== 'queued');
  }

  async forgetEverything(confirm: (unsent: UnsentCounts) => boolean | Promise<boolean>): Promise<ForgetOutcome> {
    const unsent = await this.countUnsent();
    if (!(await confirm(unsent))) return { wiped: false, unsent };
    const { db } = this;
    await db.run(() =>
      db.transaction('rw', db.drafts, db.outbox, db.keyring, () =>
        Promise.all([db.drafts.clear(), db.outbox.clear(), db.keyring.clear()]),
      ),
    );
    return { wiped: true, unsent };
  }

  async #requireCurrentKey(keyId: string): Promise<void> {
    const keyring = await this.db.keyring.get('device');
    if (keyring?.keyId !== keyId) throw new KeyChangedError();
  }
}
