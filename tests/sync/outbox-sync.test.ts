import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxStatus } from '../../src/data/records.ts';
import { MIN_TIMER_MS, OutboxSync, POLL_MS, type Timers } from '../../src/sync/outbox-sync.ts';
import { checkedSubmissionSchema } from '../../src/domain/sync/submission-schema.ts';
import { canarySubmission } from '../server/support/canaries.ts';
import { startDevice, type Device } from './support/device.ts';
import { startFrontDoor, type FrontDoor } from './support/front-door.ts';

let frontDoor: FrontDoor | undefined;
afterEach(async () => {
  await frontDoor?.close();
  frontDoor = undefined;
});

/** Timers the test fires by hand; `delays` are those asked for, in order. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  const delays: number[] = [];
  let next = 1;
  const timers: Timers = {
    set: (callback, ms) => {
      delays.push(ms);
      pending.set(next, callback);
      return next++;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  const fire = () => {
    const callbacks = [...pending.values()];
    pending.clear();
    callbacks.forEach((callback) => callback());
  };
  return { timers, delays, pending, fire };
}

function syncFor(device: Device, options: Partial<ConstructorParameters<typeof OutboxSync>[0]> = {}) {
  const clock = manualTimers();
  const sync = new OutboxSync({ ...device.dependencies, vault: () => device.vault, timers: clock.timers, ...options });
  return { sync, clock };
}

async function setUp(device: { enrolled?: boolean } = {}) {
  frontDoor = await startFrontDoor();
  return { frontDoor, device: await startDevice(frontDoor, device) };
}

/** A document stand-in with the visibility state a test sets. */
function page() {
  const target = new EventTarget() as EventTarget & { visibilityState: string };
  target.visibilityState = 'visible';
  return target;
}

const statuses = (sync: OutboxSync) => sync.getSnapshot().entries.map((entry) => entry.status);

describe('the outbox sync loop', () => {
  it('sends when the network comes back, without waiting out the backoff', async () => {
    const { frontDoor, device } = await setUp();
    await device.queueReferral();
    frontDoor.network.down = true;
    const { sync } = syncFor(device);
    const windowTarget = new EventTarget();
    sync.attach(windowTarget, page());
    await sync.run();
    expect(statuses(sync)).toEqual(['queued']);

    frontDoor.network.down = false;
    windowTarget.dispatchEvent(new Event('online'));
    await sync.run();
    expect(statuses(sync)).toEqual(['sent']);
    expect(await frontDoor.rows()).toBe(1);
  });

  it('looks again when the app comes back into view, but not when it is hidden', async () => {
    const { frontDoor, device } = await setUp();
    const { sync } = syncFor(device);
    const documentTarget = page();
    const detach = sync.attach(new EventTarget(), documentTarget);
    await device.queueReferral();

    documentTarget.visibilityState = 'hidden';
    documentTarget.dispatchEvent(new Event('visibilitychange'));
    await Promise.resolve();
    expect(sync.getSnapshot().running).toBe(false);

    documentTarget.visibilityState = 'visible';
    documentTarget.dispatchEvent(new Event('visibilitychange'));
    expect(sync.getSnapshot().running).toBe(true);
    await sync.run();
    expect(await frontDoor.rows()).toBe(1);

    detach();
    await device.queueReferral();
    documentTarget.dispatchEvent(new Event('visibilitychange'));
    expect(sync.getSnapshot().running).toBe(false);
  });

  it('sets a timer for the next try, never longer than the poll and never sooner than a second', async () => {
    const { frontDoor, device } = await setUp();
    const { sync, clock } = syncFor(device);
    await sync.run();
    expect(clock.delays).toEqual([POLL_MS]);

    await device.queueReferral();
    frontDoor.network.down = true;
    await sync.run();
    // One failure waits half of twice the base (random() is 0.5 in these tests): 2 s.
    expect(clock.delays.at(-1)).toBe(2_000);
    expect(clock.pending.size).toBe(1);

    frontDoor.network.down = false;
    device.clock.advance(2_000);
    clock.fire();
    await sync.run();
    expect(statuses(sync)).toEqual(['sent']);
    expect(Math.min(...clock.delays)).toBeGreaterThanOrEqual(MIN_TIMER_MS);
  });

  it('waits for the poll, not the next try, while sending waits for an unlock', async () => {
    const { device } = await setUp();
    await device.queueReferral();
    const { sync, clock } = syncFor(device, { vault: () => null });
    await sync.run();
    expect(sync.getSnapshot().blocked).toBe('locked');
    expect(clock.delays).toEqual([POLL_MS]);
  });

  it('never runs two passes at once: a request during a pass runs one more pass after it', async () => {
    const { device } = await setUp();
    await device.queueReferral();
    let running = 0;
    let most = 0;
    let passes = 0;
    const { sync } = syncFor(device, {
      withLock: async (task) => {
        running += 1;
        passes += 1;
        most = Math.max(most, running);
        try {
          return await task();
        } finally {
          running -= 1;
        }
      },
    });
    await Promise.all([sync.run(), sync.run(), sync.sendNow(), sync.run()]);
    expect(most).toBe(1);
    expect(passes).toBe(2);
    expect(statuses(sync)).toEqual(['sent']);
  });

  it('shows each step of a send: queued, sending, sent', async () => {
    const { device } = await setUp();
    await device.queueReferral();
    // The front door answers only once "sending" has been shown, so no step can pass unseen
    // however slow the machine (refreshes overtaken by newer ones are dropped, by design).
    let sendingShown!: () => void;
    const shown = new Promise<void>((resolve) => (sendingShown = resolve));
    const api = device.dependencies.api;
    const heldApi = Object.assign(Object.create(api) as typeof api, {
      submit: async (...args: Parameters<typeof api.submit>) => {
        await shown;
        return api.submit(...args);
      },
    });
    const { sync } = syncFor(device, { api: heldApi });
    const seen: OutboxStatus[][] = [];
    sync.subscribe(() => {
      const now = statuses(sync);
      if (JSON.stringify(now) !== JSON.stringify(seen.at(-1))) seen.push(now);
      if (now[0] === 'sending') sendingShown();
    });
    await sync.refresh();
    await sync.run();
    expect(seen.filter((step) => step.length)).toEqual([['queued'], ['sending'], ['sent']]);
  });

  it('queues a referral from its draft and sends it; a second Send returns the same entry', async () => {
    const { frontDoor, device } = await setUp();
    const { sync } = syncFor(device);
    const draft = await device.store.create(
      { mode: 'referral', document: device.document, step: 'check' },
      device.vault,
    );
    frontDoor.network.down = true;
    const entry = await sync.queue(draft, checkedSubmissionSchema.parse(canarySubmission({ draftId: draft.id })));
    expect(await device.store.load(draft.id, device.vault)).toMatchObject({ status: 'queued' });
    await sync.run();
    expect(
      await sync.queue(draft, checkedSubmissionSchema.parse(canarySubmission({ draftId: draft.id }))),
    ).toMatchObject({ id: entry.id });
    expect(sync.getSnapshot().entries).toHaveLength(1);
  });

  it('replaces an entry that needed attention with a new one, under a new key, when sent again', async () => {
    const { frontDoor, device } = await setUp();
    const { sync } = syncFor(device);
    const { draft, entry } = await device.queueReferral({ documentVersion: '9.9.9' });
    await sync.run();
    expect(statuses(sync)).toEqual(['needs-attention']);

    const current = await device.store.load(draft.id, device.vault);
    const again = await sync.queue(current, checkedSubmissionSchema.parse(canarySubmission({ draftId: draft.id })));
    await sync.run();
    expect(again.idempotencyKey).not.toBe(entry.idempotencyKey);
    expect(sync.getSnapshot().entries.map((e) => [e.id, e.status])).toEqual([[again.id, 'sent']]);
    expect(await frontDoor.rows()).toBe(1);
  });

  it('enrols the device, keeps the token sealed, and sends what was waiting for it', async () => {
    const { frontDoor, device } = await setUp({ enrolled: false });
    await device.queueReferral();
    const { sync } = syncFor(device);
    await sync.run();
    expect(sync.getSnapshot()).toMatchObject({ blocked: 'not-enrolled', enrolment: { enrolled: false } });

    expect(await sync.enrol('not-a-code')).toMatchObject({ ok: false, reason: 'not-enrolled' });
    const result = await sync.enrol(await frontDoor.newCode());
    await sync.run();
    expect(result).toEqual({ ok: true, deviceId: expect.any(String) });
    expect(sync.getSnapshot()).toMatchObject({
      enrolment: { enrolled: true },
      deviceId: result.ok ? result.deviceId : undefined,
      entries: [expect.objectContaining({ status: 'sent' })],
    });
    expect(sync.getSnapshot().blocked).toBeUndefined();
  });

  it('waits while locked, knows the device is enrolled but not its id, and sends on unlock', async () => {
    const { device } = await setUp();
    await device.queueReferral();
    let vault: typeof device.vault | null = null;
    const { sync } = syncFor(device, { vault: () => vault });
    await sync.run();
    expect(sync.getSnapshot()).toMatchObject({ blocked: 'locked', enrolment: { enrolled: true } });
    expect(sync.getSnapshot().deviceId).toBeUndefined();
    vault = device.vault;
    await sync.run();
    expect(statuses(sync)).toEqual(['sent']);
  });

  it('does nothing once stopped', async () => {
    const { device } = await setUp();
    await device.queueReferral();
    const { sync, clock } = syncFor(device);
    sync.stop();
    await sync.run();
    expect(statuses(sync)).toEqual([]);
    expect(clock.pending.size).toBe(0);
  });
});
