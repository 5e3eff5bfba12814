import { execFile } from 'node:child_process';
import { closeSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/store/database.ts';
import { openSqliteFile } from '../../server/store/sqlite-driver.ts';
import { canarySubmission } from './support/canaries.ts';
import {
  createTestDatabase,
  DATABASE_KINDS,
  ROOT,
  startTestApp,
  type TestApp,
  type TestDatabase,
} from './support/harness.ts';
import { SPAWNS_PROCESSES } from '../loaded-machine.ts';

const run = promisify(execFile);
const NO_STACK_TRACE = /\n\s+at .+:\d+:\d+/;

/** Overwrites whole pages in the middle of a closed SQLite file, as a failing disk might. */
function damagePages(file: string) {
  const pageSize = 4096;
  const pages = Math.floor(statSync(file).size / pageSize);
  const descriptor = openSync(file, 'r+');
  try {
    for (let page = Math.floor(pages / 3); page < Math.floor((2 * pages) / 3); page += 2) {
      writeSync(descriptor, Buffer.alloc(pageSize, 0xa5), 0, pageSize, page * pageSize);
    }
  } finally {
    closeSync(descriptor);
  }
}

describe('a busy SQLite database', () => {
  let testDatabase: TestDatabase;
  let server: TestApp;
  beforeAll(async () => {
    testDatabase = await createTestDatabase('sqlite');
    server = await startTestApp(testDatabase);
  });
  afterAll(async () => {
    await server.close();
    await testDatabase.drop();
  });

  it('answers 503 with Retry-After while another process holds the write lock, says "degraded", then accepts the retry', async () => {
    const { token } = await server.enrol();
    if (testDatabase.config.kind !== 'sqlite') throw new Error('SQLite only');
    const other = openSqliteFile(testDatabase.config.file);
    other.exec('begin immediate');
    const key = crypto.randomUUID();
    try {
      const refused = await server.submit(token, canarySubmission(), key);
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.json()).toMatchObject({ code: 'server-unavailable' });
      const health = await server.app.inject({ method: 'GET', url: '/api/v1/health' });
      expect({ status: health.statusCode, body: health.json() }).toEqual({ status: 200, body: { status: 'degraded' } });
    } finally {
      other.exec('rollback');
      other.close();
    }
    expect((await server.submit(token, canarySubmission(), key)).statusCode).toBe(201);
  });
});

describe('two servers on one SQLite file', () => {
  it('both accept referrals, and each lists what the other stored', async () => {
    const testDatabase = await createTestDatabase('sqlite');
    const [first, second] = [await startTestApp(testDatabase), await startTestApp(testDatabase)];
    try {
      const { token } = await first.enrol();
      const key = crypto.randomUUID();
      const retried = canarySubmission();
      const answers = await Promise.all([
        first.submit(token, canarySubmission()),
        second.submit(token, canarySubmission()),
        first.submit(token, retried, key),
      ]);
      expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201]);
      const replay = await second.submit(token, retried, key);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      for (const server of [first, second]) {
        expect(await server.database.db.selectFrom('submissions').select('id').execute()).toHaveLength(3);
      }
    } finally {
      await first.close();
      await second.close();
      await testDatabase.drop();
    }
  });
});

describe('a damaged SQLite file', SPAWNS_PROCESSES, () => {
  let testDatabase: TestDatabase;
  beforeAll(async () => {
    testDatabase = await createTestDatabase('sqlite');
  });
  afterAll(() => testDatabase.drop());

  it('stops the start with a message naming the file and how to restore it', async () => {
    const server = await startTestApp(testDatabase);
    const { token } = await server.enrol();
    for (let count = 0; count < 40; count += 1) {
      expect((await server.submit(token, canarySubmission())).statusCode).toBe(201);
    }
    await server.close();
    if (testDatabase.config.kind !== 'sqlite') throw new Error('SQLite only');
    const file = testDatabase.config.file;
    damagePages(file);
    // SQLite may notice the damage in quick_check or already while setting the file up (which
    // page it reads first depends on what the last checkpoint left): the message is the same.
    await expect(openDatabase(testDatabase.config)).rejects.toThrow(`The SQLite file ${file} is damaged (`);
    await expect(openDatabase(testDatabase.config)).rejects.toThrow(
      'npm run admin:production -- restore <backup-file>',
    );
  });

  it('says a file that is not a database is not one, naming DATA_DIR', async () => {
    const other = await createTestDatabase('sqlite');
    try {
      if (other.config.kind !== 'sqlite') throw new Error('SQLite only');
      writeFileSync(other.config.file, 'these are not the pages you are looking for '.repeat(200));
      const failure = await run(process.execPath, ['--import', 'tsx', 'server/admin.ts', 'list-devices'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', ...other.env },
      }).catch((error: unknown) => error as { code: number; stderr: string });
      expect(failure).toMatchObject({
        code: 1,
        stderr: `${other.config.file} is not a SQLite database. Check that DATA_DIR names the server's data folder; if it does, the file is damaged: Stop the server, move the file (and any -wal and -shm files beside it) aside, and restore the last backup with \`npm run admin:production -- restore <backup-file>\` (\`npm run admin -- restore <backup-file>\` in a development checkout; see "Backups" in the README).\n`,
      });
    } finally {
      await other.drop();
    }
  });
});

describe.each(DATABASE_KINDS)('servers starting together on an empty %s database', SPAWNS_PROCESSES, (kind) => {
  it('apply the migrations once, whichever starts first, in three trials', async () => {
    for (let trial = 1; trial <= 3; trial += 1) {
      const testDatabase = await createTestDatabase(kind);
      try {
        const start = () =>
          run(process.execPath, ['--import', 'tsx', 'server/admin.ts', 'list-devices'], {
            cwd: ROOT,
            env: { PATH: process.env.PATH ?? '', ...testDatabase.env },
          }).catch((error: unknown) => error as { code: number; stderr: string });
        const results = await Promise.all([start(), start()]);
        for (const result of results) {
          expect(result).toMatchObject({ stdout: '[]\n' });
          expect(result.stderr).not.toMatch(NO_STACK_TRACE);
        }
      } finally {
        await testDatabase.drop();
      }
    }
  });
});

describe.each(DATABASE_KINDS)('health on %s', (kind) => {
  let testDatabase: TestDatabase;
  let server: TestApp;
  // One server per test: the damaged-database test leaves its server refusing everything.
  beforeEach(async () => {
    testDatabase = await createTestDatabase(kind);
    server = await startTestApp(testDatabase);
  });
  afterEach(async () => {
    await server.close();
    await testDatabase.drop();
  });

  it('answers at once while another client holds a lock on the referrals', async () => {
    const holdLock = async () => {
      if (testDatabase.config.kind === 'sqlite') {
        const other = openSqliteFile(testDatabase.config.file);
        other.exec('begin immediate; delete from submissions;');
        return async () => {
          other.exec('rollback');
          other.close();
        };
      }
      const client = new pg.Client({ connectionString: testDatabase.config.url });
      await client.connect();
      await client.query('begin; lock table submissions in access exclusive mode');
      return async () => {
        await client.query('rollback');
        await client.end();
      };
    };
    const release = await holdLock();
    try {
      const health = await server.app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(health.statusCode).toBe(200);
    } finally {
      await release();
    }
  });

  it('answers 503 "unavailable" once a request met a damaged database, and takes no more referrals', async () => {
    const { token } = await server.enrol();
    const corrupt = Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
    server.database.monitor.note(corrupt);
    const health = await server.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect({ status: health.statusCode, body: health.json() }).toEqual({
      status: 503,
      body: { status: 'unavailable' },
    });
    const refused = await server.submit(token, canarySubmission());
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toMatchObject({ code: 'server-unavailable' });
  });
});
