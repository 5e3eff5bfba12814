/**
 * Where the CPU goes per request, by process and thread: the bench's client, the server's main
 * thread, the server's other threads (SQLite's writer, libuv, V8) and PostgreSQL's processes on
 * this machine. On a two-core machine the client shares the cores with the server, so a rate
 * alone cannot say whether the server or the client is the cost; these figures can. Linux only
 * (read from /proc); elsewhere the figures say so.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Kernel clock ticks per second: 100 on every Linux this runs on (USER_HZ). */
const TICKS_PER_SECOND = 100;

interface Sample {
  clientMs: number;
  /** CPU ms of each server thread, by thread id. */
  serverThreadsMs: Map<string, number>;
  databaseMs: number;
}

/** CPU spent over `requests` requests, in µs. */
export interface CpuTotals {
  requests: number;
  clientUs: number;
  serverMainUs: number;
  serverOtherUs: number;
  databaseUs: number;
}

/** utime + stime of a /proc stat line, in ms (the process name may hold spaces and brackets). */
function cpuMsOf(statLine: string): number {
  const fields = statLine.slice(statLine.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1000;
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return ''; // The thread or process ended between listing and reading.
  }
}

function threadTimes(pid: number): Map<string, number> {
  const times = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readOrEmpty(`/proc/${pid}/task/${tid}/stat`);
    if (stat) times.set(tid, cpuMsOf(stat));
  }
  return times;
}

/** Every PostgreSQL process on this machine (a throwaway cluster, or a local BENCH_DATABASE_URL). */
function databaseTime(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    if (readOrEmpty(`/proc/${pid}/comm`).trim() !== 'postgres') continue;
    const stat = readOrEmpty(`/proc/${pid}/stat`);
    if (stat) total += cpuMsOf(stat);
  }
  return total;
}

export const canReadCpuTimes = (): boolean => readOrEmpty('/proc/self/stat') !== '';

function sample(serverPid: number): Sample {
  const { user, system } = process.cpuUsage();
  return { clientMs: (user + system) / 1000, serverThreadsMs: threadTimes(serverPid), databaseMs: databaseTime() };
}

/**
 * Runs `work` (which makes `requests` requests) and adds what it cost to `totals`. A database
 * process that started or ended during the work is counted for its part only as far as seen.
 */
export async function withCpuTime<T>(
  serverPid: number,
  requests: number,
  totals: CpuTotals,
  work: () => Promise<T>,
): Promise<T> {
  if (!canReadCpuTimes()) return work();
  const before = sample(serverPid);
  const result = await work();
  const after = sample(serverPid);
  const mainThread = String(serverPid);
  let main = 0;
  let other = 0;
  for (const [tid, ms] of after.serverThreadsMs) {
    const spent = ms - (before.serverThreadsMs.get(tid) ?? 0);
    if (tid === mainThread) main += spent;
    else other += spent;
  }
  totals.requests += requests;
  totals.clientUs += (after.clientMs - before.clientMs) * 1000;
  totals.serverMainUs += main * 1000;
  totals.serverOtherUs += other * 1000;
  totals.databaseUs += Math.max(0, after.databaseMs - before.databaseMs) * 1000;
  return result;
}

export const emptyCpuTotals = (): CpuTotals => ({
  requests: 0,
  clientUs: 0,
  serverMainUs: 0,
  serverOtherUs: 0,
  databaseUs: 0,
});

/** The whole cost per request ("240 µs") and its parts ("client 130, server main thread 60, …"). */
export function describeCpuPerRequest(totals: CpuTotals, withDatabase: boolean): { value: string; note: string } {
  if (!totals.requests) return { value: 'n/a', note: 'needs /proc (Linux)' };
  const per = (us: number) => Math.round(us / totals.requests);
  const parts = [
    `client ${per(totals.clientUs)}`,
    `server main thread ${per(totals.serverMainUs)}`,
    `other server threads ${per(totals.serverOtherUs)}`,
    ...(withDatabase ? [`PostgreSQL ${per(totals.databaseUs)}`] : []),
  ];
  const sum = totals.clientUs + totals.serverMainUs + totals.serverOtherUs + (withDatabase ? totals.databaseUs : 0);
  return { value: `${per(sum)} µs`, note: parts.join(', ') };
}
