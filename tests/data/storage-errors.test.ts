import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DraftRestoreError } from '../../src/domain/assessment/draft.ts';
import { DraftTamperedError, UnlockThrottledError, WrongPassphraseError } from '../../src/data/crypto/errors.ts';
import { AppUpdatedElsewhereError, DraftConflictError } from '../../src/data/errors.ts';
import { DATA_MESSAGES, sentence } from '../../src/data/messages.ts';
import { classifyStorageError, describeStorageError, isQuotaError } from '../../src/data/storage-errors.ts';
import { openTestDatabase, testDocument, testStore } from './helpers.ts';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('isQuotaError', () => {
  it.each([
    ['a QuotaExceededError DOMException', quota()],
    ["Dexie's QuotaExceededError", new Dexie.QuotaExceededError('full')],
    ["Dexie's AbortError wrapping one", new Dexie.AbortError('aborted', quota())],
    ['an AbortError whose inner error is one', { name: 'AbortError', inner: { name: 'QuotaExceededError' } }],
    ['an AbortError caused by one', Object.assign(new Error('aborted', { cause: quota() }), { name: 'AbortError' })],
    [
      "Dexie's AbortError wrapping Dexie's QuotaExceededError",
      new Dexie.AbortError('aborted', new Dexie.QuotaExceededError('full')),
    ],
    ['a Dexie BulkError with one among its failures', new Dexie.BulkError('bulk', [new Error('other'), quota()])],
    ["Firefox's NS_ERROR_DOM_QUOTA_REACHED", { name: 'NS_ERROR_DOM_QUOTA_REACHED' }],
  ])('is true for %s', (_label, error) => {
    expect(isQuotaError(error)).toBe(true);
  });

  it.each([
    ['an AbortError alone', new Dexie.AbortError('aborted')],
    ['a ConstraintError', new DOMException('duplicate', 'ConstraintError')],
    ['a string', 'QuotaExceededError'],
    ['null', null],
    [
      'an error wrapping itself',
      (() => {
        const e: { name: string; inner?: unknown } = { name: 'AbortError' };
        e.inner = e;
        return e;
      })(),
    ],
  ])('is false for %s', (_label, error) => {
    expect(isQuotaError(error)).toBe(false);
  });
});

describe('a full disk during a save', () => {
  it('rejects with an error recognised as a quota error, and keeps the last saved revision', async () => {
    let full = false;
    const db = openTestDatabase();
    db.use({
      stack: 'dbcore',
      name: 'full-disk',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return { ...table, mutate: (request) => (full ? Promise.reject(quota()) : table.mutate(request)) };
        },
      }),
    });
    const store = testStore(db);
    const draft = await store.create({ mode: 'quick-check', document: testDocument, step: 'x' }, null);
    full = true;
    const error = await store.save({ ...draft, step: 'y' }, null).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'QuotaExceededError' }); // Dexie's own class, wrapping the DOMException
    expect(isQuotaError(error)).toBe(true);
    expect(describeStorageError(error)).toBe(sentence(DATA_MESSAGES.quota));
    full = false;
    expect(await store.load(draft.id, null)).toEqual(draft);
  });
});

describe('describeStorageError', () => {
  it.each([
    ['quota', 'Dexie.AbortError', new Dexie.AbortError('aborted', quota())],
    ['conflict', 'DraftConflictError', new DraftConflictError('id', 1, 2, '2026-11-01T09:00:00.000Z')],
    ['tampered', 'DraftTamperedError', new DraftTamperedError('id')],
    ['restore', 'DraftRestoreError', new DraftRestoreError(['content.child: invalid_type'])],
    ['wrongPassphrase', 'WrongPassphraseError', new WrongPassphraseError(1000)],
    ['throttled', 'UnlockThrottledError', new UnlockThrottledError(1000)],
    ['appUpdatedElsewhere', 'AppUpdatedElsewhereError', new AppUpdatedElsewhereError()],
    ['newerDatabase', 'Dexie.VersionError', new Dexie.VersionError('newer')],
    ['unavailable', 'Dexie.MissingAPIError', new Dexie.MissingAPIError('no indexedDB')],
    ['unavailable', 'Dexie.OpenFailedError', new Dexie.OpenFailedError(new DOMException('denied', 'SecurityError'))],
    ['unknown', 'Error', new Error('CANARY-name in a browser message')],
  ] as const)('says %s for a %s', (code, _label, error) => {
    expect(classifyStorageError(error)).toBe(code);
    const text = describeStorageError(error);
    expect(text).toBe(sentence(DATA_MESSAGES[code]));
    expect(text).not.toContain('CANARY');
  });

  it('says what happened and what to do, in every case', () => {
    for (const message of Object.values(DATA_MESSAGES)) {
      expect(message.summary).toMatch(/\.$/);
      expect(message.action).toMatch(/\.$/);
    }
  });
});
