import { describe, expect, it } from 'vitest';
import { summarise } from '../../src/data/draft-store.ts';
import { OutboxStore } from '../../src/data/outbox-store.ts';
import { PASSPHRASE, canaryContent, openTestDatabase, testDocument, testStore } from './helpers.ts';
import { submissionFor } from './submission.ts';

describe('the drafts list', () => {
  it('reads summaries that follow every create, save, queue, send, delete and wipe of a draft', async () => {
    const db = openTestDatabase();
    const store = testStore(db);
    const outbox = new OutboxStore(db);
    const vault = await store.keyring.setUp(PASSPHRASE);
    const fromFullRecords = async () => summarise(await db.drafts.toArray());
    const listed = async () => {
      const list = await store.listSummaries();
      expect(list).toEqual(await fromFullRecords());
      return list.drafts.map(({ id, status, step, revision }) => ({ id, status, step, revision }));
    };

    const referral = await store.create(
      { mode: 'referral', document: testDocument, step: 'about-you', content: canaryContent('s') },
      vault,
    );
    const quick = await store.create({ mode: 'quick-check', document: testDocument, step: 'age' }, null);
    expect(await listed()).toHaveLength(2);

    const saved = await store.save({ ...referral, step: 'check' }, vault);
    expect(await listed()).toContainEqual({ id: referral.id, status: 'in-progress', step: 'check', revision: 2 });

    const entry = await outbox.enqueue(saved, submissionFor(saved), vault);
    expect(await listed()).toContainEqual({ id: referral.id, status: 'queued', step: 'check', revision: 3 });

    await outbox.complete(entry.id, {
      id: 'front-door-1',
      receivedAt: '2026-11-01T09:00:00.000Z',
      engineLevel: 2,
      immediateRisk: false,
    });
    await store.delete(quick.id);
    expect(await listed()).toEqual([]);

    await store.create({ mode: 'quick-check', document: testDocument, step: 'age' }, null);
    expect(await listed()).toHaveLength(1);
    await store.forgetEverything(() => true);
    expect(await listed()).toEqual([]);
  });

  it('keeps no sealed content or field name in a summary', async () => {
    const db = openTestDatabase();
    const store = testStore(db);
    const vault = await store.keyring.setUp(PASSPHRASE);
    await store.create(
      { mode: 'referral', document: testDocument, step: 'child', field: 'child.lastName', content: canaryContent('k') },
      vault,
    );
    const [summary] = await db.draftSummaries.toArray();
    expect(Object.keys(summary ?? {}).sort()).toEqual(
      [
        'ageBand',
        'createdAt',
        'documentId',
        'documentVersion',
        'id',
        'levelSoFar',
        'mode',
        'revision',
        'schemaVersion',
        'status',
        'step',
        'updatedAt',
      ].sort(),
    );
  });
});
