import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { PHONE, TABLET_LANDSCAPE } from './devices.ts';
import { chooseStHelens } from './journeys.ts';
import { checkPage } from './page-checks.ts';

/** Vite's map of source modules to chunks, from the build the test server serves (build.manifest). */
interface ManifestChunk {
  file: string;
  name?: string;
  imports?: string[];
}
const manifest = () =>
  JSON.parse(readFileSync(new URL('../../dist/.vite/manifest.json', import.meta.url), 'utf8')) as Record<
    string,
    ManifestChunk
  >;

/** The files a module needs: its own chunk and every chunk it imports statically, as URL paths. */
function chunksOf(modules: readonly string[]): Set<string> {
  const all = manifest();
  const files = new Set<string>();
  const pending = [...modules];
  for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
    const chunk = all[key] ?? groupedChunk(all, key);
    if (!chunk) throw new Error(`${key} is not in the Vite manifest: was it renamed?`);
    if (files.has(`/${chunk.file}`)) continue;
    files.add(`/${chunk.file}`);
    pending.push(...(chunk.imports ?? []));
  }
  return files;
}

/**
 * A module the build groups with others into a chunk of its own (scripts/build/quick-check-chunks.ts)
 * is not a key of the manifest: its chunk is, named after the group, which is named after the module's folder.
 */
function groupedChunk(all: Record<string, ManifestChunk>, module: string): ManifestChunk | undefined {
  const group = module.split('/').at(-2);
  return Object.entries(all).find(([key, chunk]) => key.startsWith('_') && chunk.name === group)?.[1];
}

/** The quick check's first question, and what it loads while that question is read. */
const QUICK_CHECK = 'src/features/quick-check/index.tsx';
const QUICK_CHECK_LATER = [
  'src/features/quick-check/age-schema.ts',
  'src/features/quick-check/quick-check-storage.ts',
  'src/features/quick-check/quick-check-steps.tsx',
];

/** What only drafts, encryption and sending need, leaving out what the start page and quick check share with them. */
function draftsCryptoAndSyncChunks(): Set<string> {
  const shown = chunksOf(['index.html', QUICK_CHECK, ...QUICK_CHECK_LATER]);
  const hidden = chunksOf([
    'src/app/create-draft-store.ts',
    'src/app/create-sync-backend.ts',
    'src/sync/outbox-sync.ts',
    'src/features/drafts/drafts-list.tsx',
  ]);
  return new Set([...hidden].filter((file) => !shown.has(file)));
}

function recordScripts(page: Page): string[] {
  const requested: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') requested.push(new URL(request.url()).pathname);
  });
  return requested;
}

test.describe('the start page on a new device', () => {
  // The page's own requests only: a service worker would fetch every chunk to precache it.
  test.use({ ...PHONE, serviceWorkers: 'block' });

  test('loads no drafts, encryption or sending code, and fetches the quick check once it shows', async ({ page }) => {
    const forbidden = draftsCryptoAndSyncChunks();
    expect(forbidden.size, 'the drafts store has chunks of its own').toBeGreaterThan(0);
    const quickCheck = chunksOf([QUICK_CHECK]);
    const requested = recordScripts(page);

    await page.goto('/');
    await expect(page.getByText('You have no saved assessments on this device.')).toBeVisible();
    // The prefetch has run once the quick check's own chunks have been requested.
    await expect.poll(() => [...quickCheck].every((file) => requested.includes(file))).toBe(true);
    expect(requested.filter((file) => forbidden.has(file))).toEqual([]);

    await page.getByRole('link', { name: 'Quick check' }).click();
    await chooseStHelens(page);
    await expect(page.getByRole('heading', { level: 1, name: "The child's age" })).toBeVisible();
    expect(requested.filter((file) => forbidden.has(file))).toEqual([]);
  });
});

test.describe('the quick check on a new device', () => {
  test.use({ ...PHONE, serviceWorkers: 'block' });

  test('shows its first question before the schemas and later steps have loaded', async ({ page }) => {
    const firstQuestion = chunksOf(['index.html', QUICK_CHECK]);
    const later = [...chunksOf(QUICK_CHECK_LATER)].filter((file) => !firstQuestion.has(file));
    expect(later.length, 'zod and the later steps have chunks of their own').toBeGreaterThan(0);
    // Held until the question shows: had the question needed them, it would never show.
    const held: (() => Promise<void>)[] = [];
    let release = false;
    await page.route(
      (url) => later.includes(url.pathname),
      async (route) => {
        if (release) await route.continue();
        else held.push(() => route.continue());
      },
    );
    // Chosen before, as the choose-area page needs zod for its own form.
    await page.addInitScript(() => localStorage.setItem('levels-of-need.chosen-document', 'st-helens'));
    await page.goto('/');
    await page.getByRole('link', { name: 'Quick check' }).click();
    await expect(page.getByRole('heading', { level: 1, name: "The child's age" })).toBeVisible();

    release = true;
    await Promise.all(held.map((resume) => resume()));
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText("Select the child's age");
    await page.getByLabel('0 to 4 years').check();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: "The child's developmental needs" })).toBeVisible();
  });
});

test.describe('the first question on a busy server', () => {
  test.use({ ...PHONE, serviceWorkers: 'block' });

  test("needs one script beside the start page's own", async ({ page }) => {
    const start = chunksOf(['index.html']);
    const firstQuestion = [...chunksOf([QUICK_CHECK])].filter((file) => !start.has(file));
    // Rolldown keeps its small runtime apart; all else the start page runs is the entry.
    expect(start.size).toBeLessThanOrEqual(2);
    expect(firstQuestion).toHaveLength(1);
    // Loaded later, at idle: the service worker's registration and the quick check's later steps.
    const idle = new Set([...chunksOf(QUICK_CHECK_LATER), ...chunksOf(['src/pwa/register-service-worker.ts'])]);
    for (const file of [...start, ...firstQuestion]) idle.delete(file);
    const requested = recordScripts(page);

    await page.addInitScript(() => localStorage.setItem('levels-of-need.chosen-document', 'st-helens'));
    await page.goto('/');
    await page.getByRole('link', { name: 'Quick check' }).click();
    await expect(page.getByRole('heading', { level: 1, name: "The child's age" })).toBeVisible();
    const document = chunksOf(['virtual:thresholds/st-helens']);
    const code = requested.filter((file) => !idle.has(file) && !document.has(file));
    expect(new Set(code)).toEqual(new Set([...start, ...firstQuestion]));
  });
});

test('the start page and first question scripts ask V8 to compile them as they stream in', async ({ request }) => {
  // The entry and the quick check's chunk (Rolldown's runtime is a few lines), as the server sends them: brotli.
  const scripts = [...chunksOf([QUICK_CHECK])].filter((file) => !file.includes('rolldown-runtime'));
  expect(scripts).toHaveLength(2);
  for (const file of scripts) {
    const response = await request.get(file, { headers: { 'Accept-Encoding': 'br' } });
    expect(response.headers()['content-encoding']).toBe('br');
    expect((await response.text()).startsWith('//# allFunctionsCalledOnLoad\n'), file).toBe(true);
  }
});

test.describe('the start page with a saved draft', () => {
  test.use({ ...PHONE, serviceWorkers: 'block' });

  test('loads the drafts store to list it', async ({ page }) => {
    const store = chunksOf(['src/app/create-draft-store.ts']);
    const requested = recordScripts(page);
    await page.goto('/');
    await expect(page.getByText('You have no saved assessments on this device.')).toBeVisible();
    // A quick-check draft needs no passphrase: put one in the database the way the app stores it.
    await page.goto('/settings');
    await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await expect.poll(() => [...store].every((file) => requested.includes(file))).toBe(true);
    // Dexie has created the database once it is listed (opening it here first would create an empty one).
    await expect
      .poll(() => page.evaluate(async () => (await indexedDB.databases()).some((db) => db.name === 'levels-of-need')))
      .toBe(true);
    await page.evaluate(async () => {
      const open = indexedDB.open('levels-of-need');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const now = new Date().toISOString();
      await new Promise((resolve, reject) => {
        const transaction = db.transaction('drafts', 'readwrite');
        transaction.objectStore('drafts').put({
          id: crypto.randomUUID(),
          schemaVersion: 1,
          status: 'in-progress',
          mode: 'quick-check',
          documentId: 'st-helens',
          documentVersion: 'x',
          step: 'age',
          levelSoFar: 1,
          ageBand: null,
          createdAt: now,
          updatedAt: now,
          revision: 1,
          writeId: crypto.randomUUID(),
          content: {},
        });
        transaction.oncomplete = resolve;
        transaction.onerror = () => reject(transaction.error);
      });
      db.close();
    });
    requested.length = 0;
    await page.goto('/');
    await expect.poll(() => [...store].every((file) => requested.includes(file))).toBe(true);
  });
});

test.describe('how the start page looks', () => {
  for (const [label, device] of [
    ['phone', PHONE],
    ['landscape tablet', TABLET_LANDSCAPE],
  ] as const) {
    test(`on a ${label}: the quick check first, and no axe violations`, async ({ browser }, testInfo) => {
      const context = await browser.newContext({ ...device, serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto('/');
      await expect(page.getByText('You have no saved assessments on this device.')).toBeVisible();
      const quickCheck = page.getByRole('link', { name: 'Quick check' });
      await expect(quickCheck).toBeInViewport();
      await checkPage(page, testInfo, `start-page-${label}`);
      await context.close();
    });
  }
});
