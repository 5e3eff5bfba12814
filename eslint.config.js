import js from '@eslint/js';
import { readdirSync } from 'node:fs';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Packages src/domain may never import (which of our own folders it may import is in SRC_LAYERS): it is pure TypeScript shared by the app, server and CLI.
 * Libraries not listed are allowed only when they are pure too: zod, and minisearch (indicator
 * search, shared by the app and the CLI's `search`), which has no dependencies and touches no
 * DOM, storage or Node.js API.
 */
const DOMAIN_FORBIDDEN_IMPORTS = [
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  'react-hook-form',
  'dexie',
  'dexie-*',
  'workbox-*',
  'virtual:*',
  'node:*',
  'fs',
  'path',
];

/** Packages src/sync may not import: no UI, no storage engine of its own, no browser or Node.js API. */
const SYNC_FORBIDDEN_IMPORTS = [
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  'dexie',
  'workbox-*',
  'virtual:*',
  'node:*',
];

/**
 * The zones of src/, lowest first. A zone may import the zones before it and never one after it,
 * so imports run one way: domain ← data ← sync ← pwa ← ui ← features ← app. src/main.tsx belongs
 * to app. Paths are resolved, not matched as strings, so `src/ui/sync/` is ui, not sync.
 */
export const SRC_LAYERS = ['domain', 'data', 'sync', 'pwa', 'ui', 'features', 'app'];

/**
 * Which other features a feature may import. A page may show a piece of another feature (the
 * start page lists drafts and their sending status; the assessment opens behind the passphrase
 * gate and sends from its summary), but never the other way round, so the table has no loop
 * (tests/tooling/import-boundary.test.ts checks). A feature not listed imports no other feature.
 * There are no barrel index files on purpose: they would pull a whole feature into the start
 * page's bundle.
 */
export const FEATURE_IMPORTS = {
  assessment: ['drafts', 'quick-check', 'sending'],
  start: ['drafts', 'quick-check', 'sending'],
};

const ROOT = import.meta.dirname;
const FEATURES = readdirSync(`${ROOT}/src/features`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const OUTSIDE_SRC = ['./server', './scripts', './tests'];

const layerZones = SRC_LAYERS.map((layer, index) => {
  const lower = SRC_LAYERS.slice(0, index);
  const higher = SRC_LAYERS.slice(index + 1).map((name) => `./src/${name}`);
  return {
    target: layer === 'app' ? ['./src/app', './src/main.tsx'] : `./src/${layer}`,
    from: [...(layer === 'app' ? [] : [...higher, './src/main.tsx']), ...OUTSIDE_SRC],
    message: `src/${layer} may import ${lower.length ? lower.map((name) => `src/${name}`).join(', ') : 'no other zone of src'} and packages only (README, "Architecture").`,
  };
});

const featureZones = FEATURES.map((feature) => {
  const allowed = FEATURE_IMPORTS[feature] ?? [];
  const others = FEATURES.filter((other) => other !== feature && !allowed.includes(other));
  return {
    target: `./src/features/${feature}`,
    from: others.map((other) => `./src/features/${other}`),
    message: `src/features/${feature} may import ${allowed.length ? allowed.join(', ') : 'no other feature'} (FEATURE_IMPORTS in eslint.config.js).`,
  };
}).filter((zone) => zone.from.length > 0);

const IMPORT_ZONES = [
  ...layerZones,
  {
    target: './src/types',
    from: './src',
    except: ['./domain', './types'],
    message: 'src/types declares modules over src/domain only.',
  },
  ...featureZones,
  {
    target: './server',
    from: './src',
    except: ['./domain'],
    message: 'server/ may import src/domain, its own files and packages only, so it deploys without the app.',
  },
  {
    target: './server',
    from: ['./scripts', './tests'],
    message: 'server/ may import src/domain, its own files and packages only, so it deploys without the app.',
  },
  {
    target: './scripts',
    from: './src',
    except: ['./domain', './data'],
    message: 'scripts/ may import src/domain, server/ and scripts/ (and src/data for the drafts benchmark) only.',
  },
  {
    // The drafts benchmark measures the data layer itself; no other script has a reason to touch it.
    target: ['./scripts/*.ts', './scripts/!(bench)/**'],
    from: './src/data',
    message: 'scripts/ may import src/data only in scripts/bench (the drafts benchmark).',
  },
  {
    target: './scripts',
    from: './tests',
    message: 'scripts/ may not import tests/: shared harness code lives in scripts/.',
  },
];

export default tseslint.config(
  {
    // The fixtures break the rules on purpose: tests/tooling/import-boundary.test.ts lints them.
    ignores: [
      'dist',
      'dist-server',
      'dev-dist',
      'coverage',
      'node_modules',
      'tmp',
      'data',
      'test-results',
      'tests/tooling/fixtures',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['scripts/**', 'tests/**', 'server/**', '*.config.{js,ts}', '.ci/**'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'tests/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: DOMAIN_FORBIDDEN_IMPORTS,
              message: 'src/domain is pure TypeScript: no React, Dexie, DOM, Node.js or app imports.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'sessionStorage',
          'indexedDB',
          'fetch',
          'location',
          'process',
        ].map((name) => ({
          name,
          message: 'src/domain must not touch the browser or Node.js: pass what it needs as arguments.',
        })),
      ],
    },
  },
  {
    // The sync loop is plain TypeScript over the domain and data layers, tested in Node: the app
    // hands it what it needs from the browser (fetch, the connection status, Web Locks).
    files: ['src/sync/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: SYNC_FORBIDDEN_IMPORTS,
              message: 'src/sync may import src/domain and src/data only: pass anything else in from the app.',
            },
          ],
        },
      ],
    },
  },
  {
    // Imports run one way between zones (IMPORT_ZONES) and never in a loop. Imports are written
    // with their extensions, so the plain Node resolver finds every file. no-cycle skips packages
    // (none imports our code back, and parsing them costs most of its time) and tests/, which
    // nothing imports; it follows our own imports to any depth (about 2 s of CPU for the repo).
    files: ['src/**/*.{ts,tsx}', 'server/**/*.ts', 'scripts/**/*.ts', 'tests/tooling/fixtures/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: IMPORT_ZONES }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
