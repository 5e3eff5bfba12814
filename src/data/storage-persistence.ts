/**
 * Whether the browser may evict this site's data, and how much space it uses. Nothing is stored
 * here: the browser keeps the "persisted" flag. Without persistence, Safari deletes the data of a
 * site not used for 7 days (unless it is on the Home Screen) and any browser may evict under
 * pressure; so we ask once, when the first draft is created, and the settings page shows the answer.
 * Browsers without the StorageManager API (or without `persist`) are reported as unsupported.
 */
export interface StorageReport {
  /** False when the browser has no StorageManager: then nothing else is known. */
  supported: boolean;
  /** Null when the browser cannot say. */
  persisted: boolean | null;
  usageBytes: number | null;
  quotaBytes: number | null;
}

export type PersistOutcome = 'granted' | 'denied' | 'unsupported';

export class StoragePersistence {
  #request: Promise<PersistOutcome> | null = null;

  /** @param storage `navigator.storage` by default; pass undefined to model a browser without it. */
  constructor(private readonly storage: StorageManager | undefined = globalThis.navigator?.storage) {}

  /** Asks for persistent storage at most once per page; later calls share the first answer. Never throws. */
  requestOnce(): Promise<PersistOutcome> {
    this.#request ??= this.#ask();
    return this.#request;
  }

  /** Never throws: each unknown is null. */
  async report(): Promise<StorageReport> {
    const { storage } = this;
    if (!storage) return { supported: false, persisted: null, usageBytes: null, quotaBytes: null };
    const [persisted, estimate] = await Promise.all([
      typeof storage.persisted === 'function' ? storage.persisted().catch(() => null) : null,
      typeof storage.estimate === 'function' ? storage.estimate().catch(() => null) : null,
    ]);
    return {
      supported: true,
      persisted,
      usageBytes: estimate?.usage ?? null,
      quotaBytes: estimate?.quota ?? null,
    };
  }

  async #ask(): Promise<PersistOutcome> {
    const { storage } = this;
    if (typeof storage?.persist !== 'function') return 'unsupported';
    try {
      if (typeof storage.persisted === 'function' && (await storage.persisted())) return 'granted';
      return (await storage.persist()) ? 'granted' : 'denied';
    } catch {
      return 'denied';
    }
  }
}
