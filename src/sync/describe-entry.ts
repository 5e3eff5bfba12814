/**
 * What the practitioner is told about one outbox entry: its status, what happened, what to do,
 * and where to do it. Pure, so every case is tested without a browser.
 */
import type { OutboxEntry } from '../data/outbox-store.ts';
import { REASON_DESCRIPTIONS, type ReasonCode } from '../domain/sync/reason-codes.ts';
import { STATUS_TAGS, SYNC_MESSAGES } from './messages.ts';

export interface EntryContext {
  /** The app is locked: payloads and the token cannot be opened. */
  locked: boolean;
  /** The device has an enrolment stored. */
  enrolled: boolean;
}

export interface EntryDescription {
  tag: string;
  summary: string;
  actions: string[];
  /** Where the practitioner can act: Settings (to connect), or the referral (to unlock it or change it). */
  link?: 'settings' | 'unlock' | 'change';
}

/** Refusals the practitioner can put right by changing the referral. */
const FIXED_BY_CHANGING: ReadonlySet<ReasonCode> = new Set(['invalid-submission', 'answers-do-not-fit', 'too-large']);

export function describeEntry(entry: OutboxEntry, { locked, enrolled }: EntryContext): EntryDescription {
  const tag = STATUS_TAGS[entry.status];
  const reason = entry.lastReason ? REASON_DESCRIPTIONS[entry.lastReason] : undefined;
  switch (entry.status) {
    case 'sent':
      return { tag, summary: SYNC_MESSAGES.sent, actions: [] };
    case 'sending':
      return { tag, summary: SYNC_MESSAGES.sending, actions: [] };
    case 'needs-attention':
      if (!entry.lastReason || !reason) {
        return { tag, summary: SYNC_MESSAGES.damaged.summary, actions: [SYNC_MESSAGES.damaged.action], link: 'change' };
      }
      return {
        tag,
        summary: reason.summary,
        actions: [reason.action],
        ...(FIXED_BY_CHANGING.has(entry.lastReason) ? { link: 'change' as const } : {}),
      };
    case 'queued':
      if (!enrolled) {
        const revoked = entry.lastReason === 'not-enrolled';
        return {
          tag,
          summary: revoked ? REASON_DESCRIPTIONS['not-enrolled'].summary : SYNC_MESSAGES.waiting,
          actions: [SYNC_MESSAGES.connect, ...(revoked ? [REASON_DESCRIPTIONS['not-enrolled'].action] : [])],
          link: 'settings',
        };
      }
      // Connected again since a refused token: that reason no longer applies.
      if (entry.lastReason === 'not-enrolled' || !reason) {
        return locked
          ? { tag, summary: SYNC_MESSAGES.waiting, actions: [SYNC_MESSAGES.unlock], link: 'unlock' }
          : { tag, summary: SYNC_MESSAGES.waiting, actions: [SYNC_MESSAGES.waitingAction] };
      }
      return locked
        ? { tag, summary: reason.summary, actions: [SYNC_MESSAGES.unlock], link: 'unlock' }
        : { tag, summary: reason.summary, actions: [reason.action] };
  }
}
