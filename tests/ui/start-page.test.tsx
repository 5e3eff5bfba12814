import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { catalogue } from 'virtual:thresholds';
import { memoryLocation } from 'wouter/memory-location';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/app.tsx';
import { MemoryDraftStore } from '../../src/data/memory-draft-store.ts';
import { findHeading } from './render-app.tsx';

beforeEach(() => localStorage.clear());

function renderStart(documents = catalogue) {
  const location = memoryLocation({ path: '/', record: true });
  render(<App documents={documents} draftStore={new MemoryDraftStore()} locationHook={location.hook} />);
  return { user: userEvent.setup(), location };
}

describe('the start page', () => {
  it('offers the quick check first, then an assessment and browsing', async () => {
    renderStart();
    await findHeading("Decide a child's level of need");
    const links = within(screen.getByRole('main'))
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(links.slice(0, 3)).toEqual(['Quick check', 'Start an assessment', 'Browse the descriptions of need']);
  });

  it('uses the only installed area without asking', async () => {
    const stHelens = catalogue.filter((doc) => doc.id === 'st-helens');
    const { user } = renderStart(stHelens);
    await findHeading("Decide a child's level of need");
    expect(screen.queryByRole('link', { name: /Choose your area|Change area/ })).not.toBeInTheDocument();
    const details = screen.getByText('Descriptions of need').closest('dl') as HTMLElement;
    expect(within(details).getByText('St Helens descriptions of need')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Quick check' }));
    await findHeading("The child's age");
  });

  it('asks for the area once, then remembers it and shows its version and status', async () => {
    const { user, location } = renderStart();
    await user.click(await screen.findByRole('link', { name: 'Choose your area (descriptions of need)' }));
    await findHeading("Which area's descriptions of need do you use?");
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('link', { name: 'Select the area you work in' })).toBeInTheDocument();
    await user.click(screen.getByLabelText('St Helens descriptions of need'));
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    await findHeading("Decide a child's level of need");
    expect(location.history?.at(-1)).toBe('/');
    expect(localStorage.getItem('levels-of-need.chosen-document')).toBe('st-helens');
    const details = screen.getByText('Descriptions of need').closest('dl') as HTMLElement;
    const stHelens = catalogue.find((doc) => doc.id === 'st-helens');
    expect(within(details).getByText('St Helens descriptions of need')).toBeInTheDocument();
    expect(within(details).getByText(`${stHelens?.version}, in effect from 1 December 2026`)).toBeInTheDocument();
    expect(within(details).getByText('Draft: not yet approved by the safeguarding partnership')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Change area (descriptions of need)' })).toBeInTheDocument();
  });

  it('says what to do when no document is installed', async () => {
    renderStart([]);
    expect(await screen.findByText(/No descriptions of need are installed/)).toBeInTheDocument();
  });

  it('leaves focus at the top on arrival, and moves it to the next heading after a tap', async () => {
    const { user } = renderStart(catalogue.filter((doc) => doc.id === 'st-helens'));
    expect(await findHeading("Decide a child's level of need")).not.toHaveFocus();
    expect(document.body).toHaveFocus();
    await user.click(screen.getByRole('link', { name: 'Quick check' }));
    const question = await findHeading("The child's age");
    await waitFor(() => expect(question).toHaveFocus());
  });

  it('offers a skip link to the main content for keyboard users', async () => {
    renderStart();
    expect(await screen.findByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main');
  });
});
