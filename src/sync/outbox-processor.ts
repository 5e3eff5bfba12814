/**
 * One pass over the outbox: sends what is due, one referral at a time, and moves each entry
 * queued → sending → sent (with the receipt), back to queued with a later try (a failure that
 * trying again can fix), or needs-attention (a refusal that it cannot fix, with the reason code
 * the practitioner is shown). Every attempt at one entry sends the same Idempotency-Key, made when
 * Send was pressed, so however often a referral is retried, and whatever was lost in between, the
 * server stores it once and answers a repeat with the first receipt. The draft leaves the device
 * only with that receipt (OutboxStore.complete). Payloads are sealed: a locked app sends nothing.
 */
import { DraftTamperedError, VaultLockedError } from '../data/crypto/errors.ts';
import type { Vault } from '../data/crypto/vault.ts';
import type { DeviceEnrolment, EnrolmentStore } from '../data/enrolment-store.ts';
import type { OutboxEntry, OutboxStore } from '../data/outbox-store.ts';
import { REASON_DESCRIPTIONS, type ReasonCode } from '../domain/sync/reason-codes.ts';
import type { ApiClient } from './api-client.ts';
import { retryDelayMs, type BackoffOptions } from './backoff.ts';

/** What the sync loop needs of the outbox (OutboxStore; an in-memory one in component tests). */
export type SyncOutbox = Pick<
  OutboxStore,
  'enqueue' | 'list' | 'due' | 'openPayload' | 'update' | 'complete' | 'remove' | 'recordOutcome'
>;

/** Sent entries (a receipt, nothing identifying) are listed for this long, then dropped. */
export const SENT_KEPT_MS = 7 * 24 * 60 * 60_000;

/** Failures that say nothing else will get through now either: stop the pass, keep the rest queued. */
const STOPS_THE_PASS: ReadonlySet<ReasonCode> = new Set(['offline', 'server-unavailable', 'rate-limited']);

export interface ProcessorDependencies {
  outbox: SyncOutbox;
  enrolment: Pick<EnrolmentStore, 'open' | 'forget'>;
  api: Pick<ApiClient, 'submit'>;
  now?: () => Date;
  random?: () => number;
  backoff?: BackoffOptions;
  /** Called after every change to an entry, so the status on screen follows each step. */
  onChange?: () => void;
}

/** Why a pass stopped early: the app is locked, the device is not enrolled, or the server said (or showed) "later". */
export type Blocked = 'locked' | 'not-enrolled' | 'retry-later';

export interface PassOutcome {
  sent: number;
  blocked?: Blocked;
  /** The earliest next try of any queued entry. */
  nextAttemptAt?: string;
}

export interface PassOptions {
  /**
   * "Send now", or the network is back: try every queued entry now rather than at its next try,
   * except one the server itself asked to wait (a 429's Retry-After).
   */
  force?: boolean;
}

/**
 * Runs one pass. Call it from one place at a time (OutboxSync serialises passes, across tabs where
 * the browser has Web Locks): an entry found 'sending' at the start was left so by a pass that
 * never finished, and goes back to the queue to be tried again with its same key.
 */
export async function processOutbox(
  dependencies: ProcessorDependencies,
  vault: Vault | null,
  { force = false }: PassOptions = {},
): Promise<PassOutcome> {
  const { outbox, enrolment, onChange } = dependencies;
  const now = () => (dependencies.now ?? (() => new Date()))();
  const random = dependencies.random ?? Math.random;

  for (const entry of await outbox.list()) {
    if (entry.status === 'sending') await outbox.update(entry.id, { status: 'queued' });
    if (entry.status === 'sent' && now().getTime() - Date.parse(entry.updatedAt) > SENT_KEPT_MS) {
      await outbox.remove(entry.id);
    }
  }
  onChange?.();

  let sent = 0;
  const finish = async (blocked?: Blocked): Promise<PassOutcome> => {
    const queued = (await outbox.list()).filter((entry) => entry.status === 'queued');
    const nextAttemptAt = queued.map((entry) => entry.nextAttemptAt).sort()[0];
    return { sent, ...(blocked ? { blocked } : {}), ...(nextAttemptAt ? { nextAttemptAt } : {}) };
  };

  if (!vault || vault.isLocked) return finish('locked');
  const device = await enrolment.open(vault);
  if (!device) return finish('not-enrolled');

  const at = now();
  const due = force
    ? (await outbox.list()).filter(
        (entry) =>
          entry.status === 'queued' &&
          (entry.lastReason !== 'rate-limited' || Date.parse(entry.nextAttemptAt) <= at.getTime()),
      )
    : await outbox.due(at);
  // Oldest referral first: the one waiting longest should not wait behind newer ones.
  due.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  for (const entry of due) {
    if (vault.isLocked) return finish('locked');
    const result = await sendOne(dependencies, entry, device, vault, now, random);
    onChange?.();
    if (result === 'sent') sent += 1;
    else if (result !== 'next') return finish(result);
  }
  return finish();
}

async function sendOne(
  { outbox, enrolment, api, backoff, onChange }: ProcessorDependencies,
  entry: OutboxEntry,
  device: DeviceEnrolment,
  vault: Vault,
  now: () => Date,
  random: () => number,
): Promise<'sent' | 'next' | Blocked> {
  await outbox.update(entry.id, { status: 'sending' });
  onChange?.();
  let submission;
  try {
    submission = await outbox.openPayload(entry.id, vault);
  } catch (error) {
    if (error instanceof VaultLockedError) {
      await outbox.update(entry.id, { status: 'queued' });
      return 'locked';
    }
    if (error instanceof DraftTamperedError) {
      // Altered or damaged on this device: sending it again cannot help. No reason code fits, so none is set.
      await outbox.update(entry.id, { status: 'needs-attention', attempts: entry.attempts + 1, lastReason: undefined });
      return 'next';
    }
    throw error;
  }

  const result = await api.submit({ token: device.token, idempotencyKey: entry.idempotencyKey, submission });
  if (result.ok) {
    // The receipt the practitioner can print names the agency and the level, never the family.
    await outbox.complete(entry.id, result.receipt, {
      agency: submission.referrer.agency,
      level: submission.practitionerLevel,
      documentId: submission.documentId,
      documentVersion: submission.documentVersion,
    });
    return 'sent';
  }

  const attempts = entry.attempts + 1;
  const { reason } = result;
  if (reason === 'not-enrolled') {
    // The token was refused (revoked, or the server no longer knows it): it is no use any more.
    // The referral waits, with its reason, until the device is connected again, then goes as it is.
    await enrolment.forget();
    await outbox.update(entry.id, { status: 'queued', attempts, lastReason: reason });
    return 'not-enrolled';
  }
  if (REASON_DESCRIPTIONS[reason].retry) {
    const delay = retryDelayMs(attempts, random, result.retryAfterMs, backoff);
    const nextAttemptAt = new Date(now().getTime() + delay).toISOString();
    await outbox.update(entry.id, { status: 'queued', attempts, nextAttemptAt, lastReason: reason });
    return STOPS_THE_PASS.has(reason) ? 'retry-later' : 'next';
  }
  await outbox.update(entry.id, { status: 'needs-attention', attempts, lastReason: reason });
  return 'next';
}
