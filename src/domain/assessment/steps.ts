/**
 * The steps of an assessment and of a quick check, derived from the document: one step per
 * domain, so a document with other domains gets other steps without code changes.
 */
import type { ThresholdsDocument } from '../thresholds/schema.ts';

export type StepKind =
  'about-you' | 'concern' | 'child' | 'family' | 'domain' | 'reflection' | 'result' | 'consent' | 'check';

export interface Step {
  slug: string;
  title: string;
  kind: StepKind;
  /** For domain steps, the domain whose indicators it shows. */
  domainId?: string;
  /** For reflection steps, which free-text answer it holds. */
  field?: 'strengths' | 'childVoice' | 'tried';
}

/** Steps need only each domain's id and title, so a catalogue summary will do as well as a document. */
type WithDomains = { domains: readonly Pick<ThresholdsDocument['domains'][number], 'id' | 'title'>[] };

const domainSteps = (document: WithDomains): Step[] =>
  document.domains.map((domain) => ({
    slug: `domain-${domain.id}`,
    title: domain.title,
    kind: 'domain',
    domainId: domain.id,
  }));

export function assessmentSteps(document: WithDomains): Step[] {
  return [
    { slug: 'about-you', title: 'About you', kind: 'about-you' },
    { slug: 'concern', title: "The child's age and your concern", kind: 'concern' },
    { slug: 'child', title: 'Child and family details', kind: 'child' },
    { slug: 'family', title: 'Family, language and other professionals', kind: 'family' },
    ...domainSteps(document),
    { slug: 'strengths', title: 'What is working well', kind: 'reflection', field: 'strengths' },
    { slug: 'child-voice', title: "The child's voice", kind: 'reflection', field: 'childVoice' },
    { slug: 'tried', title: 'What has been tried', kind: 'reflection', field: 'tried' },
    { slug: 'result', title: 'Suggested level of need', kind: 'result' },
    { slug: 'consent', title: 'Consent and information sharing', kind: 'consent' },
    { slug: 'check', title: 'Check your answers', kind: 'check' },
  ];
}

/** A quick check asks only for the age band, then the domains: no personal data at all. */
export function quickCheckSteps(document: WithDomains): Step[] {
  return [
    { slug: 'age', title: "The child's age", kind: 'concern' },
    ...domainSteps(document),
    { slug: 'result', title: 'Suggested level of need', kind: 'result' },
  ];
}

export function stepPosition(steps: readonly Step[], slug: string) {
  const index = steps.findIndex((step) => step.slug === slug);
  return {
    index,
    number: index + 1,
    total: steps.length,
    previous: index > 0 ? steps[index - 1] : undefined,
    next: index >= 0 ? steps[index + 1] : undefined,
  };
}
