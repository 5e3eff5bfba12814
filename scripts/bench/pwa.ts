/**
 * The installable, offline app: what the service worker precaches, how much JavaScript the start
 * page needs, how long an offline reload takes to show the quick check's first question (beside
 * a bare React page built and served the same way, in the same run), and Lighthouse's mobile
 * scores. The server is killed for the offline figures, so the service worker alone serves them.
 */
import { chromium, type Browser } from '@playwright/test';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readPrecacheManifest } from '../pwa/precache.ts';
import { buildApp, buildProject, PROJECT_ROOT, startAppServer } from '../pwa/processes.ts';
import {
  buildBareTapPage,
  pairedRatio,
  ratio,
  TAP_CPU_SLOWDOWN,
  tapToFirstQuestion,
  type TapFigures,
} from './first-question.ts';
import { fixed, kib, median, printSection, type Figure } from './measure.ts';
import { startRealServer } from './real-server.ts';

const WORK_DIR = path.join(PROJECT_ROOT, 'test-results', 'bench-pwa');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu'];
const RELOADS = 5;
const CPU_SLOWDOWN = 4;
const FIRST_QUESTION = "The child's age";
const CHOSEN_AREA = { key: 'levels-of-need.chosen-document', value: 'st-helens' };
/** Lighthouse's scores move by several points between runs on a shared machine: report the median. */
const LIGHTHOUSE_RUNS = 3;

/** The smallest React page that shows the same heading, with the same PWA plugins. */
async function buildBareReact(): Promise<string> {
  const source = path.join(WORK_DIR, 'bare-react-src');
  await rm(source, { recursive: true, force: true });
  await mkdir(source, { recursive: true });
  const pwaModule = path.join(PROJECT_ROOT, 'scripts', 'pwa', 'vite-pwa.ts');
  await writeFile(
    path.join(source, 'vite.config.ts'),
    `import react from '@vitejs/plugin-react';\nimport { pwaPlugins } from ${JSON.stringify(pwaModule)};\n` +
      `export default { root: ${JSON.stringify(source)}, plugins: [react(), ...pwaPlugins()] };\n`,
  );
  await writeFile(
    path.join(source, 'index.html'),
    '<!doctype html><html lang="en-GB"><head><meta charset="UTF-8" /><title>Bare</title></head>' +
      '<body><div id="root"></div><script type="module" src="/main.tsx"></script></body></html>',
  );
  await writeFile(
    path.join(source, 'main.tsx'),
    `import { createRoot } from 'react-dom/client';\n` +
      `createRoot(document.getElementById('root')!).render(<main><h1>${FIRST_QUESTION}</h1></main>);\n` +
      `window.addEventListener('load', () => navigator.serviceWorker.register('/sw.js'));\n`,
  );
  const outDir = path.join(WORK_DIR, 'bare-react');
  await buildProject(path.join(source, 'vite.config.ts'), outDir);
  return outDir;
}

const STATIC_IMPORT = /\b(?:import|export)\s*(?:[^"'()]*?\bfrom\s*)?["']([^"']+\.js)["']/g;

/** The start page's JavaScript: the entry script and everything it imports statically, gzipped. */
async function startPageBytes(distDir: string) {
  const html = await readFile(path.join(distDir, 'index.html'), 'utf8');
  const pending = [...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)].map((match) => match[1] ?? '');
  const seen = new Set<string>();
  let js = 0;
  while (pending.length) {
    const file = pending.pop() ?? '';
    if (seen.has(file)) continue;
    seen.add(file);
    const code = await readFile(path.join(distDir, file));
    js += gzipSync(code, { level: 9 }).length;
    for (const [, target = ''] of code.toString('utf8').matchAll(STATIC_IMPORT)) {
      pending.push(path.posix.join(path.posix.dirname(file), target));
    }
  }
  let css = 0;
  for (const [, file = ''] of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+)"/g)) {
    css += gzipSync(await readFile(path.join(distDir, file)), { level: 9 }).length;
  }
  return { js, css, scripts: seen.size };
}

/**
 * Loads `url` online until the service worker controls it, kills the server, then reloads: the
 * time from the start of each reload to the heading `FIRST_QUESTION` appearing, in ms.
 */
async function offlineReloads(browser: Browser, distDir: string, pathname: string) {
  const server = await startAppServer(distDir);
  const context = await browser.newContext({ viewport: { width: 768, height: 1024 } });
  try {
    const page = await context.newPage();
    // A string, not a function: tsx would wrap named functions in a helper the page does not have.
    await page.addInitScript({
      content: `new MutationObserver((records, observer) => {
        if (![...document.querySelectorAll('h1')].some((h1) => h1.textContent.includes(${JSON.stringify(FIRST_QUESTION)}))) return;
        window.firstQuestionMs = performance.now();
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true, characterData: true });`,
    });
    await page.goto(`${server.url}/`);
    await page.evaluate(({ key, value }) => localStorage.setItem(key, value), CHOSEN_AREA);
    const ready = await page.evaluate(() =>
      Promise.race([
        navigator.serviceWorker.ready.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 30_000)),
      ]),
    );
    if (!ready) throw new Error(`No service worker became active for ${pathname}`);
    await page.goto(`${server.url}${pathname}`);
    const controlled = await page.evaluate(() => Boolean(navigator.serviceWorker.controller));
    if (!controlled) throw new Error(`The service worker does not control ${pathname}`);
    await server.kill();

    const cdp = await context.newCDPSession(page);
    const timings = async (rate: number) => {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
      const times: number[] = [];
      // One reload to settle, then the measured ones.
      for (let run = 0; run <= RELOADS; run++) {
        await page.reload({ waitUntil: 'commit' });
        const handle = await page.waitForFunction(
          () => (window as unknown as { firstQuestionMs?: number }).firstQuestionMs,
          undefined,
          { timeout: 30_000 },
        );
        if (run > 0) times.push((await handle.jsonValue()) as number);
      }
      return times;
    };
    return { throttled: await timings(CPU_SLOWDOWN), unthrottled: await timings(1) };
  } finally {
    await context.close();
    await server.kill();
  }
}

interface LighthouseResult {
  scores: Record<string, number | null>;
  manifest: boolean;
  serviceWorker: boolean;
}

/**
 * Against the real server (`npm start`: its CSP, cache headers and compression), as issue 13 asks.
 * Lighthouse 12 has no PWA category: the manifest link and the service-worker target come from its artifacts.
 */
async function lighthouse(distDir: string, run: number): Promise<LighthouseResult> {
  const server = await startRealServer(distDir);
  const artifacts = path.join(WORK_DIR, `lighthouse-${run}`);
  await rm(artifacts, { recursive: true, force: true });
  try {
    const child = spawn(
      path.join(PROJECT_ROOT, 'node_modules', '.bin', 'lighthouse'),
      [
        `${server.url}/`,
        `--chrome-path=${CHROMIUM}`,
        `--chrome-flags=${CHROMIUM_ARGS.join(' ')}`,
        '--only-categories=performance,accessibility,best-practices',
        '--form-factor=mobile',
        // Gather and audit, keeping the artifacts (and the report, as lhr.report.json) in one folder.
        `-GA=${artifacts}`,
        // Otherwise Lighthouse also writes an HTML report into the working directory.
        '--output=json',
        `--output-path=${artifacts}.report.json`,
        '--quiet',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`lighthouse failed (exit ${code}): ${errors.slice(-2000)}`);

    const report = JSON.parse(await readFile(path.join(artifacts, 'lhr.report.json'), 'utf8')) as {
      categories: Record<string, { score: number | null }>;
    };
    const gathered = JSON.parse(await readFile(path.join(artifacts, 'artifacts.json'), 'utf8')) as {
      LinkElements?: { rel: string; href: string }[];
    };
    const devtoolsLog = await readFile(path.join(artifacts, 'defaultPass.devtoolslog.json'), 'utf8');
    return {
      scores: Object.fromEntries(Object.entries(report.categories).map(([id, { score }]) => [id, score])),
      manifest: Boolean(gathered.LinkElements?.some((link) => link.rel === 'manifest')),
      serviceWorker: /"type":\s*"service_worker"[^}]*"url":\s*"[^"]*\/sw\.js"/.test(devtoolsLog),
    };
  } finally {
    await server.stop();
  }
}

const ms = (values: number[]) =>
  `${fixed(median(values), 0)} ms (min ${fixed(Math.min(...values), 0)}, max ${fixed(Math.max(...values), 0)})`;

export async function benchPwa(): Promise<void> {
  await mkdir(WORK_DIR, { recursive: true });
  const appDist = path.join(WORK_DIR, 'app');
  await buildApp(appDist, 'bench');
  const bareDist = await buildBareReact();
  const bareTapDist = await buildBareTapPage(WORK_DIR);

  const precache = await readPrecacheManifest(appDist);
  const precacheBytes = precache.reduce((sum, entry) => sum + entry.bytes, 0);
  let precacheGzip = 0;
  for (const entry of precache) {
    const bytes = await readFile(path.join(appDist, entry.url));
    precacheGzip += /\.png$/.test(entry.url) ? bytes.length : gzipSync(bytes, { level: 9 }).length;
  }
  const start = await startPageBytes(appDist);
  const bareStart = await startPageBytes(bareDist);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  let app: Awaited<ReturnType<typeof offlineReloads>>;
  let bare: Awaited<ReturnType<typeof offlineReloads>>;
  let taps: TapFigures;
  try {
    taps = await tapToFirstQuestion(browser, appDist, bareTapDist);
    app = await offlineReloads(browser, appDist, '/quick-check/age');
    bare = await offlineReloads(browser, bareDist, '/');
  } finally {
    await browser.close();
  }
  const audits: LighthouseResult[] = [];
  for (let run = 1; run <= LIGHTHOUSE_RUNS; run++) audits.push(await lighthouse(appDist, run));
  const score = (id: string) => {
    const values = audits.flatMap((audit) => (typeof audit.scores[id] === 'number' ? [audit.scores[id] * 100] : []));
    if (!values.length) return 'n/a';
    return `${Math.round(median(values))} (${values.map((value) => Math.round(value)).join('/')})`;
  };
  const seenInAll = (key: 'manifest' | 'serviceWorker') => (audits.every((audit) => audit[key]) ? 'yes' : 'NO');

  const figures: Figure[] = [
    {
      name: `start page → tap Quick check → first question, cold, ${TAP_CPU_SLOWDOWN}× CPU`,
      value: ms(taps.app),
      note: 'real server, 390×844, no service worker, new context each run',
    },
    { name: '  bare React page, same tap', value: ms(taps.bareTap), note: 'same server, same run' },
    { name: '  bare React page, question at once', value: ms(taps.bareDirect), note: 'as issue 13 first measured' },
    {
      name: '  ratio to bare React (goal ≤ 1.5×)',
      value: `${fixed(ratio(taps.app, taps.bareTap), 2)}× with the same tap`,
      note: `run by run: ${fixed(pairedRatio(taps.app, taps.bareTap), 2)}× (median); ${fixed(ratio(taps.app, taps.bareDirect), 2)}× to the question at once`,
    },
    {
      name: 'precache',
      value: `${precache.length} entries, ${kib(precacheBytes)}`,
      note: `${kib(precacheGzip)} gzipped: the first visit's download`,
    },
    {
      name: 'start page JS, gzip',
      value: kib(start.js),
      note: `${start.scripts} file(s) before any route loads; CSS ${kib(start.css)}; bare React page ${kib(bareStart.js)}`,
    },
    {
      name: `offline reload → first question, ${CPU_SLOWDOWN}× CPU`,
      value: ms(app.throttled),
      note: `median of ${RELOADS}, server killed; the quick check's age question`,
    },
    { name: `  bare React page, ${CPU_SLOWDOWN}× CPU`, value: ms(bare.throttled), note: 'same build, SW and run' },
    { name: 'offline reload → first question, 1× CPU', value: ms(app.unthrottled) },
    { name: '  bare React page, 1× CPU', value: ms(bare.unthrottled) },
    {
      name: 'Lighthouse mobile (goal 95/100/100)',
      value: `performance ${score('performance')}, accessibility ${score('accessibility')}, best practices ${score('best-practices')}`,
      note: `median (runs) of ${LIGHTHOUSE_RUNS}; first visit against the real server, simulated slow 4G and 4× CPU`,
    },
    {
      name: 'Lighthouse saw',
      value: `manifest ${seenInAll('manifest')}, service worker ${seenInAll('serviceWorker')}`,
      note: 'in every run: the manifest link, and a service-worker target for /sw.js, in its artifacts',
    },
  ];
  printSection('Installable and offline app', figures);
}
