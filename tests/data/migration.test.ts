import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { AppDatabase, DATABASE_VERSION, SCHEMA_V1 } from '../../src/data/database.ts';
import { DexieDraftStore } from '../../src/data/dexie-draft-store.ts';
import { OutboxStore } from '../../src/data/outbox-store.ts';
import {
  FIXTURE_V1_PASSPHRASE,
  V1_KEYRING,
  V1_QUICK_CHECK,
  V1_REFERRAL,
  V1_REFERRAL_CONTENT,
  V1_STORES,
  writeV1Database,
} from './fixtures/v1.ts';
import { TEST_KDF, testDocument, uniqueName } from './helpers.ts';
import { submissionFor } from './submission.ts';

async function openFromV1() {
  const name = uniqueName('v1');
  await writeV1Database(name);
  const db = new AppDatabase({ name, indexedDB, IDBKeyRange });
  await db.open();
  const store = new DexieDraftStore(db, { keyring: { kdf: TEST_KDF } });
  return { db, store };
}

describe('a database written by version 1', () => {
  it('is the version 1 the app still declares', () => {
    expect(SCHEMA_V1).toEqual(V1_STORES);
  });

  it('opens at the current version with every record unchanged', async () => {
    const { db } = await openFromV1();
    expect(db.verno).toBe(DATABASE_VERSION);
    expect(await db.keyring.toArray()).toEqual([V1_KEYRING]);
    expect(await db.drafts.get(V1_REFERRAL.id)).toEqual(V1_REFERRAL);
    expect(await db.drafts.get(V1_QUICK_CHECK.id)).toEqual(V1_QUICK_CHECK);
    expect(await db.drafts.count()).toBe(2);
    expect([await db.documents.count(), await db.outbox.count()]).toEqual([0, 0]);
  });

  it('still unlocks with its passphrase, re-wraps its PBKDF2 key with Argon2id, and opens every draft', async () => {
    const { db, store } = await openFromV1();
    const vault = await store.keyring.unlock(FIXTURE_V1_PASSPHRASE);
    expect(await db.keyring.get('device')).toMatchObject({ ...TEST_KDF, keyId: V1_KEYRING.keyId });
    const referral = await store.load(V1_REFERRAL.id, vault);
    expect(referral).toMatchObject({ revision: 1, step: 'child', field: 'child.lastName', levelSoFar: 3 });
    // Sealed before the family step existed: it opens with that step empty.
    expect(referral.content).toEqual({ ...V1_REFERRAL_CONTENT, family: { parents: [], professionals: [] } });
    const quick = await store.load(V1_QUICK_CHECK.id, null);
    expect(quick.content.indicators).toEqual(['neglect-1']);
    expect((await store.listSummaries()).drafts.map((d) => d.id).sort()).toEqual(
      [V1_REFERRAL.id, V1_QUICK_CHECK.id].sort(),
    );
  });

  it('carries on: v1 drafts save, and the new stores take documents and queued referrals', async () => {
    const { db, store } = await openFromV1();
    const vault = await store.keyring.unlock(FIXTURE_V1_PASSPHRASE);
    const referral = await store.load(V1_REFERRAL.id, vault);
    const saved = await store.save({ ...referral, step: 'consent' }, vault);
    expect(saved.revision).toBe(2);
    await store.create({ mode: 'quick-check', document: testDocument, step: 'x' }, null);
    expect(await store.loadDocument('small', '1.0.0')).toEqual(testDocument);
    const entry = await new OutboxStore(db).enqueue(saved, submissionFor(saved), vault);
    expect(await db.outbox.get(entry.id)).toMatchObject({ draftId: saved.id, status: 'queued' });
  });
});
