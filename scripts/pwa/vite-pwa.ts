/**
 * The PWA part of the build: the web app manifest, the generated service worker (Workbox
 * precache of the whole app, rules documents included) and a check that fails the build if any
 * built file would not be precached. Registration is ours, in src/pwa/ (no injected script).
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { withPrecacheCheck } from './precache-check-plugin.ts';

/** The brand colour ($app-brand-colour in src/ui/styles/_settings.scss) and the page background. */
export const THEME_COLOUR = '#0b3d66';
export const BACKGROUND_COLOUR = '#ffffff';

/** Workbox's own default, stated so the check and the tests share it: larger files would be skipped. */
export const MAX_PRECACHED_FILE_BYTES = 2 * 1024 * 1024;

export interface PwaPluginOptions {
  /** Only for the tooling tests, which prove that an oversized file fails the build. */
  maxPrecachedFileBytes?: number;
}

function appVersion(): string {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  // APP_BUILD labels a build (CI run, or build A and B in the update tests); it changes the bundle.
  return process.env.APP_BUILD ? `${version}+${process.env.APP_BUILD}` : version;
}

function appVersionPlugin(): Plugin {
  return {
    name: 'app-version',
    config: () => ({ define: { __APP_VERSION__: JSON.stringify(appVersion()) } }),
  };
}

export function pwaPlugins({ maxPrecachedFileBytes = MAX_PRECACHED_FILE_BYTES }: PwaPluginOptions = {}): Plugin[] {
  return [
    appVersionPlugin(),
    ...withPrecacheCheck(
      VitePWA({
        // A new version waits until the practitioner accepts it: an update never reloads over a draft.
        registerType: 'prompt',
        // No injected registration: the server's CSP forbids inline scripts, and src/pwa registers
        // the worker itself with workbox-window so it can save drafts before an update.
        injectRegister: false,
        // The dev server keeps no service worker: live reload and a precache would fight.
        devOptions: { enabled: false },
        // Not in the manifest's icons, so listed here to be precached: iOS reads it for the Home Screen.
        includeAssets: ['icons/apple-touch-icon-180.png'],
        manifest: {
          id: '/',
          name: 'Levels of need',
          short_name: 'Levels of need',
          description:
            "Decide a child's level of need using your area's descriptions of need, online or offline, and write a referral.",
          lang: 'en-GB',
          dir: 'ltr',
          start_url: '/',
          scope: '/',
          display: 'standalone',
          theme_color: THEME_COLOUR,
          background_color: BACKGROUND_COLOUR,
          categories: ['government', 'medical', 'productivity'],
          icons: [
            { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
            { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
            // Full bleed with the mark inside the safe zone, for Android's adaptive icon shapes.
            { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          ],
        },
        workbox: {
          // Everything the app needs to start and run with no signal. The rules documents are JS
          // chunks (compiled by scripts/thresholds), so they are covered by `js`. PNGs are not listed:
          // the manifest's icons and includeAssets add them, and listing them here duplicates entries.
          globPatterns: ['**/*.{js,css,html,svg,woff2}'],
          // Stated rather than defaulted: the precache check uses the same limit, and a larger file
          // fails the build (vite-plugin-pwa throws on Workbox's "will not be precached" warning).
          maximumFileSizeToCacheInBytes: maxPrecachedFileBytes,
          // Any app route (/assessment/…, /browse/…) opens the app shell offline…
          navigateFallback: '/index.html',
          // …except the API and the front door's inbox, which must always reach the server.
          navigateFallbackDenylist: [/^\/api(?:\/|$)/, /^\/inbox/],
          // No runtimeCaching at all: /api and /inbox hold personal data and are never cached.
          // The worker waits for "Update now" (skipWaiting on message) and takes over no open page
          // by itself; after the reload it controls the page as usual.
          skipWaiting: false,
          clientsClaim: false,
          // Drop precaches left by older Workbox versions, so devices do not fill up over the years.
          cleanupOutdatedCaches: true,
        },
      }),
      { maxPrecachedFileBytes },
    ),
  ];
}
