/**
 * The referrer's own details ("About you"), kept on this device so the next referral can offer
 * them. One record, id 'referrer-details', in the `keyring` store beside the wrapped data key, like
 * the enrolment (enrolment-store.ts) and for the same reason: it is sealed under the data key
 * (AES-GCM, associated data naming the record and the key id), opens only with the passphrase, and
 * "forgot passphrase", which clears the keyring, removes it too. Nothing about it is in plaintext
 * but the key id. It is never sent anywhere except inside a referral the practitioner sends.
 * The store's only index is its primary key, so this needs no new database version.
 */
import type { Table } from 'dexie';
import { z } from 'zod';
import { fromUtf8, paddedJson, utf8 } from './crypto/bytes.ts';
import { OpenFailedError, type SealedBox, type Vault } from './crypto/vault.ts';
import type { AppDatabase } from './database.ts';

export const REFERRER_DETAILS_RECORD_ID = 'referrer-details';

export interface ReferrerDetailsRecord {
  id: typeof REFERRER_DETAILS_RECORD_ID;
  keyId: string;
  /** `ReferrerDetails`, sealed like draft content. */
  sealed: SealedBox;
}

/** What "About you" holds, as the practitioner last sent it; the same limits as the draft. */
export const referrerDetailsSchema = z.strictObject({
  name: z.string().max(120).optional(),
  role: z.string().max(120).optional(),
  agency: z.string().max(80).optional(),
  phone: z.string().max(40).optional(),
  email: z.string().max(200).optional(),
});
export type ReferrerDetails = z.infer<typeof referrerDetailsSchema>;

/** Where the record lives: the `keyring` table, or memory in component tests. */
export interface ReferrerDetailsStorage {
  read(): Promise<unknown>;
  write(record: ReferrerDetailsRecord): Promise<void>;
}

export class DexieReferrerDetailsStorage implements ReferrerDetailsStorage {
  readonly #table: Table<ReferrerDetailsRecord, string>;

  constructor(private readonly db: AppDatabase) {
    // The same store as the keyring record, typed for this record.
    this.#table = db.table<ReferrerDetailsRecord, string>('keyring');
  }

  read() {
    return this.db.run(() => this.#table.get(REFERRER_DETAILS_RECORD_ID));
  }

  async write(record: ReferrerDetailsRecord) {
    await this.db.run(() => this.#table.put(record));
  }
}

const recordSchema = z.object({
  id: z.literal(REFERRER_DETAILS_RECORD_ID),
  keyId: z.string().min(1),
  sealed: z.object({ iv: z.unknown(), data: z.unknown() }),
});

const associatedData = (keyId: string) => utf8(JSON.stringify(['levels-of-need:referrer-details', 1, keyId]));

export class ReferrerDetailsStore {
  constructor(private readonly storage: ReferrerDetailsStorage) {}

  /** The details kept, or undefined if none, or sealed under another key, or damaged. */
  async open(vault: Vault): Promise<ReferrerDetails | undefined> {
    const parsed = recordSchema.safeParse(await this.storage.read());
    if (!parsed.success || parsed.data.keyId !== vault.keyId) return undefined;
    let bytes: Uint8Array;
    try {
      bytes = await vault.open(parsed.data.sealed as SealedBox, associatedData(parsed.data.keyId));
    } catch (error) {
      if (error instanceof OpenFailedError) return undefined;
      throw error;
    }
    try {
      const opened = referrerDetailsSchema.safeParse(JSON.parse(fromUtf8(bytes)));
      return opened.success ? opened.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** Seals and keeps the details, replacing any kept before. */
  async save(details: ReferrerDetails, vault: Vault): Promise<void> {
    const clean = referrerDetailsSchema.parse(details);
    const sealed = await vault.seal(paddedJson(clean), associatedData(vault.keyId));
    await this.storage.write({ id: REFERRER_DETAILS_RECORD_ID, keyId: vault.keyId, sealed });
  }
}
