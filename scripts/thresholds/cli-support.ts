/**
 * What the thresholds CLI's commands share: the exit-code contract, JSON output, and finding a
 * document by reference: `<id>` (the working copy), `<id>@<version>` (a published version), or
 * a folder holding a `document.yaml`.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ThresholdsDocument } from '../../src/domain/thresholds/schema.ts';
import type { WorkedCase } from '../../src/domain/thresholds/worked-case-schema.ts';
import { DOCUMENT_FILE, formatLocated, loadDocumentFolder, loadDocuments, type LoadedDocument } from '../../server/thresholds/load-documents.ts';

export const THRESHOLDS_ROOT = fileURLToPath(new URL('../../thresholds', import.meta.url));

/** A message for the user and the exit code: 1 an invalid document, 2 an unknown id or bad input. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export const printJson = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

/** Where the user ran the command (npm moves the working folder to the project root). */
export const fromUser = (file: string) => path.resolve(process.env.INIT_CWD ?? '.', file);

function throwProblems(loaded: readonly LoadedDocument[]) {
  const problems = loaded.flatMap((entry) => entry.problems);
  if (problems.length) throw new CliError(problems.map(formatLocated).join('\n'), 1);
}

export async function validDocuments(root = THRESHOLDS_ROOT, withCases = false): Promise<LoadedDocument[]> {
  const loaded = await loadDocuments(root, { withCases });
  throwProblems(loaded);
  return loaded;
}

export interface ResolvedDocument {
  document: ThresholdsDocument;
  /** Worked cases, for the working copy or a folder (a published version has none). */
  cases: { file: string; workedCase: WorkedCase }[];
}

/** Finds a document by `<id>`, `<id>@<version>` or folder path; exit 2 when there is none. */
export async function resolveDocument(reference: string | undefined, usage: string, withCases = false): Promise<ResolvedDocument> {
  if (!reference) throw new CliError(usage, 2);
  const folder = fromUser(reference);
  if (reference.includes('/') || reference.startsWith('.')) {
    if (!existsSync(path.join(folder, DOCUMENT_FILE))) throw new CliError(`there is no ${DOCUMENT_FILE} in the folder "${reference}"`, 2);
    const loaded = await loadDocumentFolder(folder, { withCases });
    throwProblems([loaded]);
    if (!loaded.document) throw new CliError(`the folder "${reference}" holds no valid document`, 1);
    return { document: loaded.document, cases: loaded.cases };
  }
  const [id, version] = reference.split('@');
  const entry = (await validDocuments(THRESHOLDS_ROOT, withCases)).find((candidate) => candidate.document?.id === id);
  if (!entry?.document) throw new CliError(`unknown document "${id}"`, 2);
  if (version === undefined || version === entry.document.version) return { document: entry.document, cases: entry.cases };
  const published = entry.published.find((candidate) => candidate.version === version);
  if (!published) {
    const known = [...new Set([...entry.published.map((p) => p.version), entry.document.version])].join(', ');
    throw new CliError(`"${id}" has no version ${version}: the versions are ${known}`, 2);
  }
  return { document: published.document, cases: [] };
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a file named by the user, or standard input for `-`. */
export async function readInput(source: string, what: string): Promise<string> {
  try {
    return source === '-' ? await readStdin() : await readFile(fromUser(source), 'utf8');
  } catch {
    throw new CliError(`cannot read the ${what} file "${source}"`, 2);
  }
}
