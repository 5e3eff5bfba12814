/**
 * The descriptions of need the server knows, by id and version, compiled at start-up from the
 * same YAML the app is built from. A submission names the version its draft pinned; the server
 * recomputes the level on exactly that version, or refuses it as unknown.
 */
import { existsSync } from 'node:fs';
import { formatLocated, loadDocuments } from '../scripts/thresholds/load-documents.ts';
import type { ThresholdsDocument } from '../src/domain/thresholds/schema.ts';

export interface DocumentRegistry {
  get(id: string, version: string): ThresholdsDocument | undefined;
  list(): { id: string; version: string }[];
}

export function documentRegistry(documents: readonly ThresholdsDocument[]): DocumentRegistry {
  const byKey = new Map(documents.map((document) => [`${document.id}@${document.version}`, document]));
  return {
    get: (id, version) => byKey.get(`${id}@${version}`),
    list: () => documents.map(({ id, version }) => ({ id, version })),
  };
}

export class DocumentsError extends Error {
  override name = 'DocumentsError';
}

/** Compiles every document under `root`; throws with the located problems if any is invalid. */
export async function loadDocumentRegistry(root: string): Promise<DocumentRegistry> {
  if (!existsSync(root)) throw new DocumentsError(`There is no thresholds folder at ${root}: set THRESHOLDS_DIR.`);
  const loaded = await loadDocuments(root, { withCases: false });
  const problems = loaded.flatMap((entry) => entry.problems);
  if (problems.length) {
    throw new DocumentsError(
      `The descriptions of need have problems to fix:\n${problems.map(formatLocated).join('\n')}`,
    );
  }
  const documents = loaded.flatMap((entry) => entry.document ?? []);
  if (!documents.length) throw new DocumentsError(`No descriptions of need were found in ${root}.`);
  return documentRegistry(documents);
}
