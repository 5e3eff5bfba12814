import { expect, test, type Page } from '@playwright/test';
import { PHONE, TABLET_PORTRAIT } from './devices.ts';
import { chooseStHelens, continueButton, tick } from './journeys.ts';
import { checkPage } from './page-checks.ts';

const DOMAINS = [
  "The child's developmental needs",
  'Parenting capacity',
  'Family and environmental factors',
  'Specific risks and circumstances',
];

test.describe('a police officer on a phone', () => {
  test.use(PHONE);

  test('completes a quick check and sees the level, the reasons and what to do', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await page.goto('/');
    await page.getByRole('link', { name: 'Quick check' }).click();
    await chooseStHelens(page);
    await expect(page.getByRole('heading', { name: "The child's age" })).toBeVisible();
    await continueButton(page).click();
    await expect(page.getByRole('link', { name: "Select the child's age" })).toBeVisible();
    await checkPage(page, testInfo, 'phone-quick-age-error');
    await page.getByLabel('12 to 17 years').check();
    await continueButton(page).click();

    for (const domain of DOMAINS) {
      await expect(page.getByRole('heading', { name: domain })).toBeVisible();
      if (domain === 'Specific risks and circumstances') {
        await page.getByLabel('Search all descriptions').fill('county lines');
        await expect(page.getByText(/descriptions? match/)).toBeVisible();
        await page.locator('[id^="search-exploitation-"]').first().check();
        await expect(page.locator('.live-level')).not.toContainText('No concerns chosen yet');
      }
      if (domain === 'Parenting capacity') await tick(page, 'boundaries-beyond-parental-control');
      await checkPage(page, testInfo, `phone-quick-${domain}`);
      await page.getByRole('link', { name: 'Continue' }).click();
    }

    await expect(page.getByRole('heading', { name: 'Suggested level of need' })).toBeVisible();
    await expect(page.getByText(/^Level [34]: /).first()).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Why this level' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'The offer of support' })).toBeVisible();
    await checkPage(page, testInfo, 'phone-quick-result');
  });
});

async function tabTo(page: Page, matches: (text: string, tag: string) => boolean, maxPresses = 80) {
  for (let presses = 0; presses < maxPresses; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      const label = element?.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : '';
      return { text: `${element?.textContent ?? ''} ${label ?? ''}`.trim(), tag: element?.tagName ?? '' };
    });
    if (matches(focused.text, focused.tag)) return;
  }
  throw new Error('could not reach the element with the keyboard');
}

test.describe('keyboard only', () => {
  test.use(TABLET_PORTRAIT);

  test('a quick check can be completed without a pointer, with focus always visible', async ({ page }) => {
    await page.goto('/');
    await tabTo(page, (text, tag) => tag === 'A' && text === 'Quick check');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: /Which area/ })).toBeVisible();
    // A radio group is one tab stop; the arrow keys move between its options.
    await tabTo(page, (text, tag) => tag === 'INPUT' && text.includes('Example'));
    await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel('St Helens descriptions of need')).toBeChecked();
    await tabTo(page, (text, tag) => tag === 'BUTTON' && text === 'Continue');
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: "The child's age" })).toBeVisible();
    await tabTo(page, (text) => text.includes('Unborn baby'));
    await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel('0 to 4 years')).toBeChecked();
    await tabTo(page, (text, tag) => tag === 'BUTTON' && text === 'Continue');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).backgroundColor);
    expect(outline).toBe('rgb(255, 221, 0)');
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { name: "The child's developmental needs" })).toBeVisible();
    // The sub-domains are collapsed: open "Health" with the keyboard, then reach its indicator.
    await tabTo(page, (text, tag) => tag === 'SUMMARY' && text.startsWith('Health'));
    await page.keyboard.press('Enter');
    await tabTo(page, (text, tag) => tag === 'INPUT' && /cannot yet crawl/.test(text));
    await page.keyboard.press('Space');
    await expect(page.getByRole('alert').filter({ hasText: 'A child may be in immediate danger' })).toBeVisible();
    for (let step = 0; step < DOMAINS.length; step++) {
      await tabTo(page, (text, tag) => tag === 'A' && text === 'Continue', 400);
      await page.keyboard.press('Enter');
    }
    await expect(page.getByRole('heading', { name: 'Suggested level of need' })).toBeVisible();
    await expect(page.getByText(/^Level 4: /).first()).toBeVisible();
  });
});
