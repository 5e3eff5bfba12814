import { describe, expect, it } from 'vitest';
import { OutboxStore } from '../../src/data/outbox-store.ts';
import { PASSPHRASE, canariesFor, canaryContent, openTestDatabase, testDocument, testStore } from './helpers.ts';
import { findCanaries, readEveryRecord } from './raw-idb.ts';
import { submissionFor } from './submission.ts';

describe('what reaches IndexedDB', () => {
  it('holds no plaintext of any identifying field, in any store', async () => {
    const db = openTestDatabase();
    const store = testStore(db);
    const vault = await store.keyring.setUp(PASSPHRASE);
    const first = canaryContent('first');
    const second = canaryContent('second');
    const draft = await store.create(
      { mode: 'referral', document: testDocument, step: 'child', content: first },
      vault,
    );
    const other = await store.create({ mode: 'referral', document: testDocument, step: 'x', content: second }, vault);
    const saved = await store.save({ ...other, content: second }, vault);
    await new OutboxStore(db).enqueue(saved, submissionFor(saved), vault);
    await store.create({ mode: 'quick-check', document: testDocument, step: 'x' }, null);
    await store.load(draft.id, vault);
    db.close();

    const records = await readEveryRecord(db.name);
    const perStore: Record<string, number> = {};
    for (const { store: name } of records) perStore[name] = (perStore[name] ?? 0) + 1;
    expect(perStore).toEqual({ documents: 1, drafts: 3, draftSummaries: 3, keyring: 1, outbox: 1 });
    const canaries = [...canariesFor(first), ...canariesFor(second), PASSPHRASE];
    expect(canaries).toHaveLength(2 * 22 + 1);
    expect(findCanaries(records, canaries)).toEqual([]);
  });

  it('would notice a canary in plain text or in unencrypted bytes (the scan is not blind)', async () => {
    const db = openTestDatabase();
    await db.keyring.put({ id: 'device', note: 'CANARY-plain' } as never);
    await db.documents.put({ id: 'x', version: '1.0.0', bytes: new TextEncoder().encode('CANARY-bytes') } as never);
    db.close();
    const records = await readEveryRecord(db.name);
    expect(findCanaries(records, ['CANARY-plain', 'CANARY-bytes', 'CANARY-absent'])).toEqual([
      'CANARY-plain',
      'CANARY-bytes',
    ]);
  });
});
