/**
 * Issue 13's third goal: the drafts store in a real browser. browser/drafts-entry.ts is bundled
 * with Vite and run in Chromium with a profile on disk (a Playwright context of its own would
 * keep IndexedDB in memory, and a save is only "committed" once the browser has flushed it), at
 * 4× CPU. Without Chromium the section says it was skipped, and why.
 */
import { chromium } from '@playwright/test';
import { access, constants, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DraftContent } from '../../src/domain/assessment/draft.ts';
import type { ThresholdsDocument } from '../../src/domain/thresholds/schema.ts';
import { buildProject, PROJECT_ROOT, startAppServer } from '../pwa/processes.ts';
import { fixed, median, percentile, printSection } from './measure.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CPU_SLOWDOWN = 4;
const AUTOSAVES = 200;
const LISTED_DRAFTS = 1_000;
const LIST_RUNS = 5;
const WORK_DIR = path.join(PROJECT_ROOT, 'test-results', 'bench-drafts-browser');
const TITLE = `Drafts store in Chromium's IndexedDB, ${CPU_SLOWDOWN}× CPU`;

async function buildEntry(): Promise<string> {
  const source = path.join(WORK_DIR, 'src');
  await rm(source, { recursive: true, force: true });
  await mkdir(source, { recursive: true });
  const entry = path.relative(source, path.join(PROJECT_ROOT, 'scripts', 'bench', 'browser', 'drafts-entry.ts'));
  await writeFile(path.join(source, 'main.ts'), `import ${JSON.stringify(entry.split(path.sep).join('/'))};\n`);
  await writeFile(
    path.join(source, 'index.html'),
    '<!doctype html><html lang="en-GB"><head><meta charset="UTF-8" /><title>loading</title></head>' +
      '<body><script type="module" src="/main.ts"></script></body></html>',
  );
  await writeFile(
    path.join(source, 'vite.config.ts'),
    `export default { root: ${JSON.stringify(source)}, logLevel: 'error' };\n`,
  );
  const outDir = path.join(WORK_DIR, 'dist');
  await buildProject(path.join(source, 'vite.config.ts'), outDir);
  return outDir;
}

interface DraftsBench {
  autosaves(document: ThresholdsDocument, content: DraftContent, count: number): Promise<number[]>;
  fillList(document: ThresholdsDocument, content: DraftContent, count: number): Promise<void>;
  listOnce(): Promise<{ ms: number; listed: number }>;
}
type BenchWindow = { draftsBench: DraftsBench };

export async function benchDraftsInBrowser(document: ThresholdsDocument, content: DraftContent): Promise<void> {
  try {
    await access(CHROMIUM, constants.X_OK);
  } catch {
    printSection(TITLE, [{ name: 'skipped', value: `no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)` }]);
    return;
  }
  await mkdir(WORK_DIR, { recursive: true });
  const dist = await buildEntry();
  const server = await startAppServer(dist);
  const profile = await mkdtemp(path.join(os.tmpdir(), 'lon-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu'],
    headless: true,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => document.title === 'ready');
    const cdp = await context.newCDPSession(page);
    const throttle = (rate: number) => cdp.send('Emulation.setCPUThrottlingRate', { rate });

    await throttle(CPU_SLOWDOWN);
    const saves = await page.evaluate(
      ([doc, draft, count]) => (window as unknown as BenchWindow).draftsBench.autosaves(doc, draft, count),
      [document, content, AUTOSAVES] as const,
    );
    // Filling 1,000 drafts is set-up, not the figure: at full speed.
    await throttle(1);
    await page.evaluate(
      ([doc, draft, count]) => (window as unknown as BenchWindow).draftsBench.fillList(doc, draft, count),
      [document, content, LISTED_DRAFTS] as const,
    );
    await throttle(CPU_SLOWDOWN);
    const lists: number[] = [];
    let listed = 0;
    for (let run = 0; run <= LIST_RUNS; run++) {
      const result = await page.evaluate(() => (window as unknown as BenchWindow).draftsBench.listOnce());
      listed = result.listed;
      if (run > 0) lists.push(result.ms); // the first list warms Dexie's connection
    }
    saves.sort((a, b) => a - b);
    printSection(TITLE, [
      {
        name: 'autosave → committed p95 (goal ≤ 50 ms)',
        value: `${fixed(percentile(saves, 95), 1)} ms`,
        note: `p50 ${fixed(percentile(saves, 50), 1)} ms, ${AUTOSAVES} saves: validate, seal 9 sections, strict-durability write`,
      },
      {
        name: `list ${LISTED_DRAFTS.toLocaleString('en-GB')} drafts (goal ≤ 200 ms)`,
        value: `${fixed(median(lists), 1)} ms`,
        note: `median of ${LIST_RUNS}, listSummaries(), ${listed} listed, profile on disk`,
      },
    ]);
  } finally {
    await context.close();
    await server.kill();
    await rm(profile, { recursive: true, force: true });
  }
}
