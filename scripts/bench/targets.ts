/**
 * What the server benches run against: a SQLite file, or a database on a PostgreSQL cluster
 * (BENCH_DATABASE_URL, or a throwaway cluster from Debian's binaries), each with the raw durable
 * insert rate of the same database and table for comparison; and timing helpers.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { SQLITE_FILE_NAME } from '../../server/config.ts';
import { exampleSubmission } from '../../server/openapi-example.ts';
import { openDatabase } from '../../server/store/database.ts';
import { createDevice } from '../../server/store/devices.ts';
import { openSqliteFile, SQLITE_DRIVER } from '../../server/store/sqlite-driver.ts';
import { findPostgresBin, startThrowawayPostgres } from '../harness/postgres-cluster.ts';
import { percentile, Skipped } from './measure.ts';

export const CONCURRENCY = 16;

export interface Run {
  perSecond: number;
  p95Ms: number;
  p99Ms: number;
}

export interface Timed {
  totalMs: number;
  latencies: number[];
}

/** Runs `count` jobs, `concurrency` at a time, timing each. */
export async function timeJobs(
  count: number,
  concurrency: number,
  job: (index: number) => Promise<void>,
): Promise<Timed> {
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

/** The rate over all rounds together, and the p95 and p99 of every job's time. */
export function summarise(runs: readonly Timed[]): Run {
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  const totalMs = runs.reduce((sum, run) => sum + run.totalMs, 0);
  return {
    perSecond: (latencies.length / totalMs) * 1000,
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
  };
}

export const submissionBody = () => JSON.stringify({ ...exampleSubmission, draftId: randomUUID() });
/** A row like the server's, for the raw rate: same table, same indexes, same payload size. */
function rawRow() {
  const payload = submissionBody();
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

export interface Target {
  name: string;
  env: Record<string, string>;
  database: Parameters<typeof openDatabase>[0];
  /** Durable single-row inserts, autocommit, `concurrency` at a time. */
  rawInsert(deviceId: string, count: number, concurrency: number): Promise<Timed>;
  dispose(): Promise<void>;
}

export function sqliteTarget(): Target {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'levels-of-need-bench-'));
  const file = path.join(dir, SQLITE_FILE_NAME);
  // A second file beside the server's, with the same schema and settings: a second connection
  // writing to the server's own file would empty the server's page cache after every insert.
  const rawFile = path.join(dir, 'raw.sqlite');
  return {
    name: `SQLite (WAL, synchronous=FULL, ${SQLITE_DRIVER})`,
    env: { DATA_DIR: dir },
    database: { kind: 'sqlite', file },
    async rawInsert(_deviceId, count) {
      const schema = await openDatabase({ kind: 'sqlite', file: rawFile });
      const { deviceId } = await createDevice(schema.db, 'Raw inserts', 1);
      await schema.close();
      const db = openSqliteFile(rawFile);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      const insert = db.prepare(
        `insert into submissions (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`,
      );
      // SQLite has one writer: concurrency changes nothing, so the raw rate is measured serially.
      const run = await timeJobs(
        count,
        1,
        async () => void insert.run(Object.values({ ...rawRow(), device_id: deviceId })),
      );
      db.close();
      return run;
    },
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresTarget(adminUrl: string): Promise<Target> {
  const name = `lon_bench_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name: 'PostgreSQL (synchronous_commit=on)',
    // One server, but PostgreSQL asks for a shared key (see requireInboxCsrfKey): any will do here.
    env: { DATABASE_URL: url.toString(), INBOX_CSRF_KEY: 'bench-only-key-that-signs-no-real-forms' },
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
    },
  };
}

/**
 * Runs `work` with a way to make PostgreSQL targets: on BENCH_DATABASE_URL (or TEST_DATABASE_URL)
 * if set, else on a throwaway cluster started once for all of them; a Skipped if there is neither.
 */
export async function withPostgres(work: (makeTarget: () => Promise<Target>) => Promise<void>): Promise<void> {
  const given = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (given) return work(() => postgresTarget(given));
  if (!findPostgresBin()) {
    throw new Skipped('no PostgreSQL here: install it (apt-get install -y postgresql) or set BENCH_DATABASE_URL');
  }
  const cluster = await startThrowawayPostgres();
  try {
    await work(() => postgresTarget(cluster.url));
  } finally {
    cluster.stop();
  }
}
