/**
 * `npm run bench:unlock`: how long unlocking takes in Chromium at 4× CPU slowdown (Chrome's own
 * throttling, standing in for a mid-range tablet), for the default Argon2id parameters, the
 * candidates around them, and the PBKDF2 keys older versions made. The goal is ≤ 1 s for the
 * default, first unlock after a page load included (that one also fetches and compiles Argon2id's
 * WebAssembly). The page is built by Vite from the app's own Keyring and served from memory.
 * Figures only, never asserted: the machine is shared and noisy.
 */
import { chromium, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'vite';
import { DEFAULT_ARGON2ID, DEFAULT_PBKDF2_ITERATIONS, type KdfParameters } from '../../src/data/crypto/kdf.ts';
import { PROJECT_ROOT } from '../pwa/processes.ts';
import { fixed, median, printSection, type Figure } from './measure.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CPU_SLOWDOWN = 4;
const RUNS = 5;
const ORIGIN = 'https://unlock-bench.invalid';
const OUT_DIR = path.join(PROJECT_ROOT, 'test-results', 'bench-unlock');

const CANDIDATES: KdfParameters[] = [
  { kdf: 'PBKDF2-SHA-256', iterations: DEFAULT_PBKDF2_ITERATIONS },
  { kdf: 'Argon2id', memoryKiB: 19_456, passes: 2, parallelism: 1 },
  { kdf: 'Argon2id', memoryKiB: 19_456, passes: 3, parallelism: 1 },
  { kdf: 'Argon2id', memoryKiB: 32_768, passes: 2, parallelism: 1 },
  { kdf: 'Argon2id', memoryKiB: 32_768, passes: 3, parallelism: 1 },
  { kdf: 'Argon2id', memoryKiB: 47_104, passes: 2, parallelism: 1 },
];

const describe = (kdf: KdfParameters) =>
  kdf.kdf === 'PBKDF2-SHA-256'
    ? `PBKDF2-SHA-256, ${kdf.iterations.toLocaleString('en-GB')} iterations`
    : `Argon2id, ${(kdf.memoryKiB / 1024).toFixed(0)} MiB, t=${kdf.passes}, p=${kdf.parallelism}`;

async function openPage(newPage: () => Promise<Page>, slowdown = CPU_SLOWDOWN): Promise<Page> {
  const page = await newPage();
  // An https origin, so that WebCrypto is available; every file comes from the fresh build.
  await page.route(`${ORIGIN}/**`, async (route) => {
    const file = path.join(OUT_DIR, new URL(route.request().url()).pathname.replace(/\/$/, '/index.html'));
    const type = file.endsWith('.html') ? 'text/html' : file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript';
    await route.fulfill({ body: await readFile(file), contentType: type });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => 'timeUnlocks' in window);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  return page;
}

export async function benchUnlock(): Promise<void> {
  await build({
    configFile: false,
    root: path.join(PROJECT_ROOT, 'scripts', 'bench', 'unlock-page'),
    logLevel: 'warn',
    build: { outDir: OUT_DIR, emptyOutDir: true },
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  const figures: Figure[] = [];
  try {
    // The default once without slowdown, to show the slowdown applies (WebCrypto's PBKDF2 runs
    // natively, off the page's thread, and is barely affected by it).
    const runs: [KdfParameters, number][] = [
      [DEFAULT_ARGON2ID, 1],
      ...CANDIDATES.map((kdf) => [kdf, CPU_SLOWDOWN] as [KdfParameters, number]),
    ];
    for (const [kdf, slowdown] of runs) {
      const setUpPage = await openPage(() => browser.newPage());
      const record = await setUpPage.evaluate((k) => (window as unknown as Bench).setUpRecord(k), kdf);
      await setUpPage.close();
      const page = await openPage(() => browser.newPage(), slowdown);
      const [first = Number.NaN, ...rest] = await page.evaluate(
        ([r, count]) => (window as unknown as Bench).timeUnlocks(r, count),
        [record, RUNS + 1] as const,
      );
      await page.close();
      const isDefault = JSON.stringify(kdf) === JSON.stringify(DEFAULT_ARGON2ID);
      figures.push({
        name: `${describe(kdf)}${isDefault ? ' (default)' : ''}, ${slowdown}×`,
        value: `first ${fixed(first, 0)} ms, then median ${fixed(median(rest), 0)} ms`,
        note: `${RUNS} unlocks after the first`,
      });
    }
  } finally {
    await browser.close();
  }
  printSection(
    `Unlock in Chromium at ${CPU_SLOWDOWN}× CPU slowdown (goal ≤ 1,000 ms for the default at ${CPU_SLOWDOWN}×)`,
    figures,
  );
}

interface Bench {
  setUpRecord(kdf: KdfParameters): Promise<unknown>;
  timeUnlocks(record: unknown, runs: number): Promise<number[]>;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchUnlock();
