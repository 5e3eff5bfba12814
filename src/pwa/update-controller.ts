/**
 * The rules for taking a new version of the app, apart from the browser so they can be tested:
 * an update is offered, never forced; accepting it saves every open draft first and reloads only
 * if that worked, once, when the new version controls the page. Nothing here reloads on its own.
 */
import { createStore, type Store } from './store.ts';

export type UpdateState =
  | { kind: 'none' }
  /** A new version is installed and waiting for the practitioner to accept it. */
  | { kind: 'waiting' }
  | { kind: 'saving' }
  | { kind: 'reloading' }
  /** Saving failed: nothing was reloaded; `reason` says what happened and what to do. */
  | { kind: 'save-failed'; reason: string }
  /** The new version did not take over in time; the work is saved. */
  | { kind: 'stalled' }
  /** Another tab accepted the update; this one keeps running the old version until reloaded. */
  | { kind: 'updated-elsewhere' }
  /** Shown once after the reload. */
  | { kind: 'updated'; version: string; savedOpenWork: boolean };

/** Kept across the reload (in sessionStorage) so the new version can say what happened. */
export interface UpdateNote {
  savedOpenWork: boolean;
}

export interface UpdateEffects {
  saveEverythingNow(): Promise<void>;
  hasOpenWork(): boolean;
  /** A sentence for a failed save, without personal data. */
  describeSaveError(error: unknown): string;
  /** Asks the waiting worker to take over; true once it controls this page, false if it did not in time. */
  activateWaitingWorker(): Promise<boolean>;
  rememberUpdate(note: UpdateNote): void;
  reload(): void;
}

export interface UpdateController {
  store: Store<UpdateState>;
  /** The service worker reports a new version waiting. */
  offerUpdate(): void;
  /** "Update now" (or "Reload now" after another tab updated). */
  accept(): Promise<void>;
  /** The page's controlling worker changed. */
  controllerChanged(): void;
  /** At start-up, with the note the previous page left, if any. */
  restore(note: UpdateNote | undefined, version: string): void;
  dismiss(): void;
}

export function createUpdateController(effects: UpdateEffects): UpdateController {
  const store = createStore<UpdateState>({ kind: 'none' });
  let accepting = false;
  let reloadStarted = false;
  let otherTabUpdated = false;

  const reloadOnce = () => {
    if (reloadStarted) return;
    reloadStarted = true;
    store.set({ kind: 'reloading' });
    effects.reload();
  };

  return {
    store,
    offerUpdate() {
      if (!accepting) store.set({ kind: 'waiting' });
    },
    async accept() {
      if (accepting || reloadStarted) return;
      accepting = true;
      store.set({ kind: 'saving' });
      try {
        const savedOpenWork = effects.hasOpenWork();
        await effects.saveEverythingNow();
        effects.rememberUpdate({ savedOpenWork });
      } catch (error) {
        accepting = false;
        store.set({ kind: 'save-failed', reason: effects.describeSaveError(error) });
        return;
      }
      // After another tab's update the new version already controls this page: only reload.
      if (otherTabUpdated || (await effects.activateWaitingWorker())) {
        reloadOnce();
      } else {
        accepting = false;
        store.set({ kind: 'stalled' });
      }
    },
    controllerChanged() {
      // Ours: accept() reloads once the worker has taken over. Another tab's: offer a reload.
      if (accepting || reloadStarted) return;
      otherTabUpdated = true;
      store.set({ kind: 'updated-elsewhere' });
    },
    restore(note, version) {
      if (note) store.set({ kind: 'updated', version, savedOpenWork: note.savedOpenWork });
    },
    dismiss() {
      if (store.get().kind === 'updated') store.set({ kind: 'none' });
    },
  };
}
