/**
 * Builds the intake server for a test on a fresh database of either kind (a temporary SQLite
 * file, or a new database on the test PostgreSQL), with its logs captured for the canary scan.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Writable } from 'node:stream';
import { inject } from 'vitest';
import { buildApp, type AppConfig } from '../../../server/app.ts';
import type { Config } from '../../../server/config.ts';
import { loadDocumentRegistry, type DocumentRegistry } from '../../../server/documents.ts';
import { createLogger } from '../../../server/http/logging.ts';
import { openDatabase, type OpenDatabase } from '../../../server/store/database.ts';
import { createDevice } from '../../../server/store/devices.ts';
import { ROOT_DIR } from './root.ts';

export const ROOT = ROOT_DIR;
export const DATABASE_KINDS = ['sqlite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

/** Every log line every app in this test file wrote; scanned for canaries at the end. */
export const capturedLogs: string[] = [];

const logSink = () =>
  new Writable({
    write(chunk: Buffer, _encoding, callback) {
      capturedLogs.push(chunk.toString('utf8'));
      callback();
    },
  });

let documents: Promise<DocumentRegistry> | undefined;
export const testDocuments = () => (documents ??= loadDocumentRegistry(path.join(ROOT, 'thresholds')));

export interface TestDatabase {
  config: Config['database'];
  /** For the crash test's child process. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A fresh, empty database: its own SQLite folder, or its own PostgreSQL database. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'levels-of-need-sqlite-'));
    return {
      config: { kind: 'sqlite', file: path.join(dir, 'levels-of-need.sqlite') },
      env: { DATA_DIR: dir },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = inject('postgresUrl');
  const name = `lon_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString(), poolMax: 10 },
    // A server on PostgreSQL asks for the key several app servers would share (see requireInboxCsrfKey).
    env: { DATABASE_URL: url.toString(), INBOX_CSRF_KEY: 'test-only-key-that-signs-no-real-forms' },
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** A stand-in for dist/: index.html, a service worker, a hashed asset and a manifest. */
export function fakeStaticDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'levels-of-need-dist-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Levels of need</title><div id="root"></div>');
  writeFileSync(path.join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(path.join(dir, 'assets', 'index-Abc123.js'), 'console.log("app");');
  writeFileSync(path.join(dir, 'manifest.webmanifest'), '{"name":"Levels of need"}');
  return dir;
}

export interface TestApp {
  app: FastifyInstance;
  /** SQLite only: add a key here to make the server see it as in flight. */
  keysInFlight: Set<string>;
  database: OpenDatabase;
  /** Creates a device and enrols it through the API; returns its token. */
  enrol(name?: string): Promise<{ deviceId: string; token: string }>;
  submit(token: string, body: unknown, key?: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startTestApp(testDatabase: TestDatabase, overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const database = await openDatabase(testDatabase.config);
  const config: AppConfig = {
    staticDir: null,
    rateLimitPerMinute: 100_000,
    enrolRateLimitPerMinute: 100_000,
    trustProxy: false,
    ...overrides,
  };
  const keysInFlight = new Set<string>();
  const app = await buildApp({
    config,
    database,
    keysInFlight,
    documents: await testDocuments(),
    logger: createLogger('info', logSink()),
  });
  return {
    app,
    database,
    keysInFlight,
    async enrol(name = 'Test tablet') {
      const { code } = await createDevice(database.db, name, 24);
      const response = await app.inject({ method: 'POST', url: '/api/v1/devices/enrol', payload: { code } });
      if (response.statusCode !== 201) throw new Error(`enrolment failed: ${response.statusCode} ${response.body}`);
      return response.json<{ deviceId: string; token: string }>();
    },
    submit(token, body, key = randomUUID(), headers = {}) {
      return app.inject({
        method: 'POST',
        url: '/api/v1/submissions',
        headers: {
          authorization: `Bearer ${token}`,
          'idempotency-key': key,
          'content-type': 'application/json',
          ...headers,
        },
        payload: typeof body === 'string' ? body : JSON.stringify(body),
      });
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export async function countSubmissions(database: OpenDatabase, key?: string): Promise<number> {
  let query = database.db.selectFrom('submissions').select((eb) => eb.fn.countAll<string | number>().as('n'));
  if (key) query = query.where('idempotency_key', '=', key);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}
