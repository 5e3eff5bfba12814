/**
 * Reads a database the way an attacker with the device's files would: every object store through
 * a raw IndexedDB cursor (not Dexie), every key and value, with binary fields decoded as text too.
 */
import { indexedDB } from 'fake-indexeddb';

export interface RawRecord {
  store: string;
  key: unknown;
  value: unknown;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export async function readEveryRecord(name: string): Promise<RawRecord[]> {
  const open = indexedDB.open(name);
  const db = await request(open);
  const records: RawRecord[] = [];
  try {
    for (const store of Array.from(db.objectStoreNames)) {
      const cursorRequest = db.transaction(store, 'readonly').objectStore(store).openCursor();
      await new Promise<void>((resolve, reject) => {
        cursorRequest.onerror = () => reject(cursorRequest.error);
        cursorRequest.onsuccess = () => {
          const cursor = cursorRequest.result;
          if (!cursor) return resolve();
          records.push({ store, key: cursor.key, value: cursor.value });
          cursor.continue();
        };
      });
    }
  } finally {
    db.close();
  }
  return records;
}

/** Every string in `value`, and every byte array decoded as UTF-8 and as Latin-1. */
export function textsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value instanceof ArrayBuffer) return textsIn(new Uint8Array(value));
  if (ArrayBuffer.isView(value)) {
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return [new TextDecoder().decode(bytes), Buffer.from(bytes).toString('latin1')];
  }
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...textsIn(v)]);
  return [];
}

/** The canaries found anywhere in the records. */
export function findCanaries(records: readonly RawRecord[], canaries: readonly string[]): string[] {
  const haystack = records.flatMap((record) => [...textsIn(record.key), ...textsIn(record.value)]).join('\n');
  return canaries.filter((canary) => haystack.includes(canary));
}

/** Writes `value` straight into `store`, past Dexie and the app's checks, as someone editing the files would. */
export async function putRawRecord(name: string, store: string, value: unknown): Promise<void> {
  const db = await request(indexedDB.open(name));
  try {
    const transaction = db.transaction(store, 'readwrite');
    transaction.objectStore(store).put(value);
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

/** One record as stored, read past Dexie. */
export async function readRawRecord(name: string, store: string, key: IDBValidKey): Promise<Record<string, unknown>> {
  const db = await request(indexedDB.open(name));
  try {
    const value: unknown = await request(db.transaction(store, 'readonly').objectStore(store).get(key));
    if (!value || typeof value !== 'object') throw new Error(`no record ${String(key)} in ${store}`);
    return value as Record<string, unknown>;
  } finally {
    db.close();
  }
}
