import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePrecacheUrls } from '../../scripts/pwa/precache.ts';
import { pwaPlugins, type PwaPluginOptions } from '../../scripts/pwa/vite-pwa.ts';
import { SPAWNS_PROCESSES } from '../loaded-machine.ts';

const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((root) => rm(root, { recursive: true, force: true })));
});

/** A tiny app built with the real PWA plugins: `files` are paths under its root. */
async function buildApp(files: Record<string, string>, options?: PwaPluginOptions) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'precache-check-'));
  roots.push(root);
  const all = {
    'index.html':
      '<!doctype html><html><head><title>t</title></head><body><script type="module" src="/main.js"></script></body></html>',
    'main.js': 'document.title = "built";',
    ...files,
  };
  for (const [file, content] of Object.entries(all)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
  await build({ root, configFile: false, logLevel: 'silent', plugins: pwaPlugins(options) });
  return path.join(root, 'dist');
}

describe('the build fails rather than leave a file out of the offline app', SPAWNS_PROCESSES, () => {
  it('passes when every built file is precached', async () => {
    const dist = await buildApp({ 'public/favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>' });
    const urls = parsePrecacheUrls(await readFile(path.join(dist, 'sw.js'), 'utf8'));
    expect(urls).toEqual(expect.arrayContaining(['index.html', 'favicon.svg', 'manifest.webmanifest']));
    expect(urls.some((url) => /^assets\/index-[\w-]+\.js$/.test(url))).toBe(true);
  }, 30_000);

  it('fails on a file type the glob patterns miss, naming the file', async () => {
    await expect(buildApp({ 'public/contacts.json': '{}' })).rejects.toThrow(/contacts\.json will not be precached/);
  }, 30_000);

  it('accepts the server’s .br and .gz copies of a precached file, but not of a file left out', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"/>';
    const copies = { 'public/favicon.svg': svg, 'public/favicon.svg.br': 'b', 'public/favicon.svg.gz': 'g' };
    await expect(buildApp(copies)).resolves.toBeTruthy();
    await expect(buildApp({ ...copies, 'public/notes.txt.gz': 'g' })).rejects.toThrow(
      /notes\.txt\.gz will not be precached/,
    );
  }, 30_000);

  it('fails on a file over the size limit, naming the file', async () => {
    const big = `export const text = ${JSON.stringify('x'.repeat(60_000))};`;
    await expect(
      buildApp(
        { 'main.js': `import('./big.js').then((m) => console.log(m.text));`, 'big.js': big },
        { maxPrecachedFileBytes: 50_000 },
      ),
    ).rejects.toThrow(/assets\/big-[\w-]+\.js/);
  }, 30_000);
});

describe('reading the precache manifest out of sw.js', () => {
  it('reads minified and readable manifests alike', () => {
    expect(
      parsePrecacheUrls(
        'e.precacheAndRoute([{url:"index.html",revision:"abc"},{url:"assets/a-1.js",revision:null}],{})',
      ),
    ).toEqual(['index.html', 'assets/a-1.js']);
    expect(
      parsePrecacheUrls(
        'precacheAndRoute([\n  { "url": "index.html", "revision": "abc" },\n  { "url": "x.css", "revision": null }\n])',
      ),
    ).toEqual(['index.html', 'x.css']);
  });

  it('finds nothing in a worker that precaches nothing', () => {
    expect(parsePrecacheUrls('self.addEventListener("fetch", () => {})')).toEqual([]);
  });
});
