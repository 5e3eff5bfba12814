import { expect, test } from '@playwright/test';
import { TABLET_LANDSCAPE } from './devices.ts';
import { chooseStHelens } from './journeys.ts';
import { checkPage, expectNoHorizontalScroll } from './page-checks.ts';

test.describe('browsing the descriptions of need on a landscape tablet', () => {
  test.use(TABLET_LANDSCAPE);

  test('shows the document by level and by domain, and finds indicators by theme', async ({ page }, testInfo) => {
    await page.goto('/browse');
    await chooseStHelens(page);
    await expect(page.getByRole('heading', { level: 1, name: 'St Helens descriptions of need' })).toBeVisible();
    await checkPage(page, testInfo, 'landscape-browse');
    await page.getByLabel('Search all descriptions').fill('private fostering');
    await expect(page.getByText(/descriptions match/)).toBeVisible();
    await page.getByRole('link', { name: /^Level 2:/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^Level 2:/ })).toBeVisible();
    await checkPage(page, testInfo, 'landscape-browse-level-2');
    await page.goBack();
    await page.getByRole('link', { name: 'Parenting capacity' }).click();
    await expect(page.getByRole('heading', { level: 2, name: /^Level 4:/ })).toBeVisible();
    await checkPage(page, testInfo, 'landscape-browse-parenting');
  });

  test('stays usable with text resized to 200%', async ({ page }) => {
    await page.goto('/browse');
    await chooseStHelens(page);
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
    });
    await expectNoHorizontalScroll(page, 'browse at 200% text');
    await page.getByRole('link', { name: 'Parenting capacity' }).click();
    await expectNoHorizontalScroll(page, 'domain page at 200% text');
    await expect(page.getByRole('heading', { level: 1, name: 'Parenting capacity' })).toBeInViewport();
  });
});
