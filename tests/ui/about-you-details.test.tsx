import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { findHeading, PASSPHRASE, renderApp, storeWithDraft } from './render-app.tsx';

const DETAILS = {
  name: 'Sam Example',
  role: 'School nurse',
  agency: 'school-nursing',
  phone: '01632 960111',
  email: 'sam@example.org',
};

describe('About you', () => {
  it('keeps the referrer’s details, encrypted on this device, when they continue', async () => {
    const { store, path } = await storeWithDraft({});
    const { user, unlock } = renderApp(`${path}/about-you`, store);
    await unlock();
    await findHeading('About you');
    await user.type(screen.getByLabelText('Your full name'), DETAILS.name);
    await user.type(screen.getByLabelText('Your role'), DETAILS.role);
    await user.click(screen.getByLabelText('School nursing'));
    await user.type(screen.getByLabelText('Phone number'), DETAILS.phone);
    await user.type(screen.getByLabelText('Work email address (optional)'), DETAILS.email);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await findHeading('Make a referral');

    const vault = await store.keyring.unlock(PASSPHRASE);
    await expect.poll(() => store.referrerDetails.open(vault)).toEqual(DETAILS);
  });

  it('offers the kept details for the next referral, and fills the form with them', async () => {
    const { store, path } = await storeWithDraft({});
    const vault = await store.keyring.unlock(PASSPHRASE);
    await store.referrerDetails.save(DETAILS, vault);
    vault.lock();
    const { user, unlock } = renderApp(`${path}/about-you`, store);
    await unlock();
    await findHeading('About you');
    expect(await screen.findByText('Sam Example, School nurse, School nursing')).toBeInTheDocument();
    expect(screen.getByLabelText('Your full name')).toHaveValue('');
    await user.click(screen.getByRole('button', { name: 'Use these details' }));
    expect(screen.getByLabelText('Your full name')).toHaveValue('Sam Example');
    expect(screen.getByLabelText('Your role')).toHaveValue('School nurse');
    expect(screen.getByLabelText('School nursing')).toBeChecked();
    expect(screen.getByLabelText('Work email address (optional)')).toHaveValue('sam@example.org');
    expect(screen.queryByRole('button', { name: 'Use these details' })).not.toBeInTheDocument();
  });
});
