/**
 * Asks the front door what became of the referrals this device sent (GET /api/v1/submissions/{id})
 * and keeps each answer beside its receipt, so the practitioner sees "Decided on 2 December: level
 * 3, early help" without being told by phone. Runs after each outbox pass, so on the same triggers:
 * launch, `online`, `visibilitychange`, unlock and the timer. Receipts leave after their week as
 * before; a decision can still change within it (a change of mind adds a decision), so decided
 * referrals are asked about too.
 */
import type { DeviceEnrolment } from '../data/enrolment-store.ts';
import type { OutboxStore } from '../data/outbox-store.ts';
import type { ApiClient } from './api-client.ts';

export type OutcomeOutbox = Pick<OutboxStore, 'list' | 'recordOutcome'>;

/** Asks about every sent referral with a receipt; returns how many answers changed. Stops at the first sign the server is away. */
export async function checkOutcomes(
  outbox: OutcomeOutbox,
  api: Pick<ApiClient, 'status'>,
  device: DeviceEnrolment,
): Promise<number> {
  let changed = 0;
  for (const entry of await outbox.list()) {
    if (entry.status !== 'sent' || !entry.receipt) continue;
    const result = await api.status({ token: device.token, id: entry.receipt.id });
    if (!result.ok) {
      // Unknown here (purged, or sent to another server): nothing to show, and nothing to retry.
      if (result.reason === 'unknown') continue;
      return changed;
    }
    if (JSON.stringify(result.status) === JSON.stringify(entry.outcome)) continue;
    await outbox.recordOutcome(entry.id, result.status);
    changed += 1;
  }
  return changed;
}
