import { describe, expect, it } from 'vitest';
import { PassphraseTooShortError, PassphraseTooWeakError } from '../../src/data/crypto/errors.ts';
import {
  MIN_PASSPHRASE_LENGTH,
  checkNewPassphrase,
  estimatePassphraseStrength,
} from '../../src/data/crypto/passphrase-policy.ts';
import { MemoryDraftStore } from '../../src/data/memory-draft-store.ts';
import { PASSPHRASE, TEST_KDF } from './helpers.ts';

describe('a new passphrase', () => {
  it('needs 12 characters or more, counted as a person counts them', async () => {
    expect(MIN_PASSPHRASE_LENGTH).toBe(12);
    await expect(checkNewPassphrase('moss kettle')).rejects.toThrow(PassphraseTooShortError);
    // Eleven characters that are each two UTF-16 units are still eleven.
    await expect(checkNewPassphrase('🦊🌲🍄🐝🌙🪨🦉🌊🍂🐌🌵')).rejects.toThrow(PassphraseTooShortError);
  });

  it.each(['password1234', 'aaaaaaaaaaaa', 'qwertyuiop123', 'Password1234!'])(
    'is refused when a guesser would reach it quickly: %s',
    async (weak) => {
      expect(await estimatePassphraseStrength(weak)).toMatchObject({ acceptable: false });
      await expect(checkNewPassphrase(weak)).rejects.toThrow(PassphraseTooWeakError);
    },
  );

  it.each([PASSPHRASE, 'kettle orbit lantern moss', 'ﬁsh and chips at noon'])('is accepted: %s', async (strong) => {
    expect(await estimatePassphraseStrength(strong)).toMatchObject({ acceptable: true });
    await expect(checkNewPassphrase(strong)).resolves.toBeUndefined();
  });

  it('is checked by the keyring itself, which keeps nothing from a refused one', async () => {
    const store = new MemoryDraftStore({ keyring: { kdf: TEST_KDF } });
    await expect(store.keyring.setUp('password1234')).rejects.toThrow(PassphraseTooWeakError);
    expect(await store.keyring.status()).toEqual({ setUp: false });
    await store.keyring.setUp(PASSPHRASE);
    await expect(store.keyring.changePassphrase(PASSPHRASE, 'aaaaaaaaaaaaaaaa')).rejects.toThrow(
      PassphraseTooWeakError,
    );
    await expect(store.keyring.unlock(PASSPHRASE)).resolves.toBeDefined();
  });
});
