/**
 * The keyring: one record per device (store `keyring`, see database.ts) holding a random AES-GCM-256
 * data key wrapped by a key derived from the practitioner's passphrase, with everything needed to
 * derive it again: the KDF and its parameters (kdf.ts), the salt, the wrapped key and its IV. Only
 * the wrapped key is ever stored; unlocking returns a Vault holding the data key in memory,
 * non-extractable.
 *
 * Because the parameters are stored, the cost can be raised: an unlock whose record is below the
 * configured cost, or still on PBKDF2, wraps the same data key again with the configured Argon2id
 * parameters and a new salt. Changing the passphrase also wraps the same data key again, so every
 * draft stays readable.
 *
 * Wrong passphrases make the next try wait (1 s, 2 s, 4 s… up to 5 minutes). The count is kept in
 * memory while the page is open and in its own record beside the key, not in the key's record.
 * This throttle is for the app's own unlock screen only: it stops a passer-by trying passphrases
 * on an unlocked tablet, nothing more. Anyone with a copy of the device's files (or the developer
 * tools) skips it and guesses offline at one KDF run per guess: against that, only the Argon2id
 * cost and the passphrase's strength (passphrase-policy.ts) help.
 */
import type { KeyringRecord, UnlockAttemptsRecord } from '../records.ts';
import { ownBytes, randomBytes, utf8 } from './bytes.ts';
import { KeyringExistsError, NoKeyringError, UnlockThrottledError, WrongPassphraseError } from './errors.ts';
import {
  DEFAULT_ARGON2ID,
  SALT_BYTES,
  deriveWrappingKey,
  isWeakerThan,
  kdfParametersOf,
  strongestOf,
  type KdfParameters,
} from './kdf.ts';
import { checkNewPassphrase } from './passphrase-policy.ts';

export { MIN_PASSPHRASE_LENGTH } from './passphrase-policy.ts';
import { IV_BYTES, Vault } from './vault.ts';

export const FIRST_RETRY_WAIT_MS = 1_000;
export const MAX_RETRY_WAIT_MS = 5 * 60_000;
const DATA_KEY_BYTES = 32;

/** Where the keyring's records live: the Dexie table, or memory in component tests. */
export interface KeyringStorage {
  read(): Promise<KeyringRecord | undefined>;
  write(record: KeyringRecord): Promise<void>;
  readAttempts(): Promise<UnlockAttemptsRecord | undefined>;
  /** `undefined` removes the record. */
  writeAttempts(record: UnlockAttemptsRecord | undefined): Promise<void>;
}

export interface KeyringOptions {
  /** The KDF for new and re-wrapped keys. Defaults to DEFAULT_ARGON2ID; lower only in tests. */
  kdf?: KdfParameters;
  /** Shorthand for tests: PBKDF2 at this many iterations (cheap), in place of `kdf`. */
  iterations?: number;
  now?: () => Date;
}

export type KeyringStatus =
  | { setUp: false }
  | { setUp: true; kdf?: KdfParameters; createdAt: string; failedAttempts: number; retryAfterMs: number };

interface Failures {
  failedAttempts: number;
  lastFailureAt?: string | undefined;
}

/** The wait required after `failures` consecutive wrong passphrases. */
export function waitAfterFailures(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(FIRST_RETRY_WAIT_MS * 2 ** Math.min(failures - 1, 30), MAX_RETRY_WAIT_MS);
}

const wrapAssociatedData = (keyId: string) => utf8(`levels-of-need:data-key:v1:${keyId}`);

export class Keyring {
  readonly kdf: KdfParameters;
  readonly #now: () => Date;
  /** Failures seen by this page: deleting the stored count does not reset the wait while it is open. */
  #seen: Failures = { failedAttempts: 0 };

  constructor(
    private readonly storage: KeyringStorage,
    options: KeyringOptions = {},
  ) {
    const kdf =
      options.kdf ??
      (options.iterations === undefined ? DEFAULT_ARGON2ID : { kdf: 'PBKDF2-SHA-256', iterations: options.iterations });
    const checked = kdfParametersOf(kdf);
    if (!checked) throw new RangeError('The KDF parameters are out of range.');
    this.kdf = checked;
    this.#now = options.now ?? (() => new Date());
  }

  async status(): Promise<KeyringStatus> {
    const record = await this.storage.read();
    if (!record) return { setUp: false };
    const failures = await this.#failures(record);
    const kdf = kdfParametersOf(record);
    return {
      setUp: true,
      ...(kdf ? { kdf } : {}),
      createdAt: record.createdAt,
      failedAttempts: failures.failedAttempts,
      retryAfterMs: this.#retryAfterMs(failures),
    };
  }

  /**
   * Creates this device's data key under `passphrase` and returns it unlocked. Throws
   * PassphraseTooShortError or PassphraseTooWeakError for a passphrase the policy refuses.
   */
  async setUp(passphrase: string): Promise<Vault> {
    await checkNewPassphrase(passphrase);
    if (await this.storage.read()) throw new KeyringExistsError();
    const raw = randomBytes(DATA_KEY_BYTES);
    try {
      const keyId = crypto.randomUUID();
      const createdAt = this.#nowIso();
      await this.storage.write({ id: 'device', keyId, createdAt, ...(await this.#wrap(raw, passphrase, keyId)) });
      await this.#clearFailures();
      return new Vault(await importDataKey(raw), keyId);
    } finally {
      raw.fill(0);
    }
  }

  /** Throws WrongPassphraseError or UnlockThrottledError (both carry `retryAfterMs`), or NoKeyringError. */
  async unlock(passphrase: string): Promise<Vault> {
    const { record, raw, parameters } = await this.#attempt(passphrase);
    try {
      if (isWeakerThan(parameters, this.kdf)) {
        const wrapped = await this.#wrap(raw, passphrase, record.keyId, strongestOf(parameters, this.kdf));
        await this.storage.write(rewrapped(record, wrapped, this.#nowIso()));
      } else if (record.failedAttempts !== undefined || record.lastFailureAt !== undefined) {
        const { failedAttempts: _failed, lastFailureAt: _last, ...rest } = record;
        await this.storage.write(rest);
      }
      return new Vault(await importDataKey(raw), record.keyId);
    } finally {
      raw.fill(0);
    }
  }

  /** Wraps the same data key under `next`; drafts stay readable. A wrong `current` counts as a failure. */
  async changePassphrase(current: string, next: string): Promise<void> {
    await checkNewPassphrase(next);
    const { record, raw, parameters } = await this.#attempt(current);
    try {
      const wrapped = await this.#wrap(raw, next, record.keyId, strongestOf(parameters, this.kdf));
      await this.storage.write(rewrapped(record, wrapped, this.#nowIso()));
    } finally {
      raw.fill(0);
    }
  }

  async #attempt(passphrase: string) {
    const record = await this.storage.read();
    if (!record) throw new NoKeyringError();
    const failures = await this.#failures(record);
    const wait = this.#retryAfterMs(failures);
    if (wait > 0) throw new UnlockThrottledError(wait);
    // Parameters outside the schema's bounds cannot be the right ones: counted as a wrong passphrase.
    const parameters = kdfParametersOf(record);
    // Deriving is outside the try: a failure there (the WebAssembly module not loading) is not a guess.
    const key = parameters && (await deriveWrappingKey(passphrase, ownBytes(record.salt), parameters));
    if (key && parameters) {
      try {
        const iv = ownBytes(record.wrapIv);
        const additionalData = wrapAssociatedData(record.keyId);
        const raw = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv, additionalData },
          key,
          ownBytes(record.wrappedKey),
        );
        await this.#clearFailures();
        return { record, raw: new Uint8Array(raw), parameters };
      } catch {
        // A wrong passphrase derives a wrong key, and AES-GCM refuses to decrypt with it.
      }
    }
    const next = { failedAttempts: failures.failedAttempts + 1, lastFailureAt: this.#nowIso() };
    this.#seen = next;
    await this.storage.writeAttempts({ id: 'unlock-attempts', ...next });
    throw new WrongPassphraseError(waitAfterFailures(next.failedAttempts));
  }

  async #wrap(raw: Uint8Array<ArrayBuffer>, passphrase: string, keyId: string, parameters = this.kdf) {
    const salt = randomBytes(SALT_BYTES);
    const wrapIv = randomBytes(IV_BYTES);
    const key = await deriveWrappingKey(passphrase, salt, parameters);
    const wrapped = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv: wrapIv, additionalData: wrapAssociatedData(keyId) },
      key,
      raw,
    );
    return { ...parameters, salt, wrapIv, wrappedKey: new Uint8Array(wrapped) };
  }

  /** The most failures any copy remembers: this page's, the separate record's, or an older record's. */
  async #failures(record: KeyringRecord): Promise<Failures> {
    const stored = await this.storage.readAttempts();
    const legacy = { failedAttempts: record.failedAttempts ?? 0, lastFailureAt: record.lastFailureAt };
    return [this.#seen, stored ?? { failedAttempts: 0 }, legacy].reduce((most, each) =>
      each.failedAttempts > most.failedAttempts ? each : most,
    );
  }

  async #clearFailures(): Promise<void> {
    this.#seen = { failedAttempts: 0 };
    if (await this.storage.readAttempts()) await this.storage.writeAttempts(undefined);
  }

  #retryAfterMs({ failedAttempts, lastFailureAt }: Failures): number {
    if (!failedAttempts || !lastFailureAt) return 0;
    const waitUntil = Date.parse(lastFailureAt) + waitAfterFailures(failedAttempts);
    return Math.max(0, waitUntil - this.#now().getTime());
  }

  #nowIso(): string {
    return this.#now().toISOString();
  }
}

/** The record with a new wrapping: the old KDF's fields and any old failure count dropped. */
function rewrapped(
  record: KeyringRecord,
  wrapped: Omit<KeyringRecord, 'id' | 'keyId' | 'createdAt'>,
  at: string,
): KeyringRecord {
  const { id, keyId, createdAt } = record;
  return { id, keyId, createdAt, ...wrapped, rewrappedAt: at } as KeyringRecord;
}

/** Imports the raw data key as non-extractable: from here on no script can read its bytes. */
function importDataKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}
