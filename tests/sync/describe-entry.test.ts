import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../src/data/outbox-store.ts';
import { REASON_DESCRIPTIONS } from '../../src/domain/sync/reason-codes.ts';
import { retryDelayMs } from '../../src/sync/backoff.ts';
import { describeEntry } from '../../src/sync/describe-entry.ts';
import { SYNC_MESSAGES } from '../../src/sync/messages.ts';

const entry = (change: Partial<OutboxEntry>): OutboxEntry => ({
  id: 'e',
  draftId: 'd',
  idempotencyKey: 'k',
  schemaVersion: 1,
  status: 'queued',
  attempts: 0,
  nextAttemptAt: '2026-11-23T09:00:00.000Z',
  createdAt: '2026-11-23T09:00:00.000Z',
  updatedAt: '2026-11-23T09:00:00.000Z',
  ...change,
});

const ready = { locked: false, enrolled: true };

describe('what the practitioner is told about a referral being sent', () => {
  it('a queued referral waits, with nothing to do', () => {
    expect(describeEntry(entry({}), ready)).toEqual({
      tag: 'Queued',
      summary: SYNC_MESSAGES.waiting,
      actions: [SYNC_MESSAGES.waitingAction],
    });
  });

  it('a queued referral on a locked app asks for an unlock', () => {
    expect(describeEntry(entry({}), { locked: true, enrolled: true })).toEqual({
      tag: 'Queued',
      summary: 'Waiting to send.',
      actions: ['Unlock to send.'],
      link: 'unlock',
    });
  });

  it('a queued referral on a device not connected says to connect it in Settings', () => {
    expect(describeEntry(entry({}), { locked: true, enrolled: false })).toEqual({
      tag: 'Queued',
      summary: 'Waiting to send.',
      actions: ['Connect this device in Settings to send.'],
      link: 'settings',
    });
  });

  it('a referral whose token was refused says why, and to connect again', () => {
    expect(describeEntry(entry({ lastReason: 'not-enrolled' }), { locked: false, enrolled: false })).toEqual({
      tag: 'Queued',
      summary: REASON_DESCRIPTIONS['not-enrolled'].summary,
      actions: ['Connect this device in Settings to send.', REASON_DESCRIPTIONS['not-enrolled'].action],
      link: 'settings',
    });
    // Connected again since: the old reason is not repeated.
    expect(describeEntry(entry({ lastReason: 'not-enrolled' }), ready).summary).toBe('Waiting to send.');
  });

  it('a referral waiting to try again says what happened and what to do, from the shared reason codes', () => {
    expect(describeEntry(entry({ lastReason: 'offline', attempts: 2 }), ready)).toEqual({
      tag: 'Queued',
      summary: REASON_DESCRIPTIONS.offline.summary,
      actions: [REASON_DESCRIPTIONS.offline.action],
    });
  });

  it('a refusal the practitioner can fix links to the referral; one they cannot does not', () => {
    expect(describeEntry(entry({ status: 'needs-attention', lastReason: 'answers-do-not-fit' }), ready)).toEqual({
      tag: 'Needs attention',
      summary: REASON_DESCRIPTIONS['answers-do-not-fit'].summary,
      actions: [REASON_DESCRIPTIONS['answers-do-not-fit'].action],
      link: 'change',
    });
    expect(describeEntry(entry({ status: 'needs-attention', lastReason: 'unknown-rules-version' }), ready)).toEqual({
      tag: 'Needs attention',
      summary: REASON_DESCRIPTIONS['unknown-rules-version'].summary,
      actions: [REASON_DESCRIPTIONS['unknown-rules-version'].action],
    });
  });

  it('a payload damaged on the device needs attention, with what to do', () => {
    expect(describeEntry(entry({ status: 'needs-attention' }), ready)).toEqual({
      tag: 'Needs attention',
      summary: SYNC_MESSAGES.damaged.summary,
      actions: [SYNC_MESSAGES.damaged.action],
      link: 'change',
    });
  });

  it('sending and sent say so plainly', () => {
    expect(describeEntry(entry({ status: 'sending' }), ready)).toEqual({
      tag: 'Sending',
      summary: SYNC_MESSAGES.sending,
      actions: [],
    });
    expect(describeEntry(entry({ status: 'sent' }), { locked: true, enrolled: false })).toEqual({
      tag: 'Sent',
      summary: SYNC_MESSAGES.sent,
      actions: [],
    });
  });
});

describe('the wait before trying again', () => {
  it('doubles its ceiling with each failure, up to the cap, with full jitter', () => {
    const top = (failures: number) => retryDelayMs(failures, () => 0.999999);
    expect([1, 2, 3, 4].map(top)).toEqual([3_999, 7_999, 15_999, 31_999]);
    expect(top(40)).toBe(299_999);
    expect(retryDelayMs(5, () => 0)).toBe(0);
  });

  it("never comes before the server's Retry-After", () => {
    expect(retryDelayMs(1, () => 0, 30_000)).toBe(30_000);
    expect(retryDelayMs(8, () => 0.5, 1_000)).toBe(150_000);
  });
});
