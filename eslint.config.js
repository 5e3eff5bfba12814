import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * What src/domain may never import: it is pure TypeScript shared by the app, server and CLI.
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
  '**/app/**',
  '**/ui/**',
  '**/data/**',
  '**/sync/**',
  '**/pwa/**',
];

/** What src/sync may not import: no UI, no storage engine of its own, nothing above it. */
const SYNC_FORBIDDEN_IMPORTS = [
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  'dexie',
  'workbox-*',
  'virtual:*',
  'node:*',
  '**/app/**',
  '**/features/**',
  '**/pwa/**',
];

export default tseslint.config(
  { ignores: ['dist', 'dist-server', 'dev-dist', 'coverage', 'node_modules', 'tmp', 'data', 'test-results'] },
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
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
