/**
 * After sending, end to end against a real intake server (the app and its API on one origin):
 * the confirmation with its short reference and what happens next, the referral found by that
 * reference in the front door's inbox, a decision recorded there, and the decision back on the
 * device, at a phone's and a tablet's size. Also: the inbox list starts in the first screen at 1280×800.
 */
import { expect, test as base, type Page, type TestInfo } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REFERENCE_PATTERN } from '../../src/domain/sync/reference.ts';
import { freePort, startServerProcess, type ServerProcess } from '../../scripts/harness/server-process.ts';
import { ROOT_DIR } from '../server/support/root.ts';
import { PHONE, TABLET_PORTRAIT } from './devices.ts';
import { completeAssessment, PASSPHRASE, unlock } from './journeys.ts';
import { expectNoAxeViolations } from './page-checks.ts';

const STAFF_PASSWORD = 'front door e2e password';

interface Intake {
  url: string;
  /** A one-time enrolment code from the admin CLI, on the same database. */
  enrolmentCode(): string;
}

const test = base.extend<object, { intake: Intake }>({
  intake: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for from this pattern.
    async ({}, use) => {
      if (!existsSync(path.join(ROOT_DIR, 'dist', 'index.html'))) {
        execFileSync('npm', ['run', 'build'], { cwd: ROOT_DIR, stdio: 'inherit' });
      }
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'levels-of-need-e2e-after-sending-'));
      const port = await freePort();
      const server: ServerProcess = await startServerProcess(
        { DATA_DIR: dataDir, STATIC_DIR: 'dist', LOG_LEVEL: 'warn' },
        port,
      );
      const admin = (args: string[], input?: string) =>
        execFileSync(process.execPath, ['--import', 'tsx', 'server/admin.ts', ...args], {
          cwd: ROOT_DIR,
          env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir },
          ...(input === undefined ? {} : { input }),
        }).toString('utf8');
      admin(['add-user', 'frontdoor', '--role', 'triage'], `${STAFF_PASSWORD}\n`);
      await use({
        url: `http://127.0.0.1:${port}`,
        enrolmentCode: () => admin(['enrol-device', '--name', 'E2E phone']).trim().split('\n').at(-1) ?? '',
      });
      await server.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ intake }, use) => use(intake.url),
});

async function look(page: Page, testInfo: TestInfo, label: string) {
  await expectNoAxeViolations(page, label);
  await page.screenshot({ path: testInfo.outputPath(`${label}.png`), fullPage: false });
}

async function signIn(page: Page) {
  await page.goto('/inbox');
  await page.getByLabel('Username').fill('frontdoor');
  await page.getByLabel('Password').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Referrals' })).toBeVisible();
}

for (const [size, device] of [
  ['phone', PHONE],
  ['tablet', TABLET_PORTRAIT],
] as const) {
  test.describe(`on a ${size}`, () => {
    test.use(device);

    test('a practitioner sends a referral, reads out its reference, and sees the front door decide', async ({
      page,
      intake,
    }, testInfo) => {
      test.setTimeout(180_000);
      await completeAssessment(page, async () => undefined);
      const summaryPath = new URL(page.url()).pathname;

      await page.goto('/settings');
      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByLabel('Enrolment code').fill(intake.enrolmentCode());
      await page.getByRole('button', { name: 'Connect this device' }).click();
      // Saved only once the connection is shown: leaving the page sooner could lose it.
      await expect(page.getByRole('status').filter({ hasText: /connected/i })).toBeVisible();

      await page.goto(summaryPath);
      await unlock(page);
      await page.getByRole('button', { name: 'Send to the front door' }).click();
      await expect(page.getByRole('heading', { name: 'Referral sent' })).toBeVisible();
      const reference = (await page.locator('.confirmation-panel__reference').textContent()) ?? '';
      expect(reference).toMatch(REFERENCE_PATTERN);
      await expect(page.getByRole('heading', { name: 'What happens next' })).toBeVisible();
      await expect(page.getByText('The front door will decide within one working day.')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Print your receipt' })).toBeVisible();
      await page.getByRole('heading', { name: 'Referral sent' }).scrollIntoViewIfNeeded();
      await look(page, testInfo, `${size}-confirmation`);

      // The front door finds it by the reference read out, and decides.
      const inbox = await page.context().newPage();
      await signIn(inbox);
      await expect(inbox.getByRole('row').filter({ hasText: reference })).toBeVisible();
      await inbox.getByLabel('Find a referral by its reference').fill(reference.toLowerCase());
      await inbox.getByRole('button', { name: 'Find', exact: true }).click();
      await expect(inbox.locator('strong.reference')).toHaveText(reference);
      await inbox.getByLabel(/^Level 3/).check();
      await inbox.getByLabel('Early help', { exact: true }).check();
      await inbox.getByLabel('Note').fill('Early help offer through the health visiting team.');
      await inbox.getByRole('button', { name: 'Record decision' }).click();
      await expect(inbox.getByText('The decision has been recorded')).toBeVisible();
      await inbox.close();

      // Back on the device: the next check (here, the network coming back) brings the decision.
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      const decided = /^Decided on \d{1,2} [A-Z][a-z]+: level 3, early help$/;
      await expect(page.getByText(decided)).toBeVisible();
      await look(page, testInfo, `${size}-decided`);

      await page.goto('/');
      const sending = page.getByRole('region', { name: 'Sending to the front door' });
      await expect(sending.getByText(reference)).toBeVisible();
      await expect(sending.getByText(decided)).toBeVisible();
      await sending.getByText(decided).scrollIntoViewIfNeeded();
      await look(page, testInfo, `${size}-start-page`);
    });
  });
}

test.describe('the front door inbox on a desktop', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('starts the list of referrals in the first screen, with the filters folded away', async ({ page }, testInfo) => {
    await signIn(page);
    const firstRow = page.getByRole('row').nth(1);
    await expect(firstRow).toBeVisible();
    const box = await firstRow.boundingBox();
    expect(box && box.y + box.height).toBeLessThan(800);
    await expect(page.getByLabel('Status', { exact: true })).toBeHidden();
    await look(page, testInfo, 'inbox-1280x800');
    await page.getByText('Filter referrals').click();
    await expect(page.getByLabel('Status', { exact: true })).toBeVisible();
  });
});
