/**
 * Every sentence about sending that the app shows, in one place so they can be reviewed together.
 * Why a send failed comes from REASON_DESCRIPTIONS (src/domain/sync/reason-codes.ts), shared with
 * the server; these are the sentences around it. None contains personal data.
 */
import type { OutboxStatus } from '../data/records.ts';

export const STATUS_TAGS: Record<OutboxStatus, string> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  'needs-attention': 'Needs attention',
};

export const SYNC_MESSAGES = {
  waiting: 'Waiting to send.',
  waitingAction: 'Nothing to do: the app sends it as soon as it can. Phone the front door if it is urgent.',
  sending: 'Sending to the front door now.',
  sent: 'The front door has it, and its copy on this device has been deleted.',
  unlock: 'Unlock to send.',
  connect: 'Connect this device in Settings to send.',
  damaged: {
    summary: 'This referral could not be read on this device, so it was not sent.',
    action: 'Open the referral and send it again. If that does not work, contact your IT service desk.',
  },
  enrolment: {
    codeRefused:
      'This enrolment code is not valid: it may have been used, or have expired. Ask your IT service desk for a new one.',
    busy: 'There have been too many tries to connect from this device. Wait a minute, then try again.',
    unreachable:
      'The front door could not be reached, so this device is not connected yet. Check the connection and try again.',
    failed: 'This device could not be connected. Try again, and contact your IT service desk if it keeps happening.',
  },
} as const;
