/**
 * The outbox (store `outbox`, database v2): referrals waiting to be sent. Each entry keeps its
 * submission sealed like draft content (bound to the entry id and draft id), and in plaintext only
 * what the sync loop needs without a passphrase: random ids, the idempotency key sent with every
 * attempt, status, attempts, when to try next, the last reason code, and the server's receipt.
 * Queuing a draft and marking it 'queued' happen in one transaction, so "queued" is never shown
 * for a referral that is not in the outbox. The sync loop (src/sync) drives the statuses; once the
 * server's receipt is in, `complete` erases the payload and deletes the draft in one transaction.
 */
import {
  submissionSchema,
  SUBMISSION_SCHEMA_VERSION,
  type CheckedSubmission,
  type Receipt,
  type Submission,
} from '../domain/sync/submission-schema.ts';
import { openSubmission, sealSubmission } from './crypto/draft-sealing.ts';
import { DraftTamperedError, KeyChangedError } from './crypto/errors.ts';
import { IV_BYTES, type Vault } from './crypto/vault.ts';
import type { AppDatabase } from './database.ts';
import { encodeSave, type EditableDraft } from './draft-codec.ts';
import { DraftConflictError, DraftNotFoundError } from './errors.ts';
import type { SubmissionStatus } from '../domain/sync/status-schema.ts';
import type { OutboxRecord, SentDetails } from './records.ts';

/** An outbox entry without its sealed payload. */
export type OutboxEntry = Omit<OutboxRecord, 'payload' | 'keyId'>;

export type OutboxChange = Partial<
  Pick<OutboxRecord, 'status' | 'attempts' | 'nextAttemptAt' | 'lastReason' | 'receipt'>
>;

const entryOf = ({ payload: _payload, keyId: _keyId, ...entry }: OutboxRecord): OutboxEntry => entry;

/** What a sent entry keeps in place of its payload: nothing that could ever be opened. */
const erasedPayload = () => ({ iv: new Uint8Array(IV_BYTES), data: new Uint8Array(0) });

export class OutboxStore {
  readonly #now: () => Date;

  constructor(
    private readonly db: AppDatabase,
    options: { now?: () => Date } = {},
  ) {
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Queues `submission` (checked by buildSubmission) for the draft it was built from;
   * `draft.revision` must still be current.
   */
  async enqueue(draft: EditableDraft, submission: CheckedSubmission, vault: Vault): Promise<OutboxEntry> {
    if (submission.draftId !== draft.id) throw new TypeError('The submission belongs to another draft.');
    const now = this.#now();
    const at = now.toISOString();
    const id = crypto.randomUUID();
    const record: OutboxRecord = {
      id,
      draftId: draft.id,
      idempotencyKey: crypto.randomUUID(),
      schemaVersion: SUBMISSION_SCHEMA_VERSION,
      status: 'queued',
      attempts: 0,
      nextAttemptAt: at,
      createdAt: at,
      updatedAt: at,
      keyId: vault.keyId,
      payload: await sealSubmission(vault, id, draft.id, SUBMISSION_SCHEMA_VERSION, submission),
    };
    // The draft is sealed again at its next revision: its sections are bound to the revision.
    const queued = (await encodeSave({ ...draft, status: 'queued' }, vault, now)).record;
    const { db } = this;
    await db.run(() =>
      db.transaction('rw', db.drafts, db.outbox, db.keyring, async () => {
        if (await db.outbox.get(id)) return; // our own commit, retried after a dropped connection
        const current = await db.drafts.get(draft.id);
        if (!current) throw new DraftNotFoundError(draft.id);
        if (current.revision !== draft.revision) {
          throw new DraftConflictError(draft.id, draft.revision, current.revision, current.updatedAt);
        }
        if ((await db.keyring.get('device'))?.keyId !== vault.keyId) throw new KeyChangedError();
        await db.drafts.put(queued);
        await db.outbox.add(record);
      }),
    );
    return entryOf(record);
  }

  async list(): Promise<OutboxEntry[]> {
    const records = await this.db.run(() => this.db.outbox.orderBy('nextAttemptAt').toArray());
    return records.map(entryOf);
  }

  /** Queued entries whose next attempt is due at `now`. */
  async due(now = this.#now()): Promise<OutboxEntry[]> {
    const records = await this.db.run(() =>
      this.db.outbox.where('nextAttemptAt').belowOrEqual(now.toISOString()).sortBy('nextAttemptAt'),
    );
    return records.filter((record) => record.status === 'queued').map(entryOf);
  }

  /** The submission to send. Throws DraftTamperedError if the payload was altered or swapped. */
  async openPayload(id: string, vault: Vault): Promise<Submission> {
    const record = await this.db.run(() => this.db.outbox.get(id));
    if (!record) throw new DraftNotFoundError(id);
    const value = await openSubmission(vault, record.id, record.draftId, record.schemaVersion, record.payload);
    const parsed = submissionSchema.safeParse(value);
    if (!parsed.success) throw new DraftTamperedError(record.draftId);
    return parsed.data;
  }

  async update(id: string, change: OutboxChange): Promise<OutboxEntry> {
    const updatedAt = this.#now().toISOString();
    const { db } = this;
    return db.run(() =>
      db.transaction('rw', db.outbox, async () => {
        const current = await db.outbox.get(id);
        if (!current) throw new DraftNotFoundError(id);
        const next = { ...current, ...change, updatedAt };
        await db.outbox.put(next);
        return entryOf(next);
      }),
    );
  }

  /**
   * The server has the referral (its 201 receipt is `receipt`). In one transaction: marks the entry
   * sent with the receipt, erases its sealed payload and deletes the draft, so the device keeps
   * nothing of the referral but the receipt, and a crash can never leave it half done. Safe to
   * repeat, as the same receipt comes back for a retried send.
   */
  async complete(id: string, receipt: Receipt, sent?: SentDetails): Promise<OutboxEntry> {
    const updatedAt = this.#now().toISOString();
    const { db } = this;
    return db.run(() =>
      db.transaction('rw', db.outbox, db.drafts, async () => {
        const current = await db.outbox.get(id);
        if (!current) throw new DraftNotFoundError(id);
        const { lastReason: _lastReason, ...rest } = current;
        const next: OutboxRecord = {
          ...rest,
          status: 'sent',
          receipt,
          ...(sent ? { sent } : {}),
          updatedAt,
          payload: erasedPayload(),
        };
        await db.outbox.put(next);
        await db.drafts.delete(current.draftId);
        return entryOf(next);
      }),
    );
  }

  /**
   * Keeps the front door's latest answer about a sent referral. `updatedAt` stays the time it was
   * sent, so the answer does not keep the receipt beyond its week.
   */
  async recordOutcome(id: string, outcome: SubmissionStatus): Promise<OutboxEntry | undefined> {
    const { db } = this;
    return db.run(() =>
      db.transaction('rw', db.outbox, async () => {
        const current = await db.outbox.get(id);
        if (current?.status !== 'sent') return undefined;
        const next = { ...current, outcome };
        await db.outbox.put(next);
        return entryOf(next);
      }),
    );
  }

  /** Removes an entry: only once the server's receipt is recorded, or when the practitioner withdraws it. */
  async remove(id: string): Promise<void> {
    await this.db.run(() => this.db.outbox.delete(id));
  }
}
