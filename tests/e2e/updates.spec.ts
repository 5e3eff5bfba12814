import { expect, test, type Page } from '@playwright/test';
import { TABLET_PORTRAIT } from './devices.ts';
import { chooseStHelens, openSection, setPassphrase, unlock } from './journeys.ts';
import { expectNoAxeViolations } from './page-checks.ts';
import {
  builtApp,
  countPageLoads,
  openControlledByServiceWorker,
  startAppServer,
  type AppServer,
} from './support/pwa.ts';

let server: AppServer | undefined;
test.afterEach(async () => server?.kill());

const mainScript = (page: Page) =>
  page.evaluate(() => document.querySelector<HTMLScriptElement>('script[type="module"]')?.src ?? '');

/**
 * The page reloads only on `controllerchange`, which needs the waiting worker to activate. So
 * "nothing was forced" is a state to read, not a time to wait out: after a further update check
 * has finished, the new worker is still waiting, the old one still controls the page, and no
 * `controllerchange` has fired since `watchControllerChanges`.
 */
const watchControllerChanges = (page: Page) =>
  page.evaluate(() => {
    const counted = window as unknown as { controllerChanges: number };
    counted.controllerChanges = 0;
    navigator.serviceWorker.addEventListener('controllerchange', () => (counted.controllerChanges += 1));
  });

const workersAfterAnUpdateCheck = (page: Page) =>
  page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration) return undefined;
    await registration.update();
    return {
      waiting: registration.waiting?.state ?? 'none',
      active: registration.active?.state ?? 'none',
      controlledByActive: navigator.serviceWorker.controller?.scriptURL === registration.active?.scriptURL,
      controllerChanges: (window as unknown as { controllerChanges?: number }).controllerChanges,
    };
  });

/** What the app does when the network comes back: check for a new version at once. */
const networkReturns = (page: Page) => page.evaluate(() => window.dispatchEvent(new Event('online')));

test.describe('a new version arrives while a health visitor is typing', () => {
  test.use(TABLET_PORTRAIT);

  test('is offered, not forced, and taken only after the open work is saved', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const [buildA, buildB] = await Promise.all([builtApp('a'), builtApp('b')]);
    server = await startAppServer(buildA);
    const { port, url: origin } = server;
    const pageLoads = await countPageLoads(page);
    await openControlledByServiceWorker(page, `${origin}/`);
    const scriptA = await mainScript(page);

    await page.getByRole('link', { name: 'Start an assessment' }).click();
    await chooseStHelens(page);
    await setPassphrase(page);
    await openSection(page, 'About you');
    const name = page.getByLabel('Your full name');
    await name.fill('Typed before the update');
    const loadsBefore = await pageLoads();

    // Build B goes live on the same origin.
    await server.kill();
    server = await startAppServer(buildB, port);
    await networkReturns(page);

    const banner = page.getByRole('status').filter({ hasText: 'A new version of this app is ready.' });
    await expect(banner).toBeVisible();
    await expect(banner.getByRole('button', { name: 'Update now' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('update-banner.png'), fullPage: true });
    const axeViolations = await expectNoAxeViolations(page, 'the update banner');

    // Nothing happens until the practitioner says so, even after another check for updates.
    await watchControllerChanges(page);
    await networkReturns(page);
    expect(await workersAfterAnUpdateCheck(page)).toEqual({
      waiting: 'installed',
      active: 'activated',
      controlledByActive: true,
      controllerChanges: 0,
    });
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

    // One reload, not a loop: the new version controls the page and nothing is left waiting, so
    // no further `controllerchange` (the only trigger for a reload) can come.
    await watchControllerChanges(page);
    expect(await workersAfterAnUpdateCheck(page)).toEqual({
      waiting: 'none',
      active: 'activated',
      controlledByActive: true,
      controllerChanges: 0,
    });
    expect(await pageLoads()).toBe(loadsBefore + 1);
    await testInfo.attach('axe violations', { body: JSON.stringify({ updateBanner: axeViolations }) });
  });
});
