import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ST_HELENS = fileURLToPath(new URL('../../thresholds/st-helens', import.meta.url));

export const EXAMPLE = fileURLToPath(new URL('../../thresholds/example-three-levels', import.meta.url));

/** A scratch copy of the St Helens document that a test can break, removed by `dispose`. */
export const copyOfStHelens = () => copyOfDocument(ST_HELENS);

/** A scratch copy of a document folder that a test can break, removed by `dispose`. */
export async function copyOfDocument(source: string) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'thresholds-'));
  const folder = path.join(root, path.basename(source));
  await cp(source, folder, { recursive: true });
  return {
    root,
    folder,
    file: (name: string) => path.join(folder, name),
    /** Replaces the first match and returns the 1-based line and column where the new text starts. */
    async replace(name: string, search: string | RegExp, replacement: string) {
      const file = path.join(folder, name);
      const text = await readFile(file, 'utf8');
      const match = typeof search === 'string' ? text.indexOf(search) : (search.exec(text)?.index ?? -1);
      if (match < 0) throw new Error(`${String(search)} not found in ${name}`);
      await writeFile(file, text.replace(search, replacement));
      const before = text.slice(0, match).split('\n');
      return { line: before.length, col: (before.at(-1)?.length ?? 0) + 1 };
    },
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}
