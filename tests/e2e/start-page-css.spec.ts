import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { PHONE } from './devices.ts';

/** Issue 15: GOV.UK Frontend is the base, and the start page still loads at most 10 KB of CSS, gzipped. */
const START_PAGE_CSS_BUDGET_BYTES = 10 * 1024;

const dist = (file: string) => new URL(`../../dist/${file}`, import.meta.url);

/** The stylesheets Vite's manifest lists for the app's entry (build.manifest): what every page loads first. */
function entryStylesheets(): string[] {
  const manifest = JSON.parse(readFileSync(dist('.vite/manifest.json'), 'utf8')) as Record<string, { css?: string[] }>;
  return (manifest['index.html']?.css ?? []).map((file) => `/${file}`);
}

test.describe('the start page’s CSS', () => {
  test.use({ ...PHONE, serviceWorkers: 'block' });

  test('is the entry’s stylesheet and any of the page’s own, at most 10 KB gzipped', async ({ page }) => {
    const requested: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'stylesheet') requested.push(new URL(request.url()).pathname);
    });
    await page.goto('/');
    await expect(page.getByText('You have no saved assessments on this device.')).toBeVisible();

    const entry = entryStylesheets();
    expect(entry.length, 'the entry has a stylesheet').toBeGreaterThan(0);
    expect(requested).toEqual(expect.arrayContaining(entry));
    const gzipped = requested.map((path) => gzipSync(readFileSync(dist(path.slice(1))), { level: 9 }).length);
    const total = gzipped.reduce((sum, bytes) => sum + bytes, 0);
    expect(total, `CSS loaded by the start page: ${requested.join(', ')}`).toBeLessThanOrEqual(
      START_PAGE_CSS_BUDGET_BYTES,
    );
  });
});
