import Dexie from 'dexie';
import { IDBDatabase as FakeIDBDatabase, IDBKeyRange, forceCloseDatabase, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppDatabase, DATABASE_VERSION, SCHEMA_V1, SCHEMA_V2 } from '../../src/data/database.ts';
import { AppUpdatedElsewhereError } from '../../src/data/errors.ts';
import { writeV1Database } from './fixtures/v1.ts';
import { PASSPHRASE, openTestDatabase, testDocument, testStore, uniqueName } from './helpers.ts';
import { WAIT_FOR_EVENT } from '../loaded-machine.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

/** What the next version of the app would open: today's stores plus one more. */
function nextVersionOf(name: string) {
  const db = new Dexie(name, { indexedDB, IDBKeyRange });
  db.version(1).stores(SCHEMA_V1);
  db.version(2).stores(SCHEMA_V2);
  db.version(3).stores({ audit: 'id' });
  return db;
}

describe('the database connection', () => {
  it('lets another tab upgrade: saves what is pending, closes, and says so instead of hanging', async () => {
    const events: string[] = [];
    let flush: () => Promise<void> = async () => undefined;
    const db = openTestDatabase({
      onVersionChange: async () => {
        events.push('asked to close');
        await flush();
        events.push('flushed');
      },
    });
    const store = testStore(db);
    const vault = await store.keyring.setUp(PASSPHRASE);
    const draft = await store.create({ mode: 'referral', document: testDocument, step: 'concern' }, vault);
    flush = async () => {
      await store.save({ ...draft, step: 'child' }, vault);
    };

    const newer = nextVersionOf(db.name);
    await newer.open();
    expect(events).toEqual(['asked to close', 'flushed']);
    expect(db.updatedElsewhere).toBe(true);
    expect(db.isOpen()).toBe(false);
    await expect(store.listSummaries()).rejects.toThrow(AppUpdatedElsewhereError);
    expect(await newer.table('drafts').get(draft.id)).toMatchObject({ revision: 2, step: 'child' });
    newer.close();
  });

  it('tells this tab when its upgrade waits for another tab to close', async () => {
    const name = uniqueName('blocked');
    await writeV1Database(name);
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 10); // Dexie stores version n as 10n
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const onBlocked = vi.fn();
    const db = new AppDatabase({ name, indexedDB, IDBKeyRange, onBlocked });
    const opening = db.open();
    await vi.waitFor(() => expect(onBlocked).toHaveBeenCalled(), WAIT_FOR_EVENT);
    old.close();
    await opening;
    expect(db.verno).toBe(DATABASE_VERSION);
  });

  it('reopens once when the connection was closed under it (iPadOS after backgrounding)', async () => {
    const db = openTestDatabase();
    const store = testStore(db);
    await store.create({ mode: 'quick-check', document: testDocument, step: 'x' }, null);
    db.close();
    expect((await store.listSummaries()).drafts).toHaveLength(1);
    forceCloseDatabase(db.backendDB() as never); // fake-indexeddb's typing asks for the class, the code takes a connection
    expect((await store.listSummaries()).drafts).toHaveLength(1);
  });

  it('does not mistake its own commit for a conflict when a save is retried', async () => {
    const db = openTestDatabase();
    const store = testStore(db);
    const draft = await store.create({ mode: 'quick-check', document: testDocument, step: 'x' }, null);
    const original = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
    let calls = 0;
    vi.spyOn(db, 'transaction').mockImplementation(((...args: unknown[]) =>
      original(...args).then((result) => {
        if (++calls === 1) throw new Dexie.DatabaseClosedError('connection lost after commit');
        return result;
      })) as never);
    const saved = await store.save({ ...draft, step: 'y' }, null);
    expect(calls).toBe(2);
    expect(saved.revision).toBe(2);
    expect(await db.drafts.get(draft.id)).toMatchObject({ revision: 2, step: 'y' });
  });

  it('asks for strict durability on every write, including the save', async () => {
    // Dexie binds the connection's transaction() when it opens, so spy before it does.
    const spy = vi.spyOn(FakeIDBDatabase.prototype, 'transaction');
    const db = openTestDatabase();
    const store = testStore(db);
    const vault = await store.keyring.setUp(PASSPHRASE);
    const draft = await store.create({ mode: 'referral', document: testDocument, step: 'x' }, vault);
    spy.mockClear();
    await store.save({ ...draft, step: 'y' }, vault);
    const writes = spy.mock.calls.filter(([, mode]) => mode === 'readwrite');
    expect(writes).toHaveLength(1);
    expect(writes.map(([, , options]) => options?.durability)).toEqual(['strict']);
  });
});
