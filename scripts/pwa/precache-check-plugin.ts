/**
 * Fails `vite build` if the service worker would start a device offline without any built file:
 * a file over the size limit, a type the glob patterns miss, or a rules document left out. Prints
 * the precache figures and each rules document's size.
 *
 * The check must run after vite-plugin-pwa has written sw.js, in its closeBundle hook. Rolldown
 * runs closeBundle hooks in parallel (`order` and `sequential` do not serialise them), so the
 * check wraps that hook instead of sitting beside it.
 */
import path from 'node:path';
import type { Plugin } from 'vite';
import { checkPrecache } from './precache.ts';

/** The compiled rules documents are chunks built from these virtual modules (scripts/thresholds). */
const RULES_DOCUMENT_MODULE = '\0virtual:thresholds/';
const PWA_BUILD_PLUGIN = 'vite-plugin-pwa:build';

type CloseBundle = (this: unknown, error?: Error) => Promise<void> | void;

export function withPrecacheCheck(pwaPlugins: Plugin[], { maxPrecachedFileBytes }: { maxPrecachedFileBytes: number }) {
  const pwaBuild = pwaPlugins.find((plugin) => plugin.name === PWA_BUILD_PLUGIN);
  const hook = pwaBuild?.closeBundle;
  const writeServiceWorker = (typeof hook === 'function' ? hook : hook?.handler) as CloseBundle | undefined;
  if (!pwaBuild || !writeServiceWorker) {
    throw new Error(`${PWA_BUILD_PLUGIN} has no closeBundle hook to check: has vite-plugin-pwa changed?`);
  }

  let distDir = '';
  let base = '/';
  const rulesDocuments = new Map<string, number>();
  const check: Plugin = {
    name: 'pwa-precache-check',
    apply: 'build',
    configResolved(config) {
      distDir = path.resolve(config.root, config.build.outDir);
      base = config.base;
    },
    generateBundle(_options, bundle) {
      rulesDocuments.clear();
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk' && file.moduleIds.some((id) => id.startsWith(RULES_DOCUMENT_MODULE))) {
          rulesDocuments.set(file.fileName, Buffer.byteLength(file.code));
        }
      }
    },
  };

  pwaBuild.closeBundle = {
    sequential: true,
    async handler(error?: Error) {
      await writeServiceWorker.call(this, error);
      if (error) return;
      const report = await checkPrecache({ distDir, maxPrecachedFileBytes, required: [...rulesDocuments.keys()] });
      if (report.problems.length) {
        throw new Error(
          `The service worker would leave files out of the offline app:\n${report.problems.map((p) => `  - ${p}`).join('\n')}`,
        );
      }
      const documents = [...rulesDocuments].map(([file, bytes]) => `${base}${file} (${(bytes / 1024).toFixed(1)} KiB)`);
      this.environment.logger.info(
        `\nprecache check: ${report.entries.length} entries, ${(report.totalBytes / 1024).toFixed(1)} KiB, no file left out.\n` +
          `rules documents, each under ${(maxPrecachedFileBytes / 1024 / 1024).toFixed(0)} MiB: ${documents.join(', ') || 'none'}`,
      );
    },
  };
  return [...pwaPlugins, check];
}
