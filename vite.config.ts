import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { precompressedCopies } from './scripts/build/precompressed-copies.ts';
import { quickCheckChunks } from './scripts/build/quick-check-chunks.ts';
import { pwaPlugins } from './scripts/pwa/vite-pwa.ts';
import { inboxStylesheetPlugin } from './scripts/styles/inbox-stylesheet.ts';
import { thresholdsPlugin } from './scripts/thresholds/vite-plugin.ts';

const thresholdsRoot = fileURLToPath(new URL('./thresholds', import.meta.url));

export default defineConfig({
  // inboxStylesheetPlugin: the front door inbox's CSS, compiled from Sass for the server to serve.
  // pwaPlugins: the manifest, the service worker and a check that fails the build if any file is not precached.
  // quickCheckChunks: one script for the start page and one for the quick check's first question.
  // precompressedCopies: each text file also as .br and .gz, which the server sends as they are.
  plugins: [
    react(),
    thresholdsPlugin(thresholdsRoot),
    inboxStylesheetPlugin(),
    ...pwaPlugins(),
    quickCheckChunks(),
    precompressedCopies(),
  ],
  build: {
    // Source maps would ship the app's source to every device; keep them out of production.
    sourcemap: false,
    // dist/.vite/manifest.json maps each source module to its chunk: the start-page test checks
    // against it that no drafts, crypto or sync chunk loads before it is needed.
    manifest: true,
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/server/**', '**/node_modules/**'],
          // A ceiling against hangs, not a speed check: on a loaded two-core machine the first test
          // of a file (KDF, front door start-up, document load) passed 5 s. Speed is `npm run bench`'s.
          testTimeout: 30_000,
        },
      },
      {
        // The intake server against SQLite and PostgreSQL; the global setup provides the PostgreSQL.
        extends: true,
        test: {
          name: 'server',
          environment: 'node',
          include: ['tests/server/**/*.test.ts'],
          globalSetup: ['tests/server/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          environment: 'jsdom',
          include: ['tests/**/*.test.tsx'],
          setupFiles: ['tests/ui/setup.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
