import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { findHeading, renderApp } from './render-app.tsx';

const liveLevel = () => within(screen.getByRole('complementary', { name: 'Level so far' }));

async function startAtFirstDomain() {
  const app = renderApp('/quick-check/age');
  await findHeading("The child's age");
  await app.user.click(screen.getByLabelText('0 to 4 years'));
  await app.user.click(screen.getByRole('button', { name: 'Continue' }));
  await findHeading("The child's developmental needs");
  return app;
}

describe('the quick check', () => {
  // The quick check keeps its answers in localStorage: each test begins with none.
  beforeEach(() => localStorage.clear());

  it('asks for the age first, with the error in the summary and at the field', async () => {
    const { user } = renderApp('/quick-check/age');
    await findHeading("The child's age");
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: "Select the child's age" })).toHaveAttribute('href', '#ageBand');
    expect(screen.getByText("Select the child's age", { selector: '.govuk-error-message' })).toBeInTheDocument();
  });

  it('changes the live level and its reasons as indicators are chosen, and announces the change', async () => {
    const { user } = await startAtFirstDomain();
    expect(liveLevel().getByText('No concerns chosen yet.')).toBeInTheDocument();

    await user.click(document.getElementById('indicator-health-missed-checks-immunisations') as HTMLElement);
    expect(liveLevel().getByText('Level 2')).toBeInTheDocument();
    expect(liveLevel().getByText('Why (1)')).toBeInTheDocument();

    await user.click(document.getElementById('indicator-health-crossing-centiles') as HTMLElement);
    expect(liveLevel().getByText('Level 3')).toBeInTheDocument();
    expect(screen.getByText(/^Suggested level is now 3: /)).toBeInTheDocument();

    await user.click(document.getElementById('indicator-health-crossing-centiles') as HTMLElement);
    expect(liveLevel().getByText('Level 2')).toBeInTheDocument();
  });

  it('shows what to do now the moment an immediate-danger indicator is ticked, and keeps it to the result', async () => {
    const { user } = await startAtFirstDomain();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.click(document.getElementById('indicator-health-injury-non-mobile-baby') as HTMLElement);
    const alert = screen.getByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'A child may be in immediate danger' })).toBeInTheDocument();
    expect(within(alert).getByText('Ring 999 now if a child is in immediate danger.')).toBeInTheDocument();
    expect(within(alert).getByRole('link', { name: '999' })).toHaveAttribute('href', 'tel:999');

    for (let step = 0; step < 4; step++) await user.click(screen.getByRole('link', { name: 'Continue' }));
    await findHeading('Suggested level of need');
    expect(screen.getByRole('alert')).toHaveTextContent('A child may be in immediate danger');
  });

  it('finds indicators by searching and lets them be chosen from the results', async () => {
    const { user } = await startAtFirstDomain();
    await user.type(screen.getByLabelText('Search all descriptions'), 'immunisations');
    expect(await screen.findByText(/descriptions? match/)).toBeInTheDocument();
    const [firstResult] = screen.getAllByRole('checkbox').filter((box) => box.id.startsWith('search-'));
    await user.click(firstResult as HTMLElement);
    expect(liveLevel().queryByText('No concerns chosen yet.')).not.toBeInTheDocument();
  });
});
