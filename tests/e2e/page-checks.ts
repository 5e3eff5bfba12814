import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

/** axe-core on the whole page, WCAG 2.2 A and AA rules and best practice: any violation fails. */
export async function expectNoAxeViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  const summary = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations on ${label}`).toEqual([]);
  return results.violations.length;
}

export async function expectNoHorizontalScroll(page: Page, label: string) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `horizontal scroll on ${label}`).toBeLessThanOrEqual(0);
}

/** Buttons, form controls and navigation links must be at least 44 by 44 CSS pixels. */
export async function expectTouchTargets(page: Page, label: string) {
  const small = await page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        'main .govuk-button, main input[type=checkbox], main input[type=radio], .govuk-back-link, .choice__title a, .summary-list__actions a, .details__summary, .govuk-details__summary, .contact-list__phone',
      ),
    ]
      .filter((element) => element.offsetParent !== null)
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 44 || box.width < 44)
      .map(
        ({ element, box }) =>
          `${element.tagName.toLowerCase()}.${element.className} "${element.textContent?.trim().slice(0, 30)}" ${Math.round(box.width)}x${Math.round(box.height)}`,
      ),
  );
  expect(small, `touch targets under 44px on ${label}`).toEqual([]);
}

/** Every step is checked the same way, and a screenshot is kept as a test artefact to look at. */
export async function checkPage(page: Page, testInfo: TestInfo, label: string) {
  await expectNoHorizontalScroll(page, label);
  await expectTouchTargets(page, label);
  await page.screenshot({ path: testInfo.outputPath(`${label.replace(/[^a-z0-9]+/gi, '-')}.png`), fullPage: true });
  return expectNoAxeViolations(page, label);
}
