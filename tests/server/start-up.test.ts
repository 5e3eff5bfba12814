import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeStaticDir, ROOT } from './support/harness.ts';
import { startServerProcess } from '../../scripts/harness/server-process.ts';
import { SPAWNING_TEST_TIMEOUT_MS, SPAWNS_PROCESSES } from '../loaded-machine.ts';

const run = promisify(execFile);
const NO_STACK_TRACE = /\n\s+at .+:\d+:\d+/;

async function startFails(env: Record<string, string>) {
  try {
    await run(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      // Kill a start that hangs before the test's own ceiling, so the failure shows its output.
      timeout: SPAWNING_TEST_TIMEOUT_MS / 2,
    });
    throw new Error('the server started');
  } catch (error) {
    return error as { code: number; stderr: string };
  }
}

describe('starting the server', SPAWNS_PROCESSES, () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'levels-of-need-start-'));
  const staticDir = fakeStaticDir();
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(staticDir, { recursive: true, force: true });
  });

  it('prints the URL it serves the app and the API on, and stops cleanly on SIGTERM', async () => {
    const server = await startServerProcess({ DATA_DIR: dataDir, STATIC_DIR: staticDir });
    try {
      const page = await fetch(`${server.url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    } finally {
      await server.stop();
    }
    expect(server.output()).toContain(`Levels of need is running at http://localhost:${new URL(server.url).port}`);
    expect(server.child.exitCode).toBe(0);
  });

  it('stops with one clear line, and no stack trace, when a setting is wrong or the app is not built', async () => {
    const [badPort, notBuilt] = await Promise.all([
      startFails({ PORT: 'eighty', DATA_DIR: dataDir }),
      startFails({ DATA_DIR: dataDir, STATIC_DIR: path.join(dataDir, 'no-dist') }),
    ]);
    expect(badPort).toMatchObject({ code: 1, stderr: expect.stringContaining('PORT: PORT must be a whole number') });
    expect(notBuilt).toMatchObject({ code: 1, stderr: expect.stringContaining('run `npm run build` first') });
    for (const failure of [badPort, notBuilt]) expect(failure.stderr).not.toMatch(NO_STACK_TRACE);
  });
});
