import { describe, expect, it } from 'vitest';
import { UnlockThrottledError, WrongPassphraseError } from '../../src/data/crypto/errors.ts';
import { Keyring, MAX_RETRY_WAIT_MS, waitAfterFailures } from '../../src/data/crypto/keyring.ts';
import { PASSPHRASE, TEST_KDF, defined, memoryStorage } from './helpers.ts';

// The throttle slows guessing on the app's own unlock screen only; offline guessing is the KDF's job.
describe('wrong passphrases', () => {
  it('rejects a wrong passphrase, counts it apart from the key, and makes the next try wait', async () => {
    let now = Date.parse('2026-11-01T09:00:00.000Z');
    const storage = memoryStorage();
    const keyring = new Keyring(storage, { kdf: TEST_KDF, now: () => new Date(now) });
    await keyring.setUp(PASSPHRASE);
    const key = defined(storage.record);
    await expect(keyring.unlock('not the passphrase')).rejects.toEqual(new WrongPassphraseError(1_000));
    expect(storage.attempts).toEqual({
      id: 'unlock-attempts',
      failedAttempts: 1,
      lastFailureAt: '2026-11-01T09:00:00.000Z',
    });
    expect(storage.record).toEqual(key);
    await expect(keyring.unlock(PASSPHRASE)).rejects.toEqual(new UnlockThrottledError(1_000));
    now += 400;
    expect(await keyring.status()).toMatchObject({ setUp: true, failedAttempts: 1, retryAfterMs: 600 });
    now += 600;
    await expect(keyring.unlock('still wrong')).rejects.toEqual(new WrongPassphraseError(2_000));
    now += 2_000;
    const vault = await keyring.unlock(PASSPHRASE);
    expect(vault.isLocked).toBe(false);
    expect(storage.attempts).toBeUndefined();
    expect(await keyring.status()).toMatchObject({ failedAttempts: 0, retryAfterMs: 0 });
  });

  it('keeps the wait while the page is open even if the stored count is deleted', async () => {
    const now = Date.parse('2026-11-01T09:00:00.000Z');
    const storage = memoryStorage();
    const keyring = new Keyring(storage, { kdf: TEST_KDF, now: () => new Date(now) });
    await keyring.setUp(PASSPHRASE);
    await expect(keyring.unlock('not the passphrase')).rejects.toThrow(WrongPassphraseError);
    storage.attempts = undefined;
    await expect(keyring.unlock(PASSPHRASE)).rejects.toEqual(new UnlockThrottledError(1_000));
  });

  it('honours and then clears a count kept in the key record by earlier versions', async () => {
    let now = Date.parse('2026-11-01T09:00:00.000Z');
    const storage = memoryStorage();
    const keyring = new Keyring(storage, { kdf: TEST_KDF, now: () => new Date(now) });
    await keyring.setUp(PASSPHRASE);
    storage.record = { ...defined(storage.record), failedAttempts: 3, lastFailureAt: new Date(now).toISOString() };
    await expect(keyring.unlock(PASSPHRASE)).rejects.toEqual(new UnlockThrottledError(4_000));
    now += 4_000;
    await keyring.unlock(PASSPHRASE);
    expect(defined(storage.record).failedAttempts).toBeUndefined();
    expect(defined(storage.record).lastFailureAt).toBeUndefined();
  });

  it('doubles the wait from one second and caps it', () => {
    expect([0, 1, 2, 3, 4].map(waitAfterFailures)).toEqual([0, 1_000, 2_000, 4_000, 8_000]);
    expect(waitAfterFailures(40)).toBe(MAX_RETRY_WAIT_MS);
  });
});
