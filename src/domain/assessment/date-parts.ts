/**
 * The GOV.UK three-box date input as pure functions: what the practitioner typed (day, month,
 * year, kept exactly as typed), the checks and messages GOV.UK gives, and the ISO date the
 * submission carries. A draft keeps the ISO date once the boxes make a real date, and the three
 * boxes until then, so a half-typed date survives a reload.
 */
import { z } from 'zod';

export const DATE_FIELDS = ['day', 'month', 'year'] as const;
export type DateField = (typeof DATE_FIELDS)[number];

/** The boxes as typed: untrimmed, possibly empty. The lengths only bound what a draft stores. */
export const datePartsSchema = z.strictObject({
  day: z.string().max(10),
  month: z.string().max(10),
  year: z.string().max(10),
});
export type DateParts = z.infer<typeof datePartsSchema>;

/**
 * A date in a draft: the ISO date (older drafts hold only this; '' when cleared) or the boxes as
 * typed. Anything else in the string form is damage, refused as the submission would refuse it.
 */
export const storedDateSchema = z.union([z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/), datePartsSchema]);
export type StoredDate = z.infer<typeof storedDateSchema>;

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

export interface DateRules {
  /** The question's words as they start a sentence, e.g. "Date of birth". */
  name: string;
  /** The message when all three boxes are empty, e.g. "Enter the child's date of birth". */
  whenEmpty: string;
  /** A date of birth cannot be after today. */
  notInTheFuture?: boolean;
}

export type DateCheck =
  | { kind: 'empty'; message: string; fields: readonly DateField[] }
  | { kind: 'problem'; message: string; fields: readonly DateField[] }
  | { kind: 'date'; iso: string };

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const NUMBER = /^\d+$/;

/** The boxes of a stored date: an ISO date is split ("2025-04-07" gives 7, 4, 2025). */
export function datePartsFrom(stored: StoredDate | undefined): DateParts {
  if (stored === undefined) return EMPTY_DATE;
  if (typeof stored !== 'string') return stored;
  const match = ISO_DAY.exec(stored);
  if (!match) return EMPTY_DATE;
  return { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] ?? '' };
}

function realDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function listed(fields: readonly DateField[]): string {
  return fields.length === 1 ? (fields[0] ?? '') : `${fields.slice(0, -1).join(', ')} and ${fields.at(-1) ?? ''}`;
}

/**
 * Checks the boxes the GOV.UK way, returning the message and the boxes at fault (only those are
 * highlighted, and the error links to the first), or the ISO date. `today` is "YYYY-MM-DD".
 */
export function checkDate(parts: DateParts, rules: DateRules, today: string): DateCheck {
  const trimmed = { day: parts.day.trim(), month: parts.month.trim(), year: parts.year.trim() };
  const missing = DATE_FIELDS.filter((field) => trimmed[field] === '');
  if (missing.length === 3) return { kind: 'empty', message: rules.whenEmpty, fields: DATE_FIELDS };
  if (missing.length)
    return { kind: 'problem', message: `${rules.name} must include a ${listed(missing)}`, fields: missing };
  const notNumbers = DATE_FIELDS.filter((field) => !NUMBER.test(trimmed[field]));
  if (notNumbers.length) return { kind: 'problem', message: `${rules.name} must be a real date`, fields: notNumbers };
  if (trimmed.year.length !== 4) return { kind: 'problem', message: 'Year must include 4 numbers', fields: ['year'] };
  const [day, month, year] = [Number(trimmed.day), Number(trimmed.month), Number(trimmed.year)];
  const wrong: DateField[] = [];
  if (day < 1 || day > 31) wrong.push('day');
  if (month < 1 || month > 12) wrong.push('month');
  const iso = wrong.length ? undefined : realDate(year, month, day);
  if (!iso)
    return {
      kind: 'problem',
      message: `${rules.name} must be a real date`,
      fields: wrong.length ? wrong : DATE_FIELDS,
    };
  if (rules.notInTheFuture && iso > today) {
    return { kind: 'problem', message: `${rules.name} must be in the past`, fields: DATE_FIELDS };
  }
  return { kind: 'date', iso };
}

/** What a draft keeps of the boxes: the ISO date once they make a real date, else them as typed. */
export function storedDateFrom(parts: DateParts): StoredDate | undefined {
  if (DATE_FIELDS.every((field) => parts[field] === '')) return undefined;
  const check = checkDate(parts, { name: '', whenEmpty: '' }, '');
  return check.kind === 'date' ? check.iso : parts;
}

/** "YYYY-MM-DD" for the device's own calendar day, the day a practitioner means by "today". */
export function localDay(now: Date): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export const DATE_OF_BIRTH_RULES: DateRules = {
  name: 'Date of birth',
  whenEmpty: "Enter the child's date of birth",
  notInTheFuture: true,
};
export const DUE_DATE_RULES: DateRules = { name: 'Due date', whenEmpty: 'Enter the expected due date' };

interface ChildDates {
  gender?: string | null;
  dateOfBirth?: StoredDate;
  dueDate?: StoredDate;
}

/** The one date the child step asks for: the due date for an unborn baby, else the date of birth. */
export const askedDate = (child: { gender?: string | null }) =>
  child.gender === 'unborn' ? ('dueDate' as const) : ('dateOfBirth' as const);

/**
 * What is wrong with the child's asked-for date as the draft holds it, in GOV.UK words; nothing
 * when it is absent (the step schema says "Enter …") or fine. Without `today`, a date of birth
 * after today is not caught.
 */
export function childDateProblem(child: ChildDates, today?: string): string | undefined {
  const field = askedDate(child);
  const stored = child[field];
  if (stored === undefined || stored === '') return undefined;
  const rules = field === 'dueDate' ? DUE_DATE_RULES : DATE_OF_BIRTH_RULES;
  const check = checkDate(datePartsFrom(stored), rules, today ?? '9999-12-31');
  if (typeof stored === 'string' && !ISO_DAY.test(stored)) return `${rules.name} must be a real date`;
  return check.kind === 'date' ? undefined : check.message;
}

/** The child's dates as the submission carries them: ISO dates only, boxes that never made a date left out. */
export function childDatesForSubmission<Child extends ChildDates>(
  child: Child,
): Omit<Child, 'dateOfBirth' | 'dueDate'> & { dateOfBirth?: string; dueDate?: string } {
  const { dateOfBirth, dueDate, ...rest } = child;
  return {
    ...rest,
    ...(typeof dateOfBirth === 'string' ? { dateOfBirth } : {}),
    ...(typeof dueDate === 'string' ? { dueDate } : {}),
  };
}
