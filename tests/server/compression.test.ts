import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gzipSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from './support/harness.ts';

/** Text files of the kinds `vite build` writes, each a few KiB like the real ones. */
const TEXT_FILES: Record<string, string> = {
  'index.html': `<!doctype html><title>Levels of need</title>${'<p>Start a quick check</p>'.repeat(80)}`,
  'sw.js': `self.addEventListener("fetch", () => {});${'/* precache */'.repeat(200)}`,
  'assets/index-Abc123.js': `console.log("app");${'export const question = "What is the concern?";'.repeat(100)}`,
  'assets/index-Abc123.css': `.button{color:#fff}${'.govuk-body{margin:0 0 15px}'.repeat(100)}`,
  'assets/thresholds-Def456.json': JSON.stringify({ indicators: Array.from({ length: 100 }, (_, i) => `need-${i}`) }),
  'manifest.webmanifest': JSON.stringify({ name: 'Levels of need', description: 'x'.repeat(2000) }),
  'icon.svg': `<svg xmlns="http://www.w3.org/2000/svg">${'<rect width="1" height="1"/>'.repeat(100)}</svg>`,
};

const DECODE = { br: brotliDecompressSync, gzip: gunzipSync } as const;

/** For the describe block it is called in: a server on a throwaway database, serving the dist/ `write` fills. */
function servingBuild(write: (staticDir: string) => void): { readonly app: TestApp['app'] } {
  let testDatabase: TestDatabase;
  let server: TestApp | undefined;
  let staticDir: string;
  beforeAll(async () => {
    staticDir = mkdtempSync(path.join(os.tmpdir(), 'levels-of-need-dist-'));
    mkdirSync(path.join(staticDir, 'assets'));
    write(staticDir);
    testDatabase = await createTestDatabase('sqlite');
    server = await startTestApp(testDatabase, { staticDir });
  });
  afterAll(async () => {
    await server?.close();
    await testDatabase.drop();
    rmSync(staticDir, { recursive: true, force: true });
  });
  return {
    get app() {
      if (!server) throw new Error('the server has not started');
      return server.app;
    },
  };
}

describe('compressed text', () => {
  const server = servingBuild((staticDir) => {
    for (const [file, text] of Object.entries(TEXT_FILES)) writeFileSync(path.join(staticDir, file), text);
    writeFileSync(path.join(staticDir, 'assets', 'font-Ghi789.woff2'), Buffer.alloc(4096, 7));
  });

  const get = (url: string, encoding: string) =>
    server.app.inject({ method: 'GET', url, headers: { 'accept-encoding': encoding } });

  describe.each(['br', 'gzip'] as const)('with Accept-Encoding: %s', (encoding) => {
    it.each(Object.keys(TEXT_FILES))('serves the built app’s %s compressed, unchanged once decoded', async (file) => {
      const response = await get(`/${file}`, `${encoding}, identity`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(String(response.headers.vary)).toMatch(/accept-encoding/i);
      expect(DECODE[encoding](response.rawPayload).toString('utf8')).toBe(TEXT_FILES[file]);
    });

    it('serves an app route (index.html for a deep link) compressed', async () => {
      const response = await get('/drafts/123', encoding);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(DECODE[encoding](response.rawPayload).toString('utf8')).toBe(TEXT_FILES['index.html']);
    });

    it('compresses the API’s JSON and the inbox’s pages and stylesheet', async () => {
      for (const url of ['/api/v1/openapi.json', '/inbox', '/inbox/assets/inbox.css']) {
        const response = await get(url, encoding);
        expect(response.headers['content-encoding'], url).toBe(encoding);
        expect(String(response.headers.vary), url).toMatch(/accept-encoding/i);
        expect(DECODE[encoding](response.rawPayload).length, url).toBeGreaterThan(1024);
      }
    });
  });

  it('prefers brotli when the browser takes both', async () => {
    const response = await get('/assets/index-Abc123.js', 'gzip, deflate, br, zstd');
    expect(response.headers['content-encoding']).toBe('br');
  });

  it('sends text as it is to a client that asks for no compression', async () => {
    const response = await server.app.inject({ method: 'GET', url: '/assets/index-Abc123.js' });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body).toBe(TEXT_FILES['assets/index-Abc123.js']);
  });

  it('does not compress a font again (woff2 is compressed already)', async () => {
    const response = await get('/assets/font-Ghi789.woff2', 'br, gzip');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.rawPayload.length).toBe(4096);
  });
});

describe('text compressed at build', () => {
  const script = 'assets/index-Abc123.js';
  // Made as the build makes them (best ratios), and unlike what the server would make per request.
  const copies = {
    br: (text: string) => brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: (text: string) => gzipSync(text, { level: 9 }),
  };
  const extension = { br: 'br', gzip: 'gz' } as const;

  const server = servingBuild((staticDir) => {
    for (const file of [script, 'index.html']) {
      const text = TEXT_FILES[file] ?? '';
      writeFileSync(path.join(staticDir, file), text);
      for (const encoding of ['br', 'gzip'] as const) {
        writeFileSync(path.join(staticDir, `${file}.${extension[encoding]}`), copies[encoding](text));
      }
    }
  });

  const get = (url: string, encoding?: string) =>
    server.app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

  describe.each(['br', 'gzip'] as const)('with Accept-Encoding: %s', (encoding) => {
    it('sends the build’s copy of a script byte for byte, as JavaScript that is kept a year', async () => {
      const response = await get(`/${script}`, encoding);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.rawPayload.equals(copies[encoding](TEXT_FILES[script] ?? ''))).toBe(true);
      expect(response.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(String(response.headers.vary)).toMatch(/accept-encoding/i);
    });

    it('sends the build’s copy of index.html for a deep link, always revalidated', async () => {
      const response = await get('/drafts/123', encoding);
      expect(response.headers['content-encoding']).toBe(encoding);
      expect(response.rawPayload.equals(copies[encoding](TEXT_FILES['index.html'] ?? ''))).toBe(true);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
    });
  });

  it('sends the file itself to a client that takes no compression', async () => {
    const response = await get(`/${script}`);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body).toBe(TEXT_FILES[script]);
  });
});
