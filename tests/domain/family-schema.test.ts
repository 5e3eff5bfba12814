import { describe, expect, it } from 'vitest';
import { restoreDraft } from '../../src/domain/assessment/draft.ts';
import { familySchema, isValidNhsNumber } from '../../src/domain/assessment/family-schema.ts';

const messages = (value: unknown) => familySchema.safeParse(value).error?.issues.map((issue) => issue.message) ?? [];

describe('the NHS number', () => {
  it('accepts a number whose last digit is its modulus 11 check, with or without spaces', () => {
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('9434765919')).toBe(true);
  });

  it('refuses a wrong check digit, a check of 10, letters and the wrong length', () => {
    expect(isValidNhsNumber('943 476 5918')).toBe(false);
    // 123456789: the weighted sum is 210, so the check would be 10, which is never issued.
    expect(isValidNhsNumber('1234567890')).toBe(false);
    expect(isValidNhsNumber('943-476-5919')).toBe(false);
    expect(isValidNhsNumber('94347659')).toBe(false);
  });

  it('is optional, and says how to fix a wrong one in the GOV.UK words', () => {
    expect(familySchema.safeParse({}).success).toBe(true);
    expect(familySchema.safeParse({ nhsNumber: '' }).success).toBe(true);
    expect(messages({ nhsNumber: '943 476 5918' })).toEqual(['Enter a valid NHS number, like 943 476 5919']);
  });
});

describe('the family step', () => {
  it('asks for every part of a parent or carer that is missing', () => {
    expect(messages({ parents: [{ name: ' ' }] })).toEqual([
      'Enter the name of the parent or carer',
      'Enter their relationship to the child, for example "mother" or "foster carer"',
      "Select whether they have parental responsibility, or 'Not known'",
      'Select whether they live with the child',
    ]);
  });

  it('asks which language only when an interpreter is needed', () => {
    expect(messages({ interpreterNeeded: 'yes' })).toEqual(['Enter the language the interpreter needs to speak']);
    expect(messages({ interpreterNeeded: 'no' })).toEqual([]);
    expect(messages({ interpreterNeeded: 'yes', interpreterLanguage: 'Polish' })).toEqual([]);
  });

  it('needs a professional’s name and role, and keeps agency and contact optional', () => {
    expect(messages({ professionals: [{ name: 'Jo Nurse', role: 'School nurse' }] })).toEqual([]);
    expect(messages({ professionals: [{ agency: 'NHS' }] })).toEqual([
      "Enter the professional's name",
      'Enter their role, for example "school nurse"',
    ]);
  });

  it('limits lists and text to what the submission accepts', () => {
    const parent = { name: 'A', relationship: 'Mother', parentalResponsibility: 'yes', livesWithChild: 'yes' };
    expect(messages({ parents: Array.from({ length: 11 }, () => parent) })).toEqual([
      'List up to 10 parents or carers; put anyone else in "Who lives in the household"',
    ]);
    expect(messages({ gpPractice: 'x'.repeat(201) })).toEqual([
      "The child's GP practice must be 200 characters or fewer",
    ]);
  });
});

describe('a draft saved before the family step existed', () => {
  it('still opens, with the family step empty', () => {
    const old = {
      id: '4a4c3b51-7a39-4c2e-9d0b-6a1f3c2d9e11',
      schemaVersion: 1,
      mode: 'referral',
      status: 'in-progress',
      documentId: 'st-helens',
      documentVersion: '0.1.0',
      step: 'child',
      levelSoFar: 1,
      createdAt: '2026-11-23T09:00:00.000Z',
      updatedAt: '2026-11-23T09:40:00.000Z',
      content: { referrer: { name: 'Sam' }, child: { lastName: 'Child' } },
    };
    expect(restoreDraft(old).content.family).toEqual({ parents: [], professionals: [] });
  });

  it('keeps a half-typed NHS number and an unanswered radio in a list, as typed', () => {
    const content = { family: { nhsNumber: '943 4', parents: [{ name: 'Sam', parentalResponsibility: null }] } };
    const restored = restoreDraft({
      id: '4a4c3b51-7a39-4c2e-9d0b-6a1f3c2d9e11',
      schemaVersion: 1,
      mode: 'referral',
      status: 'in-progress',
      documentId: 'st-helens',
      documentVersion: '0.2.0',
      step: 'family',
      levelSoFar: 1,
      createdAt: '2026-11-23T09:00:00.000Z',
      updatedAt: '2026-11-23T09:40:00.000Z',
      content,
    });
    expect(restored.content.family).toEqual({
      nhsNumber: '943 4',
      parents: [{ name: 'Sam', parentalResponsibility: null }],
      professionals: [],
    });
  });
});
