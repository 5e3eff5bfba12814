/**
 * When to try a referral again after a failure that a retry can fix: exponential backoff with full
 * jitter (a random wait between nothing and the ceiling), so that many tablets coming back online
 * at once do not all knock at the same moment, and never before the server's Retry-After.
 */

/** The ceiling after the first failure is twice this. */
export const RETRY_BASE_MS = 2_000;
/** The ceiling never grows past this: a device offline for a day still tries every few minutes. */
export const RETRY_CAP_MS = 5 * 60_000;

export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
}

/**
 * The wait before the next attempt, after `failures` failed attempts (1 or more). `random` returns
 * a number in [0, 1), as Math.random does. A Retry-After from the server is a floor.
 */
export function retryDelayMs(
  failures: number,
  random: () => number,
  retryAfterMs?: number,
  { baseMs = RETRY_BASE_MS, capMs = RETRY_CAP_MS }: BackoffOptions = {},
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(failures, 1), 30));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0);
}
