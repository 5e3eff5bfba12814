/**
 * Compiles the writing group's YAML into validated JSON at build time, so the browser never
 * parses YAML and an invalid document fails the build with located messages.
 *
 *   import { catalogue, loadDocument } from 'virtual:thresholds';
 *
 * `catalogue` is small and ships with the start page; each document is its own lazily loaded,
 * content-hashed chunk, so it is precached with the app and its version always matches the app's.
 */
import path from 'node:path';
import type { Plugin } from 'vite';
import { summarise } from '../../src/domain/thresholds/catalogue.ts';
import type { ThresholdsDocument } from '../../src/domain/thresholds/schema.ts';
import { formatLocated, loadDocuments } from './load-documents.ts';

const CATALOGUE_ID = 'virtual:thresholds';
const DOCUMENT_PREFIX = 'virtual:thresholds/';
/** Fictional documents for developers and tests are named `example-…`: no real area's id starts so. */
export const isFictionalExample = (document: Pick<ThresholdsDocument, 'id'>) => document.id.startsWith('example-');
/**
 * `LEVELS_OF_NEED_EXAMPLES=1 vite build` keeps the fictional examples in a production build; only the
 * browser tests set it (playwright.config.ts), because their journeys choose between two areas.
 */
export const INCLUDE_EXAMPLES_ENV = 'LEVELS_OF_NEED_EXAMPLES';

export function thresholdsPlugin(root: string): Plugin {
  let documents: Promise<ThresholdsDocument[]> | undefined;
  // `npm run dev` and vitest serve the examples; a production build offers practitioners real areas only.
  let includeExamples = true;
  const compile = async () => {
    const loaded = await loadDocuments(root, { withCases: false });
    const problems = loaded.flatMap((entry) => entry.problems);
    if (problems.length) {
      throw new Error(`The descriptions of need have problems to fix:\n${problems.map(formatLocated).join('\n')}`);
    }
    return loaded.flatMap((entry) => entry.document ?? []).filter((doc) => includeExamples || !isFictionalExample(doc));
  };

  return {
    name: 'thresholds',
    configResolved(config) {
      includeExamples = config.command === 'serve' || process.env[INCLUDE_EXAMPLES_ENV] === '1';
    },
    resolveId(id) {
      return id === CATALOGUE_ID || id.startsWith(DOCUMENT_PREFIX) ? `\0${id}` : undefined;
    },
    async load(id) {
      if (!id.startsWith(`\0${CATALOGUE_ID}`)) return undefined;
      const compiled = await (documents ??= compile());
      if (id === `\0${CATALOGUE_ID}`) {
        const catalogue = compiled.map(summarise);
        const loaders = compiled
          .map((doc) => `  ${JSON.stringify(doc.id)}: () => import(${JSON.stringify(DOCUMENT_PREFIX + doc.id)}),`)
          .join('\n');
        return [
          `export const catalogue = ${JSON.stringify(catalogue)};`,
          `const loaders = {\n${loaders}\n};`,
          'export async function loadDocument(id) {',
          '  const load = loaders[id];',
          '  if (!load) throw new Error(`No descriptions of need called "${id}" ship with this version of the app.`);',
          '  return (await load()).default;',
          '}',
        ].join('\n');
      }
      const documentId = id.slice(`\0${DOCUMENT_PREFIX}`.length);
      const document = compiled.find((doc) => doc.id === documentId);
      if (!document) throw new Error(`No descriptions of need called "${documentId}" in ${root}`);
      // JSON.parse of a string literal is faster for browsers to load than an object literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(document))});`;
    },
    configureServer(server) {
      server.watcher.add(root);
      server.watcher.on('change', (file) => {
        if (!file.startsWith(path.resolve(root))) return;
        documents = undefined;
        for (const module of server.moduleGraph.idToModuleMap.values()) {
          if (module.id?.startsWith(`\0${CATALOGUE_ID}`)) server.moduleGraph.invalidateModule(module);
        }
        server.ws.send({ type: 'full-reload' });
      });
    },
  };
}
