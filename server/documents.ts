/**
 * The descriptions of need the server knows, by id and version: every published version under
 * `published/`, and the working copy compiled at start-up from the same YAML the app is built
 * from. A submission names the version its draft pinned; the server recomputes the level on
 * exactly that version, or refuses it as unknown.
 */
import { existsSync } from 'node:fs';
import { formatLocated, loadDocuments } from './thresholds/load-documents.ts';
import type { ThresholdsDocument } from '../src/domain/thresholds/schema.ts';

export interface DocumentRegistry {
  get(id: string, version: string): ThresholdsDocument | undefined;
  list(): { id: string; version: string }[];
}

/** A version published with the same content as the working copy is listed once. */
export function documentRegistry(documents: readonly ThresholdsDocument[]): DocumentRegistry {
  const byKey = new Map<string, ThresholdsDocument>();
  for (const document of documents) {
    const key = `${document.id}@${document.version}`;
    if (!byKey.has(key)) byKey.set(key, document);
  }
  return {
    get: (id, version) => byKey.get(`${id}@${version}`),
    list: () => [...byKey.values()].map(({ id, version }) => ({ id, version })),
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
  const documents = loaded.flatMap((entry) => [
    ...(entry.document ? [entry.document] : []),
    ...entry.published.map((published) => published.document),
  ]);
  if (!documents.length) throw new DocumentsError(`No descriptions of need were found in ${root}.`);
  return documentRegistry(documents);
}
