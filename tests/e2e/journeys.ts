import { expect, type Page } from '@playwright/test';

/**
 * Indicators are chosen by their stable ids, so rewording by the writing group never breaks a test.
 * Each sits in a collapsed sub-domain, opened first as a practitioner would.
 */
export async function tick(page: Page, indicatorId: string) {
  const box = page.locator(`#indicator-${indicatorId}`);
  const subDomain = page.locator('details.sub-domain').filter({ has: box });
  if (!(await subDomain.evaluate((details: HTMLDetailsElement) => details.open))) {
    await subDomain.locator('summary').click();
  }
  await box.check();
}

export async function chooseStHelens(page: Page) {
  await expect(page.getByRole('heading', { name: /Which area's descriptions of need/ })).toBeVisible();
  await page.getByLabel('St Helens descriptions of need').check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** The GOV.UK date input: three boxes inside the group named by its legend. */
export async function fillDate(page: Page, legend: string, day: string, month: string, year: string) {
  const group = page.getByRole('group', { name: legend });
  await group.getByLabel('Day').fill(day);
  await group.getByLabel('Month').fill(month);
  await group.getByLabel('Year').fill(year);
}

export const continueButton = (page: Page) => page.getByRole('button', { name: 'Continue', exact: true });

export const PASSPHRASE = 'correct horse battery staple';

/** First use on a device: set the passphrase that protects drafts. */
export async function setPassphrase(page: Page) {
  await expect(page.getByRole('heading', { name: 'Set a passphrase for this device' })).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Enter the passphrase again').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Set passphrase' }).click();
}

export async function unlock(page: Page, passphrase = PASSPHRASE) {
  await expect(page.getByRole('heading', { name: 'Unlock to carry on' })).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

type OnPage = (label: string) => Promise<unknown>;

const TASK_LIST = 'Make a referral';

/** A section's row on the task list: its link (or name) and its status. */
export const taskRow = (page: Page, section: string) =>
  page.locator('.govuk-task-list__item').filter({ has: page.getByText(section, { exact: true }) });

/** From the task list, open a section by its name. */
export async function openSection(page: Page, section: string) {
  await expect(page.getByRole('heading', { name: TASK_LIST, level: 1 })).toBeVisible();
  await page.getByRole('link', { name: section, exact: true }).click();
  await expect(page.getByRole('heading', { name: section, level: 1 })).toBeVisible();
}

/**
 * A health visitor's referral about a baby, from the start page to the printable summary, taking
 * the task list's sections out of order: the child's details (with a date of birth missing its
 * month) before anything else, the concerns from last to first, the reflections backwards.
 */
export async function completeAssessment(page: Page, onPage: OnPage) {
  await page.goto('/');
  await onPage('start');
  await page.getByRole('link', { name: 'Start an assessment' }).click();
  await chooseStHelens(page);
  await setPassphrase(page);

  await expect(page.getByRole('heading', { name: TASK_LIST })).toBeVisible();
  await expect(taskRow(page, "The child's developmental needs")).toContainText('Cannot start yet');
  await expect(taskRow(page, 'Check your answers')).toContainText('Cannot start yet');
  await onPage('task-list');

  await openSection(page, 'Child and family details');
  await page.getByLabel("Child's last name").fill('Canarychild');
  await page.getByLabel('Female').check();
  await fillDate(page, 'Date of birth', '1', '', '2026');
  await continueButton(page).click();
  const dateError = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(dateError).toContainText('Date of birth must include a month');
  await expect(page.getByRole('group', { name: 'Date of birth' }).getByLabel('Month')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expect(page.getByRole('group', { name: 'Date of birth' }).getByLabel('Day')).not.toHaveAttribute(
    'aria-invalid',
  );
  await onPage('child-date-error');
  await dateError.getByRole('link', { name: 'Date of birth must include a month' }).click();
  await expect(page.getByRole('group', { name: 'Date of birth' }).getByLabel('Month')).toBeFocused();
  await page.keyboard.type('9');
  await page.getByLabel("Child's address").fill('1 Canary Row, St Helens');
  await onPage('child');
  await continueButton(page).click();
  await expect(taskRow(page, 'Child and family details')).toContainText('Completed');

  await openSection(page, 'About you');
  await continueButton(page).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toBeFocused();
  await onPage('about-you-errors');
  await page.getByLabel('Your full name').fill('Canary Referrer');
  await page.getByLabel('Your role').fill('Health visitor');
  await page.getByLabel('Health visiting').check();
  await page.getByLabel('Phone number').fill('01632 960111');
  await continueButton(page).click();

  await openSection(page, "The child's age and your concern");
  await page.getByLabel('0 to 4 years').check();
  await page.getByLabel('What are you worried about?').fill('Bruise seen on the baby at the new birth visit.');
  await onPage('concern');
  await continueButton(page).click();
  await expect(taskRow(page, "The child's developmental needs")).toContainText('None chosen');
  await onPage('task-list-age-known');

  await openSection(page, 'Family, language and other professionals');
  const nhsNumber = page.getByLabel("Child's NHS number (optional)");
  await nhsNumber.fill('943 476 5918');
  await continueButton(page).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText(
    'Enter a valid NHS number, like 943 476 5919',
  );
  await expect(nhsNumber).toHaveValue('943 476 5918');
  await onPage('family-errors');
  await nhsNumber.fill('943 476 5919');
  await page.getByRole('button', { name: 'Add a parent or carer' }).click();
  await page.getByLabel('Full name').fill('Canary Parent');
  await page.getByLabel('Relationship to the child').fill('Mother');
  await page.getByRole('group', { name: 'Do they have parental responsibility?' }).getByLabel('Yes').check();
  await page.getByRole('group', { name: 'Do they live with the child?' }).getByLabel('Yes').check();
  await expect(page.getByLabel('Which language?')).toBeHidden();
  await page
    .getByRole('group', { name: /need an interpreter/ })
    .getByLabel('Yes')
    .check();
  await page.getByLabel('Which language?').fill('Polish');
  await onPage('family');
  await continueButton(page).click();

  await openSection(page, 'Specific risks and circumstances');
  await expect(page.getByRole('alert').filter({ hasText: 'immediate danger' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Continue' }).click();
  await openSection(page, "The child's developmental needs");
  await tick(page, 'health-injury-non-mobile-baby');
  await expect(page.getByRole('alert').filter({ hasText: 'A child may be in immediate danger' })).toBeVisible();
  await onPage('domain-child-development');
  await page.getByRole('link', { name: 'Continue' }).click();
  await expect(taskRow(page, "The child's developmental needs")).toContainText('1 concern chosen');
  for (const domain of ['Family and environmental factors', 'Parenting capacity']) {
    await openSection(page, domain);
    await expect(page.getByRole('alert').filter({ hasText: 'A child may be in immediate danger' })).toBeVisible();
    await onPage(`domain-${domain}`);
    await page.getByRole('link', { name: 'Continue' }).click();
  }

  for (const [heading, answer] of [
    ['What has been tried', 'Extra visits from the health visiting team.'],
    ["The child's voice", 'Baby settles quickly with her mother.'],
    ['What is working well', 'Mother attends every appointment.'],
  ] as const) {
    await openSection(page, heading);
    await page.getByRole('textbox').fill(answer);
    await onPage(heading);
    await continueButton(page).click();
  }

  await openSection(page, 'Suggested level of need');
  await expect(
    page.getByText('Level 4: Specialist - children in need and at risk of significant harm').first(),
  ).toBeVisible();
  await page.getByLabel('No, I think the level is different').check();
  await page.getByLabel(/^Level 3:/).check();
  await continueButton(page).click();
  await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText(
    'Explain why you think the level is different',
  );
  await onPage('result-override-error');
  await page.getByLabel('Why do you think the level is different?').fill('The bruise has a clear medical explanation.');
  await continueButton(page).click();

  await openSection(page, 'Consent and information sharing');
  await page
    .getByRole('group', { name: /parents or carers know/ })
    .getByLabel('Yes')
    .check();
  await page.getByLabel('Yes, consent was given').check();
  await onPage('consent');
  await continueButton(page).click();

  await expect(taskRow(page, 'Check your answers')).toContainText('Not yet started');
  await onPage('task-list-complete');
  await openSection(page, 'Check your answers');
  await onPage('check-answers');
  await page.getByRole('link', { name: 'Change what you are worried about' }).click();
  await expect(page.getByRole('heading', { name: "The child's age and your concern" })).toBeVisible();
  await page.getByLabel('What are you worried about?').fill('Bruise on the baby, seen at the new birth visit.');
  await continueButton(page).click();
  await expect(page.getByRole('heading', { name: 'Check your answers' })).toBeVisible();
  await expect(page.getByText('Bruise on the baby, seen at the new birth visit.')).toBeVisible();
  await page.getByRole('button', { name: 'Continue to the summary' }).click();

  await expect(page.getByRole('heading', { name: 'Referral summary' })).toBeVisible();
  await onPage('summary');
}
