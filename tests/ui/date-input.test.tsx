import { cleanup, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { findHeading, PASSPHRASE, renderApp, storeWithDraft } from './render-app.tsx';

const HEADING = 'Child and family details';
const CHILD = { lastName: 'Example', gender: 'female' as const, address: '1 Example Road' };

async function openChildStep(content: Parameters<typeof storeWithDraft>[0] = { child: CHILD }) {
  const opened = await storeWithDraft(content);
  const rendered = renderApp(`${opened.path}/child`, opened.store);
  await rendered.unlock();
  await findHeading(HEADING);
  const group = screen.getByRole('group', { name: /^(Date of birth|Expected due date)/ });
  const box = (name: 'Day' | 'Month' | 'Year') => within(group).getByLabelText(name);
  const typeDate = async (day: string, month: string, year: string) => {
    for (const [name, value] of [
      ['Day', day],
      ['Month', month],
      ['Year', year],
    ] as const) {
      await rendered.user.clear(box(name));
      if (value) await rendered.user.type(box(name), value);
    }
  };
  const storedDate = async () => {
    const vault = await opened.store.keyring.unlock(PASSPHRASE);
    return (await opened.store.load(opened.draft.id, vault)).content.child.dateOfBirth;
  };
  return { ...opened, ...rendered, group, box, typeDate, storedDate };
}

const invalidBoxes = (group: HTMLElement) =>
  within(group)
    .getAllByRole('textbox')
    .filter((input) => input.getAttribute('aria-invalid') === 'true')
    .map((input) => input.id);

const summaryLinks = async () =>
  within(await screen.findByRole('alert'))
    .getAllByRole('link')
    .map((link) => link.textContent);

describe('the date of birth, in three boxes', () => {
  it('takes a real date and keeps it as the ISO date the submission carries', async () => {
    const step = await openChildStep();
    expect(step.box('Day')).toHaveAttribute('inputmode', 'numeric');
    expect(step.box('Day')).toHaveAttribute('autocomplete', 'bday-day');
    expect(step.box('Year')).toHaveAttribute('autocomplete', 'bday-year');
    await step.typeDate('7', '4', '2019');
    await step.user.click(screen.getByRole('button', { name: 'Continue' }));
    await expect.poll(() => step.location.history?.at(-1)).not.toBe(`${step.path}/child`);
    await expect.poll(step.storedDate).toBe('2019-04-07');
  });

  it('names a missing month, highlights only the month box, and its link focuses that box', async () => {
    const step = await openChildStep();
    await step.typeDate('14', '', '2019');
    await step.user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await summaryLinks()).toEqual(['Date of birth must include a month']);
    expect(within(step.group).getByText('Date of birth must include a month')).toBeVisible();
    expect(invalidBoxes(step.group)).toEqual(['dateOfBirth-month']);
    await step.user.click(screen.getByRole('link', { name: 'Date of birth must include a month' }));
    expect(step.box('Month')).toHaveFocus();
    expect(step.box('Day')).toHaveValue('14');
  });

  it('says 31 February must be a real date and links to the day box', async () => {
    const step = await openChildStep();
    await step.typeDate('31', '2', '2019');
    await step.user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await summaryLinks()).toEqual(['Date of birth must be a real date']);
    expect(invalidBoxes(step.group)).toEqual(['dateOfBirth-day', 'dateOfBirth-month', 'dateOfBirth-year']);
    await step.user.click(screen.getByRole('link', { name: 'Date of birth must be a real date' }));
    expect(step.box('Day')).toHaveFocus();
  });

  it('refuses a date of birth in the future', async () => {
    const step = await openChildStep();
    await step.typeDate('1', '1', String(new Date().getFullYear() + 1));
    await step.user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await summaryLinks()).toEqual(['Date of birth must be in the past']);
  });

  it('keeps a half-typed date through a reload, and opens an older draft’s ISO date in the boxes', async () => {
    const step = await openChildStep();
    await step.typeDate('14', '', '20');
    await expect.poll(step.storedDate).toEqual({ day: '14', month: '', year: '20' });
    cleanup();

    const reopened = renderApp(`${step.path}/child`, step.store);
    await reopened.unlock();
    await findHeading(HEADING);
    const group = screen.getByRole('group', { name: /Date of birth/ });
    expect(within(group).getByLabelText('Day')).toHaveValue('14');
    expect(within(group).getByLabelText('Month')).toHaveValue('');
    expect(within(group).getByLabelText('Year')).toHaveValue('20');
    cleanup();

    const older = await openChildStep({ child: { ...CHILD, dateOfBirth: '2019-04-07' } });
    expect(
      [older.box('Day'), older.box('Month'), older.box('Year')].map((box) => (box as HTMLInputElement).value),
    ).toEqual(['7', '4', '2019']);
  });

  it('asks an unborn baby’s expected due date in the same three boxes, without the date of birth’s autocomplete', async () => {
    const step = await openChildStep({ child: { ...CHILD, gender: 'unborn' } });
    expect(step.group).toHaveAccessibleName(/^Expected due date/);
    expect(step.box('Day')).toHaveAttribute('autocomplete', 'off');
    await step.typeDate('30', '2', '2027');
    await step.user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await summaryLinks()).toEqual(['Due date must be a real date']);
  });
});
