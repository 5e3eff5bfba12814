/**
 * The one interface through which the UI reaches stored drafts. Two implementations keep exactly
 * the same records: DexieDraftStore (IndexedDB, the app) and MemoryDraftStore (component tests).
 * Both seal a referral's content with the vault and keep only non-identifying fields in plaintext
 * (see records.ts and draft-codec.ts), so the drafts list needs no passphrase.
 *
 * Saving: pass back the EditableDraft you loaded, with your changes. Its `revision` is the base of
 * the save; if another tab saved in between, the save is refused with DraftConflictError and
 * nothing is overwritten. A successful save returns the draft as stored, with the next revision
 * and a new `updatedAt`: keep the form's own state, and use the returned `revision` next time.
 */
import { thresholdsDocumentSchema, type ThresholdsDocument } from '../domain/thresholds/schema.ts';
import type { Keyring } from './crypto/keyring.ts';
import type { Vault } from './crypto/vault.ts';
import type { ReferrerDetailsStore } from './referrer-details-store.ts';
import { summaryOf, type DraftSummary, type EditableDraft, type NewDraft } from './draft-codec.ts';

export type { DraftSummary, EditableDraft, NewDraft };

export interface DraftList {
  /** Newest first. */
  drafts: DraftSummary[];
  /** Records too damaged to list: offer to delete them (their content cannot be shown either). */
  damagedIds: string[];
}

/** What would be lost by wiping this device: drafts not yet sent, and queued referrals. */
export interface UnsentCounts {
  drafts: number;
  outbox: number;
}

export interface ForgetOutcome {
  wiped: boolean;
  /** The counts the practitioner was shown before confirming. */
  unsent: UnsentCounts;
}

export interface DraftStore {
  /** Set up, unlock, or change the passphrase of this device's keyring. */
  readonly keyring: Keyring;
  /** The referrer's own details, sealed on this device and offered for the next referral. */
  readonly referrerDetails: ReferrerDetailsStore;

  listSummaries(): Promise<DraftList>;

  /** A referral needs an unlocked vault; a quick check takes null and refuses identifying content. */
  create(input: NewDraft, vault: Vault | null): Promise<EditableDraft>;

  /** Throws DraftNotFoundError, VaultLockedError, KeyChangedError, DraftTamperedError or DraftRestoreError. */
  load(id: string, vault: Vault | null): Promise<EditableDraft>;

  /** Throws DraftConflictError if `draft.revision` is stale, DraftNotSavableError, QuickCheckIdentifyingDataError… */
  save(draft: EditableDraft, vault: Vault | null): Promise<EditableDraft>;

  delete(id: string): Promise<void>;

  /** The document version a draft began with, as archived here; undefined if absent or unreadable by this app. */
  loadDocument(id: string, version: string): Promise<ThresholdsDocument | undefined>;

  countUnsent(): Promise<UnsentCounts>;

  /** Drafts not edited for `retentionDays`, oldest first; queued ones are left to the sync queue. */
  findExpired(retentionDays: number, now?: Date): Promise<DraftSummary[]>;

  /**
   * "Forgot passphrase": counts what is unsent, asks `confirm` with those counts, and only if it
   * resolves true deletes every draft, queued referral and the keyring. Archived rules documents
   * (no personal data) are kept. Lock any open Vault afterwards: its key no longer exists.
   */
  forgetEverything(confirm: (unsent: UnsentCounts) => boolean | Promise<boolean>): Promise<ForgetOutcome>;
}

export const DAY_MS = 86_400_000;

/** Sorts summaries newest first. */
export const byUpdatedAtDescending = (a: DraftSummary, b: DraftSummary) => b.updatedAt.localeCompare(a.updatedAt);

export function expiryCutoff(retentionDays: number, now: Date): string {
  if (!(retentionDays > 0)) throw new RangeError('retentionDays must be positive');
  return new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
}

/** Splits stored records into summaries (newest first) and the ids of damaged records. */
export function summarise(records: readonly unknown[]): DraftList {
  const drafts: DraftSummary[] = [];
  const damagedIds: string[] = [];
  for (const record of records) {
    const summary = summaryOf(record);
    if (summary) drafts.push(summary);
    else damagedIds.push(String((record as { id?: unknown } | null)?.id));
  }
  return { drafts: drafts.sort(byUpdatedAtDescending), damagedIds };
}

/** Parses an archived document with today's schema: a document this app can no longer read is undefined. */
export function readArchivedDocument(archived: { document: unknown } | undefined): ThresholdsDocument | undefined {
  if (!archived) return undefined;
  const parsed = thresholdsDocumentSchema.safeParse(archived.document);
  return parsed.success ? parsed.data : undefined;
}
