/** The app's version, with the build label when there is one (set by scripts/pwa/vite-pwa.ts). */
declare const __APP_VERSION__: string;
