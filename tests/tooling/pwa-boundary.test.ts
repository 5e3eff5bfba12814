import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PWA_DIR = fileURLToPath(new URL('../../src/pwa/', import.meta.url));
const IMPORT = /\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('the import boundary around src/pwa', () => {
  it('imports nothing from src/features: the app shell must not depend on a journey', async () => {
    const offending: string[] = [];
    for (const file of await readdir(PWA_DIR)) {
      const source = await readFile(`${PWA_DIR}${file}`, 'utf8');
      for (const match of source.matchAll(IMPORT)) {
        const target = match[1] ?? match[2] ?? '';
        if (target.includes('/features/')) offending.push(`src/pwa/${file} imports ${target}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
