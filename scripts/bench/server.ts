/**
 * The intake server: durable ingest (submissions acknowledged per second, and p95 latency) at
 * concurrency 1 and 16 on SQLite and on PostgreSQL, each beside the raw durable insert rate of
 * the same database, table and disk in the same run; and how long 500 queued submissions take to
 * be acknowledged after reconnecting. The server runs as its own process, as in production; the
 * client shares the machine, so on a small machine both figures include the client's cost.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { SQLITE_FILE_NAME } from '../../server/config.ts';
import { exampleSubmission } from '../../server/openapi-example.ts';
import { openDatabase } from '../../server/store/database.ts';
import { createDevice } from '../../server/store/devices.ts';
import { findPostgresBin, startThrowawayPostgres, type ThrowawayPostgres } from '../harness/postgres-cluster.ts';
import { startServerProcess, type ServerProcess } from '../harness/server-process.ts';
import { fixed, percentile, printSection, runPart, Skipped, type Figure } from './measure.ts';

const SEQUENTIAL = 150;
const CONCURRENT = 700;
const CONCURRENCY = 16;
/** Raw and server runs alternate, so that a noisy neighbour on a shared machine hits both alike. */
const ROUNDS = 3;
const WARM_UP = 100;
const QUEUED = 500;
const OUTBOX_PARALLEL = 4;

interface Run {
  perSecond: number;
  p95Ms: number;
}

interface Timed {
  totalMs: number;
  latencies: number[];
}

/** Runs `count` jobs, `concurrency` at a time, timing each. */
async function timeJobs(count: number, concurrency: number, job: (index: number) => Promise<void>): Promise<Timed> {
  const latencies: number[] = [];
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < count; index = next++) {
        const before = process.hrtime.bigint();
        await job(index);
        latencies.push(Number(process.hrtime.bigint() - before) / 1e6);
      }
    }),
  );
  return { totalMs: Number(process.hrtime.bigint() - start) / 1e6, latencies };
}

/** The rate over all rounds together, and the p95 of every job's time. */
function summarise(runs: readonly Timed[]): Run {
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const totalMs = runs.reduce((sum, run) => sum + run.totalMs, 0);
  return { perSecond: (latencies.length / totalMs) * 1000, p95Ms: percentile(latencies, 95) };
}

const body = () => JSON.stringify({ ...exampleSubmission, draftId: randomUUID() });

/** A row like the server's, for the raw rate: same table, same indexes, same payload size. */
function rawRow() {
  const payload = body();
  return {
    id: randomUUID(),
    idempotency_key: randomUUID(),
    body_hash: 'f'.repeat(64),
    device_id: '',
    draft_id: randomUUID(),
    schema_version: 1,
    document_id: 'st-helens',
    document_version: '0.1.0',
    age_band: '0-4',
    agency: 'health-visitor',
    suggested_level: 3,
    engine_level: 3,
    engine_reasons: '["additional-needs-adding-up"]',
    immediate_risk: 0,
    practitioner_level: 3,
    override_rationale: null,
    started_at: exampleSubmission.startedAt,
    completed_at: exampleSubmission.completedAt,
    received_at: new Date().toISOString(),
    payload,
  };
}

const COLUMNS = Object.keys(rawRow());

interface Target {
  name: string;
  env: Record<string, string>;
  database: Parameters<typeof openDatabase>[0];
  /** Durable single-row inserts, autocommit, `concurrency` at a time. */
  rawInsert(deviceId: string, count: number, concurrency: number): Promise<Timed>;
  dispose(): Promise<void>;
}

function sqliteTarget(): Target {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'levels-of-need-bench-'));
  const file = path.join(dir, SQLITE_FILE_NAME);
  // A second file beside the server's, with the same schema and settings: a second connection
  // writing to the server's own file would empty the server's page cache after every insert.
  const rawFile = path.join(dir, 'raw.sqlite');
  return {
    name: 'SQLite (WAL, synchronous=FULL)',
    env: { DATA_DIR: dir },
    database: { kind: 'sqlite', file },
    async rawInsert(_deviceId, count) {
      const schema = await openDatabase({ kind: 'sqlite', file: rawFile });
      const { deviceId } = await createDevice(schema.db, 'Raw inserts', 1);
      await schema.close();
      const db = new Database(rawFile);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      const insert = db.prepare(
        `insert into submissions (${COLUMNS.join(', ')}) values (${COLUMNS.map((c) => `@${c}`).join(', ')})`,
      );
      // SQLite has one writer: concurrency changes nothing, so the raw rate is measured serially.
      const run = await timeJobs(count, 1, async () => void insert.run({ ...rawRow(), device_id: deviceId }));
      db.close();
      return run;
    },
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresTarget(adminUrl: string, cluster?: ThrowawayPostgres): Promise<Target> {
  const name = `lon_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name: 'PostgreSQL (synchronous_commit=on)',
    env: { DATABASE_URL: url.toString() },
    database: { kind: 'postgres', url: url.toString(), poolMax: CONCURRENCY },
    async rawInsert(deviceId, count, concurrency) {
      const pool = new pg.Pool({ connectionString: url.toString(), max: concurrency });
      const sql = `insert into submissions (${COLUMNS.join(', ')}) values (${COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;
      const run = await timeJobs(count, concurrency, async () => {
        await pool.query(sql, Object.values({ ...rawRow(), device_id: deviceId }));
      });
      await pool.end();
      return run;
    },
    async dispose() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      cluster?.stop();
    },
  };
}

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

    const send = async () => post(server, token, body());
    await timeJobs(WARM_UP, 4, send);
    const rounds = {
      rawOne: [] as Timed[],
      serverOne: [] as Timed[],
      rawMany: [] as Timed[],
      serverMany: [] as Timed[],
    };
    for (let round = 0; round < ROUNDS; round++) {
      rounds.rawOne.push(await target.rawInsert(deviceId, SEQUENTIAL, 1));
      rounds.serverOne.push(await timeJobs(SEQUENTIAL, 1, send));
      rounds.rawMany.push(await target.rawInsert(deviceId, CONCURRENT, CONCURRENCY));
      rounds.serverMany.push(await timeJobs(CONCURRENT, CONCURRENCY, send));
    }
    const [rawOne, serverOne, rawMany, serverMany] = [
      summarise(rounds.rawOne),
      summarise(rounds.serverOne),
      summarise(rounds.rawMany),
      summarise(rounds.serverMany),
    ];

    // The floor: an HTTP round trip to the same server that reads one row and writes nothing.
    const health = summarise([
      await timeJobs(
        SEQUENTIAL * ROUNDS,
        1,
        async () => void (await fetch(`${server.url}/api/v1/health`)).arrayBuffer(),
      ),
    ]);

    // A device back online with 500 referrals in its outbox.
    const drainOne = await timeJobs(QUEUED, 1, send);
    const drainFew = await timeJobs(QUEUED, OUTBOX_PARALLEL, send);

    const ratio = (served: Run, raw: Run) => `${fixed(served.perSecond / raw.perSecond, 2)} of raw`;
    const serial = target.database.kind === 'sqlite' ? ', one writer: measured serially' : '';
    return [
      {
        name: 'HTTP floor: GET /api/v1/health',
        value: rate(health),
        note: `p95 ${fixed(health.p95Ms, 2)} ms, concurrency 1, no write`,
      },
      { name: 'raw durable inserts, 1 at a time', value: rate(rawOne), note: `p95 ${fixed(rawOne.p95Ms, 2)} ms` },
      {
        name: 'server ingest, concurrency 1',
        value: rate(serverOne),
        note: `p95 ${fixed(serverOne.p95Ms, 2)} ms, ${ratio(serverOne, rawOne)}`,
      },
      {
        name: `raw durable inserts, ${CONCURRENCY} at a time`,
        value: rate(rawMany),
        note: `p95 ${fixed(rawMany.p95Ms, 2)} ms${serial}`,
      },
      {
        name: `server ingest, concurrency ${CONCURRENCY}`,
        value: rate(serverMany),
        note: `p95 ${fixed(serverMany.p95Ms, 2)} ms, ${ratio(serverMany, rawMany)}`,
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

async function postgresForBench(): Promise<Target> {
  const given = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (given) return postgresTarget(given);
  if (!findPostgresBin())
    throw new Skipped('no PostgreSQL here: install it (apt-get install -y postgresql) or set BENCH_DATABASE_URL');
  const cluster = await startThrowawayPostgres();
  return postgresTarget(cluster.url, cluster);
}

export async function benchServer(): Promise<void> {
  const payloadBytes = Buffer.byteLength(body());
  const parts = [
    ['Intake server on SQLite', async () => sqliteTarget()],
    ['Intake server on PostgreSQL', postgresForBench],
  ] as const;
  for (const [title, make] of parts) {
    await runPart(title, async () => {
      const target = await make();
      try {
        const figures = await benchTarget(target);
        figures.unshift({
          name: 'submission',
          value: `${(payloadBytes / 1024).toFixed(1)} KiB JSON`,
          note: `${os.tmpdir()}, server in its own process, client in this one`,
        });
        printSection(`Intake server on ${target.name}`, figures);
      } finally {
        await target.dispose();
      }
    });
  }
}
