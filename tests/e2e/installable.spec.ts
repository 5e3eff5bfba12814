import { expect, test, type Page } from '@playwright/test';
import { PHONE, TABLET_PORTRAIT } from './devices.ts';
import { checkPage } from './page-checks.ts';
import { builtApp, openControlledByServiceWorker, startAppServer, type AppServer } from './support/pwa.ts';

let server: AppServer | undefined;
test.afterEach(async () => server?.kill());

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer) {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

/** What Chromium fires when it would let the app be installed; a stub records the prompt. */
const offerInstall = (page: Page) =>
  page.evaluate(() => {
    const event = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
      prompt: async () => void ((window as unknown as { prompted: number }).prompted = 1),
      userChoice: Promise.resolve({ outcome: 'accepted' }),
    });
    window.dispatchEvent(event);
  });

test.describe('installing the app', () => {
  test.use(TABLET_PORTRAIT);

  test('has a manifest, icons and a service worker controlling the page, as Chromium requires', async ({ page }) => {
    server = await startAppServer(await builtApp('a'));
    await openControlledByServiceWorker(page, `${server.url}/`);

    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${server.url}/sw.js`);
    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    // Chromium's own checks. Playwright's contexts are off the record, which Chromium never installs
    // from; apart from that there must be nothing in the way.
    expect(installabilityErrors.map((error) => error.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);

    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(manifestHref).toBe('/manifest.webmanifest');
    const manifest = (await (await page.request.get(`${server.url}${manifestHref}`)).json()) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: 'Levels of need',
      short_name: 'Levels of need',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: '#0b3d66',
      background_color: '#ffffff',
    });
    expect(manifest.description).toEqual(expect.stringContaining("child's level of need"));
    const icons = manifest.icons as ManifestIcon[];
    const found = [];
    for (const icon of icons) {
      const response = await page.request.get(`${server.url}${icon.src}`);
      expect(response.headers()['content-type']).toBe('image/png');
      expect(pngSize(await response.body())).toBe(icon.sizes);
      found.push(`${icon.sizes} ${icon.purpose ?? 'any'}`);
    }
    expect(found).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);

    // iOS takes its Home Screen icon from this link, not from the manifest.
    const appleIcon = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
    expect(pngSize(await (await page.request.get(`${server.url}${appleIcon}`)).body())).toBe('180x180');
  });

  test('offers "Install this app" on the start page where the browser allows it, without moving the page', async ({
    page,
  }, testInfo) => {
    server = await startAppServer(await builtApp('a'));
    await openControlledByServiceWorker(page, `${server.url}/`);
    const heading = page.getByRole('heading', { level: 1 });
    const headingBefore = await heading.boundingBox();
    const details = page.getByText('Install this app on this device');
    await expect(details).toBeVisible();

    await offerInstall(page);
    expect(await heading.boundingBox()).toEqual(headingBefore);
    await details.click();
    const install = page.getByRole('button', { name: 'Install this app' });
    await expect(install).toBeVisible();
    const axeViolations = await checkPage(page, testInfo, 'install-offer');
    await install.click();
    expect(await page.evaluate(() => (window as unknown as { prompted?: number }).prompted)).toBe(1);
    await expect(page.getByRole('button', { name: 'Install this app' })).toBeHidden();

    await page.getByRole('link', { name: 'Browse the descriptions of need' }).click();
    await expect(page.getByRole('heading', { level: 1 })).not.toHaveText("Decide a child's level of need");
    await expect(page.getByText('Install this app on this device')).toBeHidden();
    await testInfo.attach('axe violations', { body: JSON.stringify({ installOffer: axeViolations }) });
  });
});

test.describe('installing on an iPhone', () => {
  test.use({
    ...PHONE,
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  });

  test('explains Add to Home Screen, and why it keeps drafts safe', async ({ page }, testInfo) => {
    server = await startAppServer(await builtApp('a'));
    await page.goto(`${server.url}/`);
    const summary = page.getByText('Install this app on your iPad or iPhone');
    await expect(summary).toBeVisible();
    await summary.click();
    await expect(page.getByText('Tap Add to Home Screen, then Add.')).toBeVisible();
    await expect(page.getByText(/Safari can delete what a website has stored after 7 days/)).toBeVisible();
    const axeViolations = await checkPage(page, testInfo, 'install-ios');
    await testInfo.attach('axe violations', { body: JSON.stringify({ installIos: axeViolations }) });
  });

  test('offers nothing once opened from the Home Screen', async ({ page }) => {
    server = await startAppServer(await builtApp('a'));
    // What Safari reports in an app opened from the Home Screen.
    await page.addInitScript({ content: "Object.defineProperty(navigator, 'standalone', { value: true });" });
    await page.goto(`${server.url}/`);
    await expect(page.getByRole('heading', { level: 1, name: "Decide a child's level of need" })).toBeVisible();
    await expect(page.getByText('Install this app')).toHaveCount(0);
  });
});
