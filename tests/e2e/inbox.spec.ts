/**
 * The front door's inbox in a real browser, against the real server (server/main.ts as a child
 * process on its own port and data folder), seeded the way a council would: a member of staff
 * from the admin CLI, a device enrolled with the admin CLI, referrals through the API.
 */
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { exampleSubmission } from '../../server/openapi-example.ts';
import type { Submission } from '../../src/domain/sync/submission-schema.ts';
import { ROOT_DIR } from '../server/support/root.ts';
import { startServerProcess, type ServerProcess } from '../../scripts/harness/server-process.ts';
import { PHONE, TABLET_LANDSCAPE } from './devices.ts';
import { expectNoAxeViolations } from './page-checks.ts';

const run = promisify(execFile);
const TSX = path.join(ROOT_DIR, 'node_modules/.bin/tsx');
const PASSWORD = 'front door e2e password';
const FORMULA_NAME = '=HYPERLINK("http://evil.example","Open")';

let server: ServerProcess;
let dataDir: string;

async function admin(args: string[], stdin?: string): Promise<string> {
  const child = run(TSX, ['server/admin.ts', ...args], {
    cwd: ROOT_DIR,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir },
  });
  if (stdin !== undefined) child.child.stdin?.end(stdin);
  return (await child).stdout;
}

function referral(overrides: Partial<Submission>): Submission {
  return { ...exampleSubmission, draftId: randomUUID(), ...overrides };
}

async function seed() {
  await admin(['add-user', 'frontdoor', '--role', 'triage'], `${PASSWORD}\n`);
  await admin(['add-user', 'boss', '--role', 'admin'], `${PASSWORD}\n`);
  const code = (await admin(['enrol-device', '--name', 'E2E tablet'])).trim().split('\n').pop() ?? '';
  const enrolled = await fetch(`${server.url}/api/v1/devices/enrol`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  const { token } = (await enrolled.json()) as { token: string };
  const send = async (body: Submission) => {
    const response = await fetch(`${server.url}/api/v1/submissions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(201);
  };
  // Sent in this order, so the immediate-risk referral is the newest and still must come first.
  await send(referral({})); // level 3, health visiting
  await send(
    referral({
      referrer: { ...exampleSubmission.referrer, name: FORMULA_NAME, agency: 'school' },
      child: { ...exampleSubmission.child, firstName: '<script>alert("x")</script>', lastName: 'Hostile' },
      indicators: ['health-missed-checks-immunisations'],
      suggestedLevel: 2,
      practitionerLevel: 3,
      overrideRationale: 'Older sibling was on a plan last year; I think this is more than early help.',
    }),
  );
  await send(
    referral({
      referrer: { ...exampleSubmission.referrer, agency: 'police', name: 'PC Example' },
      child: { ...exampleSubmission.child, firstName: 'Sam', lastName: 'Urgent' },
      indicators: ['health-injury-non-mobile-baby'],
      suggestedLevel: 4,
      practitionerLevel: 4,
    }),
  );
}

/** Buttons, fields, radios and navigation links: 44 by 44 CSS pixels or more. */
async function expectTouchTargets(page: Page, label: string) {
  const small = await page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        '.govuk-button, .govuk-input, .govuk-select, .govuk-textarea, .govuk-radios__input, .app-header__link, .govuk-back-link, .govuk-table .govuk-link, .counts__link, .govuk-details__summary, .govuk-error-summary__list a',
      ),
    ]
      .filter((element) => element.offsetParent !== null)
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 44 || box.width < 44)
      .map(({ element, box }) => `${element.className} ${Math.round(box.width)}x${Math.round(box.height)}`),
  );
  expect(small, `touch targets under 44px on ${label}`).toEqual([]);
}

async function signIn(page: Page, username: string) {
  await page.goto(`${server.url}/inbox`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Referrals');
}

async function check(page: Page, testInfo: TestInfo, label: string) {
  // Sizes are measured once the stylesheet has applied: after a form post, the new page's text can be there first.
  await page.waitForLoadState('load');
  await expectTouchTargets(page, label);
  await page.screenshot({ path: testInfo.outputPath(`inbox-${label}.png`), fullPage: true });
  await expectNoAxeViolations(page, label);
}

test.describe('the front door inbox', () => {
  test.use(TABLET_LANDSCAPE);

  test.beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'levels-of-need-inbox-e2e-'));
    const staticDir = existsSync(path.join(ROOT_DIR, 'dist', 'index.html')) ? 'dist' : 'none';
    server = await startServerProcess({ DATA_DIR: dataDir, STATIC_DIR: staticDir });
    await seed();
  });
  test.afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a front-door worker triages the immediate-risk referral first, decides, and sees the report change', async ({
    page,
  }, testInfo) => {
    // Eight axe scans, full-page screenshots and scrypt on two shared cores: more than a minute.
    test.slow();
    page.on('dialog', (dialog) => {
      throw new Error(`a script ran and opened a dialog: ${dialog.message()}`);
    });
    const inbox = `${server.url}/inbox`;

    await test.step('signs in, after one mistake shown in an error summary', async () => {
      await page.goto(inbox);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to the front door inbox');
      await check(page, testInfo, '01-sign-in');
      await page.getByLabel('Username').fill('frontdoor');
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert')).toContainText('Enter a correct username and password');
      await expect(page.getByRole('alert')).toBeFocused();
      await check(page, testInfo, '02-sign-in-error');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Referrals');
    });

    await test.step('sees the immediate-risk referral first', async () => {
      const rows = page.locator('table tbody tr');
      await expect(rows).toHaveCount(3);
      await expect(rows.first()).toContainText('Urgent, Sam');
      await expect(rows.first()).toContainText('Immediate risk');
      await expect(rows.nth(2)).toContainText('Hostile, <script>alert("x")</script>');
      await check(page, testInfo, '03-list');
    });

    await test.step('reads the report before deciding', async () => {
      await page.getByRole('link', { name: 'Consistency report' }).click();
      await expect(page.locator('[data-figure="decided"]')).toHaveText('0');
      await page.getByRole('link', { name: 'Referrals', exact: true }).click();
    });

    await test.step('opens the referral and records a decision, after an error summary', async () => {
      await page.getByRole('link', { name: 'Urgent, Sam' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sam Urgent');
      await expect(page.getByText('Immediate risk. The answers include signs')).toBeVisible();
      await check(page, testInfo, '04-referral');
      await page.getByRole('button', { name: 'Record decision' }).click();
      await expect(page.getByRole('alert')).toContainText('Select the level of need the front door has decided');
      await check(page, testInfo, '05-decision-errors');
      await page.getByRole('alert').getByRole('link', { name: 'Select the outcome' }).click();
      await expect(page.getByLabel('No further action')).toBeFocused();
      await page.getByLabel(/^Level 4/).check();
      await page.getByLabel('Strategy discussion').check();
      await page.getByLabel('Note').fill('Strategy discussion with police today, 2pm.');
      await page.getByRole('button', { name: 'Record decision' }).click();
      await expect(page.getByRole('status')).toContainText('The decision has been recorded');
      await expect(page.getByRole('table', { name: 'Decisions, latest first' })).toContainText('frontdoor');
      await check(page, testInfo, '06-decided');
    });

    await test.step('sees the report figures change', async () => {
      await page.getByRole('link', { name: 'Consistency report' }).click();
      await expect(page.locator('[data-figure="referrals"]')).toHaveText('3');
      await expect(page.locator('[data-figure="decided"]')).toHaveText('1');
      await expect(page.locator('[data-figure="referrer-agreement"]')).toHaveText('100%');
    });

    await test.step("decides the school's referral below the referrer's level, and sees agreement fall", async () => {
      await page.getByRole('link', { name: 'Referrals', exact: true }).click();
      await page.getByRole('link', { name: /^Hostile/ }).click();
      await expect(page.getByText('Older sibling was on a plan last year')).toBeVisible();
      await page.getByLabel(/^Level 2/).check();
      await page.getByLabel('Early help', { exact: true }).check();
      await page.getByLabel('Note').fill('=1+2 Early help offer via the school; not level 3.');
      await page.getByRole('button', { name: 'Record decision' }).click();
      await expect(page.getByRole('status')).toContainText('The decision has been recorded');
      await page.getByRole('link', { name: 'Consistency report' }).click();
      await expect(page.locator('[data-figure="decided"]')).toHaveText('2');
      await expect(page.locator('[data-figure="referrer-agreement"]')).toHaveText('50%');
      await expect(page.locator('[data-figure="engine-agreement"]')).toHaveText('100%');
      await expect(
        page.getByRole('table', { name: 'Indicators most often present when levels disagree' }),
      ).toContainText('immunisation');
      await expect(
        page.getByRole('img', { name: "How often each level matched the front door's decision" }),
      ).toBeVisible();
      await page.locator('figure.chart').screenshot({ path: testInfo.outputPath('inbox-07-report-chart.png') });
      await check(page, testInfo, '07-report');
    });

    await test.step('exports the referrals as CSV with formulas escaped', async () => {
      await page.getByRole('link', { name: 'Referrals', exact: true }).click();
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Download these referrals as a spreadsheet (CSV)' }).click();
      const file = await (await download).path();
      const csv = readFileSync(file, 'utf8');
      expect(csv.startsWith('\uFEFFreferral_id,reference,received_at,status')).toBe(true);
      expect(csv).toContain(`"'${FORMULA_NAME.replace(/"/g, '""')}"`);
      expect(csv).toContain('Strategy discussion with police today, 2pm.');
      expect(csv).toContain("'=1+2 Early help offer via the school; not level 3.");
      expect(csv.split('\r\n').filter(Boolean)).toHaveLength(4);
    });

    await test.step('signs out', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect(page.getByRole('status')).toContainText('You have signed out');
      await check(page, testInfo, '08-signed-out');
      await page.goto(`${inbox}/report`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to the front door inbox');
    });
  });

  test('is warned before an idle sign-out, and stays signed in with one action', async ({ page }, testInfo) => {
    await page.clock.install();
    await signIn(page, 'frontdoor');
    await page.getByText('Filter referrals').click();
    await page.getByLabel('Status', { exact: true }).selectOption('decided');
    // The warning's timers are set by a deferred script: under load it may not have run yet, and
    // time moved on before it runs would never reach its timers.
    await page.waitForLoadState('load');
    await page.clock.fastForward('28:30');
    const warning = page.getByRole('dialog', { name: 'You will be signed out soon' });
    await expect(warning).toBeVisible();
    await expect(warning.getByRole('button', { name: 'Stay signed in' })).toBeFocused();
    await check(page, testInfo, '09-idle-warning');
    await warning.getByRole('button', { name: 'Stay signed in' }).click();
    await expect(warning).toBeHidden();
    // Nothing on the page was lost: the choice made before the warning is still there.
    await expect(page.getByLabel('Status', { exact: true })).toHaveValue('decided');
  });

  test('an administrator sees staff and devices; an unknown address is a page, not an error', async ({
    page,
  }, testInfo) => {
    await signIn(page, 'boss');
    await page.getByRole('link', { name: 'Staff and devices' }).click();
    await expect(page.getByRole('table', { name: 'Staff' })).toContainText('frontdoor');
    await expect(page.getByRole('table', { name: 'Devices' })).toContainText('E2E tablet');
    await check(page, testInfo, '10-admin');
    await page.goto(`${server.url}/inbox/no-such-page`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await check(page, testInfo, '11-not-found');
  });

  test('the Find button sits level with the reference box, however wide the words above it', async ({ page }) => {
    await signIn(page, 'frontdoor');
    const besideTheBox = async () => {
      const box = await page.getByLabel('Find a referral by its reference').boundingBox();
      const button = await page.getByRole('button', { name: 'Find', exact: true }).boundingBox();
      if (!box || !button) throw new Error('The reference box or its button is not shown');
      return { top: Math.round(button.y - box.y), gap: Math.round(button.x - (box.x + box.width)) };
    };
    for (const viewport of [{ width: 1280, height: 800 }, PHONE.viewport]) {
      await page.setViewportSize(viewport);
      expect(await besideTheBox(), `${viewport.width}px wide`).toEqual({ top: 0, gap: 15 });
    }
    // The error message above is far wider than the box: the button stays beside the box.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('Find a referral by its reference').fill('ZZZZ-ZZZZ');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await expect(page.getByText('No referral has the reference ZZZZ-ZZZZ').first()).toBeVisible();
    expect(await besideTheBox()).toEqual({ top: 0, gap: 15 });
  });
});
