import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { findHeading, PASSPHRASE, renderApp, storeWithDraft } from './render-app.tsx';

const HEADING = 'Family, language and other professionals';

describe('the family step', () => {
  it('refuses an NHS number whose check digit is wrong, keeps it as typed, and accepts a valid one', async () => {
    const { store, draft, path } = await storeWithDraft({});
    const { user, location, unlock } = renderApp(`${path}/family`, store);
    await unlock();
    await findHeading(HEADING);
    const nhsNumber = screen.getByLabelText("Child's NHS number (optional)");
    await user.type(nhsNumber, '943 476 5918');
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Enter a valid NHS number, like 943 476 5919']);
    expect(nhsNumber).toHaveAttribute('aria-invalid', 'true');
    // GOV.UK: the summary comes before the heading, and the title says there is an error.
    const heading = screen.getByRole('heading', { level: 1 });
    expect(summary.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await waitFor(() =>
      expect(document.title).toMatch(/^Error: About you and the child: Family, language and other professionals/),
    );
    expect(nhsNumber).toHaveValue('943 476 5918');

    await user.clear(nhsNumber);
    await user.type(nhsNumber, '943 476 5919');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(document.title).not.toMatch(/^Error: /));
    await expect.poll(() => location.history?.at(-1)).not.toBe(`${path}/family`);
    const vault = await store.keyring.unlock(PASSPHRASE);
    // The save on Continue finishes after the page has moved on.
    await expect.poll(async () => (await store.load(draft.id, vault)).content.family.nhsNumber).toBe('943 476 5919');
  });

  it('reveals "Which language?" only when an interpreter is needed, and asks for it then', async () => {
    const { store, path } = await storeWithDraft({});
    const { user, unlock } = renderApp(`${path}/family`, store);
    await unlock();
    await findHeading(HEADING);
    expect(screen.queryByLabelText('Which language?')).not.toBeInTheDocument();
    const interpreter = screen.getByRole('group', { name: /need an interpreter/ });
    await user.click(within(interpreter).getByLabelText('Yes'));
    expect(screen.getByLabelText('Which language?')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(
      await screen.findByRole('link', { name: 'Enter the language the interpreter needs to speak' }),
    ).toBeVisible();
    await user.click(within(interpreter).getByLabelText('No'));
    expect(screen.queryByLabelText('Which language?')).not.toBeInTheDocument();
  });

  it('adds a parent or carer and asks for what is missing about them', async () => {
    const { store, path } = await storeWithDraft({});
    const { user, unlock } = renderApp(`${path}/family`, store);
    await unlock();
    await findHeading(HEADING);
    await user.click(screen.getByRole('button', { name: 'Add a parent or carer' }));
    await user.type(screen.getByLabelText('Full name'), 'Jo Parent');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual([
      'Enter their relationship to the child, for example "mother" or "foster carer"',
      "Select whether they have parental responsibility, or 'Not known'",
      'Select whether they live with the child',
    ]);
    expect(screen.getByRole('button', { name: 'Add another parent or carer' })).toBeInTheDocument();
  });
});
