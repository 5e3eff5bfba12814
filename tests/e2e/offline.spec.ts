import { expect, test } from '@playwright/test';
import { TABLET_PORTRAIT } from './devices.ts';
import { chooseStHelens, continueButton, openSection, setPassphrase, tick, unlock } from './journeys.ts';
import { builtApp, openControlledByServiceWorker, startAppServer, type AppServer } from './support/pwa.ts';

const DOMAINS = [
  "The child's developmental needs",
  'Parenting capacity',
  'Family and environmental factors',
  'Specific risks and circumstances',
];

let server: AppServer | undefined;
test.afterEach(async () => server?.kill());

test.describe('a health visitor in a home with no signal', () => {
  test.use(TABLET_PORTRAIT);

  test('opens the app, does a quick check, browses, and starts and reopens a draft with the server gone', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    server = await startAppServer(await builtApp('a'));
    const origin = server.url;
    await openControlledByServiceWorker(page, `${origin}/`);

    // Not setOffline: the server process is killed, so the service worker's own requests fail too.
    await server.kill();
    expect(
      await page.evaluate(() =>
        fetch('/api/ping').then(
          () => 'answered',
          () => 'no answer',
        ),
      ),
    ).toBe('no answer');

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: "Decide a child's level of need" })).toBeVisible();
    await expect(
      page.getByRole('status').filter({ hasText: 'Offline: everything works except sending.' }),
    ).toBeVisible();

    await page.getByRole('link', { name: 'Quick check' }).click();
    await chooseStHelens(page);
    await expect(page.getByRole('heading', { name: "The child's age" })).toBeVisible();
    await page.getByLabel('12 to 17 years').check();
    await continueButton(page).click();
    for (const domain of DOMAINS) {
      await expect(page.getByRole('heading', { name: domain })).toBeVisible();
      if (domain === 'Parenting capacity') await tick(page, 'boundaries-beyond-parental-control');
      await page.getByRole('link', { name: 'Continue' }).click();
    }
    await expect(page.getByRole('heading', { name: 'Suggested level of need' })).toBeVisible();
    await expect(page.getByText(/^Level [34]: /).first()).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Why this level' })).toBeVisible();

    // A full page load of a deep link comes from the precache too.
    await page.goto(`${origin}/browse`);
    await expect(page.getByRole('heading', { level: 1, name: 'St Helens descriptions of need' })).toBeVisible();
    await page.getByRole('link', { name: 'Parenting capacity' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Parenting capacity' })).toBeVisible();

    await page.goto(`${origin}/`);
    await page.getByRole('link', { name: 'Start an assessment' }).click();
    await setPassphrase(page);
    await openSection(page, 'About you');
    await page.getByLabel('Your full name').fill('Offline Referrer');
    await page.getByLabel('Your role').fill('Health visitor');
    await page.getByLabel('Health visiting').check();
    await page.getByLabel('Phone number').fill('01632 960111');
    await continueButton(page).click();
    await openSection(page, "The child's age and your concern");
    await page.getByLabel('0 to 4 years').check();
    await page.getByLabel('What are you worried about?').fill('Written with no signal.');
    await expect(page.getByRole('status').filter({ hasText: 'Offline:' })).toBeVisible();
    await continueButton(page).click();
    await expect(page.getByRole('heading', { name: 'Make a referral' })).toBeVisible();

    // The saved draft opens again from the device alone.
    await page.reload();
    await unlock(page);
    await openSection(page, "The child's age and your concern");
    await expect(page.getByLabel('What are you worried about?')).toHaveValue('Written with no signal.');
    await expect(page.getByLabel('0 to 4 years')).toBeChecked();
  });
});
