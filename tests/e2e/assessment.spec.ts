import { expect, test, type Page } from '@playwright/test';
import { PHONE, TABLET_PORTRAIT } from './devices.ts';
import { chooseStHelens, completeAssessment, openSection, setPassphrase } from './journeys.ts';
import { checkPage } from './page-checks.ts';

/**
 * The level bar is sticky at the foot of the screen on phones and tablets, so it lies over
 * whatever has scrolled beneath it, and axe then counts those targets as too small. At the end of
 * the page the bar rests in its own place, over nothing, and axe measures every target unobscured.
 */
async function scrollToEnd(page: Page) {
  // The step may still be growing (a save status, a revealed field): scroll until the end stays put.
  await expect
    .poll(() =>
      page.evaluate(() => {
        const end = document.documentElement.scrollHeight;
        window.scrollTo(0, end);
        return Math.ceil(window.scrollY + window.innerHeight) >= end && document.documentElement.scrollHeight === end;
      }),
    )
    .toBe(true);
}

test.describe('a health visitor on a tablet', () => {
  test.use(TABLET_PORTRAIT);

  test('completes an assessment end to end and prints the summary', async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    // Served by the intake server: a CSP refusal or any script error shows up here.
    const consoleErrors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    const axeCounts: Record<string, number> = {};
    await completeAssessment(page, async (label) => {
      await scrollToEnd(page);
      axeCounts[label] = await checkPage(page, testInfo, `tablet-${label}`);
    });

    // Both levels are kept: the practitioner's leads, the engine's follows, with the reason.
    await expect(page.locator('main .panel').first()).toContainText(
      'Level 3: Targeted early help - complex or multiple needs',
    );
    await expect(page.getByText('Suggested: level 4').first()).toBeVisible();
    await expect(page.getByText('The bruise has a clear medical explanation.').first()).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'A child may be in immediate danger' })).toBeVisible();

    // No personal data in the title or the address.
    expect(await page.title()).toBe('Referral summary – Levels of need');
    expect(page.url()).toMatch(/\/assessment\/[0-9a-f-]{36}\/summary$/);
    for (const personal of ['Canary', 'Canarychild', '2026-09-01']) {
      expect(page.url()).not.toContain(personal);
      expect(await page.title()).not.toContain(personal);
    }

    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.getByRole('button', { name: 'Print or save as PDF' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: 'Print or save as PDF' })).toBeHidden();
    await expect(page.getByText('This summary contains personal information')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('tablet-summary-print.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    await testInfo.attach('axe violations per page', {
      body: JSON.stringify(axeCounts, null, 2),
      contentType: 'application/json',
    });
  });
});

test.describe('every assessment step on a phone', () => {
  test.use(PHONE);

  test('passes axe with no horizontal scroll and 44px targets', async ({ page }, testInfo) => {
    test.setTimeout(180_000);
    await completeAssessment(page, async (label) => {
      await scrollToEnd(page);
      await checkPage(page, testInfo, `phone-${label}`);
    });
  });

  test('the save status keeps its height while saving, so nothing moves under a finger', async ({ page }) => {
    await page.goto('/assessment/new');
    await chooseStHelens(page);
    await setPassphrase(page);
    await openSection(page, 'About you');
    const status = page.locator('.save-status');
    await expect(status).toHaveText(/^Saved at /);
    const saved = await status.boundingBox();
    // "Saved at … encrypted" wraps on a phone, "Saving…" does not: the line must not shrink between them.
    expect(saved?.height).toBeGreaterThan(40);
    await page.getByLabel('Your role').pressSequentially('Health visitor');
    await expect(status).toHaveText('Saving…');
    expect((await status.boundingBox())?.height).toBe(saved?.height);
    await expect(status).toHaveText(/^Saved at /);
    expect((await status.boundingBox())?.height).toBe(saved?.height);
  });
});
