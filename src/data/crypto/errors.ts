/**
 * Errors from the keyring and the sealed records. Their messages are the fixed sentences in
 * ../messages.ts: they never contain a passphrase, a key or any part of a draft.
 */
import { DATA_MESSAGES } from '../messages.ts';

/** The passphrase did not unwrap the data key. `retryAfterMs` is the wait before the next try. */
export class WrongPassphraseError extends Error {
  override readonly name = 'WrongPassphraseError';
  constructor(readonly retryAfterMs: number) {
    super(DATA_MESSAGES.wrongPassphrase.summary);
  }
}

/** Too many wrong passphrases: no attempt was made. */
export class UnlockThrottledError extends Error {
  override readonly name = 'UnlockThrottledError';
  constructor(readonly retryAfterMs: number) {
    super(DATA_MESSAGES.throttled.summary);
  }
}

export class PassphraseTooShortError extends Error {
  override readonly name = 'PassphraseTooShortError';
  constructor() {
    super(DATA_MESSAGES.passphraseTooShort.summary);
  }
}

/** The passphrase is long enough but easy to guess (passphrase-policy.ts). */
export class PassphraseTooWeakError extends Error {
  override readonly name = 'PassphraseTooWeakError';
  constructor() {
    super(DATA_MESSAGES.passphraseTooWeak.summary);
  }
}

export class KeyringExistsError extends Error {
  override readonly name = 'KeyringExistsError';
  constructor() {
    super(DATA_MESSAGES.keyringExists.summary);
  }
}

export class NoKeyringError extends Error {
  override readonly name = 'NoKeyringError';
  constructor() {
    super(DATA_MESSAGES.noKeyring.summary);
  }
}

/** The vault was locked (or never unlocked) when a sealed record had to be read or written. */
export class VaultLockedError extends Error {
  override readonly name = 'VaultLockedError';
  constructor() {
    super(DATA_MESSAGES.locked.summary);
  }
}

/** The vault holds a data key that is no longer this device's (the keyring was reset in another tab). */
export class KeyChangedError extends Error {
  override readonly name = 'KeyChangedError';
  constructor() {
    super(DATA_MESSAGES.keyChanged.summary);
  }
}

/** A sealed section failed authentication: altered, swapped between drafts or sections, or damaged. */
export class DraftTamperedError extends Error {
  override readonly name = 'DraftTamperedError';
  constructor(readonly id: string) {
    super(DATA_MESSAGES.tampered.summary);
  }
}
