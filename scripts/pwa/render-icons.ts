/**
 * Renders the app's PNG icons from their SVG sources in public/icons/, with Debian's chromium:
 *
 *   npx tsx scripts/pwa/render-icons.ts
 *
 * The PNGs are committed beside their sources (the build does not run a browser). Run this again
 * after changing an SVG. `CHROMIUM_PATH` overrides the browser.
 */
import { chromium } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const ICONS_DIR = fileURLToPath(new URL('../../public/icons/', import.meta.url));

/** Each PNG, its SVG source and its size in pixels. */
export const ICON_RENDERS = [
  { source: 'icon.svg', output: 'icon-192.png', sizePx: 192 },
  { source: 'icon.svg', output: 'icon-512.png', sizePx: 512 },
  { source: 'icon-maskable.svg', output: 'icon-maskable-512.png', sizePx: 512 },
  // iOS ignores the manifest's icons for the Home Screen and rounds the corners itself.
  { source: 'icon-maskable.svg', output: 'apple-touch-icon-180.png', sizePx: 180 },
] as const;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const { source, output, sizePx } of ICON_RENDERS) {
    const svg = await readFile(`${ICONS_DIR}${source}`);
    await page.setViewportSize({ width: sizePx, height: sizePx });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}img{display:block}</style>` +
        `<img width="${sizePx}" height="${sizePx}" src="data:image/svg+xml;base64,${svg.toString('base64')}">`,
    );
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    await page.screenshot({
      path: `${ICONS_DIR}${output}`,
      clip: { x: 0, y: 0, width: sizePx, height: sizePx },
      omitBackground: true,
    });
    process.stdout.write(`public/icons/${output} (${sizePx}px from ${source})\n`);
  }
} finally {
  await browser.close();
}
