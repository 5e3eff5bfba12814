/**
 * The intake server as `npm start` runs it (server/main.ts: CSP, cache headers, whatever
 * compression it has), serving a given build, with a throwaway SQLite database. The bench's
 * browser figures are taken against it, as a council would serve the app.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../harness/server-process.ts';
import { PROJECT_ROOT } from '../pwa/processes.ts';

export interface RealServer {
  url: string;
  stop(): Promise<void>;
}

export async function startRealServer(staticDir: string): Promise<RealServer> {
  const port = await freePort();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lon-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'server', 'main.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, STATIC_DIR: staticDir, LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
      if (errors.includes('is running at')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`The server exited (${code}): ${errors.slice(-1000)}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
