import { fileURLToPath } from 'node:url';
import { loadDocuments } from '../../scripts/thresholds/load-documents.ts';

export const THRESHOLDS_ROOT = fileURLToPath(new URL('../../thresholds', import.meta.url));

/** Every document that ships, with its worked cases; fails loudly if any has a problem. */
export async function loadRealDocuments() {
  const loaded = await loadDocuments(THRESHOLDS_ROOT);
  return loaded.map((entry) => {
    if (!entry.document) throw new Error(`${entry.folder} has problems:\n${entry.problems.map((p) => p.message).join('\n')}`);
    return { ...entry, document: entry.document };
  });
}
