/**
 * The sync protocol's small vocabulary of reasons, shared by the device and the intake server.
 * The server sends a code; the device turns it into what happened and what to do next, and knows
 * whether trying again could help.
 */
export const REASON_CODES = [
  'invalid-json',
  'invalid-submission',
  'too-large',
  'unsupported-media-type',
  'missing-idempotency-key',
  'not-enrolled',
  'rate-limited',
  'unknown-rules-version',
  'answers-do-not-fit',
  'key-reused',
  'in-flight',
  'server-unavailable',
  'offline',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

export interface ReasonDescription {
  /** What happened, in the practitioner's words. */
  summary: string;
  /** What to do about it. */
  action: string;
  /** Whether sending again later, unchanged, could succeed. */
  retry: boolean;
}

const CALL_IT = 'Contact your IT service desk and keep this device: the referral is safe on it.';

export const REASON_DESCRIPTIONS: Record<ReasonCode, ReasonDescription> = {
  'invalid-json': { summary: 'The referral was damaged on the way to the front door.', action: CALL_IT, retry: false },
  'invalid-submission': {
    summary: 'The front door could not accept the referral because some answers are missing or too long.',
    action: 'Open the referral, check your answers and send it again.',
    retry: false,
  },
  'too-large': {
    summary: 'The referral is too large to send.',
    action: 'Shorten the longest answers and send it again.',
    retry: false,
  },
  'unsupported-media-type': {
    summary: 'The app sent the referral in a form the front door does not accept.',
    action: CALL_IT,
    retry: false,
  },
  'missing-idempotency-key': {
    summary: 'The app sent the referral without its sending reference.',
    action: CALL_IT,
    retry: false,
  },
  'not-enrolled': {
    summary: 'This device is not, or is no longer, allowed to send referrals.',
    action: 'Ask your IT service desk for a new enrolment code. The referral stays on this device.',
    retry: false,
  },
  'rate-limited': {
    summary: 'The front door is busy.',
    action: 'Nothing to do: the app will try again shortly.',
    retry: true,
  },
  'unknown-rules-version': {
    summary: 'The front door does not know the version of the descriptions of need this referral used.',
    action: 'The referral is kept on this device. Phone the front door if it is urgent, and contact IT.',
    retry: false,
  },
  'answers-do-not-fit': {
    summary: 'Some of the chosen indicators do not fit the descriptions of need this referral used.',
    action: 'Open the referral, check the indicators and send it again.',
    retry: false,
  },
  'key-reused': {
    summary: 'The front door already has a different referral under this sending reference.',
    action: CALL_IT,
    retry: false,
  },
  'in-flight': {
    summary: 'The front door is still saving an earlier attempt to send this referral.',
    action: 'Nothing to do: the app will check again shortly.',
    retry: true,
  },
  'server-unavailable': {
    summary: 'The front door could not be reached.',
    action: 'Nothing to do: the app will send it when it can. Phone the front door if it is urgent.',
    retry: true,
  },
  offline: {
    summary: 'There is no connection.',
    action: 'The referral will be sent when this device is back online. Phone the front door if it is urgent.',
    retry: true,
  },
};

export const isReasonCode = (value: unknown): value is ReasonCode =>
  typeof value === 'string' && (REASON_CODES as readonly string[]).includes(value);
