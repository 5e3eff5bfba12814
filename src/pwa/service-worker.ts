/**
 * The service worker's side of the page that must exist from the first paint: the update
 * controller (whose banner React shows) and a loader that registers the worker once the page is
 * idle (register-service-worker.ts, with workbox-window), so registering never competes with the
 * first screen. The dev server has no service worker.
 */
import { hasOpenWork, saveEverythingNow } from '../data/pending-saves.ts';
import { describeStorageError } from '../data/storage-errors.ts';
import { createUpdateController, type UpdateNote } from './update-controller.ts';
import { whenIdle } from './when-idle.ts';

const UPDATE_NOTE_KEY = 'levels-of-need:update-note';

const registration = () => import('./register-service-worker.ts');

export const updateController = createUpdateController({
  saveEverythingNow,
  hasOpenWork,
  describeSaveError: describeStorageError,
  activateWaitingWorker: async () => (await registration()).activateWaitingWorker(),
  rememberUpdate: (note) => sessionStorage.setItem(UPDATE_NOTE_KEY, JSON.stringify(note)),
  reload: () => window.location.reload(),
});

function takeUpdateNote(): UpdateNote | undefined {
  try {
    const stored = sessionStorage.getItem(UPDATE_NOTE_KEY);
    sessionStorage.removeItem(UPDATE_NOTE_KEY);
    return stored ? { savedOpenWork: (JSON.parse(stored) as Partial<UpdateNote>).savedOpenWork === true } : undefined;
  } catch {
    return undefined;
  }
}

const supported = typeof window !== 'undefined' && import.meta.env.PROD && 'serviceWorker' in navigator;

// Before the first render, so that "updated" is part of the first paint rather than pushing it down.
if (supported) updateController.restore(takeUpdateNote(), __APP_VERSION__);

let started = false;

/** Once per page, in the built app only. */
export function startServiceWorker() {
  if (started || !supported) return;
  started = true;
  whenIdle(() => {
    registration()
      .then(({ register }) => register(updateController))
      .catch(() => {
        // Without a service worker the app still works online; nothing to tell the practitioner here.
      });
  });
}
