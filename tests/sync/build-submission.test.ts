import { describe, expect, it } from 'vitest';
import type { Draft, DraftContent } from '../../src/domain/assessment/draft.ts';
import { buildSubmission } from '../../src/domain/sync/build-submission.ts';
import { submissionSchema } from '../../src/domain/sync/submission-schema.ts';
import { smallDocument } from '../domain/small-document.ts';

const document = smallDocument();

function completeContent(overrides: Partial<DraftContent> = {}): DraftContent {
  return {
    referrer: { name: ' Sam Field ', role: 'Health visitor', agency: 'health-visitor', phone: '01632 960111' },
    concern: { ageBand: 'young', reason: 'Bruise seen at the visit.' },
    child: { lastName: 'Child', gender: 'female', dateOfBirth: '2025-01-02', address: '1 Row' },
    consent: { parentsAware: 'yes', consent: 'given' },
    indicators: ['child-worry', 'home-chaos'],
    strengths: 'Mother attends every appointment.',
    childVoice: 'Settles quickly.',
    tried: 'Extra visits.',
    override: { agrees: 'yes' },
    family: { parents: [], professionals: [] },
    ...overrides,
  };
}

function draftWith(content: DraftContent, extra: Partial<Draft> = {}): Draft {
  return {
    id: '4a4c3b51-7a39-4c2e-9d0b-6a1f3c2d9e11',
    schemaVersion: 1,
    mode: 'referral',
    status: 'in-progress',
    documentId: 'small',
    documentVersion: '1.0.0',
    step: 'check',
    levelSoFar: 3,
    createdAt: '2026-11-23T09:00:00.000Z',
    updatedAt: '2026-11-23T09:40:00.000Z',
    content,
    ...extra,
  };
}

describe('buildSubmission', () => {
  it('builds the submission from a complete draft, with the engine level as both levels when the practitioner agrees', () => {
    expect(buildSubmission(draftWith(completeContent()), document)).toEqual({
      ok: true,
      submission: {
        schemaVersion: 1,
        draftId: '4a4c3b51-7a39-4c2e-9d0b-6a1f3c2d9e11',
        documentId: 'small',
        documentVersion: '1.0.0',
        referrer: { name: 'Sam Field', role: 'Health visitor', agency: 'health-visitor', phone: '01632 960111' },
        concern: { ageBand: 'young', reason: 'Bruise seen at the visit.' },
        child: { lastName: 'Child', gender: 'female', dateOfBirth: '2025-01-02', address: '1 Row' },
        family: { parents: [], professionals: [] },
        consent: { parentsAware: 'yes', consent: 'given' },
        indicators: ['child-worry', 'home-chaos'],
        strengths: { text: 'Mother attends every appointment.' },
        childVoice: { text: 'Settles quickly.' },
        tried: { text: 'Extra visits.' },
        suggestedLevel: 3,
        practitionerLevel: 3,
        startedAt: '2026-11-23T09:00:00.000Z',
        completedAt: '2026-11-23T09:40:00.000Z',
      },
    });
  });

  it("keeps the practitioner's different level and their reason beside the engine's", () => {
    const content = completeContent({ override: { agrees: 'no', level: 2, rationale: 'The injury is explained.' } });
    const built = buildSubmission(draftWith(content), document);
    expect(built.ok && built.submission).toMatchObject({
      suggestedLevel: 3,
      practitionerLevel: 2,
      overrideRationale: 'The injury is explained.',
    });
  });

  it('leaves out a reason typed before the practitioner changed their mind and agreed', () => {
    const content = completeContent({ override: { agrees: 'yes', level: 2, rationale: 'An old reason.' } });
    const built = buildSubmission(draftWith(content), document);
    expect(built.ok && built.submission).not.toHaveProperty('overrideRationale');
    expect(built.ok && built.submission.practitionerLevel).toBe(3);
  });

  it('gives back something the server schema accepts as it is', () => {
    const built = buildSubmission(draftWith(completeContent()), document);
    expect(built.ok && submissionSchema.safeParse(built.submission).success).toBe(true);
  });

  it('lists the steps still to answer, with their messages, instead of a submission', () => {
    const content = completeContent({
      referrer: {},
      childVoice: '',
      override: {},
    });
    expect(buildSubmission(draftWith(content), document)).toEqual({
      ok: false,
      missing: [
        { slug: 'about-you', message: 'Enter your full name' },
        { slug: 'child-voice', message: expect.stringMatching(/^Enter what the child has said/) },
        { slug: 'result', message: 'Select whether you agree with the suggested level' },
      ],
    });
  });

  it("asks for the child's age when none is given, as no level can be suggested without it", () => {
    const built = buildSubmission(draftWith(completeContent({ concern: { reason: 'Worried.' } })), document);
    expect(built).toEqual({
      ok: false,
      missing: [
        { slug: 'concern', message: "Select the child's age" },
        { slug: 'result', message: "Select the child's age to get a suggested level" },
      ],
    });
  });

  it('says so when a chosen indicator does not apply to the age chosen', () => {
    const content = completeContent({ concern: { ageBand: 'older', reason: 'x' }, indicators: ['child-injury'] });
    expect(buildSubmission(draftWith(content), document)).toEqual({
      ok: false,
      missing: [
        { slug: 'concern', message: "Check the child's age: some of the chosen indicators do not apply to it" },
      ],
    });
  });

  it('refuses a quick check and a draft pinned to another document version', () => {
    expect(() => buildSubmission(draftWith(completeContent(), { mode: 'quick-check' }), document)).toThrow(TypeError);
    expect(() => buildSubmission(draftWith(completeContent(), { documentVersion: '0.9.0' }), document)).toThrow(
      TypeError,
    );
  });
});
