import { expect, test, type Page } from '@playwright/test';
import { TABLET_PORTRAIT } from './devices.ts';
import {
  chooseStHelens,
  continueButton,
  fillDate,
  openSection,
  PASSPHRASE,
  setPassphrase,
  tick,
  unlock,
} from './journeys.ts';
import { expectNoAxeViolations } from './page-checks.ts';

test.use(TABLET_PORTRAIT);

async function startAssessment(page: Page) {
  await page.goto('/assessment/new');
  await chooseStHelens(page);
  await setPassphrase(page);
  await openSection(page, 'About you');
  return page.url().replace(/\/about-you$/, '');
}

/** Every record of every object store of every IndexedDB database, as text: strings as they are, bytes as Latin-1. */
async function everythingStoredInIndexedDb(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const asText = (value: unknown): string => {
      if (value instanceof ArrayBuffer) return asText(new Uint8Array(value));
      if (ArrayBuffer.isView(value))
        return String.fromCharCode(...new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      if (Array.isArray(value)) return value.map(asText).join(' ');
      if (value && typeof value === 'object')
        return Object.entries(value)
          .map(([key, inner]) => `${key} ${asText(inner)}`)
          .join(' ');
      return String(value);
    };
    const chunks: string[] = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name ?? '');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const storeName of db.objectStoreNames) {
        const records = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(storeName).objectStore(storeName).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        chunks.push(`${info.name}/${storeName}: ${records.map(asText).join('\n')}`);
      }
      db.close();
    }
    return chunks.join('\n');
  });
}

test('nothing identifying is readable in IndexedDB: a canary in every field is never found in plain text', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await startAssessment(page);
  const canaries: string[] = [];
  const canary = (field: string) => {
    const value = `CANARY${canaries.length}${field.replace(/\W/g, '')}`;
    canaries.push(value);
    return value;
  };
  await page.getByLabel('Your full name').fill(canary('name'));
  await page.getByLabel('Your role').fill(canary('role'));
  await page.getByLabel('Health visiting').check();
  await page.getByLabel('Phone number').fill(canary('phone'));
  await page.getByLabel('Work email address (optional)').fill(`${canary('email')}@example.org`);
  await continueButton(page).click();
  await openSection(page, "The child's age and your concern");
  await page.getByLabel('0 to 4 years').check();
  await page.getByLabel('What are you worried about?').fill(canary('reason'));
  await continueButton(page).click();
  await openSection(page, 'Child and family details');
  await page.getByLabel("Child's first name (optional)").fill(canary('first'));
  await page.getByLabel("Child's last name").fill(canary('last'));
  await page.getByLabel('Female').check();
  await fillDate(page, 'Date of birth', '9', '7', '2025');
  canaries.push('2025-07-09');
  await page.getByLabel("Child's address").fill(canary('address'));
  await page.getByLabel('School, nursery or setting (optional)').fill(canary('setting'));
  await page.getByLabel('Who lives in the household? (optional)').fill(canary('household'));
  await continueButton(page).click();
  await openSection(page, 'Family, language and other professionals');
  await page.getByLabel("Child's GP practice (optional)").fill(canary('gp'));
  await page.getByRole('button', { name: 'Add a parent or carer' }).click();
  await page.getByLabel('Full name').fill(canary('parent'));
  await page.getByLabel('Relationship to the child').fill(canary('relationship'));
  await page.getByRole('group', { name: 'Do they have parental responsibility?' }).getByLabel('Yes').check();
  await page.getByRole('group', { name: 'Do they live with the child?' }).getByLabel('Yes').check();
  await page.getByLabel('Language spoken at home (optional)').fill(canary('language'));
  await page.getByRole('button', { name: 'Add a professional' }).click();
  await page.getByLabel('Full name').nth(1).fill(canary('professional'));
  await page.getByLabel('Role', { exact: true }).fill(canary('professionalrole'));
  await continueButton(page).click();
  await openSection(page, "The child's developmental needs");
  await tick(page, 'health-missed-checks-immunisations');
  await page.getByRole('link', { name: 'Continue' }).click();
  for (const [section, field] of [
    ['What is working well', 'strengths'],
    ["The child's voice", 'voice'],
    ['What has been tried', 'tried'],
  ] as const) {
    await openSection(page, section);
    await page.getByRole('textbox').fill(canary(field));
    await continueButton(page).click();
  }
  await openSection(page, 'Suggested level of need');
  await page.getByLabel('No, I think the level is different').check();
  await page.getByLabel(/^Level 3:/).check();
  await page.getByLabel('Why do you think the level is different?').fill(canary('rationale'));
  await continueButton(page).click();
  await openSection(page, 'Consent and information sharing');
  await page
    .getByRole('group', { name: /parents or carers know/ })
    .getByLabel('No')
    .check();
  await page.getByLabel('Consent was not sought').check();
  await page.getByLabel(/If consent was not given/).fill(canary('consentreason'));
  await continueButton(page).click();
  await openSection(page, 'Check your answers');
  await expect(page.getByText(/^Saved at /)).toBeVisible();

  const stored = await everythingStoredInIndexedDb(page);
  expect(stored).toContain('levels-of-need/drafts');
  const found = canaries.filter((value) => stored.includes(value));
  expect(found, `${canaries.length} canaries checked`).toEqual([]);
  expect(stored).not.toContain(PASSPHRASE);
  // A positive control: the age band is stored in plain text by design, so the scan does see plain text.
  expect(stored).toContain('0-4');
});

test('closing the tablet mid-sentence loses at most the last second of typing', async ({ context }) => {
  const page = await context.newPage();
  const draftUrl = await startAssessment(page);
  await page
    .getByLabel('0 to 4 years')
    .isVisible()
    .catch(() => undefined);
  await page.goto(`${draftUrl}/strengths`);
  await unlock(page);
  const field = page.getByLabel('What is working well for the child and family?');
  await field.click();
  const sentence = 'Grandmother collects the children from school every day';
  await page.keyboard.type(sentence, { delay: 40 });
  // Killing the tab at once: whatever pagehide and the autosave managed to save is what survives.
  await page.close({ runBeforeUnload: false });

  const reopened = await context.newPage();
  await reopened.goto(`${draftUrl}/strengths`);
  await unlock(reopened);
  const kept = await reopened.getByLabel('What is working well for the child and family?').inputValue();
  expect(sentence.startsWith(kept)).toBe(true);
  const lostCharacters = sentence.length - kept.length;
  test
    .info()
    .annotations.push({ type: 'characters lost when the tab was killed', description: String(lostCharacters) });
  // 40 ms a keystroke: one second is 25 characters.
  expect(lostCharacters).toBeLessThanOrEqual(25);
});

test('locking keeps the place, a wrong passphrase is refused, and the right one returns to the same field', async ({
  page,
}) => {
  const draftUrl = await startAssessment(page);
  await page.getByLabel('Your role').fill('Health visitor');
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Unlock to carry on' })).toBeVisible();
  expect(page.url()).toBe(`${draftUrl}/about-you`);
  await unlock(page, 'not my passphrase');
  await expect(page.getByRole('link', { name: /That is not the passphrase set on this device/ })).toBeVisible();
  await expect(page.getByText(/You can try again in \d+ seconds?/)).toBeVisible();
  // The wait after a wrong try is short, but how short is no business of a test on a busy machine.
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeEnabled();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { name: 'About you' })).toBeVisible();
  await expect(page.getByLabel('Your role')).toBeFocused();
  await expect(page.getByLabel('Your role')).toHaveValue('Health visitor');
});

test('the same draft open in a second tab is read-only there and says why', async ({ context }) => {
  const first = await context.newPage();
  const draftUrl = await startAssessment(first);
  await first.getByLabel('Your role').fill('School nurse');
  await expect(first.getByText(/^Saved at /)).toBeVisible();

  const second = await context.newPage();
  await second.goto(`${draftUrl}/about-you`);
  await unlock(second);
  await expect(second.getByText(/^Read only: /)).toBeVisible();
  await expect(second.getByLabel('Your role')).toHaveValue('School nurse');
  await expect(first.getByText(/^Saved at /)).toBeVisible();
});

test('a guessable passphrase is refused in plain words; the key is wrapped with Argon2id; the passphrase pages pass axe', async ({
  page,
}) => {
  await page.goto('/assessment/new');
  await chooseStHelens(page);
  await expect(page.getByRole('heading', { name: 'Set a passphrase for this device' })).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill('password1234');
  await page.getByLabel('Enter the passphrase again').fill('password1234');
  await expect(page.getByRole('status')).toHaveText('This passphrase would be guessed quickly: add more words.');
  await page.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(
    page.getByRole('alert').getByRole('link', { name: 'This passphrase would be guessed quickly: add more words' }),
  ).toBeVisible();
  await expectNoAxeViolations(page, 'set passphrase, refused');

  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Enter the passphrase again').fill(PASSPHRASE);
  await expect(page.getByRole('status')).toHaveText('This passphrase would be hard to guess.');
  await page.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(page.getByRole('heading', { name: 'Make a referral' })).toBeVisible();
  const keyring = await page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('levels-of-need');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('keyring').objectStore('keyring').get('device');
          request.onsuccess = () => {
            const { kdf, memoryKiB, passes } = request.result as Record<string, unknown>;
            open.result.close();
            resolve({ kdf, memoryKiB, passes });
          };
        };
      }),
  );
  expect(keyring).toEqual({ kdf: 'Argon2id', memoryKiB: expect.any(Number), passes: expect.any(Number) });

  await page.getByRole('button', { name: 'Lock' }).click();
  await unlock(page, 'not my passphrase');
  await expect(page.getByRole('link', { name: /That is not the passphrase set on this device/ })).toBeVisible();
  await expectNoAxeViolations(page, 'unlock, wrong passphrase');
});
