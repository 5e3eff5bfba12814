/**
 * Reads the precache manifest out of a built service worker (dist/sw.js) and checks it against
 * the files the build wrote. Workbox skips files over its size limit, and files its glob patterns
 * do not match, with at most a warning; a device would then start offline without them. Here
 * every such file is a problem, named, so the build fails (see precache-check-plugin.ts). The
 * bench reads the same manifest for its figures.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export interface PrecacheEntry {
  /** Relative to the app's root, as in the manifest (e.g. `assets/index-abc123.js`). */
  url: string;
  bytes: number;
}

export interface PrecacheReport {
  entries: PrecacheEntry[];
  totalBytes: number;
  problems: string[];
}

/** The service worker and its Workbox runtime are fetched by the browser, not precached. */
const SERVICE_WORKER_FILES = /^(?:sw\.js|workbox-[\w-]+\.js)$/;
/** The server's brotli and gzip copies of a file (vite.config.ts): the browser gets them only as that file. */
const PRECOMPRESSED_COPY = /\.(?:br|gz)$/;

const ENTRY = /\{\s*"?url"?\s*:\s*"([^"]+)"\s*,\s*"?revision"?\s*:\s*(?:null|"[^"]*")\s*\}/g;

/** The URLs in the `precacheAndRoute([...])` call of a generated service worker. */
export function parsePrecacheUrls(serviceWorkerSource: string): string[] {
  const start = serviceWorkerSource.indexOf('precacheAndRoute(');
  if (start < 0) return [];
  return [...serviceWorkerSource.slice(start).matchAll(ENTRY)].map((match) => match[1] ?? '');
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...(await listFiles(path.join(dir, entry.name), relative)));
    else found.push(relative);
  }
  return found;
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return -1;
  }
}

/** Each precached URL with the size of its built file (-1 if the file is missing). */
export async function readPrecacheManifest(distDir: string): Promise<PrecacheEntry[]> {
  const urls = parsePrecacheUrls(await readFile(path.join(distDir, 'sw.js'), 'utf8'));
  return Promise.all(urls.map(async (url) => ({ url, bytes: await sizeOf(path.join(distDir, url)) })));
}

export interface CheckOptions {
  distDir: string;
  maxPrecachedFileBytes: number;
  /** Files that must be precached whatever else happens (the compiled rules documents), by URL. */
  required?: readonly string[];
}

/** Lists every built file missing from the precache, every oversized one and every duplicate. */
export async function checkPrecache({
  distDir,
  maxPrecachedFileBytes,
  required = [],
}: CheckOptions): Promise<PrecacheReport> {
  const problems: string[] = [];
  let entries: PrecacheEntry[] = [];
  if ((await sizeOf(path.join(distDir, 'sw.js'))) < 0) {
    problems.push(`${path.join(distDir, 'sw.js')} is missing: no service worker was generated.`);
  } else {
    entries = await readPrecacheManifest(distDir);
  }
  if (!problems.length && !entries.length)
    problems.push('The service worker precaches nothing: its manifest is empty.');

  const precached = new Set(entries.map((entry) => entry.url));
  const seen = new Set<string>();
  for (const { url, bytes } of entries) {
    if (seen.has(url)) problems.push(`${url} is listed twice in the precache.`);
    seen.add(url);
    if (bytes < 0) problems.push(`${url} is in the precache but was not built.`);
    if (bytes > maxPrecachedFileBytes) {
      problems.push(`${url} is ${bytes} bytes, over the ${maxPrecachedFileBytes}-byte precache limit.`);
    }
  }
  const built = entries.length ? await listFiles(distDir) : [];
  for (const file of built) {
    // .vite/manifest.json is Vite's map of modules to chunks, for tests and tools; the app never loads it.
    if (SERVICE_WORKER_FILES.test(file) || file.startsWith('.vite/') || precached.has(file)) continue;
    const original = file.replace(PRECOMPRESSED_COPY, '');
    if (original !== file && (precached.has(original) || SERVICE_WORKER_FILES.test(original))) continue;
    const bytes = (await stat(path.join(distDir, file))).size;
    problems.push(
      bytes > maxPrecachedFileBytes
        ? `${file} will not be precached: it is ${bytes} bytes, over the ${maxPrecachedFileBytes}-byte limit. Split it or raise workbox.maximumFileSizeToCacheInBytes.`
        : `${file} will not be precached: add its type to workbox.globPatterns (scripts/pwa/vite-pwa.ts), or stop building it.`,
    );
  }
  for (const url of required) {
    if (!precached.has(url)) problems.push(`${url} (a rules document) is not precached: it would be missing offline.`);
  }
  const totalBytes = entries.reduce((sum, entry) => sum + Math.max(entry.bytes, 0), 0);
  return { entries, totalBytes, problems };
}
