import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DraftTamperedError } from '../../src/data/crypto/errors.ts';
import { AppDatabase } from '../../src/data/database.ts';
import { FIXTURE_V1_PASSPHRASE, V1_REFERRAL, V1_REFERRAL_CONTENT, writeV1Database } from './fixtures/v1.ts';
import { PASSPHRASE, canaryContent, openTestDatabase, testDocument, testStore, uniqueName } from './helpers.ts';
import { putRawRecord, readRawRecord } from './raw-idb.ts';

type RawSections = Record<string, unknown>;
const sectionsOf = (record: Record<string, unknown>) => record.sealed as RawSections;

async function draftSavedTwice() {
  const db = openTestDatabase();
  const store = testStore(db);
  const vault = await store.keyring.setUp(PASSPHRASE);
  const first = await store.create(
    { mode: 'referral', document: testDocument, step: 'child', content: canaryContent('old') },
    vault,
  );
  const older = await readRawRecord(db.name, 'drafts', first.id);
  const newer = await store.save({ ...first, content: canaryContent('new') }, vault);
  return { db, store, vault, older, newer };
}

describe('an older ciphertext put back', () => {
  it('is refused as tampering, and the newer draft opens again once its own ciphertext is back', async () => {
    const { db, store, vault, older, newer } = await draftSavedTwice();
    const current = await readRawRecord(db.name, 'drafts', newer.id);
    const rolledBack = { ...current, sealed: { ...sectionsOf(current), child: sectionsOf(older).child } };
    await putRawRecord(db.name, 'drafts', rolledBack);

    await expect(store.load(newer.id, vault)).rejects.toThrow(DraftTamperedError);
    expect((await store.listSummaries()).drafts.map((d) => [d.id, d.revision])).toEqual([[newer.id, 2]]);

    await putRawRecord(db.name, 'drafts', current);
    expect((await store.load(newer.id, vault)).content).toEqual(canaryContent('new'));
  });

  it('is refused even when the whole older record is put back under the newer revision number', async () => {
    const { db, store, vault, older, newer } = await draftSavedTwice();
    await putRawRecord(db.name, 'drafts', { ...older, revision: newer.revision });
    await expect(store.load(newer.id, vault)).rejects.toThrow(DraftTamperedError);
  });
});

describe('a draft sealed before the revision was bound', () => {
  async function openV1() {
    const name = uniqueName('v1-rollback');
    await writeV1Database(name);
    const db = new AppDatabase({ name, indexedDB, IDBKeyRange });
    const store = testStore(db);
    const vault = await store.keyring.unlock(FIXTURE_V1_PASSPHRASE);
    return { db, store, vault };
  }

  it('still opens, and is sealed in the new format by its next save', async () => {
    const { db, store, vault } = await openV1();
    const legacy = await store.load(V1_REFERRAL.id, vault);
    expect(legacy.content).toEqual({ ...V1_REFERRAL_CONTENT, family: { parents: [], professionals: [] } });
    const saved = await store.save(legacy, vault);
    const record = await readRawRecord(db.name, 'drafts', saved.id);
    expect(record).toMatchObject({ revision: 2, sealVersion: 2 });
    expect((await store.load(saved.id, vault)).content).toEqual({
      ...V1_REFERRAL_CONTENT,
      family: { parents: [], professionals: [] },
    });
  });

  it('cannot be put back into a migrated record, nor the migrated record passed off as the old format', async () => {
    const { db, store, vault } = await openV1();
    const saved = await store.save(await store.load(V1_REFERRAL.id, vault), vault);
    const migrated = await readRawRecord(db.name, 'drafts', saved.id);

    await putRawRecord(db.name, 'drafts', {
      ...migrated,
      sealed: { ...sectionsOf(migrated), child: V1_REFERRAL.sealed.child },
    });
    await expect(store.load(saved.id, vault)).rejects.toThrow(DraftTamperedError);

    const { sealVersion: _sealVersion, ...withoutFormat } = migrated;
    await putRawRecord(db.name, 'drafts', withoutFormat);
    await expect(store.load(saved.id, vault)).rejects.toThrow(DraftTamperedError);
  });
});

describe("a sealed draft's plaintext fields", () => {
  it.each([
    ['status', 'sent'],
    ['documentVersion', '0.9.0'],
    ['levelSoFar', 4],
    ['step', 'check'],
    ['field', 'child.firstName'],
    ['ageBand', 'older'],
    ['updatedAt', '2020-01-01T00:00:00.000Z'],
    ['writeId', '00000000-0000-4000-8000-000000000000'],
  ] as const)('cannot be edited unnoticed: %s', async (field, value) => {
    const { db, store, vault, newer } = await draftSavedTwice();
    const current = await readRawRecord(db.name, 'drafts', newer.id);
    expect(current[field]).not.toEqual(value);
    await putRawRecord(db.name, 'drafts', { ...current, [field]: value });
    await expect(store.load(newer.id, vault)).rejects.toThrow(DraftTamperedError);
    await putRawRecord(db.name, 'drafts', current);
    expect(await store.load(newer.id, vault)).toEqual(newer);
  });
});
