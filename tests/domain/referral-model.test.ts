import { describe, expect, expectTypeOf, it } from 'vitest';
import { draftContentSchema, emptyDraftContent } from '../../src/domain/assessment/draft.ts';
import { familySchema } from '../../src/domain/assessment/family-schema.ts';
import { toggleIndicator } from '../../src/domain/assessment/toggle-indicator.ts';
import { quickCheckAnswersSchema } from '../../src/domain/assessment/quick-check.ts';
import {
  childSchema,
  concernSchema,
  consentNeedsReason,
  consentSchema,
  referrerSchema,
  strengthsSchema,
} from '../../src/domain/assessment/referral-schema.ts';
import { submissionSchema, type CheckedSubmission, type Submission } from '../../src/domain/sync/submission-schema.ts';
import { exampleSubmission } from '../../server/openapi-example.ts';

const draftAccepts = (content: unknown) => draftContentSchema.safeParse(content).success;
const submissionAccepts = (change: Partial<Submission>) =>
  submissionSchema.safeParse({ ...exampleSubmission, ...change }).success;
const ids = (count: number) => Array.from({ length: count }, (_, index) => `indicator-${index}`);

describe('a draft holds every state the wizard passes through', () => {
  it('keeps each step as its form starts: every text empty, no radio chosen', () => {
    const content = {
      referrer: { name: '', role: '', phone: '', email: '' },
      concern: { ageBand: '', reason: '' },
      child: { firstName: '', lastName: '', dateOfBirth: '', dueDate: '', address: '', setting: '', household: '' },
      family: {
        nhsNumber: '',
        gpPractice: '',
        homeLanguage: '',
        interpreterLanguage: '',
        parents: [{ name: '', relationship: '', parentalResponsibility: null, livesWithChild: null }],
        professionals: [{ name: '', role: '', agency: '', contact: '' }],
      },
      consent: { reasonNotSought: '' },
      override: { rationale: '' },
    };
    expect(draftContentSchema.parse(content)).toEqual({
      ...emptyDraftContent(),
      ...content,
      indicators: [],
      strengths: '',
      childVoice: '',
      tried: '',
    });
  });

  it('keeps answers half-typed, with spaces, or not yet valid, exactly as typed', () => {
    const content = {
      referrer: { name: ' ', email: 'sam@', agency: 'school' },
      child: { lastName: '  Doe ', dateOfBirth: '2019-07-23' },
      family: { nhsNumber: '943 4', interpreterNeeded: 'yes', parents: [{ name: 'Pat' }] },
      consent: { consent: 'refused' },
      override: { agrees: 'no', level: 3, rationale: 'too short' },
      strengths: '   ',
    };
    const parsed = draftContentSchema.parse(content);
    expect(parsed.referrer).toEqual(content.referrer);
    expect(parsed.child).toEqual(content.child);
    expect(parsed.family).toEqual({ ...content.family, professionals: [] });
    expect(parsed.consent).toEqual(content.consent);
    expect(parsed.override).toEqual(content.override);
    expect(parsed.strengths).toBe('   ');
  });

  it('is what the step schemas would call unfinished, not what they would call wrong', () => {
    // The same partial answers, judged by the steps: unfinished, so not yet sendable.
    expect(referrerSchema.safeParse({ name: ' ', email: 'sam@', agency: 'school' }).success).toBe(false);
    expect(familySchema.safeParse({ nhsNumber: '943 4' }).success).toBe(false);
    expect(consentSchema.safeParse({ consent: 'refused' }).success).toBe(false);
  });
});

describe('a draft refuses what the submission refuses, at the same limits', () => {
  it.each([
    ['your name', 120, 'referrer', 'name'],
    ['your role', 120, 'referrer', 'role'],
    ['your phone number', 40, 'referrer', 'phone'],
    ['your email address', 200, 'referrer', 'email'],
    ['what you are worried about', 4000, 'concern', 'reason'],
    ["the child's first name", 80, 'child', 'firstName'],
    ["the child's last name", 80, 'child', 'lastName'],
    ["the child's address", 400, 'child', 'address'],
    ['the school or setting', 200, 'child', 'setting'],
    ['who lives in the household', 2000, 'child', 'household'],
    ['the NHS number', 20, 'family', 'nhsNumber'],
    ['the GP practice', 200, 'family', 'gpPractice'],
    ['the language spoken at home', 80, 'family', 'homeLanguage'],
    ['the reason about consent', 2000, 'consent', 'reasonNotSought'],
  ] as const)('%s: %i characters at most', (_question, limit, section, field) => {
    const withText = (text: string) => ({ [section]: { ...exampleSubmission[section], [field]: text } });
    expect(draftAccepts(withText('x'.repeat(limit + 1)))).toBe(false);
    expect(submissionAccepts(withText('x'.repeat(limit + 1)))).toBe(false);
    expect(draftAccepts(withText('x'.repeat(limit)))).toBe(true);
  });

  it('what is working well, the child voice and what has been tried: 4,000 characters at most', () => {
    for (const field of ['strengths', 'childVoice', 'tried'] as const) {
      expect(draftAccepts({ [field]: 'x'.repeat(4001) })).toBe(false);
      expect(submissionAccepts({ [field]: { text: 'x'.repeat(4001) } })).toBe(false);
      expect(draftAccepts({ [field]: 'x'.repeat(4000) })).toBe(true);
    }
    expect(strengthsSchema.safeParse({ text: 'x'.repeat(4000) }).success).toBe(true);
  });

  it('a parent, carer or professional: the same limits in a draft as in the step', () => {
    const parent = {
      name: 'x'.repeat(121),
      relationship: 'mother',
      parentalResponsibility: 'yes',
      livesWithChild: 'no',
    };
    expect(draftAccepts({ family: { parents: [parent] } })).toBe(false);
    expect(familySchema.safeParse({ parents: [parent] }).success).toBe(false);
    expect(draftAccepts({ family: { professionals: [{ contact: 'x'.repeat(201) }] } })).toBe(false);
    expect(draftAccepts({ family: { parents: Array.from({ length: 11 }, () => ({})) } })).toBe(false);
    expect(draftAccepts({ family: { professionals: Array.from({ length: 21 }, () => ({})) } })).toBe(false);
  });

  it('indicators: 500 at most in a quick check, a draft and a submission', () => {
    expect(quickCheckAnswersSchema.safeParse({ documentId: 'st-helens', indicators: ids(501) }).success).toBe(false);
    expect(draftAccepts({ indicators: ids(501) })).toBe(false);
    expect(submissionAccepts({ indicators: ids(501) })).toBe(false);
    expect(quickCheckAnswersSchema.safeParse({ documentId: 'st-helens', indicators: ids(500) }).success).toBe(true);
    expect(draftAccepts({ indicators: ids(500) })).toBe(true);
    expect(submissionAccepts({ indicators: ids(500) })).toBe(true);
  });

  it('choices and ids: only the values the steps offer', () => {
    expect(draftAccepts({ referrer: { agency: 'Not An Id' } })).toBe(false);
    expect(draftAccepts({ concern: { ageBand: 'Not An Id' } })).toBe(false);
    expect(draftAccepts({ child: { gender: 'unsure' } })).toBe(false);
    expect(draftAccepts({ child: { dateOfBirth: '23/07/2019' } })).toBe(false);
    expect(draftAccepts({ consent: { consent: 'maybe' } })).toBe(false);
    expect(draftAccepts({ override: { level: 5 } })).toBe(false);
    expect(draftAccepts({ indicators: ['Not An Id'] })).toBe(false);
    expect(concernSchema.safeParse({ ageBand: 'Not An Id', reason: 'r' }).success).toBe(false);
    expect(childSchema.safeParse({ ...exampleSubmission.child, gender: 'unsure' }).success).toBe(false);
  });

  it('a question no step asks', () => {
    expect(draftAccepts({ referrer: { nickname: 'Sam' } })).toBe(false);
    expect(submissionAccepts({ referrer: { ...exampleSubmission.referrer, nickname: 'Sam' } as never })).toBe(false);
  });
});

describe('consent', () => {
  it.each([
    ['yes', 'given', false],
    ['yes', 'refused', true],
    ['yes', 'not-sought', true],
    ['no', 'given', true],
  ] as const)('parents aware %s, consent %s: a reason is needed %s', (parentsAware, consent, needed) => {
    expect(consentNeedsReason({ parentsAware, consent })).toBe(needed);
    expect(consentSchema.safeParse({ parentsAware, consent }).success).toBe(!needed);
    expect(
      consentSchema.safeParse({ parentsAware, consent, reasonNotSought: 'It would put the child at risk' }).success,
    ).toBe(true);
  });
});

describe('ticking an indicator', () => {
  it('adds it once, however often the box reports the tick', () => {
    expect(toggleIndicator(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(toggleIndicator(['a', 'b'], 'a', true)).toEqual(['a', 'b']);
  });

  it('removes it on untick, keeping the others in the order they were ticked', () => {
    expect(toggleIndicator(['a', 'b', 'c'], 'b', false)).toEqual(['a', 'c']);
    expect(toggleIndicator(['a'], 'z', false)).toEqual(['a']);
  });
});

describe('a submission the outbox will queue', () => {
  it('is only one parsed where a draft became a submission', () => {
    expectTypeOf<CheckedSubmission>().toExtend<Submission>();
    expectTypeOf<Submission>().not.toExtend<CheckedSubmission>();
  });
});
