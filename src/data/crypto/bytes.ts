/**
 * Byte helpers for the crypto layer: UTF-8, random bytes, and padding so that a ciphertext's length
 * says little about the length of the name or note inside it. Nothing here is stored by itself.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Plaintexts are padded with spaces (harmless after JSON) to a multiple of this many bytes. */
export const PADDING_BLOCK_BYTES = 64;

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

/** Throws a TypeError on bytes that are not UTF-8: callers treat that as damage. */
export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** JSON text padded with trailing spaces to the next multiple of PADDING_BLOCK_BYTES. */
export function paddedJson(value: unknown): Uint8Array<ArrayBuffer> {
  const json = utf8(JSON.stringify(value));
  const length = Math.ceil((json.length + 1) / PADDING_BLOCK_BYTES) * PADDING_BLOCK_BYTES;
  const padded = new Uint8Array(length).fill(0x20);
  padded.set(json);
  return padded;
}

/** Copies bytes read back from storage into a fresh ArrayBuffer-backed array for WebCrypto. */
export function ownBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}
