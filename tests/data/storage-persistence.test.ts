import { describe, expect, it, vi } from 'vitest';
import { StoragePersistence } from '../../src/data/storage-persistence.ts';
import { openTestDatabase, testDocument, testStore } from './helpers.ts';
import { WAIT_FOR_EVENT } from '../loaded-machine.ts';

function fakeStorage(overrides: Partial<StorageManager> = {}) {
  return {
    persisted: vi.fn(async () => false),
    persist: vi.fn(async () => true),
    estimate: vi.fn(async () => ({ usage: 1_234, quota: 5_000_000 })),
    ...overrides,
  } as unknown as StorageManager & Record<'persist' | 'persisted' | 'estimate', ReturnType<typeof vi.fn>>;
}

describe('storage persistence', () => {
  it('asks the browser once, however often it is called', async () => {
    const storage = fakeStorage();
    const persistence = new StoragePersistence(storage);
    expect(await Promise.all([persistence.requestOnce(), persistence.requestOnce()])).toEqual(['granted', 'granted']);
    expect(await persistence.requestOnce()).toBe('granted');
    expect(storage.persist).toHaveBeenCalledTimes(1);
  });

  it('does not ask again when storage is already persistent', async () => {
    const storage = fakeStorage({ persisted: vi.fn(async () => true) });
    expect(await new StoragePersistence(storage).requestOnce()).toBe('granted');
    expect(storage.persist).not.toHaveBeenCalled();
  });

  it('reports a refusal, and a refusal by throwing', async () => {
    expect(await new StoragePersistence(fakeStorage({ persist: vi.fn(async () => false) })).requestOnce()).toBe(
      'denied',
    );
    const throwing = fakeStorage({ persist: vi.fn(async () => Promise.reject(new Error('no'))) });
    expect(await new StoragePersistence(throwing).requestOnce()).toBe('denied');
  });

  it('reports whether storage is persistent and how much is used', async () => {
    expect(await new StoragePersistence(fakeStorage()).report()).toEqual({
      supported: true,
      persisted: false,
      usageBytes: 1_234,
      quotaBytes: 5_000_000,
    });
  });

  it('tolerates browsers without the API, or with only part of it', async () => {
    const none = new StoragePersistence(undefined);
    expect(await none.requestOnce()).toBe('unsupported');
    expect(await none.report()).toEqual({
      supported: false,
      persisted: null,
      usageBytes: null,
      quotaBytes: null,
    });
    const partial = new StoragePersistence({
      estimate: async () => Promise.reject(new Error('no')),
    } as unknown as StorageManager);
    expect(await partial.requestOnce()).toBe('unsupported');
    expect(await partial.report()).toEqual({ supported: true, persisted: null, usageBytes: null, quotaBytes: null });
  });

  it('is requested when the first draft on the device is created, and not for later ones', async () => {
    const storage = fakeStorage();
    const persistence = new StoragePersistence(storage);
    const requestOnce = vi.spyOn(persistence, 'requestOnce');
    const store = testStore(openTestDatabase(), { persistence });
    await store.create({ mode: 'quick-check', document: testDocument, step: 'x' }, null);
    await store.create({ mode: 'quick-check', document: testDocument, step: 'x' }, null);
    expect(requestOnce).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(storage.persist).toHaveBeenCalledTimes(1), WAIT_FOR_EVENT);
  });
});
