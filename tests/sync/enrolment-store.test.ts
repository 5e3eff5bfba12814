import { describe, expect, it } from 'vitest';
import { DexieEnrolmentStorage, EnrolmentStore, MemoryEnrolmentStorage } from '../../src/data/enrolment-store.ts';
import { PASSPHRASE, defined, flipBit, openTestDatabase, testStore } from '../data/helpers.ts';

const ENROLMENT = {
  deviceId: '5d0f8a2e-3b1c-4e6f-8a9b-0c1d2e3f4a5b',
  token: 'CANARYTOKEN-abcdefghijklmnopqrstuvwxyz012',
};
const AT = '2026-11-23T09:00:00.000Z';

async function setUp() {
  const db = openTestDatabase();
  const store = testStore(db);
  const vault = await store.keyring.setUp(PASSPHRASE);
  const enrolment = new EnrolmentStore(new DexieEnrolmentStorage(db), { now: () => new Date(AT) });
  return { db, store, vault, enrolment };
}

describe("the device's enrolment", () => {
  it('is kept sealed: the stored record holds neither the token nor the device id in plain text', async () => {
    const { db, vault, enrolment } = await setUp();
    await enrolment.save(ENROLMENT, vault);
    const record = defined(await db.table('keyring').get('enrolment'));
    expect(Object.keys(record).sort()).toEqual(['enrolledAt', 'id', 'keyId', 'sealed']);
    const asText = new TextDecoder('latin1').decode((record as { sealed: { data: Uint8Array } }).sealed.data);
    expect(asText).not.toContain('CANARYTOKEN');
    expect(JSON.stringify(record)).not.toContain(ENROLMENT.deviceId);
    expect(await enrolment.open(vault)).toEqual({ ...ENROLMENT, enrolledAt: AT });
  });

  it('says whether the device is enrolled without the passphrase', async () => {
    const { vault, enrolment } = await setUp();
    expect(await enrolment.status()).toEqual({ enrolled: false });
    await enrolment.save(ENROLMENT, vault);
    vault.lock();
    expect(await enrolment.status()).toEqual({ enrolled: true, enrolledAt: AT, keyId: vault.keyId });
  });

  it('sits beside the keyring record without disturbing it: unlock still works', async () => {
    const { store, vault, enrolment } = await setUp();
    await enrolment.save(ENROLMENT, vault);
    vault.lock();
    const unlocked = await store.keyring.unlock(PASSPHRASE);
    expect(await enrolment.open(unlocked)).toMatchObject(ENROLMENT);
    await store.keyring.changePassphrase(PASSPHRASE, 'a new passphrase here');
    expect(await enrolment.open(await store.keyring.unlock('a new passphrase here'))).toMatchObject(ENROLMENT);
  });

  it('goes with everything else when the passphrase is forgotten', async () => {
    const { store, vault, enrolment } = await setUp();
    await enrolment.save(ENROLMENT, vault);
    await store.forgetEverything(() => true);
    expect(await enrolment.status()).toEqual({ enrolled: false });
  });

  it('reads as not enrolled when damaged or sealed under another key, and enrolling again replaces it', async () => {
    const { db, vault, enrolment } = await setUp();
    await enrolment.save(ENROLMENT, vault);
    const record = defined(await db.table('keyring').get('enrolment')) as { sealed: { data: Uint8Array } };
    flipBit(record.sealed.data);
    await db.table('keyring').put(record);
    expect(await enrolment.open(vault)).toBeUndefined();

    const other = await testStore(openTestDatabase()).keyring.setUp(PASSPHRASE);
    await enrolment.save(ENROLMENT, vault);
    expect(await enrolment.open(other)).toBeUndefined();
    expect(await enrolment.open(vault)).toMatchObject(ENROLMENT);
  });

  it('is forgotten on request', async () => {
    const { vault, enrolment } = await setUp();
    await enrolment.save(ENROLMENT, vault);
    await enrolment.forget();
    expect(await enrolment.open(vault)).toBeUndefined();
  });

  it('works the same in memory, for component tests', async () => {
    const { vault } = await setUp();
    const enrolment = new EnrolmentStore(new MemoryEnrolmentStorage());
    await enrolment.save(ENROLMENT, vault);
    expect(await enrolment.open(vault)).toMatchObject(ENROLMENT);
  });
});
