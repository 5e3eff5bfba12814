/**
 * Turns anything the data layer can throw into a sentence for the practitioner: what happened and
 * what to do. Nothing is stored. Errors are recognised by name, so Dexie's wrappers, DOMExceptions
 * and our own classes all work, and a browser's own message is never shown (it can quote stored
 * values). A full disk arrives in several disguises: a QuotaExceededError, Firefox's
 * NS_ERROR_DOM_QUOTA_REACHED, a legacy code 22, or any of these inside an AbortError (the
 * transaction aborted because a write failed) or a Dexie error's `inner`, `cause` or `failures`.
 */
import { DATA_MESSAGES, sentence, type DataMessage, type DataMessageCode } from './messages.ts';

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
const QUOTA_CODES = new Set([22, 1014]);
const MAX_DEPTH = 5;

const CODES_BY_NAME: Record<string, DataMessageCode> = {
  DraftConflictError: 'conflict',
  DraftNotFoundError: 'notFound',
  DraftTamperedError: 'tampered',
  DraftRestoreError: 'restore',
  DraftNotSavableError: 'notSavable',
  QuickCheckIdentifyingDataError: 'quickCheckIdentifying',
  VaultLockedError: 'locked',
  KeyChangedError: 'keyChanged',
  WrongPassphraseError: 'wrongPassphrase',
  UnlockThrottledError: 'throttled',
  PassphraseTooShortError: 'passphraseTooShort',
  PassphraseTooWeakError: 'passphraseTooWeak',
  KeyringExistsError: 'keyringExists',
  NoKeyringError: 'noKeyring',
  AppUpdatedElsewhereError: 'appUpdatedElsewhere',
  VersionError: 'newerDatabase',
  MissingAPIError: 'unavailable',
  SecurityError: 'unavailable',
};

interface Inspectable {
  name?: unknown;
  code?: unknown;
  inner?: unknown;
  cause?: unknown;
  failures?: unknown;
}

/** The errors nested in `error`: Dexie's `inner`, the standard `cause`, and a bulk error's `failures`. */
function nested(error: Inspectable): unknown[] {
  const found = [error.inner, error.cause];
  if (Array.isArray(error.failures)) found.push(...(error.failures as unknown[]));
  else if (error.failures && typeof error.failures === 'object') found.push(...Object.values(error.failures));
  return found.filter((value) => value !== undefined && value !== null && value !== error);
}

/** True when `error`, or any error wrapped inside it, says the device is out of storage space. */
export function isQuotaError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > MAX_DEPTH) return false;
  const candidate = error as Inspectable;
  if (typeof candidate.name === 'string' && QUOTA_NAMES.has(candidate.name)) return true;
  if (typeof DOMException !== 'undefined' && error instanceof DOMException && QUOTA_CODES.has(error.code)) return true;
  return nested(candidate).some((inner) => isQuotaError(inner, depth + 1));
}

/** Which of DATA_MESSAGES describes `error`. */
export function classifyStorageError(error: unknown, depth = 0): DataMessageCode {
  if (isQuotaError(error)) return 'quota';
  if (!error || typeof error !== 'object' || depth > MAX_DEPTH) return 'unknown';
  const candidate = error as Inspectable;
  const code = typeof candidate.name === 'string' ? CODES_BY_NAME[candidate.name] : undefined;
  if (code) return code;
  for (const inner of nested(candidate)) {
    const innerCode = classifyStorageError(inner, depth + 1);
    if (innerCode !== 'unknown') return innerCode;
  }
  return candidate.name === 'OpenFailedError' ? 'unavailable' : 'unknown';
}

export function storageErrorMessage(error: unknown): DataMessage {
  return DATA_MESSAGES[classifyStorageError(error)];
}

/** One or two sentences saying what happened and what to do, with no personal data. */
export function describeStorageError(error: unknown): string {
  return sentence(storageErrorMessage(error));
}
