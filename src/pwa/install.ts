/**
 * What this device offers for installing the app. Chromium browsers fire `beforeinstallprompt`
 * (kept here so a button can show the browser's own dialog later); Safari on iPad and iPhone has
 * no such event, only Share → Add to Home Screen, which matters more there: Safari may delete a
 * site's stored data after seven days without a visit unless the app is on the Home Screen.
 */
import { createStore } from './store.ts';

/** Chromium's event; not in TypeScript's DOM types. */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export type InstallOffer =
  /** Running as the installed app already. */
  | { kind: 'installed' }
  /** The browser will show its install dialog when asked. */
  | { kind: 'prompt' }
  /** iPad or iPhone, not yet on the Home Screen: show how. */
  | { kind: 'ios-instructions' }
  /** No prompt (yet): say where browsers keep the option. */
  | { kind: 'browser-menu' };

let deferredPrompt: BeforeInstallPromptEvent | undefined;

function isStandalone(): boolean {
  const iosStandalone = (navigator as Navigator & { standalone?: boolean }).standalone === true;
  return iosStandalone || window.matchMedia?.('(display-mode: standalone)').matches === true;
}

/** iPadOS says it is a Mac; a Mac with a touch screen is an iPad. */
function isIos(): boolean {
  return (
    /iPad|iPhone|iPod/.test(navigator.userAgent) ||
    (/Macintosh/.test(navigator.userAgent) && navigator.maxTouchPoints > 1)
  );
}

function initialOffer(): InstallOffer {
  if (typeof window === 'undefined') return { kind: 'browser-menu' };
  if (isStandalone()) return { kind: 'installed' };
  return isIos() ? { kind: 'ios-instructions' } : { kind: 'browser-menu' };
}

export const installStore = createStore<InstallOffer>(initialOffer());

if (typeof window !== 'undefined') {
  window.addEventListener('beforeinstallprompt', (event) => {
    // Keep the browser's own mini-infobar away from a practitioner mid-form; the start page offers it.
    event.preventDefault();
    if (isStandalone()) return;
    deferredPrompt = event as BeforeInstallPromptEvent;
    installStore.set({ kind: 'prompt' });
  });
  window.addEventListener('appinstalled', () => {
    deferredPrompt = undefined;
    installStore.set({ kind: 'installed' });
  });
}

/** Shows the browser's install dialog. The event can be used only once; the browser may offer another. */
export async function promptToInstall(): Promise<void> {
  const event = deferredPrompt;
  if (!event) return;
  deferredPrompt = undefined;
  installStore.set({ kind: 'browser-menu' });
  await event.prompt();
  const { outcome } = await event.userChoice;
  if (outcome === 'accepted') installStore.set({ kind: 'installed' });
}
