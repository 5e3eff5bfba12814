/**
 * The intake server's ingest: durable submissions acknowledged per second (and p95) at
 * concurrency 1 and 16 on SQLite and on PostgreSQL, beside the HTTP floor in the same run (GET
 * /api/v1/health at the same concurrency: issue 13's goal is ingest ≥ 0.5× that at 16) and the
 * raw durable insert rate of the same database and table; and how long 500 queued submissions
 * take to be acknowledged after reconnecting. The server runs as its own process, as in
 * production; the client shares the machine, so on a small machine every figure includes the
 * client's cost.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../../server/store/database.ts';
import { createDevice } from '../../server/store/devices.ts';
import { startServerProcess, type ServerProcess } from '../harness/server-process.ts';
import { describeCpuPerRequest, emptyCpuTotals, withCpuTime, type CpuTotals } from './cpu-time.ts';
import { benchInbox } from './inbox.ts';
import { fixed, goalMark, printSection, runPart, type Figure } from './measure.ts';
import {
  CONCURRENCY,
  sqliteTarget,
  submissionBody,
  summarise,
  timeJobs,
  withPostgres,
  type Run,
  type Target,
  type Timed,
} from './targets.ts';

const SEQUENTIAL = 150;
const CONCURRENT = 700;
/** Raw, server and floor runs alternate, so that a noisy neighbour on a shared machine hits all alike. */
const ROUNDS = 3;
const WARM_UP = 100;
const QUEUED = 500;
const OUTBOX_PARALLEL = 4;
const INGEST_GOAL = 0.5;

async function post(server: ServerProcess, token: string, payload: string, key = randomUUID()): Promise<void> {
  for (;;) {
    const response = await fetch(`${server.url}/api/v1/submissions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: payload,
    });
    await response.arrayBuffer();
    if (response.status === 201) return;
    if (response.status !== 409) throw new Error(`the server answered ${response.status}`);
  }
}

const rate = (run: Run) => `${Math.round(run.perSecond).toLocaleString('en-GB')}/s`;

async function benchTarget(target: Target): Promise<Figure[]> {
  const setup = await openDatabase(target.database);
  const { code } = await createDevice(setup.db, 'Benchmark', 1);
  await setup.close();
  // LOG_LEVEL stays at the production default (info): one log line per request is part of the cost.
  const server = await startServerProcess({ ...target.env, PG_POOL_MAX: String(CONCURRENCY) });
  try {
    const enrolment = await fetch(`${server.url}/api/v1/devices/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    const { token, deviceId } = (await enrolment.json()) as { token: string; deviceId: string };

    const send = async () => post(server, token, submissionBody());
    const health = async () => void (await fetch(`${server.url}/api/v1/health`)).arrayBuffer();
    await timeJobs(WARM_UP, 4, send);
    const rounds: Record<'rawOne' | 'serverOne' | 'floorOne' | 'rawMany' | 'serverMany' | 'floorMany', Timed[]> = {
      rawOne: [],
      serverOne: [],
      floorOne: [],
      rawMany: [],
      serverMany: [],
      floorMany: [],
    };
    const pid = server.child.pid ?? 0;
    const [healthCpu, ingestCpu] = [emptyCpuTotals(), emptyCpuTotals()];
    for (let round = 0; round < ROUNDS; round++) {
      rounds.rawOne.push(await target.rawInsert(deviceId, SEQUENTIAL, 1));
      rounds.serverOne.push(await timeJobs(SEQUENTIAL, 1, send));
      rounds.floorOne.push(await timeJobs(SEQUENTIAL, 1, health));
      rounds.rawMany.push(await target.rawInsert(deviceId, CONCURRENT, CONCURRENCY));
      rounds.serverMany.push(
        await withCpuTime(pid, CONCURRENT, ingestCpu, () => timeJobs(CONCURRENT, CONCURRENCY, send)),
      );
      rounds.floorMany.push(
        await withCpuTime(pid, CONCURRENT, healthCpu, () => timeJobs(CONCURRENT, CONCURRENCY, health)),
      );
    }
    const [rawOne, serverOne, floorOne, rawMany, serverMany, floorMany] = [
      rounds.rawOne,
      rounds.serverOne,
      rounds.floorOne,
      rounds.rawMany,
      rounds.serverMany,
      rounds.floorMany,
    ].map(summarise) as [Run, Run, Run, Run, Run, Run];

    // A device back online with 500 referrals in its outbox.
    const drainOne = await timeJobs(QUEUED, 1, send);
    const drainFew = await timeJobs(QUEUED, OUTBOX_PARALLEL, send);

    const ofFloor = serverMany.perSecond / floorMany.perSecond;
    const isPostgres = target.database.kind === 'postgres';
    const costRatio = (floor: CpuTotals, ingest: CpuTotals, withClient: boolean) => {
      const cost = (totals: CpuTotals) =>
        (totals.serverMainUs + totals.serverOtherUs + totals.databaseUs + (withClient ? totals.clientUs : 0)) /
        totals.requests;
      return floor.requests && ingest.requests ? fixed(cost(floor) / cost(ingest), 2) : 'n/a';
    };
    const serial = target.database.kind === 'sqlite' ? ', one writer: measured serially' : '';
    return [
      {
        name: 'HTTP floor: GET /api/v1/health, concurrency 1',
        value: rate(floorOne),
        note: `p95 ${fixed(floorOne.p95Ms, 2)} ms, reads one row, writes nothing`,
      },
      {
        name: `HTTP floor: GET /api/v1/health, concurrency ${CONCURRENCY}`,
        value: rate(floorMany),
        note: `p95 ${fixed(floorMany.p95Ms, 2)} ms`,
      },
      { name: 'raw durable inserts, 1 at a time', value: rate(rawOne), note: `p95 ${fixed(rawOne.p95Ms, 2)} ms` },
      {
        name: `raw durable inserts, ${CONCURRENCY} at a time`,
        value: rate(rawMany),
        note: `p95 ${fixed(rawMany.p95Ms, 2)} ms, one row per commit${serial}`,
      },
      {
        name: 'server ingest, concurrency 1',
        value: rate(serverOne),
        peer: `health ${rate(floorOne)}: ${fixed(serverOne.perSecond / floorOne.perSecond, 2)}×; raw ${fixed(serverOne.perSecond / rawOne.perSecond, 2)}×`,
        note: `p95 ${fixed(serverOne.p95Ms, 2)} ms`,
      },
      {
        name: `server ingest, concurrency ${CONCURRENCY}`,
        value: rate(serverMany),
        goal: goalMark(ofFloor >= INGEST_GOAL, `≥ ${INGEST_GOAL}× health at ${CONCURRENCY}`),
        peer: `health ${rate(floorMany)}: ${fixed(ofFloor, 2)}×; raw ${fixed(serverMany.perSecond / rawMany.perSecond, 2)}×`,
        note: `p95 ${fixed(serverMany.p95Ms, 2)} ms`,
      },
      { name: `CPU per health check at ${CONCURRENCY}`, ...describeCpuPerRequest(healthCpu, isPostgres) },
      {
        name: `CPU per submission at ${CONCURRENCY}`,
        ...describeCpuPerRequest(ingestCpu, isPostgres),
        // When the cores are the limit, the rates' ratio follows the costs' ratio: this says how
        // much of the gap is the server's and how much the client's, which a tablet does not share.
        peer: `health ÷ submission: ${costRatio(healthCpu, ingestCpu, true)}× with the client, ${costRatio(healthCpu, ingestCpu, false)}× for the server alone`,
      },
      {
        name: `${QUEUED} queued, sent one at a time`,
        value: `${fixed(drainOne.totalMs / 1000, 2)} s until all acknowledged`,
      },
      {
        name: `${QUEUED} queued, ${OUTBOX_PARALLEL} at a time`,
        value: `${fixed(drainFew.totalMs / 1000, 2)} s until all acknowledged`,
      },
    ];
  } finally {
    await server.stop();
  }
}

async function benchIngest(target: Target): Promise<void> {
  try {
    const figures = await benchTarget(target);
    figures.unshift({
      name: 'submission',
      value: `${(Buffer.byteLength(submissionBody()) / 1024).toFixed(1)} KiB JSON`,
      note: `${os.tmpdir()}, server in its own process, client in this one`,
    });
    printSection(`Intake server on ${target.name}`, figures);
  } finally {
    await target.dispose();
  }
}

type ServerPart = 'ingest' | 'inbox';
type DatabaseKind = 'sqlite' | 'postgres';

/**
 * Ingest, then the inbox at volume, on SQLite and then on PostgreSQL (skipped, saying why,
 * without it); or only the parts and databases named.
 */
export async function benchServer(
  parts: readonly ServerPart[] = ['ingest', 'inbox'],
  databases: readonly DatabaseKind[] = ['sqlite', 'postgres'],
): Promise<void> {
  if (databases.includes('sqlite')) {
    if (parts.includes('ingest')) await runPart('Intake server on SQLite', () => benchIngest(sqliteTarget()));
    if (parts.includes('inbox')) await runPart('Inbox at volume on SQLite', () => benchInbox(sqliteTarget()));
  }
  if (!databases.includes('postgres')) return;
  await runPart('Intake server and inbox on PostgreSQL', () =>
    withPostgres(async (makeTarget) => {
      if (parts.includes('ingest')) {
        await runPart('Intake server on PostgreSQL', async () => benchIngest(await makeTarget()));
      }
      if (parts.includes('inbox')) {
        await runPart('Inbox at volume on PostgreSQL', async () => benchInbox(await makeTarget()));
      }
    }),
  );
}

// Run on its own, `npx tsx scripts/bench/server.ts [ingest|inbox] [sqlite|postgres]` benches only
// what it names (everything when nothing is named), for measuring one change quickly.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const parts = args.filter((arg): arg is ServerPart => arg === 'ingest' || arg === 'inbox');
  const databases = args.filter((arg): arg is DatabaseKind => arg === 'sqlite' || arg === 'postgres');
  const unknown = args.filter((arg) => !['ingest', 'inbox', 'sqlite', 'postgres'].includes(arg));
  if (unknown.length) {
    process.stderr.write(`Name parts (ingest, inbox) and databases (sqlite, postgres), not: ${unknown.join(' ')}\n`);
    process.exit(2);
  }
  await benchServer(parts.length ? parts : undefined, databases.length ? databases : undefined);
}
