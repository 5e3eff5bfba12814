import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { AppDatabase } from '../../src/data/database.ts';
import { readStoredWork } from '../../src/data/stored-work.ts';
import { TEST_ITERATIONS, testDocument, uniqueName } from './helpers.ts';
import { DexieDraftStore } from '../../src/data/dexie-draft-store.ts';

describe('counting the work on a device without Dexie', () => {
  it('finds nothing on a new device, and leaves no database behind', async () => {
    const name = uniqueName('new');
    expect(await readStoredWork(indexedDB, name)).toEqual({ drafts: 0, outbox: 0 });
    expect((await indexedDB.databases()).map((db) => db.name)).not.toContain(name);
    // Dexie then creates the database at its own version, as on any new device.
    const db = new AppDatabase({ name, indexedDB, IDBKeyRange });
    await db.open();
    expect(db.tables.map((table) => table.name)).toContain('drafts');
    db.close();
  });

  it('counts the drafts the store saved', async () => {
    const name = uniqueName('saved');
    const db = new AppDatabase({ name, indexedDB, IDBKeyRange });
    const store = new DexieDraftStore(db, { keyring: { iterations: TEST_ITERATIONS } });
    await store.create({ mode: 'quick-check', document: testDocument, step: 'age' }, null);
    await store.create({ mode: 'quick-check', document: testDocument, step: 'age' }, null);
    expect(await readStoredWork(indexedDB, name)).toEqual({ drafts: 2, outbox: 0 });
    db.close();
  });
});
