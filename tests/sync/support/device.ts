/**
 * A tablet for the sync tests: the real drafts store, outbox and enrolment store on a fresh fake
 * IndexedDB, a clock the test moves, the API client talking to a FrontDoor, and referrals queued
 * the way the summary page queues them.
 */
import { EnrolmentStore, DexieEnrolmentStorage } from '../../../src/data/enrolment-store.ts';
import { OutboxStore } from '../../../src/data/outbox-store.ts';
import { checkedSubmissionSchema, type Submission } from '../../../src/domain/sync/submission-schema.ts';
import { ApiClient } from '../../../src/sync/api-client.ts';
import type { ProcessorDependencies } from '../../../src/sync/outbox-processor.ts';
import { PASSPHRASE, canaryContent, openTestDatabase, testStore } from '../../data/helpers.ts';
import { canarySubmission } from '../../server/support/canaries.ts';
import { stHelens, type FrontDoor } from './front-door.ts';

export const START = Date.parse('2026-11-23T09:00:00.000Z');

export async function startDevice(frontDoor: FrontDoor, { enrolled = true } = {}) {
  let now = START;
  const clock = { now: () => new Date(now), advance: (ms: number) => (now += ms) };
  const browser = { online: true };
  const db = openTestDatabase();
  const store = testStore(db, { now: clock.now });
  const outbox = new OutboxStore(db, { now: clock.now });
  const enrolment = new EnrolmentStore(new DexieEnrolmentStorage(db), { now: clock.now });
  const vault = await store.keyring.setUp(PASSPHRASE);
  const api = new ApiClient({ fetch: frontDoor.fetch, isOnline: () => browser.online });
  const document = await stHelens();

  const enrol = async () => {
    const result = await api.enrol(await frontDoor.newCode());
    if (!result.ok) throw new Error(`enrolment failed: ${result.reason}`);
    return enrolment.save(result, vault);
  };
  if (enrolled) await enrol();

  /** A referral draft, queued as Send does; `overrides` change what is sent. */
  const queueReferral = async (overrides: Partial<Submission> = {}) => {
    const draft = await store.create(
      { mode: 'referral', document, step: 'check', content: canaryContent('sync') },
      vault,
    );
    const submission = checkedSubmissionSchema.parse(canarySubmission({ draftId: draft.id, ...overrides }));
    const entry = await outbox.enqueue(draft, submission, vault);
    return { draft, submission, entry };
  };

  /** The processor's dependencies; `random` at 0.5 makes every backoff half its ceiling. */
  const dependencies = { outbox, enrolment, api, now: clock.now, random: () => 0.5 } satisfies ProcessorDependencies;

  return { db, store, outbox, enrolment, vault, api, clock, browser, document, enrol, queueReferral, dependencies };
}

export type Device = Awaited<ReturnType<typeof startDevice>>;
