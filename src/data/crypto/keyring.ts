/**
 * The keyring: one record per device (store `keyring`, see database.ts) holding a random AES-GCM-256
 * data key wrapped by a key derived from the practitioner's passphrase, with everything needed to
 * derive it again: {kdf, iterations, salt, wrappedKey, wrapIv, createdAt}. Only the wrapped key is
 * ever stored; unlocking returns a Vault holding the data key in memory, non-extractable.
 *
 * Because the cost is stored, it can be raised: an unlock whose record is below the configured cost
 * wraps the same data key again at the new cost, with a new salt. Changing the passphrase also wraps
 * the same data key again, so every draft stays readable.
 *
 * Wrong passphrases are counted in the record, and each one doubles the wait before the next try
 * (1 s, 2 s, 4 s… up to 5 minutes). This slows guessing through the app only: someone who copies
 * the database can guess offline, which is what the PBKDF2 cost is for.
 */
import type { KeyringRecord } from '../records.ts';
import { ownBytes, randomBytes, utf8 } from './bytes.ts';
import {
  KeyringExistsError,
  NoKeyringError,
  PassphraseTooShortError,
  UnlockThrottledError,
  WrongPassphraseError,
} from './errors.ts';
import { DEFAULT_PBKDF2_ITERATIONS, KDF_NAME, SALT_BYTES, deriveWrappingKey, normalisePassphrase } from './kdf.ts';
import { IV_BYTES, Vault } from './vault.ts';

export const MIN_PASSPHRASE_LENGTH = 8;
export const FIRST_RETRY_WAIT_MS = 1_000;
export const MAX_RETRY_WAIT_MS = 5 * 60_000;
const DATA_KEY_BYTES = 32;

/** Where the keyring record lives: the Dexie table, or memory in component tests. */
export interface KeyringStorage {
  read(): Promise<KeyringRecord | undefined>;
  write(record: KeyringRecord): Promise<void>;
}

export interface KeyringOptions {
  /** The PBKDF2 cost for new and re-wrapped keys. Defaults to DEFAULT_PBKDF2_ITERATIONS; lower only in tests. */
  iterations?: number;
  now?: () => Date;
}

export type KeyringStatus =
  | { setUp: false }
  | { setUp: true; iterations: number; createdAt: string; failedAttempts: number; retryAfterMs: number };

/** The wait required after `failures` consecutive wrong passphrases. */
export function waitAfterFailures(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(FIRST_RETRY_WAIT_MS * 2 ** Math.min(failures - 1, 30), MAX_RETRY_WAIT_MS);
}

const wrapAssociatedData = (keyId: string) => utf8(`levels-of-need:data-key:v1:${keyId}`);

export class Keyring {
  readonly iterations: number;
  readonly #now: () => Date;

  constructor(
    private readonly storage: KeyringStorage,
    options: KeyringOptions = {},
  ) {
    this.iterations = options.iterations ?? DEFAULT_PBKDF2_ITERATIONS;
    if (!Number.isInteger(this.iterations) || this.iterations < 1) throw new RangeError('iterations must be positive');
    this.#now = options.now ?? (() => new Date());
  }

  async status(): Promise<KeyringStatus> {
    const record = await this.storage.read();
    if (!record) return { setUp: false };
    const { iterations, createdAt, failedAttempts } = record;
    return { setUp: true, iterations, createdAt, failedAttempts, retryAfterMs: this.#retryAfterMs(record) };
  }

  /** Creates this device's data key under `passphrase` and returns it unlocked. */
  async setUp(passphrase: string): Promise<Vault> {
    checkLength(passphrase);
    if (await this.storage.read()) throw new KeyringExistsError();
    const raw = randomBytes(DATA_KEY_BYTES);
    try {
      const keyId = crypto.randomUUID();
      const createdAt = this.#now().toISOString();
      await this.storage.write({
        id: 'device',
        keyId,
        createdAt,
        failedAttempts: 0,
        ...(await this.#wrap(raw, passphrase, keyId)),
      });
      return new Vault(await importDataKey(raw), keyId);
    } finally {
      raw.fill(0);
    }
  }

  /** Throws WrongPassphraseError or UnlockThrottledError (both carry `retryAfterMs`), or NoKeyringError. */
  async unlock(passphrase: string): Promise<Vault> {
    const { record, raw } = await this.#attempt(passphrase);
    try {
      const stale = record.iterations < this.iterations;
      if (stale || record.failedAttempts > 0) {
        const wrapped = stale
          ? { ...(await this.#wrap(raw, passphrase, record.keyId)), rewrappedAt: this.#nowIso() }
          : {};
        await this.storage.write(withoutFailures({ ...record, ...wrapped }));
      }
      return new Vault(await importDataKey(raw), record.keyId);
    } finally {
      raw.fill(0);
    }
  }

  /** Wraps the same data key under `next`; drafts stay readable. A wrong `current` counts as a failure. */
  async changePassphrase(current: string, next: string): Promise<void> {
    checkLength(next);
    const { record, raw } = await this.#attempt(current);
    try {
      const wrapped = await this.#wrap(raw, next, record.keyId, Math.max(this.iterations, record.iterations));
      await this.storage.write(withoutFailures({ ...record, ...wrapped, rewrappedAt: this.#nowIso() }));
    } finally {
      raw.fill(0);
    }
  }

  async #attempt(passphrase: string): Promise<{ record: KeyringRecord; raw: Uint8Array<ArrayBuffer> }> {
    const record = await this.storage.read();
    if (!record) throw new NoKeyringError();
    const wait = this.#retryAfterMs(record);
    if (wait > 0) throw new UnlockThrottledError(wait);
    try {
      const key = await deriveWrappingKey(passphrase, ownBytes(record.salt), record.iterations);
      const raw = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: ownBytes(record.wrapIv), additionalData: wrapAssociatedData(record.keyId) },
        key,
        ownBytes(record.wrappedKey),
      );
      return { record, raw: new Uint8Array(raw) };
    } catch {
      const failedAttempts = record.failedAttempts + 1;
      await this.storage.write({ ...record, failedAttempts, lastFailureAt: this.#nowIso() });
      throw new WrongPassphraseError(waitAfterFailures(failedAttempts));
    }
  }

  async #wrap(raw: Uint8Array<ArrayBuffer>, passphrase: string, keyId: string, iterations = this.iterations) {
    const salt = randomBytes(SALT_BYTES);
    const wrapIv = randomBytes(IV_BYTES);
    const key = await deriveWrappingKey(passphrase, salt, iterations);
    const wrapped = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: wrapIv, additionalData: wrapAssociatedData(keyId) },
      key,
      raw,
    );
    return { kdf: KDF_NAME, iterations, salt, wrapIv, wrappedKey: new Uint8Array(wrapped) } as const;
  }

  #retryAfterMs(record: KeyringRecord): number {
    if (!record.failedAttempts || !record.lastFailureAt) return 0;
    const waitUntil = Date.parse(record.lastFailureAt) + waitAfterFailures(record.failedAttempts);
    return Math.max(0, waitUntil - this.#now().getTime());
  }

  #nowIso(): string {
    return this.#now().toISOString();
  }
}

function checkLength(passphrase: string): void {
  if ([...normalisePassphrase(passphrase)].length < MIN_PASSPHRASE_LENGTH) throw new PassphraseTooShortError();
}

function withoutFailures(record: KeyringRecord): KeyringRecord {
  const { lastFailureAt: _lastFailureAt, ...rest } = record;
  return { ...rest, failedAttempts: 0 };
}

/** Imports the raw data key as non-extractable: from here on no script can read its bytes. */
function importDataKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}
