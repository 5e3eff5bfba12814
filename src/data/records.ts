/**
 * The shapes of the records in IndexedDB (database.ts says which store holds which). Plaintext
 * fields are only those the drafts list and the sync queue need without a passphrase, none of
 * which identify anyone: random ids, schema versions, mode, status, the rules document's id and
 * version, the step, the level so far, the age band and timestamps. Everything a practitioner
 * types is sealed (see crypto/draft-sealing.ts). Records read back are untrusted and parsed.
 *
 * A referral's plaintext fields are authenticated: they are bound into the associated data of
 * every sealed section, so an edited field makes the draft refuse to open (DraftTamperedError).
 * The list shows them without the key and so cannot check them; it shows nothing that identifies
 * anyone either way. A quick check has no key to authenticate with, and holds nothing identifying.
 */
import type { DraftContent } from '../domain/assessment/draft.ts';
import type { ReasonCode } from '../domain/sync/reason-codes.ts';
import type { SubmissionStatus } from '../domain/sync/status-schema.ts';
import type { Receipt } from '../domain/sync/submission-schema.ts';
import type { ThresholdsDocument } from '../domain/thresholds/schema.ts';
import type { KdfParameters } from './crypto/kdf.ts';
import type { SealedBox } from './crypto/vault.ts';

export type { SealedBox };

/** The sections of a draft's content, each sealed as its own ciphertext. */
export const DRAFT_SECTIONS = [
  'referrer',
  'concern',
  'child',
  'family',
  'consent',
  'indicators',
  'strengths',
  'childVoice',
  'tried',
  'override',
] as const satisfies readonly (keyof DraftContent)[];

export type DraftSection = (typeof DRAFT_SECTIONS)[number];

// A section added to DraftContent must be added above, or it would be dropped when sealing.
type UnsealedSection = Exclude<keyof DraftContent, DraftSection>;
export const EVERY_SECTION_IS_SEALED: [UnsealedSection] extends [never] ? true : never = true;

interface DraftRecordBase {
  id: string;
  schemaVersion: number;
  status: 'in-progress' | 'queued' | 'sent';
  documentId: string;
  documentVersion: string;
  step: string;
  /** The name of the field last focused (e.g. 'child.lastName'), never its value. */
  field?: string;
  levelSoFar: number;
  /** Copied out of the concern so the list can show it locked; an age band identifies no one. */
  ageBand: string | null;
  createdAt: string;
  updatedAt: string;
  /** Bumped by every save; a save based on an older revision is refused (two tabs). */
  revision: number;
  /** Random per write: a save retried after a dropped connection recognises its own commit by it. */
  writeId: string;
}

/** A referral: content sealed section by section under the data key `keyId`. */
export interface SealedDraftRecord extends DraftRecordBase {
  mode: 'referral';
  keyId: string;
  /** The seal format (crypto/draft-sealing.ts): absent on records sealed before the revision was bound. */
  sealVersion?: number;
  sealed: Record<DraftSection, SealedBox>;
}

/** A quick check: nothing identifying is allowed in it, so its content is kept without a passphrase. */
export interface QuickCheckDraftRecord extends DraftRecordBase {
  mode: 'quick-check';
  content: DraftContent;
}

export type DraftRecord = SealedDraftRecord | QuickCheckDraftRecord;

/**
 * The one keyring record: the data key wrapped by the passphrase, and how to derive the wrapper
 * (the KDF and its parameters, crypto/kdf.ts: Argon2id for new keys, PBKDF2 for older ones).
 */
export type KeyringRecord = KdfParameters & {
  id: 'device';
  /** Random id of the data key; changes only when the keyring is created again. */
  keyId: string;
  salt: Uint8Array<ArrayBuffer>;
  wrappedKey: Uint8Array<ArrayBuffer>;
  wrapIv: Uint8Array<ArrayBuffer>;
  createdAt: string;
  /** When the data key was last wrapped again (new passphrase or higher cost). */
  rewrappedAt?: string;
  /** Wrong passphrases, as older versions counted them here; now in UnlockAttemptsRecord, cleared on unlock. */
  failedAttempts?: number;
  lastFailureAt?: string;
};

/**
 * Wrong passphrases since the last unlock, kept in the `keyring` store apart from the wrapped key
 * (and in memory while the page is open): the UI's retry throttle, see crypto/keyring.ts.
 */
export interface UnlockAttemptsRecord {
  id: 'unlock-attempts';
  failedAttempts: number;
  lastFailureAt: string;
}

/**
 * This device's enrolment with the intake server, kept in the `keyring` store beside the wrapped
 * data key (see enrolment-store.ts): the device id and bearer token are sealed under the data key
 * `keyId`; only the fact of enrolment and its time are in plaintext.
 */
export interface EnrolmentRecord {
  id: 'enrolment';
  keyId: string;
  enrolledAt: string;
  /** `{deviceId, token}`, sealed like draft content. */
  sealed: SealedBox;
}

/** A compiled rules document, kept so a draft always reopens on the version it began with. */
export interface ArchivedDocumentRecord {
  id: string;
  version: string;
  archivedAt: string;
  document: ThresholdsDocument;
}

export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'needs-attention'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** What a sent referral's receipt shows besides the server's receipt: the referrer's agency, the level, the rules. */
export interface SentDetails {
  agency: string;
  level: number;
  documentId: string;
  documentVersion: string;
}

/** A referral waiting to be sent, or sent and kept until the server's receipt is recorded. */
export interface OutboxRecord {
  id: string;
  draftId: string;
  /** Sent with every attempt so the server stores the referral once however often it is retried. */
  idempotencyKey: string;
  /** The submission schema version of the sealed payload. */
  schemaVersion: number;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  lastReason?: ReasonCode;
  receipt?: Receipt;
  /** Kept when sent, for the practitioner's receipt: nothing about the child or family. */
  sent?: SentDetails;
  /** The front door's latest answer about a sent referral (GET /api/v1/submissions/{id}). */
  outcome?: SubmissionStatus;
  createdAt: string;
  updatedAt: string;
  keyId: string;
  /** The Submission, sealed like draft content. */
  payload: SealedBox;
}
