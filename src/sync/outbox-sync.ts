/**
 * Drives the outbox while the app is open: a pass (outbox-processor.ts) at start, when the network
 * comes back (`online`), when the app comes back into view (`visibilitychange`), when it unlocks,
 * on "Send now", and on a timer: at each queued entry's next try (backoff with jitter), and at
 * least every POLL_MS. After each pass that was not held up, it asks what became of the referrals
 * already sent (outcome-check.ts). Passes never overlap: a request during a pass runs one more pass after it,
 * and `withLock` (Web Locks, where the browser has them) keeps two tabs from sending at once.
 *
 * Background Sync is not used: sending needs the data key to open the sealed payloads and the
 * token, and that key lives only in this page's memory, never in the service worker.
 *
 * The state (entries, whether a pass is running, why sending is held up, the enrolment) is a
 * snapshot for React's useSyncExternalStore; nothing here touches the DOM except through `attach`.
 */
import { VaultLockedError } from '../data/crypto/errors.ts';
import type { Vault } from '../data/crypto/vault.ts';
import type { EditableDraft } from '../data/draft-codec.ts';
import type { EnrolmentStatus, EnrolmentStore } from '../data/enrolment-store.ts';
import type { DataMessage } from '../data/messages.ts';
import type { OutboxEntry } from '../data/outbox-store.ts';
import { storageErrorMessage } from '../data/storage-errors.ts';
import type { CheckedSubmission } from '../domain/sync/submission-schema.ts';
import type { ApiClient, ApiFailure } from './api-client.ts';
import { checkOutcomes } from './outcome-check.ts';
import { processOutbox, type Blocked, type ProcessorDependencies, type SyncOutbox } from './outbox-processor.ts';

/** While the app is open, look at the outbox at least this often. */
export const POLL_MS = 60_000;
/** A timer never fires sooner than this after a pass, however soon the next try is due. */
export const MIN_TIMER_MS = 1_000;

export interface SyncState {
  /** Every entry, oldest next try first. */
  entries: readonly OutboxEntry[];
  /** A pass is running. */
  running: boolean;
  /** Why the last pass stopped early. */
  blocked?: Blocked;
  /** Undefined until first read. */
  enrolment?: EnrolmentStatus;
  /** The enrolled device's id, known only while the app is unlocked. */
  deviceId?: string;
  /** The outbox could not be read or written; cleared by the next pass that works. */
  problem?: DataMessage;
}

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface OutboxSyncOptions extends Omit<ProcessorDependencies, 'onChange' | 'enrolment' | 'api'> {
  outbox: SyncOutbox;
  enrolment: Pick<EnrolmentStore, 'status' | 'open' | 'save' | 'forget'>;
  api: Pick<ApiClient, 'submit' | 'enrol' | 'status'>;
  /** The vault as it is now: sending waits while it is locked. */
  vault: () => Vault | null;
  /** Runs a pass holding a lock shared by the app's tabs (navigator.locks), where there is one. */
  withLock?: <T>(task: () => Promise<T>) => Promise<T>;
  timers?: Timers;
  pollMs?: number;
}

export type EnrolOutcome = { ok: true; deviceId: string } | ApiFailure;

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class OutboxSync {
  readonly #options: OutboxSyncOptions;
  readonly #timers: Timers;
  readonly #listeners = new Set<() => void>();
  #state: SyncState = { entries: [], running: false };
  #pending: { force: boolean } | undefined;
  #loop: Promise<void> | undefined;
  #timer: unknown;
  #refreshTicket = 0;
  #nextAttemptAt: string | undefined;
  #stopped = false;

  constructor(options: OutboxSyncOptions) {
    this.#options = options;
    this.#timers = options.timers ?? realTimers;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): SyncState => this.#state;

  /** Listens for the network coming back and the app coming back into view. Returns a function that stops. */
  attach(windowTarget: EventTarget, documentTarget: EventTarget & { visibilityState: string }): () => void {
    // The network is back: what waited for it need not wait out its backoff as well.
    const online = () => void this.run({ force: true });
    const visible = () => {
      if (documentTarget.visibilityState === 'visible') void this.run();
    };
    windowTarget.addEventListener('online', online);
    documentTarget.addEventListener('visibilitychange', visible);
    return () => {
      windowTarget.removeEventListener('online', online);
      documentTarget.removeEventListener('visibilitychange', visible);
    };
  }

  /** Runs a pass now, or straight after the one under way. `force` ("Send now") ignores each entry's next-try time. */
  run(options: { force?: boolean } = {}): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    this.#pending = { force: (this.#pending?.force ?? false) || options.force === true };
    this.#loop ??= this.#drain().finally(() => {
      this.#loop = undefined;
      if (this.#pending) void this.run();
    });
    return this.#loop;
  }

  /** "Send now". */
  sendNow(): Promise<void> {
    return this.run({ force: true });
  }

  /** Stops the timer; later calls do nothing. */
  stop(): void {
    this.#stopped = true;
    this.#timers.clear(this.#timer);
  }

  /**
   * Puts a complete referral in the outbox (marking its draft queued) and starts sending. An entry
   * that needed attention for the same draft is replaced by the new one, which gets a new
   * Idempotency-Key (its body may differ); one already queued or sending is returned as it is.
   */
  async queue(draft: EditableDraft, submission: CheckedSubmission): Promise<OutboxEntry> {
    const vault = this.#options.vault();
    if (!vault || vault.isLocked) throw new VaultLockedError();
    const { outbox } = this.#options;
    const forDraft = (await outbox.list()).filter((entry) => entry.draftId === draft.id);
    const active = forDraft.find((entry) => entry.status === 'queued' || entry.status === 'sending');
    if (active) return active;
    const entry = await outbox.enqueue(draft, submission, vault);
    // Removed only once the new entry exists: a crash in between leaves an extra entry the pass never sends.
    for (const earlier of forDraft.filter((candidate) => candidate.status === 'needs-attention')) {
      await outbox.remove(earlier.id);
    }
    await this.refresh();
    void this.run();
    return entry;
  }

  /** Exchanges an enrolment code for a token, keeps it sealed, and sends whatever was waiting for it. */
  async enrol(code: string): Promise<EnrolOutcome> {
    const vault = this.#options.vault();
    if (!vault || vault.isLocked) throw new VaultLockedError();
    const result = await this.#options.api.enrol(code);
    if (!result.ok) return result;
    await this.#options.enrolment.save({ deviceId: result.deviceId, token: result.token }, vault);
    await this.refresh();
    void this.run();
    return { ok: true, deviceId: result.deviceId };
  }

  /** Reads the entries and the enrolment again for the snapshot, without sending. */
  async refresh(): Promise<void> {
    const ticket = ++this.#refreshTicket;
    try {
      const { outbox, enrolment } = this.#options;
      const vault = this.#options.vault();
      const [entries, status] = await Promise.all([outbox.list(), enrolment.status()]);
      const device = vault && !vault.isLocked && status.enrolled ? await enrolment.open(vault) : undefined;
      // A later refresh started while this one waited: its answer is newer.
      if (ticket !== this.#refreshTicket) return;
      this.#set({ entries, enrolment: status, deviceId: device?.deviceId });
    } catch (error) {
      if (ticket === this.#refreshTicket) this.#set({ problem: storageErrorMessage(error) });
    }
  }

  async #drain(): Promise<void> {
    while (this.#pending && !this.#stopped) {
      const { force } = this.#pending;
      this.#pending = undefined;
      await this.#pass(force);
    }
  }

  async #pass(force: boolean): Promise<void> {
    this.#timers.clear(this.#timer);
    this.#set({ running: true });
    const withLock = this.#options.withLock ?? ((task) => task());
    try {
      const outcome = await withLock(() =>
        processOutbox({ ...this.#options, onChange: () => void this.refresh() }, this.#options.vault(), { force }),
      );
      this.#nextAttemptAt = outcome.nextAttemptAt;
      this.#set({ blocked: outcome.blocked, problem: undefined });
      if (!outcome.blocked) await this.#checkOutcomes();
    } catch (error) {
      this.#nextAttemptAt = undefined;
      this.#set({ problem: storageErrorMessage(error) });
    } finally {
      await this.refresh();
      this.#set({ running: false });
      this.#schedule();
    }
  }

  /** Asks what became of the sent referrals; a failure here only means asking again next time. */
  async #checkOutcomes(): Promise<void> {
    const vault = this.#options.vault();
    if (!vault || vault.isLocked) return;
    try {
      const device = await this.#options.enrolment.open(vault);
      if (device && (await checkOutcomes(this.#options.outbox, this.#options.api, device))) await this.refresh();
    } catch {
      // The outbox or the network failed mid-way: the next pass asks again, and sending is unaffected.
    }
  }

  #schedule(): void {
    this.#timers.clear(this.#timer);
    if (this.#stopped) return;
    const pollMs = this.#options.pollMs ?? POLL_MS;
    const now = (this.#options.now ?? (() => new Date()))().getTime();
    // Locked or not connected: only an unlock or an enrolment (each starts a pass) can change that.
    const waitingForPractitioner = this.#state.blocked === 'locked' || this.#state.blocked === 'not-enrolled';
    const untilNext = this.#nextAttemptAt && !waitingForPractitioner ? Date.parse(this.#nextAttemptAt) - now : pollMs;
    this.#timer = this.#timers.set(() => void this.run(), Math.max(MIN_TIMER_MS, Math.min(pollMs, untilNext)));
  }

  #set(change: Partial<SyncState>): void {
    this.#state = { ...this.#state, ...change };
    for (const listener of this.#listeners) listener();
  }
}
