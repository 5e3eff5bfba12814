import { expect, test, type Page } from '@playwright/test';
import { PHONE, TABLET_PORTRAIT } from './devices.ts';
import { completeAssessment, unlock } from './journeys.ts';
import { expectNoAxeViolations } from './page-checks.ts';

const LEVEL_3 = 'Level 3: Targeted early help - complex or multiple needs';
const LEVEL_3_CONSENT = "Get the family's informed consent to the early help assessment";
const LEVEL_4_CONSENT = 'You do not need consent to refer a child you believe is at risk of significant harm';
const LEVEL_4_FIRST_STEP = 'Phone the MASH to discuss the referral';

async function shoot(page: Page, size: string, label: string) {
  await page.screenshot({ path: `/tmp/shots/override-${size}-${label}.png`, fullPage: true });
  await page.screenshot({ path: `/tmp/shots/override-${size}-${label}-first-screen.png` });
}

/** The level panel at the foot of the screen (or beside the form on a wide screen) leads with level 3. */
async function expectLevelPanelOnLevel3(page: Page) {
  const panel = page.getByRole('complementary', { name: 'Your level' });
  await expect(panel.locator('.level-badge')).toHaveText('Level 3');
}

for (const [size, device] of [
  ['phone', PHONE],
  ['tablet', TABLET_PORTRAIT],
] as const) {
  test.describe(`a health visitor who decides on level 3 where level 4 is suggested, on a ${size}`, () => {
    test.use(device);

    test("every later screen leads with level 3 and level 3's guidance, and shows the suggestion", async ({
      page,
    }, testInfo) => {
      test.setTimeout(180_000);
      await completeAssessment(page, async (label) => {
        if (label === 'consent') {
          const guidance = page.locator('.govuk-inset-text').filter({ hasText: 'Your level: level 3' });
          await expect(guidance).toContainText(LEVEL_3_CONSENT);
          await expect(guidance).toContainText('Suggested: level 4');
          await expect(page.getByText(LEVEL_4_CONSENT)).toHaveCount(0);
          await expectLevelPanelOnLevel3(page);
        } else if (label === 'check-answers') {
          const firstSection = page.locator('.answers-section').first();
          await expect(firstSection.getByRole('heading')).toHaveText('Level of need');
          await expect(firstSection.locator('dt').first()).toHaveText('Your level');
          await expect(firstSection.locator('dd').first()).toHaveText(LEVEL_3);
          await expect(firstSection).toContainText('Suggested: level 4');
          await expectLevelPanelOnLevel3(page);
        } else if (label === 'summary') {
          const panel = page.locator('main .panel').first();
          await expect(panel).toContainText('Your level');
          await expect(panel).toContainText(LEVEL_3);
          await expect(panel).toContainText('Suggested: level 4');
          await expect(page.getByRole('heading', { name: 'Why level 4 was suggested' })).toBeVisible();
          await expect(
            page.getByText('Talk to the family and seek their consent to an early help assessment.'),
          ).toBeVisible();
          await expect(page.getByText(LEVEL_4_FIRST_STEP)).toHaveCount(0);
        } else {
          return;
        }
        await shoot(page, size, label);
        // At the end of the page the sticky level bar rests in its own place, over no target.
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        await expectNoAxeViolations(page, `${size} ${label}`);
      });

      // The printout leads with the same decision.
      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('main .panel').first()).toContainText(LEVEL_3);
      await page.screenshot({ path: `/tmp/shots/override-${size}-print.png`, fullPage: true });
      await page.emulateMedia({ media: 'screen' });

      // Back on the result, the practitioner's level leads there too.
      await page.goto(page.url().replace(/\/summary$/, '/result'));
      await unlock(page);
      await expect(page.getByRole('heading', { name: 'Suggested level of need' })).toBeVisible();
      const result = page.locator('.level-response .panel');
      await expect(result).toContainText('Your level');
      await expect(result).toContainText(LEVEL_3);
      await expectLevelPanelOnLevel3(page);
      await shoot(page, size, 'result');
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await expectNoAxeViolations(page, `${size} result after override`);
      testInfo.annotations.push({ type: 'screenshots', description: `/tmp/shots/override-${size}-*.png` });
    });
  });
}
