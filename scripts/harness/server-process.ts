/**
 * The real server as a child process (as `npm start` runs it, minus the build), for the crash
 * test, the browser tests and the benchmark (one harness, shared by tests and bench). Its output is captured for the canary scan.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  /** SIGKILL: no chance to finish anything, as in a power cut or the OOM killer. */
  kill(): Promise<void>;
  /** SIGTERM: the graceful stop a deployment sends. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;
const ROOT_DIR = fileURLToPath(new URL('../..', import.meta.url));
/** Written by server/main.ts once the server listens. */
const READY_LINE = 'Levels of need is running at ';

/**
 * Starts `server/main.ts` in one node process (tsx as a loader, not its CLI, which would put a
 * second process between us and the server and swallow SIGKILL), and waits until it listens.
 */
export async function startServerProcess(env: Record<string, string>, port?: number): Promise<ServerProcess> {
  const chosenPort = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HOST: '127.0.0.1',
      PORT: String(chosenPort),
      STATIC_DIR: 'none',
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Should a test fail before stopping it, the server still goes when this process does.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  // Kept as chunks and joined when asked for: under load the server writes a line per request,
  // and searching one ever-growing string on every chunk made the benchmark's own client the
  // busiest process on the machine.
  const chunks: string[] = [];
  const output = () => chunks.join('');
  const url = `http://127.0.0.1:${chosenPort}`;
  // Ready is an event: main.ts says so on stderr once it listens. Waiting for that line (or for
  // the process to exit) replaces polling the health check on a timer.
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output()}`)), READY_TIMEOUT_MS);
    let listening = false;
    const onOutput = (chunk: Buffer) => {
      chunks.push(chunk.toString('utf8'));
      if (!listening && output().includes(READY_LINE)) {
        listening = true;
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output()}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  try {
    await ready;
    const response = await fetch(`${url}/api/v1/health`);
    if (!response.ok) throw new Error(`the server started unhealthy (${response.status}):\n${output()}`);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return { url, child, output, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}
