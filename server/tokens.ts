/**
 * Secrets handed to devices. Both are random and high-entropy, so a single SHA-256 is the right
 * way to store them (a slow password hash would add nothing but latency): the database holds only
 * hashes, and a stolen copy of it lets no one in.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';

/** 32 random bytes, base64url: 43 characters. */
export const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper is hard to get wrong. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_GROUPS = 4;
const CODE_GROUP_LENGTH = 4;
/** 16 characters of 32 symbols: 80 bits, used once, expiring, and rate limited. */
export const ENROLMENT_CODE_BITS = CODE_GROUPS * CODE_GROUP_LENGTH * 5;

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function newDeviceToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** The token from an `Authorization: Bearer …` header, or undefined if it is not one of ours. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer ([^\s]+)$/i.exec(header?.trim() ?? '');
  const token = match?.[1];
  return token && TOKEN_PATTERN.test(token) ? token : undefined;
}

/** A code such as `7KQ2-M9XD-4RTF-0HWC`. */
export function newEnrolmentCode(): string {
  const groups = Array.from({ length: CODE_GROUPS }, () =>
    Array.from({ length: CODE_GROUP_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}

/**
 * The code as it is hashed: upper case, without spaces or hyphens, with the letters people
 * confuse with digits read as those digits. Returns undefined for anything that cannot be a code.
 */
export function normaliseEnrolmentCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const valid = code.length === CODE_GROUPS * CODE_GROUP_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c));
  return valid ? code : undefined;
}
