/**
 * The indicators a practitioner has ticked: the one list shared by a quick check, a draft and a
 * submission, with one cap, and the one way a tick or an untick changes it.
 */
import { z } from 'zod';
import { idSchema } from '../thresholds/schema.ts';

/** More than any document has; a list longer than this is damaged or hostile. */
export const MAX_INDICATORS = 500;

export const indicatorIdsSchema = z.array(idSchema).max(MAX_INDICATORS);

/**
 * `indicators` with `id` ticked (`checked`) or unticked, in the order they were ticked: the list
 * never holds an id twice, however often a checkbox reports the same change.
 */
export function toggleIndicator(indicators: readonly string[], id: string, checked: boolean): string[] {
  return checked ? [...new Set([...indicators, id])] : indicators.filter((other) => other !== id);
}
