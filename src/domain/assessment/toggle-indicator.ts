/**
 * The one way a tick or an untick changes the list of chosen indicators. Kept apart from the
 * list's schema so that the quick check's first question can use it without loading zod.
 */

/**
 * `indicators` with `id` ticked (`checked`) or unticked, in the order they were ticked: the list
 * never holds an id twice, however often a checkbox reports the same change.
 */
export function toggleIndicator(indicators: readonly string[], id: string, checked: boolean): string[] {
  return checked ? [...new Set([...indicators, id])] : indicators.filter((other) => other !== id);
}
