import { describe, expect, it } from 'vitest';
import { DraftTamperedError } from '../../src/data/crypto/errors.ts';
import { DraftConflictError } from '../../src/data/errors.ts';
import { OutboxStore } from '../../src/data/outbox-store.ts';
import { PASSPHRASE, canaryContent, defined, flipBit, openTestDatabase, testDocument, testStore } from './helpers.ts';
import { submissionFor } from './submission.ts';

async function setUp() {
  let now = Date.parse('2026-11-01T09:00:00.000Z');
  const clock = { now: () => new Date(now), advance: (ms: number) => (now += ms) };
  const db = openTestDatabase();
  const store = testStore(db, { now: clock.now });
  const outbox = new OutboxStore(db, { now: clock.now });
  const vault = await store.keyring.setUp(PASSPHRASE);
  const draft = await store.create(
    { mode: 'referral', document: testDocument, step: 'check', content: canaryContent('o') },
    vault,
  );
  return { db, store, outbox, vault, draft, clock };
}

describe('the outbox', () => {
  it('queues a referral and marks its draft queued in the same step', async () => {
    const { db, store, outbox, vault, draft } = await setUp();
    const entry = await outbox.enqueue(draft, submissionFor(draft), vault);
    expect(entry).toEqual({
      id: entry.id,
      draftId: draft.id,
      idempotencyKey: entry.idempotencyKey,
      schemaVersion: 1,
      status: 'queued',
      attempts: 0,
      nextAttemptAt: '2026-11-01T09:00:00.000Z',
      createdAt: '2026-11-01T09:00:00.000Z',
      updatedAt: '2026-11-01T09:00:00.000Z',
    });
    expect(entry.idempotencyKey).not.toBe(entry.id);
    expect(await store.load(draft.id, vault)).toMatchObject({ status: 'queued', revision: 2 });
    expect(await store.countUnsent()).toEqual({ drafts: 1, outbox: 1 });
    expect(await db.outbox.where('idempotencyKey').equals(entry.idempotencyKey).count()).toBe(1);
  });

  it('gives back the submission exactly as queued', async () => {
    const { outbox, vault, draft } = await setUp();
    const submission = submissionFor(draft);
    const entry = await outbox.enqueue(draft, submission, vault);
    expect(await outbox.openPayload(entry.id, vault)).toEqual(submission);
  });

  it('refuses to queue from a stale copy of the draft', async () => {
    const { store, outbox, vault, draft } = await setUp();
    await store.save({ ...draft, step: 'elsewhere' }, vault);
    await expect(outbox.enqueue(draft, submissionFor(draft), vault)).rejects.toThrow(DraftConflictError);
    expect(await outbox.list()).toEqual([]);
  });

  it('rejects a payload altered or moved to another entry', async () => {
    const { db, store, outbox, vault, draft } = await setUp();
    const first = await outbox.enqueue(draft, submissionFor(draft), vault);
    const other = await store.create(
      { mode: 'referral', document: testDocument, step: 'x', content: canaryContent('p') },
      vault,
    );
    const second = await outbox.enqueue(other, submissionFor(other), vault);
    const stolen = defined(await db.outbox.get(second.id)).payload;
    await db.outbox.update(first.id, { payload: stolen });
    await expect(outbox.openPayload(first.id, vault)).rejects.toThrow(DraftTamperedError);
    const record = defined(await db.outbox.get(second.id));
    flipBit(record.payload.data);
    await db.outbox.put(record);
    await expect(outbox.openPayload(second.id, vault)).rejects.toThrow(DraftTamperedError);
  });

  it('records sync progress and lists what is due', async () => {
    const { store, outbox, vault, draft, clock } = await setUp();
    const entry = await outbox.enqueue(draft, submissionFor(draft), vault);
    expect((await outbox.due()).map((e) => e.id)).toEqual([entry.id]);
    clock.advance(1_000);
    await outbox.update(entry.id, { attempts: 1, lastReason: 'offline', nextAttemptAt: '2026-11-01T09:05:00.000Z' });
    expect(await outbox.due()).toEqual([]);
    clock.advance(5 * 60_000);
    expect((await outbox.due()).map((e) => e.lastReason)).toEqual(['offline']);
    const receipt = { id: 'R-1', receivedAt: '2026-11-01T09:06:00.000Z', engineLevel: 3, immediateRisk: false };
    expect(await outbox.update(entry.id, { status: 'sent', receipt })).toMatchObject({ status: 'sent', receipt });
    expect(await store.countUnsent()).toEqual({ drafts: 1, outbox: 0 });
    expect(await store.findExpired(30, new Date('2027-01-01'))).toEqual([]);
  });

  it('is wiped by "forgot passphrase", after counting what is unsent', async () => {
    const { store, outbox, vault, draft } = await setUp();
    await outbox.enqueue(draft, submissionFor(draft), vault);
    expect(await store.forgetEverything(() => true)).toEqual({ wiped: true, unsent: { drafts: 1, outbox: 1 } });
    expect(await outbox.list()).toEqual([]);
  });
});
