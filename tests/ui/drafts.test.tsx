import { act, screen, within } from '@testing-library/react';
import { loadDocument } from 'virtual:thresholds';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyDraftContent } from '../../src/domain/assessment/draft.ts';
import { LOCK_WARNING_MS, setIdleLockMinutes } from '../../src/features/drafts/idle-lock.tsx';
import { findHeading, PASSPHRASE, renderApp, storeWithDraft, storeWithPassphrase } from './render-app.tsx';

describe('saved assessments', () => {
  it('are listed on the start page by age, level, step and time, never by name', async () => {
    const { store } = await storeWithDraft(
      {
        concern: { ageBand: '0-4', reason: 'CANARY-REASON' },
        child: { lastName: 'CANARY-NAME' },
        indicators: ['health-missed-checks-immunisations'],
      },
      'child',
    );
    renderApp('/', store);
    const title = await screen.findByRole('heading', { level: 3, name: '0 to 4 years, level 2 so far' });
    const item = within(title.closest('li') as HTMLElement);
    expect(
      item.getByText(
        /^At: Child and family details\. Last edited (today|yesterday) at (\d{1,2}(:\d\d)?[ap]m|midnight|midday)\.$/,
      ),
    ).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/CANARY/);
    expect(item.getByRole('link', { name: /^Carry on with the assessment last edited/ })).toBeInTheDocument();
  });

  it('are deleted only after the practitioner confirms', async () => {
    const { store } = await storeWithDraft({ concern: { ageBand: '5-11' } });
    const { user } = renderApp('/', store);
    await user.click(await screen.findByRole('button', { name: /^Delete the assessment/ }));
    await user.click(screen.getByRole('button', { name: 'No, keep it' }));
    expect((await store.listSummaries()).drafts).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: /^Delete the assessment/ }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete it' }));
    expect(await screen.findByText('You have no saved assessments on this device.')).toBeInTheDocument();
    expect((await store.listSummaries()).drafts).toHaveLength(0);
  });
});

describe('the passphrase', () => {
  it('is set on first use: long enough, hard to guess, and the same twice', async () => {
    const { user } = renderApp('/assessment/new');
    await findHeading('Set a passphrase for this device');
    const passphrase = screen.getByLabelText('Passphrase');
    await user.type(passphrase, 'moss kettle');
    await user.click(screen.getByRole('button', { name: 'Set passphrase' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Passphrase must be 12 characters or more' })).toBeInTheDocument();

    await user.clear(passphrase);
    await user.type(passphrase, 'password1234');
    expect(await screen.findByText('This passphrase would be guessed quickly: add more words.')).toHaveAttribute(
      'role',
      'status',
    );
    await user.type(screen.getByLabelText('Enter the passphrase again'), 'password1234');
    await user.click(screen.getByRole('button', { name: 'Set passphrase' }));
    expect(
      await within(await screen.findByRole('alert')).findByRole('link', {
        name: 'This passphrase would be guessed quickly: add more words',
      }),
    ).toBeInTheDocument();
    expect(passphrase).toHaveValue('password1234');

    await user.clear(passphrase);
    await user.type(passphrase, PASSPHRASE);
    expect(await screen.findByText('This passphrase would be hard to guess.')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('Enter the passphrase again'));
    await user.type(screen.getByLabelText('Enter the passphrase again'), PASSPHRASE);
    await user.click(screen.getByRole('button', { name: 'Set passphrase' }));
    await findHeading('Make a referral');
  });

  it('is changed in Settings only to one that is hard to guess', async () => {
    const { store } = await storeWithPassphrase();
    const { user } = renderApp('/settings', store);
    await findHeading('Settings');
    await user.type(await screen.findByLabelText('Current passphrase'), PASSPHRASE);
    await user.type(screen.getByLabelText('New passphrase'), 'aaaaaaaaaaaaaaaa');
    await user.type(screen.getByLabelText('New passphrase again'), 'aaaaaaaaaaaaaaaa');
    await user.click(screen.getByRole('button', { name: 'Change passphrase' }));
    expect(
      await within(await screen.findByRole('alert')).findByRole('link', {
        name: 'This passphrase would be guessed quickly: add more words',
      }),
    ).toBeInTheDocument();
    await expect(store.keyring.unlock(PASSPHRASE)).resolves.toBeDefined();
  });

  it('turns away a wrong passphrase and makes the next try wait', async () => {
    const { store, path } = await storeWithDraft({});
    const { user } = renderApp(`${path}/about-you`, store);
    await findHeading('Unlock to carry on');
    await user.type(screen.getByLabelText('Passphrase'), 'not the passphrase');
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(
      await screen.findByRole('link', { name: /That is not the passphrase set on this device/ }),
    ).toBeInTheDocument();
    expect(screen.getByText(/You can try again in \d seconds?\./)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Unlock' })).toBeDisabled();
  });

  it('locks on request and, once unlocked, returns to the same step and field', async () => {
    const { store, path } = await storeWithDraft({});
    const { user, unlock } = renderApp(`${path}/about-you`, store);
    await unlock();
    await findHeading('About you');
    await user.click(screen.getByLabelText('Your role'));
    await user.keyboard('Social worker');
    await user.click(screen.getByRole('button', { name: 'Lock' }));
    await unlock();
    await findHeading('About you');
    expect(screen.getByLabelText('Your role')).toHaveFocus();
    expect(screen.getByLabelText('Your role')).toHaveValue('Social worker');
  });
});

/**
 * Time is the subject here, so the clock is fake. It still creeps forward with real time
 * (`shouldAdvanceTime`) so the unlock's crypto and user-event can settle; every check leaves
 * tens of seconds of slack either side, far more than that creep on a loaded machine.
 */
describe('the idle lock', () => {
  const IDLE_MINUTES = 5;
  const IDLE_MS = IDLE_MINUTES * 60_000;
  const passTime = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
  const warning = () => screen.queryByRole('alertdialog', { name: 'The app will lock soon' });

  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    setIdleLockMinutes(IDLE_MINUTES);
  });
  afterEach(() => {
    vi.useRealTimers();
    localStorage.clear();
  });

  async function quietOnAboutYou() {
    const { store, path } = await storeWithDraft({});
    const { user, unlock } = renderApp(`${path}/about-you`, store);
    await unlock();
    await findHeading('About you');
    const role = screen.getByLabelText('Your role');
    await user.clear(role);
    await user.type(role, 'Health visitor');
    return { user, unlock, role };
  }

  /** Steps the clock a second at a time until the warning shows; returns how long that took. */
  async function untilTheWarningShows() {
    let waitedMs = 0;
    while (!warning() && waitedMs < IDLE_MS) {
      await passTime(1_000);
      waitedMs += 1_000;
    }
    return waitedMs;
  }

  it('warns at least 20 seconds ahead, and "Stay unlocked" starts the quiet spell again', async () => {
    const { user } = await quietOnAboutYou();

    await passTime(IDLE_MS - LOCK_WARNING_MS - 30_000);
    expect(warning()).not.toBeInTheDocument();
    await untilTheWarningShows();
    expect(warning()).toHaveTextContent(
      `To protect families' details, the app locks after ${IDLE_MINUTES} minutes without use. Your work is saved.`,
    );
    expect(within(warning() as HTMLElement).getByRole('button', { name: 'Stay unlocked' })).toHaveFocus();

    await passTime(20_000);
    expect(warning()).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'About you' })).toBeInTheDocument();

    await user.click(within(warning() as HTMLElement).getByRole('button', { name: 'Stay unlocked' }));
    expect(warning()).not.toBeInTheDocument();
    // Without the extension the app would have locked well within this minute.
    await passTime(LOCK_WARNING_MS);
    expect(warning()).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'About you' })).toBeInTheDocument();
    expect(screen.getByLabelText('Your role')).toHaveValue('Health visitor');
  });

  it('locks when nobody responds, keeping the work to come back to', async () => {
    const { unlock } = await quietOnAboutYou();

    await untilTheWarningShows();
    await passTime(LOCK_WARNING_MS + 2_000);
    expect(warning()).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Your role')).not.toBeInTheDocument();
    await unlock();
    await findHeading('About you');
    expect(screen.getByLabelText('Your role')).toHaveValue('Health visitor');
  });
});

describe('a draft begun on an older version of the descriptions of need', () => {
  it('keeps its version and result until the practitioner chooses to re-run it on the new one', async () => {
    const { store, vault } = await storeWithPassphrase();
    const current = await loadDocument('st-helens');
    const older = { ...structuredClone(current), version: '0.0.9' };
    // In the older version this indicator was level 4; the app now ships it at its current level.
    const indicator = older.domains[0]?.indicators.find((i) => i.id === 'health-missed-checks-immunisations');
    if (indicator) indicator.level = 4;
    const draft = await store.create(
      {
        mode: 'referral',
        document: older,
        step: 'result',
        content: {
          ...emptyDraftContent(),
          concern: { ageBand: '0-4' },
          indicators: ['health-missed-checks-immunisations'],
        },
        levelSoFar: 4,
      },
      vault,
    );
    vault.lock();
    const { user, unlock } = renderApp(`/assessment/${draft.id}/result`, store);
    await unlock();
    expect(await screen.findByText(/began on version 0\.0\.9 .* stays on it/)).toBeInTheDocument();
    expect(screen.getAllByText(/^Level 4: /).length).toBeGreaterThan(0);

    await user.click(screen.getByRole('button', { name: `Re-run on version ${current.version}` }));
    await findHeading('Suggested level of need');
    expect(await screen.findByText(/^Level 2: /)).toBeInTheDocument();
    const { drafts } = await store.listSummaries();
    expect(drafts.map((summary) => [summary.documentVersion, summary.levelSoFar])).toEqual([[current.version, 2]]);
  });
});
