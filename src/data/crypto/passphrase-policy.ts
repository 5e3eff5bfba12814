/** What a new passphrase must be: at least MIN_PASSPHRASE_LENGTH characters. */
import { PassphraseTooShortError } from './errors.ts';
import { normalisePassphrase } from './kdf.ts';

export const MIN_PASSPHRASE_LENGTH = 8;

/** Characters as a person counts them (code points after NFKC), not UTF-16 units. */
export const passphraseLength = (passphrase: string) => [...normalisePassphrase(passphrase)].length;

export function checkPassphraseLength(passphrase: string): void {
  if (passphraseLength(passphrase) < MIN_PASSPHRASE_LENGTH) throw new PassphraseTooShortError();
}
