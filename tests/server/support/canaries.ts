/**
 * Submissions for the server tests, carrying "canaries": made-up personal data distinctive enough
 * that finding any of it in a log line proves the log leaked a name, date of birth, address or
 * free text. Every test that sends personal data sends these.
 */
import { randomUUID } from 'node:crypto';
import { exampleSubmission } from '../../../server/openapi-example.ts';
import type { Submission } from '../../../src/domain/sync/submission-schema.ts';

export const CANARIES = {
  referrerName: 'Canaryreferrer Zqxwvy',
  childFirstName: 'Canarychild',
  childLastName: 'Zqxwvyfamily',
  dateOfBirth: '2023-07-19',
  address: '77 Canarywharf Lane, Zqxton, ZZ99 7QQ',
  phone: '01632 960777',
  household: 'Canaryhousehold lives with Zqxaunt',
  reason: 'Canaryworry: the child said Zqxuncle hurts them',
  strengths: 'Canarystrength Zqx grandmother',
  childVoice: 'Canaryvoice "I am scared at Zqx house"',
  tried: 'Canarytried Zqx food bank',
  rationale: 'Canaryrationale: Zqx history known to me',
} as const;

export const CANARY_VALUES: readonly string[] = Object.values(CANARIES);

/** A valid submission (St Helens 0.1.0, level 3) full of canaries, with a fresh draft id. */
export function canarySubmission(overrides: Partial<Submission> = {}): Submission {
  return {
    ...exampleSubmission,
    draftId: randomUUID(),
    referrer: { ...exampleSubmission.referrer, name: CANARIES.referrerName, phone: CANARIES.phone },
    concern: { ageBand: '0-4', reason: CANARIES.reason },
    child: {
      firstName: CANARIES.childFirstName,
      lastName: CANARIES.childLastName,
      dateOfBirth: CANARIES.dateOfBirth,
      gender: 'female',
      address: CANARIES.address,
      household: CANARIES.household,
    },
    strengths: { text: CANARIES.strengths },
    childVoice: { text: CANARIES.childVoice },
    tried: { text: CANARIES.tried },
    ...overrides,
  };
}

/** The canaries found in some text (expected: none). */
export function canariesIn(text: string): string[] {
  return CANARY_VALUES.filter((value) => text.includes(value) || text.includes(JSON.stringify(value).slice(1, -1)));
}
