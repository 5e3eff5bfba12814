/**
 * The outbox end to end, against the real intake server started here (not the suite's own, as
 * this one is killed and started again): a referral sent while the server is down waits in the
 * outbox, goes once the server is back, and then leaves the device. The server's SQLite file is
 * read afterwards to prove it was stored exactly once.
 */
import { expect, test as base, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SQLITE_FILE_NAME } from '../../server/config.ts';
import { openSqliteFile } from '../../server/store/sqlite-driver.ts';
import { freePort, startServerProcess, type ServerProcess } from '../../scripts/harness/server-process.ts';
import { ROOT_DIR } from '../server/support/root.ts';
import { TABLET_PORTRAIT } from './devices.ts';
import { REFERENCE_PATTERN } from '../../src/domain/sync/reference.ts';
import { completeAssessment, PASSPHRASE, unlock } from './journeys.ts';

interface Intake {
  url: string;
  dataDir: string;
  start(): Promise<void>;
  /** SIGKILL, as a crash or a pulled plug would stop it. */
  kill(): Promise<void>;
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
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'levels-of-need-e2e-sync-'));
      const port = await freePort();
      const env = { DATA_DIR: dataDir, STATIC_DIR: 'dist', LOG_LEVEL: 'warn' };
      let server: ServerProcess | undefined;
      const intake: Intake = {
        url: `http://127.0.0.1:${port}`,
        dataDir,
        start: async () => {
          server = await startServerProcess(env, port);
        },
        kill: async () => {
          await server?.kill();
          server = undefined;
        },
        enrolmentCode: () => {
          const output = execFileSync(
            process.execPath,
            ['--import', 'tsx', 'server/admin.ts', 'enrol-device', '--name', 'E2E tablet'],
            { cwd: ROOT_DIR, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir } },
          );
          return output.toString('utf8').trim().split('\n').at(-1) ?? '';
        },
      };
      await intake.start();
      await use(intake);
      await intake.kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  // Every page in this file comes from that server, so the app and its API share one origin.
  baseURL: async ({ intake }, use) => use(intake.url),
});

test.use(TABLET_PORTRAIT);

/** What IndexedDB holds for sending: the drafts and the outbox entries, without their sealed parts. */
function storedOnDevice(page: Page) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('levels-of-need');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = (store: string) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
        request.onerror = () => reject(request.error);
      });
    const drafts = (await all('drafts')).map((draft) => ({ id: draft.id, status: draft.status }));
    const outbox = (await all('outbox')).map((entry) => ({
      draftId: entry.draftId,
      status: entry.status,
      idempotencyKey: entry.idempotencyKey,
      receiptId: (entry.receipt as { id?: string } | undefined)?.id,
      reference: (entry.receipt as { reference?: string } | undefined)?.reference,
      payloadBytes: (entry.payload as { data: Uint8Array }).data.byteLength,
    }));
    db.close();
    return { drafts, outbox };
  });
}

test('a referral sent while the front door is down is queued, then sent when it is back, and leaves the device', async ({
  page,
  intake,
}) => {
  test.setTimeout(180_000);

  // Connect the device first: Settings asks for the passphrase set by the assessment, then the code.
  await completeAssessment(page, async () => undefined);
  const referralUrl = page.url().replace(/\/summary$/, '');
  const draftId = referralUrl.split('/').at(-1);

  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'Connect this device to the front door' })).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByLabel('Enrolment code').fill(intake.enrolmentCode());
  await page.getByRole('button', { name: 'Connect this device' }).click();
  await expect(
    page.getByText(/^This device has been connected to the front door since \d{1,2} [A-Z][a-z]+ \d{4}\.$/),
  ).toBeVisible();

  await page.goto(`${new URL(referralUrl).pathname}/summary`);
  await unlock(page);
  await expect(page.getByRole('heading', { name: 'Referral summary' })).toBeVisible();

  // The front door goes down; Send still works, and says the referral is queued, not sent.
  await intake.kill();
  await page.getByRole('button', { name: 'Send to the front door' }).click();
  const entry = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^Referral queued/ }) });
  await expect(entry.getByText('Queued', { exact: true })).toBeVisible();
  await expect(entry.getByText('The front door could not be reached.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send to the front door' })).toHaveCount(0);
  expect((await storedOnDevice(page)).drafts).toEqual([{ id: draftId, status: 'queued' }]);

  // It comes back on the same address and data: the app's own timer sends the referral.
  await intake.start();
  await expect(page.getByRole('heading', { name: 'Referral sent' })).toBeVisible({ timeout: 60_000 });
  const reference = await page.locator('.confirmation-panel__reference').textContent();
  expect(reference).toMatch(REFERENCE_PATTERN);

  const stored = await storedOnDevice(page);
  expect(stored.drafts).toEqual([]);
  expect(stored.outbox).toEqual([
    {
      draftId,
      status: 'sent',
      idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/),
      receiptId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      reference,
      payloadBytes: 0,
    },
  ]);

  await page.goto('/');
  await expect(page.getByText('You have no saved assessments on this device.')).toBeVisible();
  const sending = page.getByRole('region', { name: 'Sending to the front door' });
  await expect(sending.getByText('Sent', { exact: true })).toBeVisible();
  await expect(sending.getByText(reference ?? '')).toBeVisible();

  const database = openSqliteFile(path.join(intake.dataDir, SQLITE_FILE_NAME), { readonly: true });
  try {
    const rows = database
      .prepare('select id, reference, idempotency_key as key, draft_id as draftId from submissions')
      .all();
    expect(rows).toEqual([
      { id: stored.outbox[0]?.receiptId, reference, key: stored.outbox[0]?.idempotencyKey, draftId },
    ]);
  } finally {
    database.close();
  }
});
