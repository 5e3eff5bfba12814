/**
 * The passphrase forms' schemas and messages, shared by every screen that asks for the passphrase
 * (unlocking here and in Settings' "Connect this device", setting it, changing it). A new
 * passphrase is checked with the same policy the keyring enforces (data/crypto/passphrase-policy.ts);
 * its strength estimate loads its dictionaries on first use, so these schemas parse asynchronously.
 */
import { z } from 'zod';
import {
  PassphraseTooShortError,
  PassphraseTooWeakError,
  UnlockThrottledError,
  WrongPassphraseError,
} from '../../data/crypto/errors.ts';
import {
  MIN_PASSPHRASE_LENGTH,
  estimatePassphraseStrength,
  passphraseLength,
} from '../../data/crypto/passphrase-policy.ts';

export const PASSPHRASE_MESSAGES = {
  enter: 'Enter your passphrase',
  wrong: 'That is not the passphrase set on this device. Check it and try again.',
  throttled: 'There have been several wrong passphrases. Wait, then try again.',
  unlockFailed: 'The app could not unlock. Reload the page and try again.',
  setUpFailed: 'The passphrase could not be set. Reload the page and try again.',
  weak: 'This passphrase would be guessed quickly: add more words',
  strong: 'This passphrase would be hard to guess.',
  unchecked: 'The passphrase could not be checked. Reload the page and try again.',
  hint: `${MIN_PASSPHRASE_LENGTH} characters or more. Three or four random words are easy to remember and hard to guess.`,
} as const;

export const unlockSchema = z.object({ passphrase: z.string().min(1, PASSPHRASE_MESSAGES.enter) });
export type UnlockValues = z.infer<typeof unlockSchema>;

/** What to show under the passphrase field when unlocking failed. */
export function unlockErrorMessage(error: unknown): string {
  if (error instanceof WrongPassphraseError) return PASSPHRASE_MESSAGES.wrong;
  if (error instanceof UnlockThrottledError) return PASSPHRASE_MESSAGES.throttled;
  return PASSPHRASE_MESSAGES.unlockFailed;
}

/** What to show under the new passphrase when the keyring refused it or could not be set up. */
export function setUpErrorMessage(error: unknown): string {
  if (error instanceof PassphraseTooShortError) return `Passphrase must be ${MIN_PASSPHRASE_LENGTH} characters or more`;
  if (error instanceof PassphraseTooWeakError) return PASSPHRASE_MESSAGES.weak;
  return PASSPHRASE_MESSAGES.setUpFailed;
}

/** A new passphrase: `name` is how the message names it ("passphrase", "new passphrase"). */
function newPassphrase(name: string) {
  const capitalised = name.charAt(0).toUpperCase() + name.slice(1);
  return z.string().superRefine(async (value, context) => {
    const issue = (message: string) => context.addIssue({ code: 'custom', message });
    if (!value) issue(`Enter a ${name}`);
    else if (passphraseLength(value) < MIN_PASSPHRASE_LENGTH) {
      issue(`${capitalised} must be ${MIN_PASSPHRASE_LENGTH} characters or more`);
    } else {
      try {
        if (!(await estimatePassphraseStrength(value)).acceptable) issue(PASSPHRASE_MESSAGES.weak);
      } catch {
        issue(PASSPHRASE_MESSAGES.unchecked);
      }
    }
  });
}

export const setUpSchema = z
  .object({ passphrase: newPassphrase('passphrase'), confirm: z.string() })
  .refine((values) => values.passphrase === values.confirm, {
    path: ['confirm'],
    message: 'Enter the same passphrase again: the two do not match',
  });

export const changePassphraseSchema = z
  .object({
    current: z.string().min(1, 'Enter your current passphrase'),
    next: newPassphrase('new passphrase'),
    confirm: z.string(),
  })
  .refine((values) => values.next === values.confirm, {
    path: ['confirm'],
    message: 'Enter the same new passphrase again',
  });
