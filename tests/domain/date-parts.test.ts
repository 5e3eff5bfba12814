import { describe, expect, it } from 'vitest';
import { incompleteSteps } from '../../src/domain/assessment/completeness.ts';
import {
  checkDate,
  childDateProblem,
  childDatesForSubmission,
  DATE_OF_BIRTH_RULES,
  datePartsFrom,
  DUE_DATE_RULES,
  storedDateFrom,
} from '../../src/domain/assessment/date-parts.ts';
import { draftContentSchema } from '../../src/domain/assessment/draft.ts';
import type { Step } from '../../src/domain/assessment/steps.ts';

const TODAY = '2026-11-30';
const parts = (day: string, month: string, year: string) => ({ day, month, year });

describe('the GOV.UK date input checks', () => {
  it('turns a real date into its ISO day, allowing spaces and leading zeros', () => {
    expect(checkDate(parts(' 7', '04', '2019 '), DATE_OF_BIRTH_RULES, TODAY)).toEqual({
      kind: 'date',
      iso: '2019-04-07',
    });
  });

  it('asks for the date when all three boxes are empty', () => {
    expect(checkDate(parts('', '', ''), DATE_OF_BIRTH_RULES, TODAY)).toEqual({
      kind: 'empty',
      message: "Enter the child's date of birth",
      fields: ['day', 'month', 'year'],
    });
  });

  it('names the missing parts and highlights only their boxes', () => {
    expect(checkDate(parts('14', '', '2019'), DATE_OF_BIRTH_RULES, TODAY)).toEqual({
      kind: 'problem',
      message: 'Date of birth must include a month',
      fields: ['month'],
    });
    expect(checkDate(parts('', '', '2019'), DATE_OF_BIRTH_RULES, TODAY)).toEqual({
      kind: 'problem',
      message: 'Date of birth must include a day and month',
      fields: ['day', 'month'],
    });
  });

  it('says a date that does not exist must be a real date', () => {
    expect(checkDate(parts('31', '2', '2019'), DATE_OF_BIRTH_RULES, TODAY)).toEqual({
      kind: 'problem',
      message: 'Date of birth must be a real date',
      fields: ['day', 'month', 'year'],
    });
    expect(checkDate(parts('14', '13', '2019'), DATE_OF_BIRTH_RULES, TODAY)).toEqual({
      kind: 'problem',
      message: 'Date of birth must be a real date',
      fields: ['month'],
    });
    expect(checkDate(parts('x', '4', '2019'), DATE_OF_BIRTH_RULES, TODAY)).toMatchObject({ fields: ['day'] });
  });

  it('asks for a four-figure year', () => {
    expect(checkDate(parts('14', '4', '19'), DATE_OF_BIRTH_RULES, TODAY)).toEqual({
      kind: 'problem',
      message: 'Year must include 4 numbers',
      fields: ['year'],
    });
  });

  it('refuses a date of birth after today but takes today and a due date after today', () => {
    expect(checkDate(parts('1', '12', '2026'), DATE_OF_BIRTH_RULES, TODAY)).toMatchObject({
      message: 'Date of birth must be in the past',
    });
    expect(checkDate(parts('30', '11', '2026'), DATE_OF_BIRTH_RULES, TODAY)).toEqual({ kind: 'date', iso: TODAY });
    expect(checkDate(parts('1', '3', '2027'), DUE_DATE_RULES, TODAY)).toEqual({ kind: 'date', iso: '2027-03-01' });
  });
});

describe('a date in a draft', () => {
  it('is the ISO day once the boxes make a real date, and the boxes as typed until then', () => {
    expect(storedDateFrom(parts('7', '4', '2019'))).toBe('2019-04-07');
    expect(storedDateFrom(parts('31', '2', '2019'))).toEqual(parts('31', '2', '2019'));
    expect(storedDateFrom(parts('14', '', ''))).toEqual(parts('14', '', ''));
    expect(storedDateFrom(parts('', '', ''))).toBeUndefined();
  });

  it('opens an older draft that holds an ISO date in the three boxes', () => {
    const content = draftContentSchema.parse({ child: { dateOfBirth: '2019-04-07' } });
    expect(datePartsFrom(content.child.dateOfBirth)).toEqual(parts('7', '4', '2019'));
    const halfTyped = draftContentSchema.parse({ child: { dateOfBirth: parts('14', '', '') } });
    expect(datePartsFrom(halfTyped.child.dateOfBirth)).toEqual(parts('14', '', ''));
  });

  it('says what is wrong with the asked-for date, and ignores the one not asked for', () => {
    expect(childDateProblem({ gender: 'female', dateOfBirth: parts('14', '', '2019') })).toBe(
      'Date of birth must include a month',
    );
    expect(childDateProblem({ gender: 'female', dateOfBirth: '2026-12-01' }, TODAY)).toBe(
      'Date of birth must be in the past',
    );
    expect(childDateProblem({ gender: 'unborn', dateOfBirth: parts('14', '', ''), dueDate: '2027-01-10' })).toBe(
      undefined,
    );
  });

  it('sends only ISO dates: boxes that never made a date are left out of the submission', () => {
    expect(
      childDatesForSubmission({
        lastName: 'X',
        gender: 'unborn',
        dateOfBirth: parts('1', '', ''),
        dueDate: '2027-01-10',
      }),
    ).toEqual({ lastName: 'X', gender: 'unborn', dueDate: '2027-01-10' });
  });

  it('keeps the child step incomplete, with the GOV.UK message, while the date is half typed', () => {
    const steps: Step[] = [{ slug: 'child', title: 'Child', kind: 'child' }];
    const content = draftContentSchema.parse({
      child: { lastName: 'Smith', gender: 'male', address: '1 Road', dateOfBirth: parts('31', '2', '2019') },
    });
    expect(incompleteSteps(steps, content, [1, 2, 3, 4], 2)).toEqual([
      { slug: 'child', message: 'Date of birth must be a real date' },
    ]);
    content.child.dateOfBirth = '2019-02-28';
    expect(incompleteSteps(steps, content, [1, 2, 3, 4], 2)).toEqual([]);
  });
});
