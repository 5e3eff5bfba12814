/**
 * Builds of the app into a folder of their own, and the static server as a child process that
 * can be killed outright (SIGKILL: no goodbye to the browser, as when a signal drops). Shared by
 * the offline and update tests (tests/e2e/support) and the bench.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VITE = `${PROJECT_ROOT}node_modules/.bin/vite`;
const STATIC_SERVER = fileURLToPath(new URL('./static-server.ts', import.meta.url));

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

export interface StaticServer {
  url: string;
  port: number;
  /** SIGKILL, then waits until the process is gone. */
  kill(): Promise<void>;
}

/** Serves `root` on 127.0.0.1 (`port` 0 picks a free one; pass the same port to keep the origin). */
export async function startStaticServer(root: string, port = 0): Promise<StaticServer> {
  // node itself, with tsx as a loader: the PID we hold is the server's, not a wrapper's.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', STATIC_SERVER, root, String(port)], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const listening = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`The static server exited (${code}):\n${errors}`)));
  });
  return {
    url: `http://127.0.0.1:${listening}`,
    port: listening,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}
