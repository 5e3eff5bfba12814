import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../server/admin-cli.ts';
import { openDatabase } from '../../server/store/database.ts';
import { canarySubmission } from './support/canaries.ts';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from './support/harness.ts';

async function admin(args: string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const code = await runAdmin(args, {
    env,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

describe('backing up and restoring the SQLite database', () => {
  let testDatabase: TestDatabase;
  let server: TestApp;
  const folder = mkdtempSync(path.join(os.tmpdir(), 'levels-of-need-backups-'));

  beforeAll(async () => {
    testDatabase = await createTestDatabase('sqlite');
    server = await startTestApp(testDatabase);
  });
  afterAll(async () => {
    await server.close();
    await testDatabase.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('takes a consistent copy while referrals arrive, and restores it with none lost up to the backup', async () => {
    const backupFile = path.join(folder, 'while-busy.sqlite');
    const { token } = await server.enrol();
    const stored: string[] = [];
    const send = async (count: number) => {
      for (let sent = 0; sent < count; sent += 1) {
        const response = await server.submit(token, canarySubmission());
        expect(response.statusCode).toBe(201);
        stored.push(response.json<{ id: string }>().id);
      }
    };
    await send(30);
    const beforeBackup = [...stored];
    // The backup and more referrals at the same time.
    const [backup] = await Promise.all([admin(['backup', backupFile], testDatabase.env), send(30)]);
    expect(backup).toMatchObject({ code: 0, stdout: expect.stringContaining('(checked)') });
    expect((statSync(backupFile).mode & 0o777).toString(8)).toBe('600');

    const restoredTo = await createTestDatabase('sqlite');
    try {
      expect(await admin(['restore', backupFile], restoredTo.env)).toMatchObject({ code: 0 });
      const restored = await openDatabase(restoredTo.config);
      try {
        const ids = (await restored.db.selectFrom('submissions').select('id').execute()).map((row) => row.id);
        expect(ids).toEqual(expect.arrayContaining(beforeBackup));
        expect(stored).toEqual(expect.arrayContaining(ids));
      } finally {
        await restored.close();
      }
    } finally {
      await restoredTo.drop();
    }
  });

  it('never overwrites a file with a backup, and refuses to restore a file that is not a backup', async () => {
    const backupFile = path.join(folder, 'taken-twice.sqlite');
    expect(await admin(['backup', backupFile], testDatabase.env)).toMatchObject({ code: 0 });
    const again = await admin(['backup', backupFile], testDatabase.env);
    expect(again).toMatchObject({
      code: 1,
      stderr: `${backupFile} already exists: name a new file. Nothing was written.\n`,
    });
    const notABackup = path.join(folder, 'notes.txt');
    writeFileSync(notABackup, 'shopping list');
    const refused = await admin(['restore', notABackup], testDatabase.env);
    expect(refused).toMatchObject({
      code: 1,
      stderr: `${notABackup} cannot be restored: it is not a SQLite database. Nothing was changed.\n`,
    });
    expect((await server.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
  });

  it('points to pg_dump when the database is PostgreSQL', async () => {
    const result = await admin(['backup', path.join(folder, 'pg.sqlite')], {
      DATABASE_URL: 'postgres://front@127.0.0.1:1/referrals',
    });
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining('use pg_dump and pg_restore') });
  });
});
