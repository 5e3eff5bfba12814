import { describe, expect, it } from 'vitest';
import { draftContentSchema } from '../../src/domain/assessment/draft.ts';
import {
  DraftTamperedError,
  KeyringExistsError,
  NoKeyringError,
  PassphraseTooShortError,
  UnlockThrottledError,
  VaultLockedError,
  WrongPassphraseError,
} from '../../src/data/crypto/errors.ts';
import { DEFAULT_ARGON2ID } from '../../src/data/crypto/kdf.ts';
import { Keyring } from '../../src/data/crypto/keyring.ts';
import { Vault } from '../../src/data/crypto/vault.ts';
import type { AppDatabase } from '../../src/data/database.ts';
import type { KeyringRecord } from '../../src/data/records.ts';
import {
  PASSPHRASE,
  TEST_ITERATIONS,
  TEST_KDF,
  canaryContent,
  defined,
  flipBit,
  memoryStorage,
  openTestDatabase,
  testDocument,
  testStore,
} from './helpers.ts';

async function referralSetUp() {
  let now = Date.parse('2026-11-01T09:00:00.000Z');
  const clock = { now: () => new Date(now), advance: (ms: number) => (now += ms) };
  const db = openTestDatabase();
  const store = testStore(db, { now: clock.now, keyring: { kdf: TEST_KDF, now: clock.now } });
  const vault = await store.keyring.setUp(PASSPHRASE);
  const a = await store.create(
    { mode: 'referral', document: testDocument, step: 'x', content: canaryContent('a') },
    vault,
  );
  const b = await store.create(
    { mode: 'referral', document: testDocument, step: 'x', content: canaryContent('b') },
    vault,
  );
  return { db, store, vault, a, b, clock };
}

const sealed = async (db: AppDatabase, id: string) => {
  const record = await db.drafts.get(id);
  if (record?.mode !== 'referral') throw new Error('expected a sealed referral');
  return record;
};

describe('the keyring', () => {
  it("derives new keys with Argon2id at OWASP's floor or above by default", async () => {
    expect(DEFAULT_ARGON2ID.memoryKiB).toBeGreaterThanOrEqual(19 * 1024);
    expect(DEFAULT_ARGON2ID.passes).toBeGreaterThanOrEqual(2);
    const storage = memoryStorage();
    const keyring = new Keyring(storage);
    expect(keyring.kdf).toEqual(DEFAULT_ARGON2ID);
    await keyring.setUp(PASSPHRASE);
    expect(defined(storage.record)).toMatchObject(DEFAULT_ARGON2ID);
    await expect(new Keyring(storage).unlock(PASSPHRASE)).resolves.toBeDefined();
  });

  it('stores only the wrapped key and the parameters to derive its wrapper again', async () => {
    const storage = memoryStorage();
    await new Keyring(storage, { kdf: TEST_KDF, now: () => new Date('2026-11-01T09:00:00Z') }).setUp(PASSPHRASE);
    const record = defined(storage.record);
    expect(Object.keys(record).sort()).toEqual(
      ['createdAt', 'id', 'kdf', 'keyId', 'memoryKiB', 'parallelism', 'passes', 'salt', 'wrapIv', 'wrappedKey'].sort(),
    );
    expect(record).toMatchObject({ ...TEST_KDF, createdAt: '2026-11-01T09:00:00.000Z' });
    expect([record.salt.length, record.wrapIv.length, record.wrappedKey.length]).toEqual([16, 12, 32 + 16]);
    expect(Buffer.from(record.wrappedKey).toString('latin1')).not.toContain(PASSPHRASE);
  });

  it('gives each device its own salt', async () => {
    const [one, two] = [memoryStorage(), memoryStorage()];
    await new Keyring(one, { kdf: TEST_KDF }).setUp(PASSPHRASE);
    await new Keyring(two, { kdf: TEST_KDF }).setUp(PASSPHRASE);
    expect(defined(one.record).salt).not.toEqual(defined(two.record).salt);
  });

  it('holds the data key only as a non-extractable CryptoKey', async () => {
    const extractable = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);
    expect(() => new Vault(extractable, 'id')).toThrow(TypeError);
    const vault = await new Keyring(memoryStorage(), { kdf: TEST_KDF }).setUp(PASSPHRASE);
    expect(Object.values(vault)).not.toContainEqual(expect.any(CryptoKey));
  });

  it('refuses short passphrases, a second set-up, and unlocking before set-up', async () => {
    const keyring = new Keyring(memoryStorage(), { kdf: TEST_KDF });
    await expect(keyring.unlock(PASSPHRASE)).rejects.toThrow(NoKeyringError);
    await expect(keyring.setUp('short')).rejects.toThrow(PassphraseTooShortError);
    await keyring.setUp(PASSPHRASE);
    await expect(keyring.setUp(PASSPHRASE)).rejects.toThrow(KeyringExistsError);
  });

  it('accepts the same passphrase typed in another Unicode form', async () => {
    const keyring = new Keyring(memoryStorage(), { kdf: TEST_KDF });
    await keyring.setUp('ﬁsh and chips at noon');
    await expect(keyring.unlock('fish and chips at noon')).resolves.toBeDefined();
  });

  it('wraps the same data key under a new passphrase, so drafts stay readable', async () => {
    const { db, store, vault, a } = await referralSetUp();
    const before = defined(await db.keyring.get('device'));
    await store.keyring.changePassphrase(PASSPHRASE, 'a brand new passphrase');
    const after = defined(await db.keyring.get('device'));
    expect(after.keyId).toBe(before.keyId);
    expect(after.salt).not.toEqual(before.salt);
    expect(after.rewrappedAt).toBeDefined();
    vault.lock();
    await expect(store.keyring.unlock(PASSPHRASE)).rejects.toThrow(WrongPassphraseError);
    const reopened = await testStore(db).keyring.unlock('a brand new passphrase');
    expect((await store.load(a.id, reopened)).content).toEqual(canaryContent('a'));
  });

  it('needs the current passphrase to change it', async () => {
    const { store } = await referralSetUp();
    await expect(store.keyring.changePassphrase('a guess at it', 'a brand new passphrase')).rejects.toThrow(
      WrongPassphraseError,
    );
    await expect(store.keyring.unlock(PASSPHRASE)).rejects.toThrow(UnlockThrottledError);
  });

  it('raises the cost on the next unlock when the default has gone up, and never lowers it', async () => {
    const { db, a } = await referralSetUp();
    const stronger = testStore(db, { keyring: { kdf: { ...TEST_KDF, memoryKiB: TEST_KDF.memoryKiB * 2 } } });
    const vault = await stronger.keyring.unlock(PASSPHRASE);
    expect(defined(await db.keyring.get('device'))).toMatchObject({ memoryKiB: TEST_KDF.memoryKiB * 2, passes: 1 });
    expect((await stronger.load(a.id, vault)).content).toEqual(canaryContent('a'));
    await testStore(db, { keyring: { kdf: { ...TEST_KDF, passes: 2 } } }).keyring.unlock(PASSPHRASE);
    expect(defined(await db.keyring.get('device'))).toMatchObject({ memoryKiB: TEST_KDF.memoryKiB * 2, passes: 2 });
    await testStore(db, { keyring: { iterations: 10 } }).keyring.unlock(PASSPHRASE);
    expect(defined(await db.keyring.get('device'))).toMatchObject({ kdf: 'Argon2id', memoryKiB: 128, passes: 2 });
  });

  it('re-wraps a PBKDF2 key with Argon2id on its next unlock, keeping the same data key', async () => {
    const db = openTestDatabase();
    const old = testStore(db, { keyring: { iterations: TEST_ITERATIONS } });
    const vault = await old.keyring.setUp(PASSPHRASE);
    const draft = await old.create(
      { mode: 'referral', document: testDocument, step: 'x', content: canaryContent('p') },
      vault,
    );
    const before = defined(await db.keyring.get('device'));
    expect(before).toMatchObject({ kdf: 'PBKDF2-SHA-256', iterations: TEST_ITERATIONS });

    const store = testStore(db);
    const reopened = await store.keyring.unlock(PASSPHRASE);
    const after = defined(await db.keyring.get('device'));
    expect(after).toMatchObject({ ...TEST_KDF, keyId: before.keyId, rewrappedAt: expect.any(String) });
    expect('iterations' in after).toBe(false);
    expect(after.salt).not.toEqual(before.salt);
    expect((await store.load(draft.id, reopened)).content).toEqual(canaryContent('p'));
    reopened.lock();
    expect(await store.keyring.unlock(PASSPHRASE)).toBeDefined();
  });

  it('refuses a key record whose parameters were edited out of range without running them', async () => {
    const storage = memoryStorage();
    const keyring = new Keyring(storage, { kdf: TEST_KDF });
    await keyring.setUp(PASSPHRASE);
    storage.record = { ...defined(storage.record), memoryKiB: 64 * 1024 * 1024 } as KeyringRecord;
    await expect(keyring.unlock(PASSPHRASE)).rejects.toThrow(WrongPassphraseError);
  });

  it('drops the key on lock', async () => {
    const { store, vault, a } = await referralSetUp();
    let told = 0;
    vault.onLock(() => told++);
    vault.lock();
    expect(told).toBe(1);
    await expect(store.load(a.id, vault)).rejects.toThrow(VaultLockedError);
  });
});

describe('sealed drafts', () => {
  it('keep every section of the content in its own ciphertext', async () => {
    const { db, a } = await referralSetUp();
    const record = await sealed(db, a.id);
    expect(Object.keys(record.sealed).sort()).toEqual(Object.keys(draftContentSchema.shape).sort());
    expect(new Set(Object.values(record.sealed).map((box) => Buffer.from(box.iv).toString('hex'))).size).toBe(10);
    expect('content' in record).toBe(false);
  });

  it('use a fresh IV on every save', async () => {
    const { db, store, vault, a } = await referralSetUp();
    const first = (await sealed(db, a.id)).sealed.child.iv;
    await store.save(a, vault);
    expect((await sealed(db, a.id)).sealed.child.iv).not.toEqual(first);
  });

  it('reject an altered ciphertext with a message that echoes nothing', async () => {
    const { db, store, vault, a } = await referralSetUp();
    const record = await sealed(db, a.id);
    flipBit(record.sealed.childVoice.data, 5);
    await db.drafts.put(record);
    const attempt = store.load(a.id, vault);
    await expect(attempt).rejects.toThrow(DraftTamperedError);
    await expect(attempt).rejects.toThrow('This draft has been altered or damaged and cannot be opened safely');
  });

  it('reject an altered IV', async () => {
    const { db, store, vault, a } = await referralSetUp();
    const record = await sealed(db, a.id);
    flipBit(record.sealed.referrer.iv);
    await db.drafts.put(record);
    await expect(store.load(a.id, vault)).rejects.toThrow(DraftTamperedError);
  });

  it('reject a section copied from another draft', async () => {
    const { db, store, vault, a, b } = await referralSetUp();
    const target = await sealed(db, a.id);
    target.sealed.child = (await sealed(db, b.id)).sealed.child;
    await db.drafts.put(target);
    await expect(store.load(a.id, vault)).rejects.toThrow(DraftTamperedError);
    expect((await store.load(b.id, vault)).content).toEqual(canaryContent('b'));
  });

  it('reject sections swapped within a draft', async () => {
    const { db, store, vault, a } = await referralSetUp();
    const record = await sealed(db, a.id);
    [record.sealed.strengths, record.sealed.tried] = [record.sealed.tried, record.sealed.strengths];
    await db.drafts.put(record);
    await expect(store.load(a.id, vault)).rejects.toThrow(DraftTamperedError);
  });

  it('reject a whole draft moved under another draft id', async () => {
    const { db, store, vault, a, b } = await referralSetUp();
    await db.drafts.put({ ...(await sealed(db, a.id)), id: b.id });
    await expect(store.load(b.id, vault)).rejects.toThrow(DraftTamperedError);
  });

  it('reject a draft whose schema version was changed beside it', async () => {
    const { db, store, vault, a } = await referralSetUp();
    await db.drafts.update(a.id, { schemaVersion: 2 });
    await expect(store.load(a.id, vault)).rejects.toThrow(DraftTamperedError);
  });

  it('reject a referral relabelled as a quick check', async () => {
    const { db, store, vault, a } = await referralSetUp();
    await db.drafts.update(a.id, { mode: 'quick-check' });
    await expect(store.load(a.id, vault)).rejects.toThrow(DraftTamperedError);
    await expect(store.load(a.id, null)).rejects.toThrow(DraftTamperedError);
  });

  it('list a draft whose plaintext fields are damaged as damaged, not as a draft', async () => {
    const { db, store, a, b } = await referralSetUp();
    await db.drafts.update(a.id, { revision: 'two' as unknown as number });
    const list = await store.listSummaries();
    expect(list.damagedIds).toEqual([a.id]);
    expect(list.drafts.map((d) => d.id)).toEqual([b.id]);
  });
});
