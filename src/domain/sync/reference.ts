/**
 * The short reference a person reads out over the phone ("K7QM-4XRT"): 8 characters from an
 * alphabet without the look-alikes 0/O, 1/I/L, and without U (as Crockford's base32 leaves it out),
 * shown in two groups of four. 30^8 ≈ 6.6 × 10^11 references: the server retries the rare collision.
 */
import { z } from 'zod';

export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const REFERENCE_LENGTH = 8;

const GROUP = `[${REFERENCE_ALPHABET}]{4}`;
export const REFERENCE_PATTERN = new RegExp(`^${GROUP}-${GROUP}$`);

export const referenceSchema = z.string().regex(REFERENCE_PATTERN, 'A reference looks like K7QM-4XRT');

/** Makes a reference from `randomIndex(n)`, a source of uniform random integers below n. */
export function makeReference(randomIndex: (below: number) => number): string {
  let characters = '';
  for (let index = 0; index < REFERENCE_LENGTH; index += 1) {
    characters += REFERENCE_ALPHABET[randomIndex(REFERENCE_ALPHABET.length)];
  }
  return `${characters.slice(0, 4)}-${characters.slice(4)}`;
}

/** What someone typed, as a reference (case, spaces and the dash do not matter); undefined if it cannot be one. */
export function normaliseReference(typed: string): string | undefined {
  const characters = typed.toUpperCase().replace(/[\s-]/g, '');
  if (characters.length !== REFERENCE_LENGTH) return undefined;
  const reference = `${characters.slice(0, 4)}-${characters.slice(4)}`;
  return REFERENCE_PATTERN.test(reference) ? reference : undefined;
}
