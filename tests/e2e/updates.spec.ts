import { expect, test, type Page } from '@playwright/test';
import { TABLET_PORTRAIT } from './devices.ts';
import { chooseStHelens, setPassphrase, unlock } from './journeys.ts';
import { expectNoAxeViolations } from './page-checks.ts';
import {
  builtApp,
  countPageLoads,
  openControlledByServiceWorker,
  startStaticServer,
  type StaticServer,
} from './support/pwa.ts';

let server: StaticServer | undefined;
test.afterEach(async () => server?.kill());

const mainScript = (page: Page) =>
  page.evaluate(() => document.querySelector<HTMLScriptElement>('script[type="module"]')?.src ?? '');

/** What the app does when the network comes back: check for a new version at once. */
const networkReturns = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('online')));

test.describe('a new version arrives while a health visitor is typing', () => {
  test.use(TABLET_PORTRAIT);

  test('is offered, not forced, and taken only after the open work is saved', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const [buildA, buildB] = await Promise.all([builtApp('a'), builtApp('b')]);
    server = await startStaticServer(buildA);
    const { port, url: origin } = server;
    const pageLoads = await countPageLoads(page);
    await openControlledByServiceWorker(page, `${origin}/`);
    const scriptA = await mainScript(page);

    await page.getByRole('link', { name: 'Start an assessment' }).click();
    await chooseStHelens(page);
    await setPassphrase(page);
    await expect(page.getByRole('heading', { name: 'About you' })).toBeVisible();
    const name = page.getByLabel('Your full name');
    await name.fill('Typed before the update');
    const loadsBefore = await pageLoads();

    // Build B goes live on the same origin.
    await server.kill();
    server = await startStaticServer(buildB, port);
    await networkReturns(page);

    const banner = page.getByRole('status').filter({ hasText: 'A new version of this app is ready.' });
    await expect(banner).toBeVisible();
    await expect(banner.getByRole('button', { name: 'Update now' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('update-banner.png'), fullPage: true });
    const axeViolations = await expectNoAxeViolations(page, 'the update banner');

    // Nothing happens until the practitioner says so.
    await page.waitForTimeout(3_000);
    expect(await pageLoads()).toBe(loadsBefore);
    await expect(name).toHaveValue('Typed before the update');
    expect(await mainScript(page)).toBe(scriptA);

    // Typed just before accepting, inside the autosave's delay: "Update now" must save it first.
    await name.press('End');
    await name.pressSequentially(', and after');
    await banner.getByRole('button', { name: 'Update now' }).click();
    const updated = page
      .getByRole('status')
      .filter({ hasText: /This app has been updated to version \d+\.\d+\.\d+\+b\./ });
    await expect(updated).toContainText('Your work was saved before the update.');
    expect(await pageLoads()).toBe(loadsBefore + 1);
    expect(await mainScript(page)).not.toBe(scriptA);

    // The key lives in memory only, so the new version starts locked; the draft is intact behind it.
    await unlock(page);
    await expect(page.getByLabel('Your full name')).toHaveValue('Typed before the update, and after');

    // One reload, not a loop.
    await page.waitForTimeout(2_000);
    expect(await pageLoads()).toBe(loadsBefore + 1);
    await testInfo.attach('axe violations', { body: JSON.stringify({ updateBanner: axeViolations }) });
  });
});
