/**
 * The inbox's vocabulary: roles, statuses, outcomes and the limits it works to, with the words
 * front-door staff see. Kept in one place so the practice lead can review them.
 */
export const ROLES = ['triage', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const STATUSES = ['new', 'in-triage', 'decided'] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<Status, string> = { new: 'New', 'in-triage': 'In triage', decided: 'Decided' };

export const OUTCOMES = [
  'no-further-action',
  'signpost-universal',
  'early-help',
  'child-and-family-assessment',
  'strategy-discussion',
] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  'no-further-action': 'No further action',
  'signpost-universal': 'Signpost to universal services',
  'early-help': 'Early help',
  'child-and-family-assessment': 'Child and family assessment',
  'strategy-discussion': 'Strategy discussion',
};

export function outcomeLabel(outcome: string | null): string {
  return outcome ? ((OUTCOME_LABELS as Record<string, string>)[outcome] ?? outcome) : '';
}

/** How long a session lasts: signed out after this long without a request… */
export const SESSION_IDLE_MINUTES = 30;
/** …and after this long whatever happens. */
export const SESSION_MAX_HOURS = 10;
/**
 * Sign-in failures allowed per username from one client address within the window, before that
 * address is locked out of that name for the window. Other addresses are not affected.
 */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MINUTES = 15;
/** Failures for one username, from all addresses, after which each further attempt waits longer… */
export const NAME_FAILURES_BEFORE_DELAY = 10;
/** …doubling from this… */
export const FIRST_SIGN_IN_DELAY_MS = 250;
/** …up to this. */
export const MAX_SIGN_IN_DELAY_MS = 5_000;
/**
 * Failures for one username, from all addresses, after which an address gets one try only: a
 * guesser spread over many addresses is held to one guess per address per window, while the
 * right password from an address that has not failed is still accepted.
 */
export const NAME_FAILURES_LIMIT = 100;
/** Sign-in attempts per client address per minute, whatever the usernames. */
export const SIGN_IN_ATTEMPTS_PER_MINUTE = 30;

export const MAX_NOTE_LENGTH = 4000;
export const PAGE_SIZE = 50;

/** The signed-in member of staff, as every inbox route sees them. */
export interface StaffUser {
  id: string;
  username: string;
  role: Role;
}
