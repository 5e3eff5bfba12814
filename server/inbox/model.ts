/**
 * The inbox's vocabulary: roles, statuses, outcomes and the limits it works to, with the words
 * front-door staff see. Kept in one place so the practice lead can review them.
 */
import { AGENCY_LABELS } from '../../src/domain/assessment/referral-schema.ts';
import { AGENCIES } from '../../src/domain/thresholds/worked-case-schema.ts';

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

export { AGENCIES, AGENCY_LABELS };
export type Agency = (typeof AGENCIES)[number];

export function agencyLabel(agency: string): string {
  return (AGENCY_LABELS as Record<string, string>)[agency] ?? agency;
}

export function outcomeLabel(outcome: string | null): string {
  return outcome ? ((OUTCOME_LABELS as Record<string, string>)[outcome] ?? outcome) : '';
}

/** How long a session lasts: signed out after this long without a request… */
export const SESSION_IDLE_MINUTES = 30;
/** …and after this long whatever happens. */
export const SESSION_MAX_HOURS = 10;
/** Sign-in failures allowed per username within the window before it is locked for the window. */
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_WINDOW_MINUTES = 15;
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
