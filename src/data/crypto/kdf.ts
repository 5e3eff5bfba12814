/**
 * Key derivation: the practitioner's passphrase becomes a key-wrapping key with PBKDF2-HMAC-SHA-256
 * (in WebCrypto everywhere, unlike Argon2id). The cost and the salt are stored beside the wrapped
 * key (see keyring.ts), so the cost can be raised later without losing drafts.
 */
export const KDF_NAME = 'PBKDF2-SHA-256';

/** OWASP's floor for PBKDF2-HMAC-SHA256 (Password Storage Cheat Sheet). Never lower the default. */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;

export const SALT_BYTES = 16;

/** NIST SP 800-63B asks for NFKC or NFKD, so the same passphrase typed on another keyboard matches. */
export const normalisePassphrase = (passphrase: string) => passphrase.normalize('NFKC');

/** Derives a non-extractable AES-GCM-256 key that can only encrypt and decrypt the data key. */
export async function deriveWrappingKey(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(normalisePassphrase(passphrase)),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}
