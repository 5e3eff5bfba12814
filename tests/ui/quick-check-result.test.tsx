import { cleanup, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { findHeading, PASSPHRASE, renderApp, storeWithPassphrase } from './render-app.tsx';

const QUICK_CHECK_KEY = 'levels-of-need.quick-check';
const TICKED = ['learning-persistent-absence', 'self-care-fending-for-self', 'health-weight-off-track'];

/** A quick check for a 9-year-old with three concerns ticked, as a device would hold it. */
function storedQuickCheck(indicators = TICKED) {
  localStorage.setItem(QUICK_CHECK_KEY, JSON.stringify({ documentId: 'st-helens', ageBand: '5-11', indicators }));
}

describe('the quick check result', () => {
  beforeEach(() => localStorage.clear());

  it('lists every ticked concern under its level, marking the ones that set the level', async () => {
    storedQuickCheck();
    renderApp('/quick-check/result');
    await findHeading('Suggested level of need');
    const level3 = within(screen.getByRole('region', { name: 'Level 3 concerns' }));
    expect(level3.getAllByText('Sets the level')).toHaveLength(2);
    expect(level3.getByText(/Misses at least one school day in ten/)).toBeInTheDocument();
    expect(level3.getByText(/Regularly turns up hungry/)).toBeInTheDocument();
    const level2 = within(screen.getByRole('region', { name: 'Level 2 concerns' }));
    expect(level2.getByText(/Weight has started to drift down/)).toBeInTheDocument();
    expect(level2.queryByText('Sets the level')).not.toBeInTheDocument();
  });

  it('says what to do now and whom to ring straight after the level', async () => {
    storedQuickCheck(['learning-missing-from-education']);
    renderApp('/quick-check/result');
    await findHeading('Suggested level of need');
    const doNow = within(screen.getByRole('region', { name: 'What to do now' }));
    expect(doNow.getByText(/Phone the MASH now/)).toBeInTheDocument();
    expect(doNow.getByRole('link', { name: '01744 676767, option 2' })).toHaveAttribute('href', 'tel:01744676767');
    expect(doNow.getByText(/Monday to Friday, 9am to 5pm/)).toBeInTheDocument();
    expect(doNow.getByRole('link', { name: '0345 050 0148' })).toHaveAttribute('href', 'tel:03450500148');
  });

  it('names the statutory route of a level 4 result, so the consent guidance can be trusted', async () => {
    storedQuickCheck(['learning-missing-from-education']);
    renderApp('/quick-check/result');
    await findHeading('Suggested level of need');
    const route = screen.getByRole('heading', { name: 'Route' });
    expect(route.nextElementSibling).toHaveTextContent(/section 47 of the Children Act 1989/);
  });

  it('keeps the answers when the app is opened again, until they are cleared', async () => {
    const first = renderApp('/quick-check/age');
    await findHeading("The child's age");
    await first.user.click(screen.getByLabelText('5 to 11 years'));
    await first.user.click(screen.getByRole('button', { name: 'Continue' }));
    await findHeading("The child's developmental needs");
    await first.user.click(document.getElementById('indicator-learning-persistent-absence') as HTMLElement);
    cleanup();

    const second = renderApp('/quick-check/result');
    await findHeading('Suggested level of need');
    expect(screen.getByText(/Misses at least one school day in ten/)).toBeInTheDocument();
    await second.user.click(screen.getByRole('button', { name: 'Clear and start again' }));
    await findHeading("The child's age");
    expect(screen.getByLabelText('5 to 11 years')).not.toBeChecked();
    expect(localStorage.getItem(QUICK_CHECK_KEY)).toBeNull();
  });

  it('carries the age band and every ticked concern into a new assessment', async () => {
    storedQuickCheck();
    const { store } = await storeWithPassphrase();
    const { user, unlock } = renderApp('/quick-check/result', store);
    await findHeading('Suggested level of need');
    await user.click(screen.getByRole('link', { name: 'Continue as a full assessment' }));
    await unlock();
    await findHeading('Make a referral');
    const [summary] = (await store.listSummaries()).drafts;
    const draft = await store.load(summary?.id ?? '', await store.keyring.unlock(PASSPHRASE));
    expect(draft.content.concern.ageBand).toBe('5-11');
    expect(draft.content.indicators).toEqual(TICKED);
    expect(draft.levelSoFar).toBe(3);
  });
});
