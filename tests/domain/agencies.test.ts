import { describe, expect, it } from 'vitest';
import { agenciesOf, agencyName, isDocumentAgency } from '../../src/domain/assessment/agencies.ts';
import { referrerSchema } from '../../src/domain/assessment/referral-schema.ts';

const older = { agencies: [{ id: 'school', name: 'School or college' }] };
const newer = {
  agencies: [
    { id: 'school', name: 'Schools and colleges' },
    { id: 'youth-justice', name: 'Youth justice service' },
  ],
};

describe('agencies from the rules document', () => {
  it('names an agency as the document names it, and falls back to the id for one it does not list', () => {
    expect(agencyName(newer, 'youth-justice')).toBe('Youth justice service');
    expect(agencyName(newer, 'ministry-of-magic')).toBe('ministry-of-magic');
    expect(agencyName(undefined, 'school')).toBe('school');
  });

  it('accepts only agencies the document lists, or any for a document from before agencies were data', () => {
    expect(isDocumentAgency(newer, 'youth-justice')).toBe(true);
    expect(isDocumentAgency(older, 'youth-justice')).toBe(false);
    expect(isDocumentAgency({ agencies: [] }, 'youth-justice')).toBe(true);
  });

  it('lists every agency once, by name, with the newest document’s words', () => {
    expect(agenciesOf([older, newer])).toEqual([
      { id: 'school', name: 'Schools and colleges' },
      { id: 'youth-justice', name: 'Youth justice service' },
    ]);
  });

  it('asks the referrer to select an agency when none is chosen', () => {
    const referrer = { name: 'Sam', role: 'Nurse', phone: '01632 960111' };
    const missing = referrerSchema.safeParse(referrer);
    expect(missing.error?.issues.map((issue) => issue.message)).toEqual(['Select the agency you work for']);
    expect(referrerSchema.safeParse({ ...referrer, agency: 'youth-justice' }).success).toBe(true);
  });
});
