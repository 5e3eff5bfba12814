import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { findHeading, renderApp, storeWithDraft } from './render-app.tsx';

const row = (name: string) => screen.getByText(name, { selector: 'a, div' }).closest('li') as HTMLElement;

describe('the assessment task list', () => {
  it('lists every section with its status, and sections that need the age cannot start yet', async () => {
    const { store, path } = await storeWithDraft({ child: { lastName: 'Example' }, tried: 'Extra visits' });
    const { unlock } = renderApp(`${path}/tasks`, store);
    await unlock();
    await findHeading('Make a referral');
    expect(within(row('About you')).getByText('Not yet started')).toBeInTheDocument();
    expect(within(row('Child and family details')).getByText('In progress')).toBeInTheDocument();
    expect(within(row('What has been tried')).getByText('Completed')).toBeInTheDocument();
    const development = row("The child's developmental needs");
    expect(within(development).getByText('Cannot start yet')).toBeInTheDocument();
    expect(within(development).queryByRole('link')).not.toBeInTheDocument();
    expect(within(row('Check your answers')).getByText('Cannot start yet')).toBeInTheDocument();
    expect(screen.getByText(/^You have completed 1 of \d+ sections\./)).toBeInTheDocument();
  });

  it('opens any section, whose back link and Continue return to the task list', async () => {
    const { store, path } = await storeWithDraft({});
    const { user, location, unlock } = renderApp(`${path}/tasks`, store);
    await unlock();
    await findHeading('Make a referral');
    await user.click(screen.getByRole('link', { name: 'What is working well' }));
    await findHeading('What is working well');
    expect(screen.getByText('Your assessment')).toBeInTheDocument();
    expect(screen.queryByText(/^Step \d+ of/)).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back' })).toHaveAttribute('href', `${path}/tasks`);
    await user.type(screen.getByRole('textbox'), 'Grandmother helps every day');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await findHeading('Make a referral');
    expect(location.history?.at(-1)).toBe(`${path}/tasks`);
    expect(within(row('What is working well')).getByText('Completed')).toBeInTheDocument();
  });
});
