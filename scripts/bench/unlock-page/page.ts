/**
 * The page `npm run bench:unlock` loads in Chromium: the app's own Keyring (and so its own
 * Argon2id build and lazy loading), over a keyring record kept in memory. Nothing else.
 */
import type { KdfParameters } from '../../../src/data/crypto/kdf.ts';
import { Keyring, type KeyringStorage } from '../../../src/data/crypto/keyring.ts';
import type { KeyringRecord } from '../../../src/data/records.ts';

const PASSPHRASE = 'bench passphrase, not a real one';

function memoryStorage(initial?: KeyringRecord): KeyringStorage & { record?: KeyringRecord } {
  const storage: KeyringStorage & { record?: KeyringRecord } = {
    read: async () => storage.record,
    write: async (record) => {
      storage.record = record;
    },
    readAttempts: async () => undefined,
    writeAttempts: async () => undefined,
  };
  if (initial) storage.record = initial;
  return storage;
}

/** Sets up a keyring at `kdf` and returns its record, bytes as plain arrays for the trip to Node. */
async function setUpRecord(kdf: KdfParameters): Promise<unknown> {
  const storage = memoryStorage();
  await new Keyring(storage, { kdf }).setUp(PASSPHRASE);
  return JSON.parse(
    JSON.stringify(storage.record, (_key, value: unknown) => (value instanceof Uint8Array ? [...value] : value)),
  );
}

/** Times `runs` unlocks of `plain` (from setUpRecord) in ms; the first on a fresh page includes loading Argon2id. */
async function timeUnlocks(plain: Record<string, unknown>, runs: number): Promise<number[]> {
  const record = Object.fromEntries(
    Object.entries(plain).map(([key, value]) => [
      key,
      Array.isArray(value) ? new Uint8Array(value as number[]) : value,
    ]),
  ) as unknown as KeyringRecord;
  const kdf = record as unknown as KdfParameters;
  const keyring = new Keyring(memoryStorage(record), { kdf });
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    (await keyring.unlock(PASSPHRASE)).lock();
    times.push(performance.now() - start);
  }
  return times;
}

Object.assign(window, { setUpRecord, timeUnlocks });
