/**
 * The vault holds the unwrapped data key in memory only, as a non-extractable CryptoKey, and is
 * the one thing that can seal and open records. It is never stored: `lock()` drops the key, and a
 * reload loses it, so the passphrase is needed again. Only keyring.ts creates vaults.
 *
 * Every seal uses a fresh random 96-bit IV with AES-GCM-256, and associated data that names what
 * the plaintext belongs to (draft id, section, schema version), so a ciphertext moved to another
 * record or field fails authentication instead of opening as something else.
 */
import { ownBytes, randomBytes } from './bytes.ts';
import { VaultLockedError } from './errors.ts';

export const IV_BYTES = 12;

/** A ciphertext with its IV. `data` includes the 128-bit GCM tag. */
export interface SealedBox {
  iv: Uint8Array<ArrayBuffer>;
  data: Uint8Array<ArrayBuffer>;
}

/** Thrown by `open` when authentication fails; callers turn it into an error about their record. */
export class OpenFailedError extends Error {
  override readonly name = 'OpenFailedError';
  constructor() {
    super('A sealed value failed authentication.');
  }
}

/**
 * Byte arrays that come back from IndexedDB or structuredClone may belong to another realm (an
 * iframe, or jsdom in tests), where `instanceof Uint8Array` is false for perfectly good bytes.
 */
const isBytes = (value: unknown): value is Uint8Array =>
  ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === '[object Uint8Array]';

export class Vault {
  #key: CryptoKey | null;
  readonly #onLock: Set<() => void> = new Set();

  /** @param keyId the random id of the data key, stored beside each record it seals. */
  constructor(
    key: CryptoKey,
    readonly keyId: string,
  ) {
    if (key.extractable) throw new TypeError('The data key must be non-extractable.');
    this.#key = key;
  }

  get isLocked(): boolean {
    return this.#key === null;
  }

  /** Drops the key. Sealed records stay on the device; opening them needs the passphrase again. */
  lock(): void {
    if (!this.#key) return;
    this.#key = null;
    for (const listener of this.#onLock) listener();
  }

  /** Calls `listener` once the vault locks; returns a function that unsubscribes. */
  onLock(listener: () => void): () => void {
    this.#onLock.add(listener);
    return () => this.#onLock.delete(listener);
  }

  async seal(plaintext: Uint8Array<ArrayBuffer>, associatedData: Uint8Array<ArrayBuffer>): Promise<SealedBox> {
    const iv = randomBytes(IV_BYTES);
    const data = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: associatedData },
      this.#requireKey(),
      plaintext,
    );
    return { iv, data: new Uint8Array(data) };
  }

  /** Throws OpenFailedError if the box was altered, damaged, or sealed with other associated data. */
  async open(box: SealedBox, associatedData: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
    const key = this.#requireKey();
    if (!isBytes(box.iv) || box.iv.length !== IV_BYTES || !isBytes(box.data)) {
      throw new OpenFailedError();
    }
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: ownBytes(box.iv), additionalData: associatedData },
        key,
        ownBytes(box.data),
      );
      return new Uint8Array(plain);
    } catch {
      throw new OpenFailedError();
    }
  }

  #requireKey(): CryptoKey {
    if (!this.#key) throw new VaultLockedError();
    return this.#key;
  }
}
