/**
 * Builds of the app into a folder of their own, and the real server as a child process serving one
 * of them, which can be killed outright (SIGKILL: no goodbye to the browser, as when a signal
 * drops). Shared by the offline, install and update tests (tests/e2e/support) and the bench.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServerProcess } from '../harness/server-process.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VITE = `${PROJECT_ROOT}node_modules/.bin/vite`;

async function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(command, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${output}`);
  return output;
}

/**
 * `vite build` into `outDir`. `label` becomes APP_BUILD, which changes the bundle (the app's
 * version string), so two labels give two versions of the app and of sw.js.
 */
export function buildApp(outDir: string, label: string): Promise<string> {
  return run(VITE, ['build', '--outDir', outDir, '--emptyOutDir'], { APP_BUILD: label });
}

/** A Vite project elsewhere (the bench's bare React page), built with its own config file. */
export function buildProject(configFile: string, outDir: string): Promise<string> {
  return run(VITE, ['build', '--config', configFile, '--outDir', outDir, '--emptyOutDir']);
}

export interface AppServer {
  url: string;
  port: number;
  /** SIGKILL, then waits until the process is gone. */
  kill(): Promise<void>;
}

/**
 * The real intake server (server/main.ts, compression, CSP and caching as deployed) serving the
 * build in `root` on 127.0.0.1, with a SQLite database of its own. `port` 0 picks a free one;
 * pass the same port to keep the origin, as a redeploy does. `dataDir` keeps the database across
 * a restart; by default each server gets a fresh one.
 */
export async function startAppServer(root: string, port = 0, dataDir?: string): Promise<AppServer> {
  const data = dataDir ?? (await mkdtemp(path.join(tmpdir(), 'levels-of-need-app-')));
  const server = await startServerProcess(
    { STATIC_DIR: root, DATA_DIR: data, LOG_LEVEL: 'warn' },
    port === 0 ? undefined : port,
  );
  return { url: server.url, port: Number(new URL(server.url).port), kill: server.kill };
}
