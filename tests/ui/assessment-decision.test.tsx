import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { findHeading, renderApp, storeWithDraft } from './render-app.tsx';

/** A baby with a level 4 concern whose practitioner decided on level 3, with a reason. */
const overridden = {
  concern: { ageBand: '0-4', reason: 'Bruise seen at the visit.' },
  indicators: ['health-injury-non-mobile-baby'],
  override: { agrees: 'no' as const, level: 3, rationale: 'The bruise has a clear medical explanation.' },
};

const LEVEL_3 = /^Level 3: Targeted early help/;
const LEVEL_4_CONSENT = /You do not need consent to refer a child you believe is at risk of significant harm/;

const mainColumn = () => document.querySelector('.wizard__main') as HTMLElement;

async function openAt(step: string, heading: string) {
  const { store, path } = await storeWithDraft(overridden, step);
  const app = renderApp(`${path}/${step}`, store);
  await app.unlock();
  await findHeading(heading);
  return app;
}

describe("the practitioner's level leads after an override", () => {
  it('the result leads with "Your level" and that level\'s guidance, and shows the suggestion with its reasons', async () => {
    await openAt('result', 'Suggested level of need');
    const panel = screen.getByText('Your level', { selector: '.panel__caption' }).closest('.panel') as HTMLElement;
    expect(within(panel).getByText(LEVEL_3)).toBeInTheDocument();
    expect(within(panel).getByText('Suggested: level 4')).toBeInTheDocument();
    expect(within(panel).getByText('The bruise has a clear medical explanation.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Why level 4 was suggested' })).toBeInTheDocument();
    expect(
      screen.getByText(/Talk to the family and seek their consent to an early help assessment/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Phone the MASH to discuss the referral/)).not.toBeInTheDocument();
  });

  it("the consent step gives the consent guidance of the practitioner's level, not the suggested one", async () => {
    await openAt('consent', 'Consent and information sharing');
    expect(screen.getByText(/Your level: level 3, Targeted early help/)).toBeInTheDocument();
    expect(screen.getByText(/Get the family's informed consent to the early help assessment/)).toBeInTheDocument();
    expect(screen.queryByText(LEVEL_4_CONSENT)).not.toBeInTheDocument();
    expect(within(mainColumn()).getByText(/Suggested: level 4/)).toBeInTheDocument();
  });

  it("the level panel shows the practitioner's level, with the suggestion inside", async () => {
    await openAt('consent', 'Consent and information sharing');
    const panel = within(screen.getByRole('complementary', { name: 'Your level' }));
    expect(panel.getByText('Level 3')).toBeInTheDocument();
    expect(panel.getByText('Suggested: level 4')).toBeInTheDocument();
  });

  it('check your answers begins with the decision, not with "Your level" as the last row', async () => {
    await openAt('check', 'Check your answers');
    const sections = screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);
    expect(sections.indexOf('Level of need')).toBeLessThan(sections.indexOf('About you'));
    const rows = [...document.querySelectorAll('.summary-list dt')].map((term) => term.textContent);
    expect(rows.slice(0, 3)).toEqual(['Your level', 'Your reasons', 'Suggested level']);
    expect(within(mainColumn()).getByText(/^Suggested: level 4/)).toBeInTheDocument();
  });

  it("the summary and its printout lead with the practitioner's level and its contacts", async () => {
    await openAt('summary', 'Referral summary');
    const panel = screen.getByText('Your level', { selector: '.panel__caption' }).closest('.panel') as HTMLElement;
    expect(within(panel).getByText(LEVEL_3)).toBeInTheDocument();
    expect(screen.queryByText(LEVEL_4_CONSENT)).not.toBeInTheDocument();
    // The immediate-danger steps follow the concern, whatever level was decided.
    expect(within(screen.getByRole('alert')).getByRole('link', { name: '999' })).toBeInTheDocument();
  });

  it('follows the suggestion until the practitioner gives a reason for another level', async () => {
    const { store, path } = await storeWithDraft({ ...overridden, override: { agrees: 'no', level: 3 } }, 'consent');
    const { unlock } = renderApp(`${path}/consent`, store);
    await unlock();
    await findHeading('Consent and information sharing');
    expect(screen.getByText(/Suggested level: level 4/)).toBeInTheDocument();
    expect(screen.getByText(LEVEL_4_CONSENT)).toBeInTheDocument();
  });
});
