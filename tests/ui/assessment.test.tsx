import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { findHeading, PASSPHRASE, renderApp, storeWithDraft } from './render-app.tsx';
import { WAIT_FOR_EVENT } from '../loaded-machine.ts';

describe('an assessment', () => {
  it('shows each problem in the summary and at its field, and keeps what was typed', async () => {
    const { store, path } = await storeWithDraft({});
    const { user, unlock } = renderApp(`${path}/about-you`, store);
    await unlock();
    await findHeading('About you');
    await user.type(screen.getByLabelText('Your full name'), 'Sam Example');
    await user.type(screen.getByLabelText('Work email address (optional)'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    const summary = await screen.findByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual([
      'Enter your role, for example "health visitor"',
      'Select the agency you work for',
      'Enter a phone number the front door can call you on',
      'Enter an email address in the correct format, like name@example.org',
    ]);
    expect(summary).toHaveFocus();
    const role = screen.getByLabelText('Your role');
    expect(role).toHaveAttribute('aria-invalid', 'true');
    expect(role).toHaveAccessibleDescription(/Enter your role/);
    expect(screen.getByLabelText('Your full name')).toHaveValue('Sam Example');
    expect(screen.getByLabelText('Work email address (optional)')).toHaveValue('not-an-email');
  });

  it('autosaves what is typed, encrypted, before Continue is pressed, and says when', async () => {
    const { store, draft, path } = await storeWithDraft({});
    const { user, unlock } = renderApp(`${path}/strengths`, store);
    await unlock();
    await findHeading('What is working well');
    await user.type(screen.getByRole('textbox'), 'Grandmother helps every day');
    // Until the pause in typing has been saved, the page does not claim it has.
    expect(screen.getByText('Saving…')).toBeInTheDocument();
    expect(
      await screen.findByText(/^Saved at (\d{1,2}(:\d\d)?[ap]m|midnight|midday) on this device, encrypted$/),
    ).toBeInTheDocument();
    const vault = await store.keyring.unlock(PASSPHRASE);
    expect((await store.load(draft.id, vault)).content.strengths).toBe('Grandmother helps every day');
  });

  it('will not accept a different level without a reason, and keeps both levels once given', async () => {
    const { store, draft, path } = await storeWithDraft({
      concern: { ageBand: '0-4', reason: 'x' },
      indicators: ['health-missed-checks-immunisations'],
    });
    const { user, location, unlock } = renderApp(`${path}/result`, store);
    await unlock();
    await findHeading('Suggested level of need');
    await user.click(screen.getByLabelText('No, I think the level is different'));
    await user.click(screen.getByLabelText(/^Level 3:/));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(
      await screen.findByRole('link', { name: 'Explain why you think the level is different, in at least a sentence' }),
    ).toBeInTheDocument();
    expect(location.history?.at(-1)).toBe(`${path}/result`);

    await user.type(
      screen.getByLabelText('Why do you think the level is different?'),
      'The family has refused all help twice.',
    );
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await findHeading('Make a referral');
    const vault = await store.keyring.unlock(PASSPHRASE);
    await expect
      .poll(async () => (await store.load(draft.id, vault)).content.override, WAIT_FOR_EVENT)
      .toEqual({
        agrees: 'no',
        level: 3,
        rationale: 'The family has refused all help twice.',
      });
    expect((await store.load(draft.id, vault)).levelSoFar).toBe(2);
  });

  it.each(['about-you', 'strengths', 'consent', 'check', 'summary'])(
    'shows the immediate-danger alert on the %s page once such an indicator is chosen',
    async (step) => {
      const { store, path } = await storeWithDraft({
        concern: { ageBand: '0-4', reason: 'x' },
        indicators: ['health-injury-non-mobile-baby'],
      });
      const { unlock } = renderApp(`${path}/${step}`, store);
      await unlock();
      const alert = await screen.findByRole('alert');
      expect(within(alert).getByRole('heading', { name: 'A child may be in immediate danger' })).toBeInTheDocument();
    },
  );

  it('lists what is missing on "Check your answers", each linked to its step', async () => {
    const { store, path } = await storeWithDraft({ concern: { ageBand: '5-11', reason: 'Often hungry' } });
    const { user, unlock } = renderApp(`${path}/check`, store);
    await unlock();
    await findHeading('Check your answers');
    await user.click(screen.getByRole('button', { name: 'Continue to the summary' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Enter your full name' })).toHaveAttribute(
      'href',
      `${path}/about-you?return=check`,
    );
    expect(within(summary).queryByText(/child's age/)).not.toBeInTheDocument();
  });
});
