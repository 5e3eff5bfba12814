/**
 * A throwaway PostgreSQL cluster for the server tests and the benchmark, started from Debian's
 * binaries (`apt-get install -y postgresql`) in a temporary folder on a free port, and deleted
 * afterwards. Durability settings stay at PostgreSQL's defaults (fsync and synchronous_commit on):
 * the figures and the crash test mean something only if commits really reach the disk.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { freePort } from './server-process.ts';
import os from 'node:os';
import path from 'node:path';

const DEBIAN_POSTGRES = '/usr/lib/postgresql';

export const INSTALL_HINT =
  'The server tests need PostgreSQL. Install it with `apt-get install -y postgresql` (Debian/Ubuntu), ' +
  'or set TEST_DATABASE_URL=postgres://user:password@host:5432/database (a user allowed to create databases).';

export class PostgresUnavailableError extends Error {
  override name = 'PostgresUnavailableError';
}

/** The newest installed version's bin folder, or undefined. */
export function findPostgresBin(searchRoot = DEBIAN_POSTGRES): string | undefined {
  if (!existsSync(searchRoot)) return undefined;
  const versions = readdirSync(searchRoot)
    .filter((name) => existsSync(path.join(searchRoot, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(searchRoot, versions[0], 'bin') : undefined;
}

export interface ThrowawayPostgres {
  url: string;
  stop(): void;
}

export async function startThrowawayPostgres(searchRoot = DEBIAN_POSTGRES): Promise<ThrowawayPostgres> {
  const bin = findPostgresBin(searchRoot);
  if (!bin) throw new PostgresUnavailableError(INSTALL_HINT);
  const root = mkdtempSync(path.join(os.tmpdir(), 'levels-of-need-pg-'));
  const dataDir = path.join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root: as root, run its tools as the postgres user Debian created.
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : path.join(bin, tool);
    const fullArgs = asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args;
    return execFileSync(command, fullArgs, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  };
  if (asRoot) {
    chmodSync(root, 0o755);
    execFileSync('chown', ['postgres:postgres', root]);
  }
  try {
    run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    const port = await freePort();
    const settings = [
      `-c port=${port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${root}`,
      '-c max_connections=200',
      '-c fsync=on',
      '-c synchronous_commit=on',
    ].join(' ');
    run('pg_ctl', ['-D', dataDir, '-l', path.join(root, 'server.log'), '-o', settings, '-w', '-t', '60', 'start']);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop() {
        try {
          run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    const detail = (error as { stderr?: string }).stderr ?? (error as Error).message;
    throw new PostgresUnavailableError(`Could not start a throwaway PostgreSQL cluster: ${detail.trim()}`);
  }
}
