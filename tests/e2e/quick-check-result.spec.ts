import { expect, test, type Locator, type Page } from '@playwright/test';
import { PHONE, TABLET_PORTRAIT } from './devices.ts';
import { setPassphrase, unlock } from './journeys.ts';
import { expectNoAxeViolations, expectNoHorizontalScroll, expectTouchTargets } from './page-checks.ts';

/** What a police officer types at the door, and the description each search should offer. */
const SEARCHES = [
  ['attendance', 'learning-persistent-absence'],
  ['hungry', 'self-care-fending-for-self'],
  ['domestic abuse', 'domestic-abuse-repeated-incidents'],
] as const;

/** A returning officer: the area was chosen on an earlier visit, so the start page is the first screen. */
async function openStartPageWithAreaChosen(page: Page) {
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('levels-of-need.chosen-document', 'st-helens'));
  await page.reload();
  await expect(page.getByRole('link', { name: 'Quick check' })).toBeVisible();
}

async function look(page: Page, name: string) {
  await page.screenshot({ path: `/tmp/shots/${name}.png` });
  await page.screenshot({ path: `/tmp/shots/${name}-full.png`, fullPage: true });
}

/**
 * At the end of the page the sticky level bar rests in its own place, over no target, so axe
 * measures every target unobscured (the bar necessarily lies over whatever scrolls beneath it).
 */
async function checkAt(page: Page, label: string) {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expectNoHorizontalScroll(page, label);
  await expectTouchTargets(page, label);
  await expectNoAxeViolations(page, label);
}

/** The police officer's journey, counting every tap (typing is not a tap). */
async function policeJourney(page: Page, size: string) {
  let taps = 0;
  const tap = async (target: Locator) => {
    taps += 1;
    await target.tap();
  };
  await tap(page.getByRole('link', { name: 'Quick check' }));
  await expect(page.getByRole('heading', { name: "The child's age" })).toBeVisible();
  await tap(page.getByLabel('5 to 11 years'));
  await tap(page.getByRole('button', { name: 'Continue', exact: true }));
  await expect(page.getByRole('heading', { name: "The child's developmental needs" })).toBeVisible();
  const search = page.getByLabel('Search all descriptions');
  let typed = '';
  for (const [words, indicatorId] of SEARCHES) {
    await tap(search);
    // The search box is the first thing on the page: the bar with the level never covers it.
    await expect(page.locator('.wizard__aside')).toHaveCSS('position', 'static');
    for (let index = 0; index < typed.length; index++) await page.keyboard.press('Backspace');
    await page.keyboard.type(words);
    typed = words;
    if (words === 'hungry') await look(page, `quick-${size}-search-with-keyboard`);
    await tap(page.locator(`#search-${indicatorId}`));
    await expect(page.locator(`#search-${indicatorId}`)).toBeChecked();
  }
  await checkAt(page, `${size} concern page with search results`);
  await look(page, `quick-${size}-search-results`);
  const bar = page.locator('.wizard__aside');
  // While search results are listed the bar stays at the foot of the page, covering none of them.
  await expect(bar).toHaveCSS('position', 'static');
  await tap(page.getByRole('link', { name: 'See the level now' }));
  await expect(page.getByRole('heading', { name: 'Suggested level of need' })).toBeVisible();
  return taps;
}

for (const [size, device] of [
  ['phone', PHONE],
  ['tablet', TABLET_PORTRAIT],
] as const) {
  test.describe(`a police officer's quick check on a ${size}`, () => {
    test.use(device);

    test('takes at most 10 taps from the start page to the level, and the first screen says what to do', async ({
      page,
    }) => {
      await openStartPageWithAreaChosen(page);
      const taps = await policeJourney(page, size);
      test.info().annotations.push({ type: 'taps', description: String(taps) });
      expect(taps).toBeLessThanOrEqual(10);

      // Every ticked concern is listed, grouped by level, and the ones that set it are marked.
      for (const words of [
        'Misses at least one school day in ten',
        'Regularly turns up hungry',
        'Two or more incidents in the past year',
      ]) {
        await expect(page.locator('.concern-group li').filter({ hasText: words })).toHaveCount(1);
      }
      await expect(page.locator('.concern-group li')).toHaveCount(3);
      // Here the three level 3 concerns together raise the level to 4: the rule that did it is named.
      await expect(page.getByText('Together, these concerns raise the level:')).toBeVisible();

      // The level, what to do now and the first contact (with its hours and the out-of-hours line) fit the first screen.
      await page.evaluate(() => window.scrollTo(0, 0));
      const height = page.viewportSize()?.height ?? 0;
      const doNow = page.getByRole('region', { name: 'What to do now' });
      for (const [what, target] of [
        ['the level', page.locator('.level-response .panel__title')],
        ['what to do now', doNow.locator('.first-actions__step')],
        ['the first contact', doNow.locator('a[href^="tel:"]').first()],
        ['its hours', doNow.locator('.contact-list__item').first().locator('.govuk-hint').first()],
        ['the out-of-hours number', doNow.locator('a[href="tel:03450500148"]')],
      ] as const) {
        const box = await target.boundingBox();
        expect(box, `${what} is on the page`).not.toBeNull();
        expect((box?.y ?? 0) + (box?.height ?? 0), `${what} is in the first screen`).toBeLessThanOrEqual(height);
      }
      await look(page, `quick-${size}-result`);
      await checkAt(page, `${size} quick check result`);

      // Back on the concern page, with no search results, the level bar is at the foot of the screen.
      await page.goBack();
      await expect(page.getByRole('heading', { name: "The child's developmental needs" })).toBeVisible();
      const bar = page.locator('.wizard__aside');
      await expect(bar).toHaveCSS('position', 'sticky');
      await expect(bar).toContainText('Level 4');
      if (size === 'phone') {
        // Collapsed on a phone, it takes at most 56px, and opens to show why.
        expect((await bar.boundingBox())?.height).toBeLessThanOrEqual(56);
        await look(page, `quick-${size}-level-bar`);
        await bar.locator('summary').tap();
        await expect(bar.locator('.reason-list li').first()).toBeVisible();
        await look(page, `quick-${size}-level-bar-open`);
        await checkAt(page, `${size} concern page with the level bar open`);
      }
    });

    test('with a child in immediate danger, the level, the steps and 999 fit the first screen', async ({ page }) => {
      await openStartPageWithAreaChosen(page);
      await page.evaluate(() =>
        localStorage.setItem(
          'levels-of-need.quick-check',
          JSON.stringify({ documentId: 'st-helens', ageBand: '5-11', indicators: ['safety-child-left-alone'] }),
        ),
      );
      await page.goto('/quick-check/result');
      await expect(page.getByRole('heading', { name: 'Suggested level of need' })).toBeVisible();
      await page.evaluate(() => window.scrollTo(0, 0));
      const height = page.viewportSize()?.height ?? 0;
      const alert = page.getByRole('alert').filter({ hasText: 'A child may be in immediate danger' });
      for (const [what, target] of [
        ['the level', page.locator('.level-response .panel__title')],
        ['the first step', alert.locator('li').first()],
        ['999', alert.locator('a[href="tel:999"]')],
      ] as const) {
        const box = await target.boundingBox();
        expect(box, `${what} is on the page`).not.toBeNull();
        expect((box?.y ?? 0) + (box?.height ?? 0), `${what} is in the first screen`).toBeLessThanOrEqual(height);
      }
      await look(page, `quick-${size}-result-immediate-danger`);
      await checkAt(page, `${size} quick check result with immediate danger`);
    });

    test('survives a reload, and carries the age and every concern into a full assessment', async ({ page }) => {
      await openStartPageWithAreaChosen(page);
      await policeJourney(page, `${size}-reload`);
      await page.reload();
      await expect(page.getByRole('heading', { name: 'Suggested level of need' })).toBeVisible();
      await expect(page.locator('.concern-group li')).toHaveCount(3);
      await look(page, `quick-${size}-after-reload`);

      await page.getByRole('link', { name: 'Continue as a full assessment' }).click();
      await setPassphrase(page);
      await expect(page.getByRole('heading', { name: 'Make a referral' })).toBeVisible();
      await expect(page.getByRole('complementary', { name: 'Level so far' })).toContainText(/Level [34]/);
      await page.goto(page.url().replace(/\/tasks$/, '/check'));
      await unlock(page);
      await expect(page.locator('.summary-list div').filter({ hasText: /^Age5 to 11 years/ })).toHaveCount(1);
      const concerns = page.locator('.answers-section').filter({ hasText: 'Concerns chosen' });
      await expect(concerns.locator('li')).toHaveCount(3);
      await look(page, `quick-${size}-carried-into-assessment`);
      await checkAt(page, `${size} check answers after a quick check`);

      // "Clear" empties the quick check; nothing else is kept.
      await page.goto('/quick-check/result');
      await page.getByRole('button', { name: 'Clear and start again' }).click();
      await expect(page.getByRole('heading', { name: "The child's age" })).toBeVisible();
      await page.reload();
      await expect(page.getByLabel('5 to 11 years')).not.toBeChecked();
      expect(await page.evaluate(() => localStorage.getItem('levels-of-need.quick-check'))).toBeNull();
    });
  });
}
