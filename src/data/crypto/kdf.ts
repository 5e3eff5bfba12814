/**
 * Key derivation: the practitioner's passphrase becomes a key-wrapping key. New keys use Argon2id
 * (memory-hard, so a copy of the device's files is slow to attack on GPUs too), computed in
 * WebAssembly by hash-wasm, which is loaded only when a key is derived, never with the start page.
 * Keys wrapped before Argon2id arrived use PBKDF2-HMAC-SHA-256 from WebCrypto; they still unlock and
 * are wrapped again with Argon2id on their next unlock (keyring.ts). The parameters and the salt are
 * stored beside the wrapped key, so the cost can be raised later without losing drafts.
 */
import { z } from 'zod';

/** OWASP's floor for PBKDF2-HMAC-SHA256 (Password Storage Cheat Sheet). Never lower the default. */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;

/**
 * Argon2id for new keys. OWASP's floor is 19 MiB with 2 passes; these were chosen with
 * `npm run bench:unlock`, which times a whole unlock in Chromium at 4× CPU slowdown (a mid-range
 * tablet) and needs it to stay at or under 1 s (README, "Encryption on the device"). One lane:
 * WebAssembly here runs on one thread, so more lanes would only add time.
 */
export const DEFAULT_ARGON2ID = { kdf: 'Argon2id', memoryKiB: 19_456, passes: 2, parallelism: 1 } as const;

export const SALT_BYTES = 16;
const WRAPPING_KEY_BYTES = 32;

/**
 * How a wrapping key is derived, as stored beside the wrapped key. The bounds refuse a record
 * edited to make unlocking hang or exhaust memory; anything outside them cannot be the right key.
 */
export const kdfParametersSchema = z.discriminatedUnion('kdf', [
  z.object({ kdf: z.literal('PBKDF2-SHA-256'), iterations: z.number().int().min(1).max(10_000_000) }),
  z.object({
    kdf: z.literal('Argon2id'),
    memoryKiB: z.number().int().min(8).max(1_048_576),
    passes: z.number().int().min(1).max(64),
    parallelism: z.number().int().min(1).max(16),
  }),
]);

export type KdfParameters = z.infer<typeof kdfParametersSchema>;
export type Argon2idParameters = Extract<KdfParameters, { kdf: 'Argon2id' }>;

/** The KDF fields of a stored record, dropping anything else it carries. */
export function kdfParametersOf(record: unknown): KdfParameters | undefined {
  const parsed = kdfParametersSchema.safeParse(record);
  return parsed.success ? parsed.data : undefined;
}

/** NIST SP 800-63B asks for NFKC or NFKD, so the same passphrase typed on another keyboard matches. */
export const normalisePassphrase = (passphrase: string) => passphrase.normalize('NFKC');

/**
 * Whether `stored` costs an attacker less per guess than `wanted`. Argon2id always beats PBKDF2
 * (it is memory-hard), so a key is never moved back from Argon2id to PBKDF2.
 */
export function isWeakerThan(stored: KdfParameters, wanted: KdfParameters): boolean {
  if (stored.kdf !== wanted.kdf) return stored.kdf === 'PBKDF2-SHA-256';
  if (stored.kdf === 'PBKDF2-SHA-256') return stored.iterations < (wanted as typeof stored).iterations;
  const want = wanted as Argon2idParameters;
  return stored.memoryKiB < want.memoryKiB || stored.passes < want.passes;
}

/** The parameters to wrap with: `wanted`, raised to `stored` wherever `stored` is stronger. */
export function strongestOf(stored: KdfParameters, wanted: KdfParameters): KdfParameters {
  if (stored.kdf !== wanted.kdf) return stored.kdf === 'Argon2id' ? stored : wanted;
  if (stored.kdf === 'PBKDF2-SHA-256') {
    return { ...stored, iterations: Math.max(stored.iterations, (wanted as typeof stored).iterations) };
  }
  const want = wanted as Argon2idParameters;
  return {
    ...stored,
    memoryKiB: Math.max(stored.memoryKiB, want.memoryKiB),
    passes: Math.max(stored.passes, want.passes),
  };
}

/** Derives a non-extractable AES-GCM-256 key that can only encrypt and decrypt the data key. */
export async function deriveWrappingKey(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  parameters: KdfParameters,
): Promise<CryptoKey> {
  const normalised = normalisePassphrase(passphrase);
  const usage: KeyUsage[] = ['encrypt', 'decrypt'];
  if (parameters.kdf === 'PBKDF2-SHA-256') {
    const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(normalised), 'PBKDF2', false, [
      'deriveKey',
    ]);
    return crypto.subtle.deriveKey(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: parameters.iterations },
      material,
      { name: 'AES-GCM', length: 256 },
      false,
      usage,
    );
  }
  const { argon2id } = await import('hash-wasm');
  const raw = new Uint8Array(
    await argon2id({
      password: normalised,
      salt,
      iterations: parameters.passes,
      memorySize: parameters.memoryKiB,
      parallelism: parameters.parallelism,
      hashLength: WRAPPING_KEY_BYTES,
      outputType: 'binary',
    }),
  );
  try {
    return await crypto.subtle.importKey('raw', raw, { name: 'AES-GCM', length: 256 }, false, usage);
  } finally {
    raw.fill(0);
  }
}
