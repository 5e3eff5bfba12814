import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { catalogue } from 'virtual:thresholds';
import { App } from '../../src/app/app.tsx';

describe('the start page', () => {
  it('lists every document shipped with the app, with its version, date and status', () => {
    render(<App documents={catalogue} />);
    expect(screen.getByRole('heading', { level: 1, name: "Decide a child's level of need" })).toBeInTheDocument();
    const stHelens = screen.getByRole('heading', { level: 3, name: 'St Helens descriptions of need' }).closest('li');
    expect(stHelens).not.toBeNull();
    const card = within(stHelens as HTMLElement);
    expect(card.getByText('St Helens')).toBeInTheDocument();
    expect(card.getByText(catalogue.find((doc) => doc.id === 'st-helens')?.version ?? '')).toBeInTheDocument();
    expect(card.getByText('1 December 2026')).toBeInTheDocument();
    expect(card.getByText('Draft: not yet approved by the safeguarding partnership')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem')).toHaveLength(catalogue.length);
  });

  it('says what to do when no document is installed', () => {
    render(<App documents={[]} />);
    expect(screen.getByText(/No descriptions of need are installed/)).toBeInTheDocument();
  });

  it('offers a skip link to the main content for keyboard users', () => {
    render(<App documents={catalogue} />);
    expect(screen.getByRole('link', { name: 'Skip to main content' })).toHaveAttribute('href', '#main');
  });
});
