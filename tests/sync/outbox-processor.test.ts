import { afterEach, describe, expect, it } from 'vitest';
import { revokeDevice } from '../../server/store/devices.ts';
import { DraftNotFoundError } from '../../src/data/errors.ts';
import { REASON_DESCRIPTIONS } from '../../src/domain/sync/reason-codes.ts';
import { REFERENCE_PATTERN } from '../../src/domain/sync/reference.ts';
import { RETRY_BASE_MS } from '../../src/sync/backoff.ts';
import { processOutbox, SENT_KEPT_MS, type SyncOutbox } from '../../src/sync/outbox-processor.ts';
import { defined, flipBit } from '../data/helpers.ts';
import { START, startDevice } from './support/device.ts';
import { startFrontDoor, type FrontDoor } from './support/front-door.ts';

let frontDoor: FrontDoor | undefined;
afterEach(async () => {
  await frontDoor?.close();
  frontDoor = undefined;
});

async function setUp(options: Parameters<typeof startFrontDoor>[0] = {}, device: { enrolled?: boolean } = {}) {
  frontDoor = await startFrontDoor(options);
  return { frontDoor, device: await startDevice(frontDoor, device) };
}

const submissionRequests = (door: FrontDoor) => door.requests.filter((r) => r.path === '/api/v1/submissions');

describe('a pass over the outbox', () => {
  it('sends a queued referral: sent with the receipt, the draft deleted and the sealed payload erased', async () => {
    const { frontDoor, device } = await setUp();
    const { draft, entry } = await device.queueReferral();

    const outcome = await processOutbox(device.dependencies, device.vault);

    expect(outcome).toEqual({ sent: 1 });
    const [sent] = await device.outbox.list();
    expect(sent).toMatchObject({ id: entry.id, status: 'sent', attempts: 0 });
    expect(sent?.receipt).toEqual({
      id: expect.any(String),
      reference: expect.stringMatching(REFERENCE_PATTERN),
      receivedAt: expect.any(String),
      engineLevel: 3,
      immediateRisk: false,
    });
    // What the printable receipt needs, and nothing about the family.
    expect(sent?.sent).toEqual({
      agency: 'health-visitor',
      level: 3,
      documentId: 'st-helens',
      documentVersion: '0.1.0',
    });
    expect(sent?.lastReason).toBeUndefined();
    await expect(device.store.load(draft.id, device.vault)).rejects.toThrow(DraftNotFoundError);
    expect(defined(await device.db.outbox.get(entry.id)).payload.data.byteLength).toBe(0);
    expect(await frontDoor.rows()).toBe(1);
    expect(submissionRequests(frontDoor)).toEqual([
      {
        path: '/api/v1/submissions',
        idempotencyKey: entry.idempotencyKey,
        authorization: expect.stringMatching(/^Bearer [A-Za-z0-9_-]{43}$/),
        contentType: 'application/json',
        status: 201,
      },
    ]);
  });

  it('keeps a referral queued, with a backoff, when the front door does not answer; the draft stays', async () => {
    const { frontDoor, device } = await setUp();
    const { draft, entry } = await device.queueReferral();
    frontDoor.network.down = true;

    const outcome = await processOutbox(device.dependencies, device.vault);

    // One failure: a ceiling of twice the base, and random() = 0.5 waits half of it.
    const nextAttemptAt = new Date(START + RETRY_BASE_MS).toISOString();
    expect(outcome).toEqual({ sent: 0, blocked: 'retry-later', nextAttemptAt });
    expect(await device.outbox.list()).toEqual([
      expect.objectContaining({
        id: entry.id,
        status: 'queued',
        attempts: 1,
        lastReason: 'server-unavailable',
        nextAttemptAt,
      }),
    ]);
    expect(await device.store.load(draft.id, device.vault)).toMatchObject({ status: 'queued' });
    expect(await frontDoor.rows()).toBe(0);
  });

  it('says "offline" when the browser knows it has no network, and waits longer after each failure', async () => {
    const { frontDoor, device } = await setUp();
    await device.queueReferral();
    frontDoor.network.down = true;
    device.browser.online = false;
    const waits: number[] = [];
    for (let failure = 0; failure < 4; failure++) {
      const { nextAttemptAt } = await processOutbox(device.dependencies, device.vault);
      waits.push(Date.parse(defined(nextAttemptAt)) - device.clock.now().getTime());
      device.clock.advance(waits.at(-1) ?? 0);
    }
    expect(waits).toEqual([2, 4, 8, 16].map((n) => n * (RETRY_BASE_MS / 2)));
    expect((await device.outbox.list())[0]).toMatchObject({ status: 'queued', attempts: 4, lastReason: 'offline' });
  });

  it('does not try again before the next attempt is due, unless "Send now" forces it', async () => {
    const { frontDoor, device } = await setUp();
    await device.queueReferral();
    frontDoor.network.down = true;
    await processOutbox(device.dependencies, device.vault);
    frontDoor.network.down = false;

    expect(await processOutbox(device.dependencies, device.vault)).toMatchObject({ sent: 0 });
    expect(submissionRequests(frontDoor)).toHaveLength(1);
    expect(await processOutbox(device.dependencies, device.vault, { force: true })).toEqual({ sent: 1 });
    expect(await frontDoor.rows()).toBe(1);
  });

  it('sends the same Idempotency-Key on every attempt, and the server stores the referral once', async () => {
    const { frontDoor, device } = await setUp();
    const { entry } = await device.queueReferral();
    frontDoor.network.down = true;
    for (let attempt = 0; attempt < 3; attempt++)
      await processOutbox(device.dependencies, device.vault, { force: true });
    frontDoor.network.down = false;
    frontDoor.network.dropAnswers = 2; // committed twice over, the answers lost
    for (let attempt = 0; attempt < 3; attempt++)
      await processOutbox(device.dependencies, device.vault, { force: true });

    const keys = submissionRequests(frontDoor).map((request) => request.idempotencyKey);
    expect(keys).toEqual(Array.from({ length: 6 }, () => entry.idempotencyKey));
    expect((await device.outbox.list())[0]).toMatchObject({ status: 'sent', attempts: 5 });
    expect(await frontDoor.rows()).toBe(1);
  });

  it('survives a crash between the 201 and deleting the draft: the retry gets the replayed receipt, one row', async () => {
    const { frontDoor, device } = await setUp();
    const { draft, entry } = await device.queueReferral();
    const { outbox } = device;
    const closedAfterTheAnswer: SyncOutbox = {
      enqueue: (...args) => outbox.enqueue(...args),
      list: () => outbox.list(),
      due: (now) => outbox.due(now),
      openPayload: (...args) => outbox.openPayload(...args),
      update: (...args) => outbox.update(...args),
      remove: (id) => outbox.remove(id),
      recordOutcome: (...args) => outbox.recordOutcome(...args),
      complete: () => Promise.reject(new Error('the tab was closed')),
    };
    const crashing = { ...device.dependencies, outbox: closedAfterTheAnswer };
    await expect(processOutbox(crashing, device.vault)).rejects.toThrow('the tab was closed');
    expect((await device.outbox.list())[0]).toMatchObject({ status: 'sending' });
    expect(await device.store.load(draft.id, device.vault)).toMatchObject({ id: draft.id });
    const first = submissionRequests(frontDoor)[0];
    expect(first?.status).toBe(201);

    // The app starts again: the entry left 'sending' is queued again and sent with its same key.
    expect(await processOutbox(device.dependencies, device.vault)).toEqual({ sent: 1 });
    expect(submissionRequests(frontDoor).map((r) => [r.idempotencyKey, r.status])).toEqual([
      [entry.idempotencyKey, 201],
      [entry.idempotencyKey, 201],
    ]);
    await expect(device.store.load(draft.id, device.vault)).rejects.toThrow(DraftNotFoundError);
    expect(await frontDoor.rows()).toBe(1);
  });

  it('stops at a refusal that sending again cannot fix: needs attention, no retry, the draft kept', async () => {
    const { frontDoor, device } = await setUp();
    // A version of the descriptions of need the server does not have: 422 unknown-rules-version.
    const { draft } = await device.queueReferral({ documentVersion: '9.9.9' });

    const outcome = await processOutbox(device.dependencies, device.vault);
    await processOutbox(device.dependencies, device.vault, { force: true });
    device.clock.advance(24 * 60 * 60_000);
    await processOutbox(device.dependencies, device.vault);

    expect(outcome).toEqual({ sent: 0 });
    expect(REASON_DESCRIPTIONS['unknown-rules-version'].retry).toBe(false);
    expect(await device.outbox.list()).toEqual([
      expect.objectContaining({ status: 'needs-attention', attempts: 1, lastReason: 'unknown-rules-version' }),
    ]);
    expect(submissionRequests(frontDoor).map((request) => request.status)).toEqual([422]);
    expect(await device.store.load(draft.id, device.vault)).toMatchObject({ status: 'queued' });
  });

  it('waits for the Retry-After of a 429 before trying again', async () => {
    const { frontDoor, device } = await setUp({ rateLimitPerMinute: 1 });
    await device.queueReferral();
    await processOutbox(device.dependencies, device.vault);
    const { entry } = await device.queueReferral();

    const outcome = await processOutbox(device.dependencies, device.vault);

    const limited = submissionRequests(frontDoor).at(-1);
    expect(limited?.status).toBe(429);
    const stored = defined((await device.outbox.list()).find((candidate) => candidate.id === entry.id));
    expect(stored).toMatchObject({ status: 'queued', attempts: 1, lastReason: 'rate-limited' });
    const waitMs = Date.parse(stored.nextAttemptAt) - START;
    // @fastify/rate-limit answers with the seconds left in its one-minute window.
    expect(waitMs).toBeGreaterThan(RETRY_BASE_MS);
    expect(waitMs).toBeLessThanOrEqual(60_000);
    expect(outcome).toMatchObject({ blocked: 'retry-later', nextAttemptAt: stored.nextAttemptAt });
    device.clock.advance(waitMs - 1);
    await processOutbox(device.dependencies, device.vault);
    expect(submissionRequests(frontDoor)).toHaveLength(2);
  });

  it('sends one referral at a time, oldest first, and stops the pass when the network goes', async () => {
    const { frontDoor, device } = await setUp();
    const first = await device.queueReferral();
    device.clock.advance(1000);
    const second = await device.queueReferral();
    device.clock.advance(1000);
    await device.queueReferral();
    frontDoor.network.down = true;

    await processOutbox(device.dependencies, device.vault);
    expect(submissionRequests(frontDoor).map((r) => r.idempotencyKey)).toEqual([first.entry.idempotencyKey]);

    frontDoor.network.down = false;
    expect(await processOutbox(device.dependencies, device.vault, { force: true })).toEqual({ sent: 3 });
    expect(
      submissionRequests(frontDoor)
        .slice(1, 3)
        .map((r) => r.idempotencyKey),
    ).toEqual([first.entry.idempotencyKey, second.entry.idempotencyKey]);
    expect(await frontDoor.rows()).toBe(3);
  });

  it('sends nothing while the app is locked', async () => {
    const { frontDoor, device } = await setUp();
    await device.queueReferral();
    device.vault.lock();
    expect(await processOutbox(device.dependencies, device.vault)).toMatchObject({ sent: 0, blocked: 'locked' });
    expect(await processOutbox(device.dependencies, null)).toMatchObject({ blocked: 'locked' });
    expect(frontDoor.requests).toHaveLength(1); // the enrolment
  });

  it('keeps referrals queued on a device that is not enrolled, and sends them once it is', async () => {
    const { frontDoor, device } = await setUp({}, { enrolled: false });
    await device.queueReferral();
    expect(await processOutbox(device.dependencies, device.vault)).toMatchObject({ sent: 0, blocked: 'not-enrolled' });
    expect((await device.outbox.list())[0]).toMatchObject({ status: 'queued', attempts: 0 });
    expect(frontDoor.requests).toHaveLength(0);

    await device.enrol();
    expect(await processOutbox(device.dependencies, device.vault)).toEqual({ sent: 1 });
  });

  it('forgets a token the server refuses, and keeps the referral queued with the reason', async () => {
    const { frontDoor, device } = await setUp();
    const { entry } = await device.queueReferral();
    const { deviceId } = defined(await device.enrolment.open(device.vault));
    expect(await revokeDevice(frontDoor.server.database.db, deviceId)).toBe('revoked');

    const outcome = await processOutbox(device.dependencies, device.vault);

    expect(outcome).toMatchObject({ sent: 0, blocked: 'not-enrolled' });
    expect(await device.enrolment.status()).toEqual({ enrolled: false });
    expect((await device.outbox.list())[0]).toMatchObject({
      id: entry.id,
      status: 'queued',
      lastReason: 'not-enrolled',
    });
    await device.enrol();
    expect(await processOutbox(device.dependencies, device.vault)).toEqual({ sent: 1 });
    expect(await frontDoor.rows()).toBe(1);
  });

  it('marks a payload altered on the device as needing attention without sending it', async () => {
    const { frontDoor, device } = await setUp();
    const { entry } = await device.queueReferral();
    const record = defined(await device.db.outbox.get(entry.id));
    flipBit(record.payload.data);
    await device.db.outbox.put(record);

    await processOutbox(device.dependencies, device.vault);

    expect((await device.outbox.list())[0]).toMatchObject({ status: 'needs-attention', attempts: 1 });
    expect((await device.outbox.list())[0]?.lastReason).toBeUndefined();
    expect(submissionRequests(frontDoor)).toHaveLength(0);
  });

  it('lists sent receipts for a week, then drops them', async () => {
    const { device } = await setUp();
    await device.queueReferral();
    await processOutbox(device.dependencies, device.vault);
    device.clock.advance(SENT_KEPT_MS);
    await processOutbox(device.dependencies, device.vault);
    expect(await device.outbox.list()).toHaveLength(1);
    device.clock.advance(1);
    await processOutbox(device.dependencies, device.vault);
    expect(await device.outbox.list()).toEqual([]);
  });
});
