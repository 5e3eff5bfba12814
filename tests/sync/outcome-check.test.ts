import { afterEach, describe, expect, it } from 'vitest';
import { recordDecision } from '../../server/inbox/store/triage.ts';
import { createUser } from '../../server/inbox/store/staff.ts';
import { processOutbox } from '../../src/sync/outbox-processor.ts';
import { checkOutcomes } from '../../src/sync/outcome-check.ts';
import { defined } from '../data/helpers.ts';
import { TEST_PASSWORD, TEST_PASSWORD_PARAMETERS } from '../server/support/inbox.ts';
import { startDevice } from './support/device.ts';
import { startFrontDoor, type FrontDoor } from './support/front-door.ts';

let frontDoor: FrontDoor | undefined;
afterEach(async () => {
  await frontDoor?.close();
  frontDoor = undefined;
});

const statusRequests = (door: FrontDoor) =>
  door.requests.filter((request) => request.path.startsWith('/api/v1/submissions/'));

describe('asking the front door what became of a sent referral', () => {
  it('keeps "received", then the decision, beside the receipt, without extending its week', async () => {
    frontDoor = await startFrontDoor();
    const device = await startDevice(frontDoor);
    await device.queueReferral();
    await processOutbox(device.dependencies, device.vault);
    const token = defined(await device.enrolment.open(device.vault));
    const [sent] = await device.outbox.list();
    const receipt = defined(sent?.receipt);

    expect(await checkOutcomes(device.outbox, device.api, token)).toBe(1);
    expect((await device.outbox.list())[0]?.outcome).toMatchObject({
      status: 'received',
      reference: receipt.reference,
    });
    // Nothing new: nothing written.
    expect(await checkOutcomes(device.outbox, device.api, token)).toBe(0);

    const db = frontDoor.server.database.db;
    const staff = await createUser(
      db,
      { username: 'frontdoor', role: 'triage', password: TEST_PASSWORD },
      TEST_PASSWORD_PARAMETERS,
      new Date(),
    );
    const decision = {
      submissionId: receipt.id,
      expectedCount: 0,
      decidedLevel: 3,
      outcome: 'early-help',
      note: 'Spoke to the family',
    } as const;
    await recordDecision(db, decision, { ...staff, role: 'triage' }, new Date('2026-12-02T15:15:00Z'));

    expect(await checkOutcomes(device.outbox, device.api, token)).toBe(1);
    const [decided] = await device.outbox.list();
    expect(decided?.outcome?.decision).toEqual({
      decidedAt: '2026-12-02T15:15:00.000Z',
      level: 3,
      outcome: 'early-help',
      outcomeLabel: 'Early help',
    });
    expect(decided?.updatedAt).toBe(sent?.updatedAt);
  });

  it('stops asking when the front door cannot be reached, and asks again next time', async () => {
    frontDoor = await startFrontDoor();
    const device = await startDevice(frontDoor);
    await device.queueReferral();
    await device.queueReferral();
    await processOutbox(device.dependencies, device.vault);
    const token = defined(await device.enrolment.open(device.vault));

    frontDoor.network.down = true;
    expect(await checkOutcomes(device.outbox, device.api, token)).toBe(0);
    expect(statusRequests(frontDoor)).toHaveLength(1);
    frontDoor.network.down = false;
    expect(await checkOutcomes(device.outbox, device.api, token)).toBe(2);
  });
});
