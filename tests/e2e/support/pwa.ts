import { expect, type Page } from '@playwright/test';
import path from 'node:path';
import { buildApp, PROJECT_ROOT, startAppServer, type AppServer } from '../../../scripts/pwa/processes.ts';

export { startAppServer, type AppServer };

const BUILDS_DIR = path.join(PROJECT_ROOT, 'test-results', 'pwa-builds');
const builds = new Map<string, Promise<string>>();

/**
 * The app built into a folder of its own, labelled (the label is in the bundle, so two labels are
 * two versions). Built once per test run and label, never reused from an earlier run.
 */
export function builtApp(label: 'a' | 'b'): Promise<string> {
  let build = builds.get(label);
  if (!build) {
    const outDir = path.join(BUILDS_DIR, label);
    build = buildApp(outDir, label).then(() => outDir);
    builds.set(label, build);
  }
  return build;
}

/**
 * With `registerType: 'prompt'` the worker does not control the first page load: wait until it is
 * active, then reload once so it controls the page (and has precached everything).
 */
export async function openControlledByServiceWorker(page: Page, url: string) {
  await page.goto(url);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none')).toBe('activated');
}

/** Counts the page's own loads (a reload included), so a test can prove nothing reloaded. */
export async function countPageLoads(page: Page) {
  await page.addInitScript(() => {
    const key = 'test:page-loads';
    sessionStorage.setItem(key, String(Number(sessionStorage.getItem(key) ?? '0') + 1));
  });
  return () => page.evaluate(() => Number(sessionStorage.getItem('test:page-loads') ?? '0'));
}
