/**
 * Reads and checks a document's published versions (`published/<version>.json`). A published
 * file is frozen: its content must still match its hash, its version may not be reused with other
 * content, and every indicator id it holds must stay live or be listed under `retired`.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describeIssues, type SourceProblem } from '../../src/domain/thresholds/problem.ts';
import { canonicalJson, publishedVersionSchema, type PublishedVersion } from '../../src/domain/thresholds/published-schema.ts';
import type { DocumentFile, ThresholdsDocument } from '../../src/domain/thresholds/schema.ts';
import type { Located, YamlSource } from './yaml-source.ts';

export const PUBLISHED_FOLDER = 'published';

export interface PublishedFile extends PublishedVersion {
  file: string;
}

export const contentHash = (document: unknown) => `sha256:${createHash('sha256').update(canonicalJson(document)).digest('hex')}`;

/** The text of a published file for the working document. */
export function publishedFileText(document: ThresholdsDocument, publishedAt: Date): string {
  const published: PublishedVersion = {
    version: document.version,
    publishedAt: publishedAt.toISOString(),
    contentHash: contentHash(document),
    document,
  };
  return `${JSON.stringify(published, null, 2)}\n`;
}

const byVersion = (a: string, b: string) => {
  const [x, y] = [a, b].map((version) => version.split('.').map(Number));
  for (let i = 0; i < 3; i += 1) if ((x?.[i] ?? 0) !== (y?.[i] ?? 0)) return (x?.[i] ?? 0) - (y?.[i] ?? 0);
  return 0;
};

/** Every published file of the document in `folder`, oldest version first, with its problems. */
export async function readPublished(
  folder: string,
  documentId: string,
  read: (file: string) => Promise<YamlSource>,
): Promise<{ versions: PublishedFile[]; problems: SourceProblem[]; unreadable: Located[] }> {
  const publishedFolder = path.join(folder, PUBLISHED_FOLDER);
  if (!existsSync(publishedFolder)) return { versions: [], problems: [], unreadable: [] };
  const names = (await readdir(publishedFolder)).filter((name) => name.endsWith('.json'));
  const versions: PublishedFile[] = [];
  const problems: SourceProblem[] = [];
  const unreadable: Located[] = [];
  for (const name of names) {
    const source = await read(path.join(publishedFolder, name));
    if (source.syntaxProblems.length) {
      unreadable.push(...source.syntaxProblems);
      continue;
    }
    const parsed = publishedVersionSchema.safeParse(source.data, { reportInput: true });
    if (!parsed.success) {
      problems.push(...describeIssues(source.file, parsed.error.issues));
      continue;
    }
    const here = (field: string, message: string) => problems.push({ file: source.file, path: [field], message });
    const { version, document } = parsed.data;
    if (name !== `${version}.json`) here('version', `this file must be named ${version}.json, after the version it holds`);
    if (document.version !== version) here('version', `version must be the document's own version, ${document.version}`);
    if (document.id !== documentId) here('document', `this file holds the document "${document.id}", not "${documentId}"`);
    const rawDocument = (source.data as { document: unknown }).document;
    if (contentHash(rawDocument) !== parsed.data.contentHash) {
      here(
        'contentHash',
        'this published version has been edited since it was published: published versions never change. Restore the file from git and make the change in the YAML under a new version',
      );
    }
    versions.push({ file: source.file, ...parsed.data });
  }
  return { versions: versions.sort((a, b) => byVersion(a.version, b.version)), problems, unreadable };
}

/** Checks the working document against what has been published. */
export function checkAgainstPublished(
  documentFileName: string,
  documentFile: DocumentFile,
  working: ThresholdsDocument,
  published: readonly PublishedFile[],
): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const same = published.find((entry) => entry.version === working.version);
  if (same && same.contentHash !== contentHash(working)) {
    problems.push({
      file: documentFileName,
      path: ['version'],
      message: `version ${working.version} is already published with other content (${same.file}): raise the version and add a changelog entry`,
    });
  }
  const live = new Set(working.domains.flatMap((domain) => domain.indicators.map((indicator) => indicator.id)));
  const retired = new Set(documentFile.retired.map((entry) => entry.id));
  const missing = new Map<string, string>();
  for (const entry of published) {
    for (const indicator of entry.document.domains.flatMap((domain) => domain.indicators)) {
      if (!live.has(indicator.id) && !retired.has(indicator.id) && !missing.has(indicator.id)) missing.set(indicator.id, entry.version);
    }
  }
  for (const [id, version] of missing) {
    problems.push({
      file: documentFileName,
      path: ['retired'],
      message: `indicator "${id}" was published in version ${version} and is no longer live: list it under retired (with replacedBy if another indicator now says the same), since ids are never reused`,
    });
  }
  return problems;
}
