import { screen, within } from '@testing-library/react';
import { loadDocument } from 'virtual:thresholds';
import { beforeEach, describe, expect, it } from 'vitest';
import { emptyDraftContent, type DraftContent } from '../../src/domain/assessment/draft.ts';
import { buildSubmission } from '../../src/domain/sync/build-submission.ts';
import { REASON_DESCRIPTIONS } from '../../src/domain/sync/reason-codes.ts';
import { plainDateTime } from '../../src/features/sending/plain-time.ts';
import { ENROLMENT_CODE, memorySync } from './memory-sync.ts';
import { findHeading, PASSPHRASE, renderApp, storeWithPassphrase } from './render-app.tsx';
import { WAIT_FOR_EVENT } from '../loaded-machine.ts';

beforeEach(() => localStorage.clear());

const COMPLETE: Partial<DraftContent> = {
  referrer: { name: 'Sam Example', role: 'Health visitor', agency: 'health-visitor', phone: '01632 960111' },
  concern: { ageBand: '0-4', reason: 'Missed checks' },
  child: { lastName: 'CANARY-NAME', gender: 'female', dateOfBirth: '2025-01-02', address: '1 Row' },
  consent: { parentsAware: 'yes', consent: 'given' },
  indicators: ['health-missed-checks-immunisations'],
  strengths: 'Mother attends.',
  childVoice: 'Settles quickly.',
  tried: 'Extra visits.',
  override: { agrees: 'yes' },
};

/** A referral draft on a locked device, with sending set up (enrolled unless told otherwise). */
async function referral(content: Partial<DraftContent> = COMPLETE, { enrolled = true } = {}) {
  const { store, vault } = await storeWithPassphrase();
  const document = await loadDocument('st-helens');
  const draft = await store.create(
    { mode: 'referral', document, step: 'check', content: { ...emptyDraftContent(), ...content }, levelSoFar: 2 },
    vault,
  );
  const sync = memorySync(store);
  if (enrolled) await sync.enrol(vault);
  vault.lock();
  return { store, draft, sync, path: `/assessment/${draft.id}` };
}

const sendButton = () => screen.findByRole('button', { name: 'Send to the front door' });

describe('sending a referral from its summary', () => {
  it('queues it while the front door is out of reach, then sends it: the reference shown and the draft gone', async () => {
    const { store, sync, path } = await referral();
    sync.frontDoor.state.down = true;
    const { user, unlock } = renderApp(`${path}/summary`, store, sync.backend);
    await unlock();
    await findHeading('Referral summary');

    await user.click(await sendButton());
    expect(await screen.findByText('The front door could not be reached.')).toBeInTheDocument();
    const item = within(
      screen.getByRole('heading', { level: 3, name: /^Referral queued/ }).closest('li') as HTMLElement,
    );
    expect(item.getByText('Queued')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('1 referral waiting to send.');
    expect(screen.queryByRole('button', { name: 'Send to the front door' })).not.toBeInTheDocument();
    expect((await store.listSummaries()).drafts).toEqual([expect.objectContaining({ status: 'queued' })]);

    sync.frontDoor.state.down = false;
    await user.click(screen.getByRole('button', { name: 'Send now' }));
    expect(await screen.findByRole('heading', { name: 'Referral sent' })).toBeInTheDocument();
    expect(screen.getByText('K7QM-4XRT', { selector: '.confirmation-panel__reference' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Everything has been sent.');
    expect((await store.listSummaries()).drafts).toEqual([]);
    expect(sync.frontDoor.state.stored.size).toBe(1);
  });

  it('confirms a sent referral with its reference, what happens next and a receipt, then shows the decision', async () => {
    const { store, sync, path } = await referral();
    const { user, unlock } = renderApp(`${path}/summary`, store, sync.backend);
    await unlock();
    await user.click(await sendButton());

    const confirmation = within(
      (await screen.findByRole('heading', { name: 'Referral sent' })).closest('.sent-confirmation') as HTMLElement,
    );
    expect(confirmation.getByText('K7QM-4XRT', { selector: 'strong' })).toBeInTheDocument();
    expect(confirmation.getByRole('heading', { name: 'What happens next' })).toBeInTheDocument();
    expect(confirmation.getByText('The front door will decide within one working day.')).toBeInTheDocument();
    const receipt = confirmation.getByText('Your agency').closest('dl') as HTMLElement;
    expect(receipt).toHaveTextContent('Sent23 November 2026 at 10:15am');
    expect(receipt).toHaveTextContent('Your agencyHealth visiting');
    expect(receipt).toHaveTextContent(/Level\s*Level 2/);
    // The receipt is for the practitioner to keep: nothing about the child or family.
    expect(receipt).not.toHaveTextContent('CANARY-NAME');

    const [id] = [...sync.frontDoor.state.stored.values()].map((stored) => stored.id);
    sync.frontDoor.state.statuses.set(id ?? '', {
      status: 'decided',
      decision: { decidedAt: '2026-12-02T15:15:00.000Z', level: 3, outcome: 'early-help', outcomeLabel: 'Early help' },
    });
    window.dispatchEvent(new Event('online'));
    expect(await confirmation.findByText('Decided on 2 December: level 3, early help')).toBeInTheDocument();
  });

  it('offers Send only once every step is answered, and links to what is missing', async () => {
    const { store, sync, path } = await referral({ ...COMPLETE, referrer: {}, tried: '' });
    const { unlock } = renderApp(`${path}/summary`, store, sync.backend);
    await unlock();
    await findHeading('Referral summary');
    const section = within(
      (await screen.findByRole('heading', { name: 'Send the referral' })).closest('section') as HTMLElement,
    );
    expect(section.getByText(/^Before you can send this referral/)).toBeInTheDocument();
    expect(section.getByRole('link', { name: 'Enter your full name' })).toHaveAttribute(
      'href',
      `${path}/about-you?return=check`,
    );
    expect(section.getByRole('link', { name: /^Enter what has already been tried/ })).toHaveAttribute(
      'href',
      `${path}/tried?return=check`,
    );
    expect(screen.queryByRole('button', { name: 'Send to the front door' })).not.toBeInTheDocument();
  });

  it('still queues on a device not yet connected, says to connect it in Settings, and sends once connected', async () => {
    const { store, sync, path } = await referral(COMPLETE, { enrolled: false });
    const { user, unlock, location } = renderApp(`${path}/summary`, store, sync.backend);
    await unlock();
    await user.click(await sendButton());
    const connect = await screen.findByRole('link', { name: 'Connect this device in Settings to send.' });
    expect(screen.getByText('Queued')).toBeInTheDocument();

    await user.click(connect);
    await findHeading('Settings');
    expect(location.history?.at(-1)).toBe('/settings');
    await user.click(screen.getByRole('button', { name: 'Connect this device' }));
    expect(
      within(await screen.findByRole('alert')).getByRole('link', {
        name: 'Enter the enrolment code from your IT service desk',
      }),
    ).toBeInTheDocument();
    await user.type(screen.getByLabelText('Enrolment code'), 'AAAA-BBBB-CCCC-DDDD');
    await user.click(screen.getByRole('button', { name: 'Connect this device' }));
    expect(
      await screen.findByRole('link', { name: /^This enrolment code is not valid: it may have been used/ }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Enrolment code')).toHaveValue('AAAA-BBBB-CCCC-DDDD');

    await user.clear(screen.getByLabelText('Enrolment code'));
    await user.type(screen.getByLabelText('Enrolment code'), ENROLMENT_CODE.toLowerCase());
    await user.click(screen.getByRole('button', { name: 'Connect this device' }));
    expect(
      await screen.findByText(/^This device has been connected to the front door since \d{1,2} [A-Z][a-z]+ \d{4}\.$/),
    ).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await expect.poll(() => sync.frontDoor.state.stored.size, WAIT_FOR_EVENT).toBe(1);
    expect((await store.listSummaries()).drafts).toEqual([]);
  });

  it('shows a refusal that sending again cannot fix as needing attention, with what to do, and offers Send again', async () => {
    const { store, sync, path } = await referral();
    sync.frontDoor.state.refuse = { status: 422, code: 'answers-do-not-fit' };
    const { user, unlock } = renderApp(`${path}/summary`, store, sync.backend);
    await unlock();
    await user.click(await sendButton());

    expect(await screen.findByText('Needs attention')).toBeInTheDocument();
    expect(screen.getByText(REASON_DESCRIPTIONS['answers-do-not-fit'].summary)).toBeInTheDocument();
    expect(screen.getByText(REASON_DESCRIPTIONS['answers-do-not-fit'].action)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: "Check the referral's answers" })).toHaveAttribute('href', `${path}/check`);

    sync.frontDoor.state.refuse = undefined;
    await user.click(screen.getByRole('button', { name: 'Send again' }));
    expect(await screen.findByText('Sent')).toBeInTheDocument();
    expect(screen.queryByText('Needs attention')).not.toBeInTheDocument();
    expect(sync.frontDoor.state.stored.size).toBe(1);
  });
});

describe('the start page', () => {
  it('lists referrals being sent, and asks to unlock when the app is locked', async () => {
    const { store, draft, sync } = await referral();
    const vault = await store.keyring.unlock(PASSPHRASE);
    const current = await store.load(draft.id, vault);
    const built = buildSubmission(current, await loadDocument('st-helens'));
    if (!built.ok) throw new Error('the referral should be complete');
    await sync.backend.outbox.enqueue(current, built.submission, vault);
    vault.lock();
    renderApp('/', store, sync.backend);

    const section = within(
      (await screen.findByRole('heading', { name: 'Sending to the front door' })).closest('section') as HTMLElement,
    );
    expect(await section.findByText('Queued')).toBeInTheDocument();
    expect(section.getByRole('link', { name: 'Unlock to send.' })).toHaveAttribute(
      'href',
      `/assessment/${draft.id}/summary`,
    );
    expect(section.queryByRole('button', { name: 'Send now' })).not.toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/CANARY/);
  });

  it('shows nothing about sending until there is something to send', async () => {
    const { store, sync } = await referral();
    renderApp('/', store, sync.backend);
    await findHeading("Decide a child's level of need");
    await screen.findByRole('heading', { level: 3, name: /level 2 so far/ });
    expect(screen.queryByRole('heading', { name: 'Sending to the front door' })).not.toBeInTheDocument();
  });
});

describe('connecting the device in Settings', () => {
  it('asks for the passphrase first when the app is locked, as the token is kept encrypted', async () => {
    const { store, sync } = await referral(COMPLETE, { enrolled: false });
    const { user } = renderApp('/settings', store, sync.backend);
    await findHeading('Settings');
    await screen.findByText(/^Unlock to connect this device/);
    expect(screen.queryByLabelText('Enrolment code')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Passphrase'), PASSPHRASE);
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByLabelText('Enrolment code')).toBeInTheDocument();
  });
});

describe('times in plain words, in UK time', () => {
  it('says the date and time as GOV.UK does, whatever the season', () => {
    expect(plainDateTime('2026-12-02T15:15:00.000Z')).toBe('2 December 2026 at 3:15pm');
    expect(plainDateTime('2026-12-02T12:00:00.000Z')).toBe('2 December 2026 at midday');
    expect(plainDateTime('2026-12-02T00:00:00.000Z')).toBe('2 December 2026 at midnight');
    // British Summer Time: 08:00 UTC is 9am in London.
    expect(plainDateTime('2026-06-01T08:00:00.000Z')).toBe('1 June 2026 at 9am');
  });
});
