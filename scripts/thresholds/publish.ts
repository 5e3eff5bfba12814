/**
 * `publish <id>`: freezes the working copy as `published/<version>.json`. Refuses a version
 * already published (raise the version first); the same content published again is a no-op.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PUBLISHED_FOLDER, contentHash, publishedFileText } from '../../server/thresholds/published.ts';
import { CliError, THRESHOLDS_ROOT, validDocuments } from './cli-support.ts';

export async function publish(id: string, { now = new Date(), root = THRESHOLDS_ROOT } = {}): Promise<string> {
  const entry = (await validDocuments(root, true)).find((candidate) => candidate.document?.id === id);
  if (!entry?.document) throw new CliError(`unknown document "${id}"`, 2);
  const { document } = entry;
  const already = entry.published.find((published) => published.version === document.version);
  if (already && already.contentHash === contentHash(document)) return `${id} ${document.version} is already published, with the same content`;
  const folder = path.join(entry.folder, PUBLISHED_FOLDER);
  const file = path.join(folder, `${document.version}.json`);
  if (existsSync(file)) throw new CliError(`${id} ${document.version} is already published: raise the version in document.yaml first`, 2);
  await mkdir(folder, { recursive: true });
  await writeFile(file, publishedFileText(document, now));
  return `published ${id} ${document.version} to ${path.relative(process.env.INIT_CWD ?? process.cwd(), file)}`;
}
