/**
 * What a new passphrase must be: at least MIN_PASSPHRASE_LENGTH characters, and not one that a
 * guesser would reach quickly. The strength is estimated with zxcvbn-ts (its English and common
 * dictionaries: words, names, common passwords, keyboard patterns), loaded on first use only, so
 * its dictionaries stay out of the start page. Unlocking never needs it.
 *
 * Why score 3: zxcvbn's own scale calls 3 "safely unguessable: moderate protection from an offline
 * slow-hash scenario" (about 10^8 guesses or more), which is exactly the attack left once someone
 * has a copy of the device's files: one Argon2id run per guess (keyring.ts).
 */
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { PassphraseTooShortError, PassphraseTooWeakError } from './errors.ts';
import { normalisePassphrase } from './kdf.ts';

export const MIN_PASSPHRASE_LENGTH = 12;
export const MIN_STRENGTH_SCORE = 3;

/** Characters as a person counts them (code points after NFKC), not UTF-16 units. */
export const passphraseLength = (passphrase: string) => [...normalisePassphrase(passphrase)].length;

export function checkPassphraseLength(passphrase: string): void {
  if (passphraseLength(passphrase) < MIN_PASSPHRASE_LENGTH) throw new PassphraseTooShortError();
}

export interface PassphraseStrength {
  /** zxcvbn's score, 0 (guessed at once) to 4 (very hard to guess). */
  score: 0 | 1 | 2 | 3 | 4;
  acceptable: boolean;
}

let estimator: Promise<ZxcvbnFactory> | undefined;

function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(
    ([core, common, english]) =>
      new core.ZxcvbnFactory({
        translations: english.translations,
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...english.dictionary },
      }),
    (error: unknown) => {
      estimator = undefined; // let the next attempt load it again
      throw error;
    },
  );
  return estimator;
}

/** Estimates how hard `passphrase` is to guess. Loads the dictionaries the first time (a few hundred ms). */
export async function estimatePassphraseStrength(passphrase: string): Promise<PassphraseStrength> {
  const { score } = (await loadEstimator()).check(normalisePassphrase(passphrase));
  return { score, acceptable: score >= MIN_STRENGTH_SCORE };
}

/** Throws PassphraseTooShortError or PassphraseTooWeakError for a passphrase that may not be set. */
export async function checkNewPassphrase(passphrase: string): Promise<void> {
  checkPassphraseLength(passphrase);
  if (!(await estimatePassphraseStrength(passphrase)).acceptable) throw new PassphraseTooWeakError();
}
