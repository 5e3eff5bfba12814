/**
 * The durability promise, end to end: a device streams 500 referrals, the server is killed with
 * SIGKILL part-way, restarted, and the device retries everything it did not see acknowledged.
 * Every acknowledged referral must be stored under the receipt the device was given, and there
 * must be exactly one row per referral.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/store/database.ts';
import { createDevice } from '../../server/store/devices.ts';
import type { Receipt } from '../../src/domain/sync/submission-schema.ts';
import { canariesIn, canarySubmission } from './support/canaries.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/harness.ts';
import { startServerProcess, type ServerProcess } from '../../scripts/harness/server-process.ts';
import { SPAWNS_PROCESSES } from '../loaded-machine.ts';

const SUBMISSIONS = 500;
const CONCURRENCY = 8;
const KILL_AFTER_ACKNOWLEDGED = 180;

interface Outgoing {
  key: string;
  body: string;
  receipt?: Receipt;
}

async function send(server: ServerProcess, token: string, item: Outgoing): Promise<number | 'network-error'> {
  try {
    const response = await fetch(`${server.url}/api/v1/submissions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': item.key },
      body: item.body,
      signal: AbortSignal.timeout(15_000),
    });
    if (response.status === 201) item.receipt = (await response.json()) as Receipt;
    else await response.arrayBuffer();
    return response.status;
  } catch {
    return 'network-error';
  }
}

describe.each(DATABASE_KINDS)('a server killed mid-stream on %s', SPAWNS_PROCESSES, (kind) => {
  let testDatabase: TestDatabase;
  const outputs: string[] = [];
  const started: ServerProcess[] = [];
  const start = async () => {
    const server = await startServerProcess(testDatabase.env);
    started.push(server);
    return server;
  };

  beforeAll(async () => {
    testDatabase = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await Promise.all(started.map((server) => server.kill()));
    await testDatabase.drop();
    // The servers wrote none of the personal data they received to their logs. A hook, not a
    // test, so that it runs after the servers did, whatever order the tests ran in.
    const all = outputs.join('');
    expect(all).toMatch(/"msg":"request"/);
    expect(canariesIn(all)).toEqual([]);
  });

  it('keeps every acknowledged submission, and stores each submission once after the retries', async () => {
    const setup = await openDatabase(testDatabase.config);
    const { code } = await createDevice(setup.db, 'Crash test tablet', 1);
    await setup.close();

    let server = await start();
    const enrolment = await fetch(`${server.url}/api/v1/devices/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    const { token } = (await enrolment.json()) as { token: string };

    const outbox: Outgoing[] = Array.from({ length: SUBMISSIONS }, () => ({
      key: randomUUID(),
      body: JSON.stringify(canarySubmission()),
    }));

    // Stream with several requests in flight, and pull the plug once enough are acknowledged.
    let next = 0;
    let acknowledged = 0;
    let killing: Promise<void> | undefined;
    const worker = async () => {
      while (!killing && next < outbox.length) {
        const item = outbox[next++];
        if (!item) break;
        if ((await send(server, token, item)) === 201) acknowledged++;
        if (acknowledged >= KILL_AFTER_ACKNOWLEDGED) killing ??= server.kill();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await killing;
    outputs.push(server.output());
    const acknowledgedBeforeCrash = new Map(
      outbox.flatMap((item) => (item.receipt ? [[item.key, item.receipt] as const] : [])),
    );
    expect(acknowledgedBeforeCrash.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKNOWLEDGED);
    expect(acknowledgedBeforeCrash.size).toBeLessThan(SUBMISSIONS);

    // Restart on the same data; the device retries everything it has no receipt for.
    server = await start();
    for (let round = 0; round < 20 && outbox.some((item) => !item.receipt); round++) {
      const waiting = outbox.filter((item) => !item.receipt);
      let index = 0;
      const retry = async () => {
        for (let item = waiting[index++]; item; item = waiting[index++]) await send(server, token, item);
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, retry));
    }
    await server.stop();
    outputs.push(server.output());
    expect(outbox.filter((item) => !item.receipt)).toEqual([]);

    const check = await openDatabase(testDatabase.config);
    try {
      const rows = await check.db.selectFrom('submissions').select(['id', 'idempotency_key', 'draft_id']).execute();
      expect(rows.length).toBe(SUBMISSIONS);
      expect(new Set(rows.map((row) => row.draft_id)).size).toBe(SUBMISSIONS);
      const stored = new Map(rows.map((row) => [row.idempotency_key, row.id]));
      for (const [key, receipt] of acknowledgedBeforeCrash) expect(stored.get(key)).toBe(receipt.id);
      // A retry of a submission acknowledged before the crash gets the same receipt back.
      for (const item of outbox) expect(stored.get(item.key)).toBe(item.receipt?.id);
    } finally {
      await check.close();
    }
  });
});
