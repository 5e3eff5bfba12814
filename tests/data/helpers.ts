/**
 * Shared set-up for the data-layer tests: a fresh fake IndexedDB database per test, a cheap KDF
 * cost (the default is asserted separately), and draft content with a distinct canary in every
 * field that could identify a person.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { DraftContent } from '../../src/domain/assessment/draft.ts';
import { AppDatabase, type DatabaseOptions } from '../../src/data/database.ts';
import type { KeyringStorage } from '../../src/data/crypto/keyring.ts';
import { DexieDraftStore, type DexieDraftStoreOptions } from '../../src/data/dexie-draft-store.ts';
import type { KeyringRecord, UnlockAttemptsRecord } from '../../src/data/records.ts';
import { smallDocument } from '../domain/small-document.ts';

export const TEST_ITERATIONS = 1_000;
/** Argon2id at a tiny cost, so tests run the real KDF quickly; the default cost is asserted separately. */
export const TEST_KDF = { kdf: 'Argon2id', memoryKiB: 64, passes: 1, parallelism: 1 } as const;
export const PASSPHRASE = 'correct horse battery staple';
export const testDocument = smallDocument();

export const uniqueName = (label: string) => `test-${label}-${crypto.randomUUID()}`;

export function openTestDatabase(options: DatabaseOptions = {}): AppDatabase {
  return new AppDatabase({ name: uniqueName('db'), indexedDB, IDBKeyRange, ...options });
}

export function testStore(db: AppDatabase, options: DexieDraftStoreOptions = {}): DexieDraftStore {
  return new DexieDraftStore(db, { keyring: { kdf: TEST_KDF }, ...options });
}

/** Referral content with `CANARY-<tag>-<field>` in every free-text and identifying field. */
export function canaryContent(tag: string): DraftContent {
  const c = (field: string) => `CANARY-${tag}-${field}`;
  return {
    referrer: {
      name: c('referrer-name'),
      role: c('role'),
      agency: 'school',
      phone: c('phone'),
      email: `${c('email')}@example.org`,
    },
    family: {
      gpPractice: c('gp'),
      parents: [
        { name: c('parent-name'), relationship: 'mother', parentalResponsibility: 'yes', livesWithChild: 'yes' },
      ],
      professionals: [{ name: c('professional-name'), role: 'School nurse', contact: c('professional-contact') }],
    },
    concern: { ageBand: 'young', reason: c('reason') },
    child: {
      firstName: c('first-name'),
      lastName: c('last-name'),
      dateOfBirth: '2019-07-23',
      dueDate: '2027-03-14',
      gender: 'female',
      address: c('address'),
      setting: c('school'),
      household: c('household'),
    },
    consent: { parentsAware: 'no', consent: 'not-sought', reasonNotSought: c('consent-reason') },
    indicators: ['neglect-1', 'canary-indicator-zq'],
    strengths: c('strengths'),
    childVoice: c('child-voice'),
    tried: c('tried'),
    override: { agrees: 'no', level: 3, rationale: c('rationale') },
  };
}

/** Every canary string `canaryContent(tag)` places, including the dates and the indicator. */
export function canariesFor(content: DraftContent): string[] {
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string' && (value.includes('CANARY') || /^\d{4}-\d{2}-\d{2}$/.test(value))) found.push(value);
    else if (typeof value === 'string' && value.startsWith('canary-')) found.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(content);
  return found;
}

/** The value, or a failed test if it is missing. */
export function defined<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error('expected a value');
  return value;
}

/** Flips one bit of a stored byte, as damage or tampering would. */
export function flipBit(bytes: Uint8Array, index = 0): void {
  bytes[index] = (bytes[index] ?? 0) ^ 1;
}

/** Keyring storage in plain fields a test can read and edit, as someone with the device's files could. */
export type MemoryStorage = KeyringStorage & { record?: KeyringRecord; attempts?: UnlockAttemptsRecord | undefined };

export function memoryStorage(): MemoryStorage {
  const storage: MemoryStorage = {
    read: async () => storage.record && structuredClone(storage.record),
    write: async (record) => {
      storage.record = structuredClone(record);
    },
    readAttempts: async () => storage.attempts && structuredClone(storage.attempts),
    writeAttempts: async (record) => {
      storage.attempts = record && structuredClone(record);
    },
  };
  return storage;
}
