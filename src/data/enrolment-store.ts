/**
 * This device's enrolment with the front door's intake server: the device id and bearer token it
 * was given for a one-time enrolment code. One record, id 'enrolment', in the `keyring` store
 * beside the wrapped data key (database.ts). It belongs there because it shares that key's life:
 * it is sealed under the data key (AES-GCM, associated data naming the record and the key id), so
 * the token opens only with the passphrase, and "forgot passphrase", which clears the keyring,
 * removes it too. In plaintext: only that the device is enrolled, when, and under which key id.
 * The store's only index is its primary key, so this needs no new database version.
 */
import type { Table } from 'dexie';
import { z } from 'zod';
import { fromUtf8, paddedJson, utf8 } from './crypto/bytes.ts';
import { OpenFailedError, type Vault } from './crypto/vault.ts';
import type { AppDatabase } from './database.ts';
import type { EnrolmentRecord } from './records.ts';

export const ENROLMENT_RECORD_ID = 'enrolment';

export interface DeviceEnrolment {
  deviceId: string;
  /** Sent as `Authorization: Bearer <token>`; never stored or logged in plaintext. */
  token: string;
  enrolledAt: string;
}

export type EnrolmentStatus = { enrolled: false } | { enrolled: true; enrolledAt: string; keyId: string };

/** Where the record lives: the `keyring` table, or memory in component tests. */
export interface EnrolmentStorage {
  read(): Promise<unknown>;
  write(record: EnrolmentRecord): Promise<void>;
  remove(): Promise<void>;
}

export class DexieEnrolmentStorage implements EnrolmentStorage {
  readonly #table: Table<EnrolmentRecord, string>;

  constructor(private readonly db: AppDatabase) {
    // The same store as the keyring record, typed for this record.
    this.#table = db.table<EnrolmentRecord, string>('keyring');
  }

  read() {
    return this.db.run(() => this.#table.get(ENROLMENT_RECORD_ID));
  }

  async write(record: EnrolmentRecord) {
    await this.db.run(() => this.#table.put(record));
  }

  async remove() {
    await this.db.run(() => this.#table.delete(ENROLMENT_RECORD_ID));
  }
}

export class MemoryEnrolmentStorage implements EnrolmentStorage {
  #record: EnrolmentRecord | undefined;

  async read() {
    return this.#record && structuredClone(this.#record);
  }

  async write(record: EnrolmentRecord) {
    this.#record = structuredClone(record);
  }

  async remove() {
    this.#record = undefined;
  }
}

const metadataSchema = z.object({
  id: z.literal(ENROLMENT_RECORD_ID),
  keyId: z.string().min(1),
  enrolledAt: z.iso.datetime(),
  sealed: z.object({ iv: z.unknown(), data: z.unknown() }),
});

const secretSchema = z.strictObject({ deviceId: z.uuid(), token: z.string().min(1).max(256) });

const associatedData = (keyId: string) => utf8(JSON.stringify(['levels-of-need:enrolment', 1, keyId]));

export class EnrolmentStore {
  readonly #now: () => Date;

  constructor(
    private readonly storage: EnrolmentStorage,
    options: { now?: () => Date } = {},
  ) {
    this.#now = options.now ?? (() => new Date());
  }

  /** Whether the device is enrolled, readable while locked (it says nothing about anyone). */
  async status(): Promise<EnrolmentStatus> {
    const parsed = metadataSchema.safeParse(await this.storage.read());
    if (!parsed.success) return { enrolled: false };
    return { enrolled: true, enrolledAt: parsed.data.enrolledAt, keyId: parsed.data.keyId };
  }

  /**
   * The device id and token, or undefined when the device is not enrolled, or its record was sealed
   * under another key or damaged: enrolling again replaces it.
   */
  async open(vault: Vault): Promise<DeviceEnrolment | undefined> {
    const parsed = metadataSchema.safeParse(await this.storage.read());
    if (!parsed.success || parsed.data.keyId !== vault.keyId) return undefined;
    const { sealed, keyId, enrolledAt } = parsed.data;
    let bytes: Uint8Array;
    try {
      bytes = await vault.open(sealed as EnrolmentRecord['sealed'], associatedData(keyId));
    } catch (error) {
      if (error instanceof OpenFailedError) return undefined;
      throw error;
    }
    let secret: unknown;
    try {
      secret = JSON.parse(fromUtf8(bytes));
    } catch {
      return undefined;
    }
    const opened = secretSchema.safeParse(secret);
    return opened.success ? { ...opened.data, enrolledAt } : undefined;
  }

  /** Seals and keeps what the server returned for an enrolment code, replacing any earlier enrolment. */
  async save(enrolment: { deviceId: string; token: string }, vault: Vault): Promise<DeviceEnrolment> {
    const secret = secretSchema.parse({ deviceId: enrolment.deviceId, token: enrolment.token });
    const enrolledAt = this.#now().toISOString();
    const sealed = await vault.seal(paddedJson(secret), associatedData(vault.keyId));
    await this.storage.write({ id: ENROLMENT_RECORD_ID, keyId: vault.keyId, enrolledAt, sealed });
    return { ...secret, enrolledAt };
  }

  /** Forgets the enrolment: after the server refused the token, or to disconnect the device. */
  async forget(): Promise<void> {
    await this.storage.remove();
  }
}
