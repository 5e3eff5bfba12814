import { describe, expect, it } from 'vitest';
import { emptyDraftContent, type DraftContent } from '../../src/domain/assessment/draft.ts';
import { VaultLockedError, KeyChangedError } from '../../src/data/crypto/errors.ts';
import type { DraftStore } from '../../src/data/draft-store.ts';
import {
  DraftConflictError,
  DraftNotFoundError,
  DraftNotSavableError,
  QuickCheckIdentifyingDataError,
} from '../../src/data/errors.ts';
import { MemoryDraftStore } from '../../src/data/memory-draft-store.ts';
import { PASSPHRASE, TEST_ITERATIONS, canaryContent, openTestDatabase, testDocument, testStore } from './helpers.ts';

/** A clock the test moves by hand. */
function clock(start = '2026-11-01T09:00:00.000Z') {
  let now = Date.parse(start);
  return { now: () => new Date(now), advanceDays: (days: number) => (now += days * 86_400_000) };
}

type Make = (now: () => Date) => DraftStore;

const implementations: [string, Make][] = [
  ['DexieDraftStore', (now) => testStore(openTestDatabase(), { now })],
  ['MemoryDraftStore', (now) => new MemoryDraftStore({ keyring: { iterations: TEST_ITERATIONS }, now })],
];

const quickContent = (): DraftContent => ({
  ...emptyDraftContent(),
  concern: { ageBand: 'older' },
  indicators: ['neglect-1'],
});

describe.each(implementations)('%s', (_name, make) => {
  async function setUp() {
    const time = clock();
    const store = make(time.now);
    const vault = await store.keyring.setUp(PASSPHRASE);
    return { store, vault, time };
  }

  it('reads back a referral exactly as it was saved', async () => {
    const { store, vault } = await setUp();
    const content = canaryContent('round-trip');
    const created = await store.create({ mode: 'referral', document: testDocument, step: 'concern', content }, vault);
    expect(created.revision).toBe(1);
    expect(await store.load(created.id, vault)).toEqual(created);
    expect(created.content).toEqual(content);
  });

  it('bumps the revision and updatedAt on every save', async () => {
    const { store, vault, time } = await setUp();
    const draft = await store.create({ mode: 'referral', document: testDocument, step: 'concern' }, vault);
    time.advanceDays(1);
    const saved = await store.save({ ...draft, step: 'child', content: canaryContent('save') }, vault);
    expect(saved.revision).toBe(2);
    expect(saved.updatedAt).toBe('2026-11-02T09:00:00.000Z');
    expect(saved.createdAt).toBe(draft.createdAt);
    expect(await store.load(draft.id, vault)).toEqual(saved);
  });

  it('lists drafts without a key, newest first, with nothing a person typed', async () => {
    const { store, vault, time } = await setUp();
    const older = await store.create(
      { mode: 'referral', document: testDocument, step: 'child', levelSoFar: 3, content: canaryContent('a') },
      vault,
    );
    time.advanceDays(1);
    const newer = await store.create(
      { mode: 'quick-check', document: testDocument, step: 'indicators', content: quickContent() },
      null,
    );
    vault.lock();
    const list = await store.listSummaries();
    expect(list.damagedIds).toEqual([]);
    expect(list.drafts.map((d) => d.id)).toEqual([newer.id, older.id]);
    expect(list.drafts[1]).toEqual({
      id: older.id,
      mode: 'referral',
      status: 'in-progress',
      ageBand: 'young',
      levelSoFar: 3,
      step: 'child',
      documentId: 'small',
      documentVersion: '1.0.0',
      createdAt: older.createdAt,
      updatedAt: older.updatedAt,
      revision: 1,
    });
    expect(JSON.stringify(list)).not.toContain('CANARY');
  });

  it('keeps a quick check without a passphrase', async () => {
    const { store } = await setUp();
    const content = { ...quickContent(), override: { agrees: 'no', level: 3 } } as const;
    const draft = await store.create(
      { mode: 'quick-check', document: testDocument, step: 'indicators', content },
      null,
    );
    expect(draft.content).toEqual(content);
    const saved = await store.save({ ...draft, levelSoFar: 2 }, null);
    expect(await store.load(draft.id, null)).toEqual(saved);
  });

  it.each([
    ['referrer', { referrer: { name: 'Sam Jones' } }],
    ['concern', { concern: { ageBand: 'older', reason: 'Bruise on the arm' } }],
    ['child', { child: { lastName: 'Jones' } }],
    ['consent', { consent: { consent: 'refused' } }],
    ['strengths', { strengths: 'Grandmother helps' }],
    ['childVoice', { childVoice: 'Says she is hungry' }],
    ['tried', { tried: 'Early help' }],
    ['override', { override: { agrees: 'no', level: 3, rationale: 'Knows the family' } }],
  ] as const)('refuses a quick check holding identifying %s', async (section, extra) => {
    const { store } = await setUp();
    const content = { ...quickContent(), ...extra } as DraftContent;
    const attempt = store.create({ mode: 'quick-check', document: testDocument, step: 'x', content }, null);
    await expect(attempt).rejects.toThrow(QuickCheckIdentifyingDataError);
    await expect(attempt).rejects.toMatchObject({ sections: [section] });
    expect((await store.listSummaries()).drafts).toEqual([]);
  });

  it('needs an unlocked vault for a referral', async () => {
    const { store, vault } = await setUp();
    await expect(store.create({ mode: 'referral', document: testDocument, step: 'x' }, null)).rejects.toThrow(
      VaultLockedError,
    );
    const draft = await store.create({ mode: 'referral', document: testDocument, step: 'x' }, vault);
    vault.lock();
    await expect(store.load(draft.id, vault)).rejects.toThrow(VaultLockedError);
    await expect(store.save(draft, vault)).rejects.toThrow(VaultLockedError);
    await expect(store.load(draft.id, null)).rejects.toThrow(VaultLockedError);
  });

  it('refuses a save based on a stale revision and keeps the newer copy', async () => {
    const { store, vault } = await setUp();
    const draft = await store.create({ mode: 'referral', document: testDocument, step: 'x' }, vault);
    const tabA = await store.load(draft.id, vault);
    const tabB = await store.load(draft.id, vault);
    const savedA = await store.save({ ...tabA, content: canaryContent('tab-a') }, vault);
    const attempt = store.save({ ...tabB, content: canaryContent('tab-b') }, vault);
    await expect(attempt).rejects.toThrow(DraftConflictError);
    await expect(attempt).rejects.toMatchObject({ id: draft.id, baseRevision: 1, currentRevision: 2 });
    expect(await store.load(draft.id, vault)).toEqual(savedA);
  });

  it('refuses to save a draft that could not be reopened, naming only paths', async () => {
    const { store, vault } = await setUp();
    const draft = await store.create({ mode: 'referral', document: testDocument, step: 'x' }, vault);
    const attempt = store.save({ ...draft, levelSoFar: 7, content: canaryContent('bad') }, vault);
    await expect(attempt).rejects.toThrow(DraftNotSavableError);
    await expect(attempt).rejects.toMatchObject({ issues: ['levelSoFar: too_big'] });
    expect(await store.load(draft.id, vault)).toEqual(draft);
  });

  it('reports a draft deleted elsewhere', async () => {
    const { store, vault } = await setUp();
    const draft = await store.create({ mode: 'referral', document: testDocument, step: 'x' }, vault);
    await store.delete(draft.id);
    await expect(store.load(draft.id, vault)).rejects.toThrow(DraftNotFoundError);
    await expect(store.save(draft, vault)).rejects.toThrow(DraftNotFoundError);
  });

  it('keeps the exact rules document version each draft began with', async () => {
    const { store, vault } = await setUp();
    const draft = await store.create({ mode: 'referral', document: testDocument, step: 'x' }, vault);
    const updated = { ...testDocument, version: '1.1.0', title: 'Small, revised' };
    await store.create({ mode: 'quick-check', document: updated, step: 'x' }, null);
    await store.create(
      { mode: 'quick-check', document: { ...testDocument, title: 'Changed under the same version' }, step: 'x' },
      null,
    );
    expect(await store.loadDocument(draft.documentId, draft.documentVersion)).toEqual(testDocument);
    expect((await store.loadDocument('small', '1.1.0'))?.title).toBe('Small, revised');
    expect(await store.loadDocument('small', '9.9.9')).toBeUndefined();
  });

  it('finds drafts not edited within the retention period, oldest first, leaving queued ones alone', async () => {
    const { store, vault, time } = await setUp();
    const oldest = await store.create({ mode: 'referral', document: testDocument, step: 'x' }, vault);
    time.advanceDays(5);
    const old = await store.create({ mode: 'quick-check', document: testDocument, step: 'x' }, null);
    time.advanceDays(26);
    const recent = await store.create({ mode: 'quick-check', document: testDocument, step: 'x' }, null);
    expect((await store.findExpired(30)).map((d) => d.id)).toEqual([oldest.id]);
    time.advanceDays(10);
    expect((await store.findExpired(30)).map((d) => d.id)).toEqual([oldest.id, old.id]);
    expect((await store.findExpired(1)).map((d) => d.id)).toEqual([oldest.id, old.id, recent.id]);
    await store.save({ ...oldest, status: 'queued' }, vault);
    expect((await store.findExpired(30)).map((d) => d.id)).toEqual([old.id]);
  });

  it('says how much is unsent and wipes only after confirmation', async () => {
    const { store, vault } = await setUp();
    const sent = await store.create({ mode: 'referral', document: testDocument, step: 'x' }, vault);
    await store.save({ ...sent, status: 'sent' }, vault);
    await store.create({ mode: 'referral', document: testDocument, step: 'x' }, vault);
    await store.create({ mode: 'quick-check', document: testDocument, step: 'x' }, null);
    const shown: unknown[] = [];
    const kept = await store.forgetEverything((unsent) => {
      shown.push(unsent);
      return false;
    });
    expect(kept).toEqual({ wiped: false, unsent: { drafts: 2, outbox: 0 } });
    expect((await store.listSummaries()).drafts).toHaveLength(3);
    const wiped = await store.forgetEverything(async () => true);
    expect(wiped).toEqual({ wiped: true, unsent: { drafts: 2, outbox: 0 } });
    expect(shown).toEqual([{ drafts: 2, outbox: 0 }]);
    expect((await store.listSummaries()).drafts).toEqual([]);
    expect(await store.keyring.status()).toEqual({ setUp: false });
  });

  it('stops a vault from another keyring sealing drafts nobody could open again', async () => {
    const { store, vault } = await setUp();
    await store.forgetEverything(() => true);
    const fresh = await store.keyring.setUp('a new passphrase here');
    const draft = await store.create({ mode: 'referral', document: testDocument, step: 'x' }, fresh);
    await expect(store.create({ mode: 'referral', document: testDocument, step: 'x' }, vault)).rejects.toThrow(
      KeyChangedError,
    );
    await expect(store.save(draft, vault)).rejects.toThrow(KeyChangedError);
    await expect(store.load(draft.id, vault)).rejects.toThrow(KeyChangedError);
  });
});
