/**
 * The raw stored quick check (see stored-answers.ts for what is kept and why), in a module of its
 * own so that the zod-free first question and the schema check (quick-check-storage.ts) can both
 * read it without importing each other.
 */
export const QUICK_CHECK_KEY = 'levels-of-need.quick-check';

/** What is stored, parsed but not yet checked; undefined when nothing is (or storage is blocked or unreadable). */
export function readStoredQuickCheck(): unknown {
  try {
    const stored = localStorage.getItem(QUICK_CHECK_KEY);
    return stored === null ? undefined : (JSON.parse(stored) as unknown);
  } catch {
    // Unreadable or blocked storage: a quick check is short, so begin again rather than fail.
    return undefined;
  }
}
