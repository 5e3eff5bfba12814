/**
 * What the step schemas are built from. A text question is declared once: its step accepts
 * `requiredText` or `optionalText` (trimmed, with GOV.UK messages), and a draft keeps the same
 * question `asTyped`: untrimmed, unfinished or empty, within the step's own limit.
 */
import { z } from 'zod';

export const requiredText = (empty: string, max: number, tooLong: string) =>
  z.string({ error: empty }).trim().min(1, empty).max(max, tooLong);

export const optionalText = (max: number, tooLong: string) => z.string().trim().max(max, tooLong).optional();

type TextQuestion = z.ZodString | z.ZodOptional<z.ZodString>;

/** The longest answer `question` accepts; every text question of a step has one. */
export function maxLengthOf(question: TextQuestion): number {
  const text = question instanceof z.ZodOptional ? question.unwrap() : question;
  if (text.maxLength === null) throw new TypeError('A text question needs a maximum length.');
  return text.maxLength;
}

/** A text question as a draft holds it while it is typed: anything up to the step's limit. */
export const asTyped = (question: TextQuestion) => z.string().max(maxLengthOf(question));

/** Marks `field` as not answered well enough, with a GOV.UK message, from a step's cross-field check. */
export function addProblem(context: z.RefinementCtx, field: string, message: string): void {
  context.addIssue({ code: 'custom', path: [field], message });
}
