/**
 * The front door's inbox at a large authority's volume (issue 13, goal 4): 100,000 fictional
 * referrals (BENCH_INBOX_COUNT to change it) seeded as `admin seed-demo` does, then, through the
 * real server in its own process and signed in as staff: the list's first and a deep page, each
 * filter, one referral and the report (p95, goal ≤ 300 ms), the CSV export's first byte (goal ≤
 * 500 ms) and the health check's p99 while the export runs (goal ≤ 100 ms). Each time is printed
 * beside the health check's p95 in the same run: the floor any page stands on.
 */
import { randomBytes } from 'node:crypto';
import { get, type IncomingMessage } from 'node:http';
import { seedDemo } from '../../server/admin/seed-demo.ts';
import { loadDocumentRegistry } from '../../server/documents.ts';
import { PAGE_SIZE } from '../../server/inbox/model.ts';
import { createUser } from '../../server/inbox/store/staff.ts';
import { openDatabase } from '../../server/store/database.ts';
import { startServerProcess, type ServerProcess } from '../harness/server-process.ts';
import { fixed, goalMark, percentile, printSection, type Figure } from './measure.ts';
import type { Target } from './targets.ts';

const DEFAULT_COUNT = 100_000;
const SAMPLES = 20;
const PAGE_GOAL_MS = 300;
const FIRST_BYTE_GOAL_MS = 500;
const HEALTH_DURING_EXPORT_GOAL_MS = 100;

const elapsedMs = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** A signed-in member of staff: keeps the cookies the inbox sets, as a browser would. */
class Staff {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly server: ServerProcess) {}

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`${this.server.url}${url}`, {
      ...init,
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        'sec-fetch-site': 'same-origin',
        ...(init.headers as Record<string, string> | undefined),
      },
    });
    this.remember(response);
    return response;
  }

  /**
   * A download's raw bytes as they arrive, still compressed: fetch would decode the brotli here,
   * in the process that also times the health checks, and count the client's work as the server's.
   */
  download(url: string, headers: Record<string, string>): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      get(
        `${this.server.url}${url}`,
        {
          headers: {
            cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
            'sec-fetch-site': 'same-origin',
            ...headers,
          },
        },
        resolve,
      ).on('error', reject);
    });
  }

  /** Posts the sign-in form back with every hidden field it carries (its CSRF token, whatever it is called). */
  async signIn(username: string, password: string) {
    const page = await (await this.fetch('/inbox/sign-in')).text();
    const form = new URLSearchParams({ username, password });
    for (const input of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
      form.set(input[1] ?? '', input[2] ?? '');
    }
    const response = await this.fetch('/inbox/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: this.server.url },
      body: form.toString(),
    });
    await response.arrayBuffer();
    if (response.status !== 303) throw new Error(`signing in to the inbox answered ${response.status}`);
  }
}

async function p95Of(work: () => Promise<void>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const start = process.hrtime.bigint();
    await work();
    times.push(elapsedMs(start));
  }
  return percentile(
    times.sort((a, b) => a - b),
    95,
  );
}

/** Seeds the database and creates a member of staff; returns a referral's id and the seeding time. */
async function prepare(target: Target, count: number) {
  const database = await openDatabase(target.database);
  try {
    const documents = await loadDocumentRegistry('thresholds');
    // A target whose database already holds the demo referrals is measured as it is (seeding takes minutes).
    const demo = await database.db
      .selectFrom('submissions')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('demo', '=', 1)
      .executeTakeFirstOrThrow();
    const start = process.hrtime.bigint();
    if (Number(demo.n) < count)
      await seedDemo(database.db, { count: count - Number(demo.n), allowReal: false, documents });
    const seededMs = Number(demo.n) < count ? elapsedMs(start) : Number.NaN;
    const password = randomBytes(18).toString('base64url');
    const username = `bench-reader-${randomBytes(4).toString('hex')}`;
    await createUser(database.db, { username, role: 'admin', password }, undefined);
    const { id, agency } = await database.db
      .selectFrom('submissions')
      .select(['id', 'agency'])
      .orderBy('received_at')
      .limit(1)
      .executeTakeFirstOrThrow();
    return { username, password, referralId: id, agency, seededMs };
  } finally {
    await database.close();
  }
}

export async function benchInbox(target: Target): Promise<void> {
  const count = Number(process.env.BENCH_INBOX_COUNT ?? DEFAULT_COUNT);
  try {
    const { username, password, referralId, agency, seededMs } = await prepare(target, count);
    const server = await startServerProcess(target.env);
    try {
      const staff = new Staff(server);
      await staff.signIn(username, password);
      const page = async (url: string) => {
        const response = await staff.fetch(url);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
      };
      const health = async () => void (await fetch(`${server.url}/api/v1/health`)).arrayBuffer();
      const floor = await p95Of(health);
      const deepPage = Math.min(600, Math.ceil(count / PAGE_SIZE));
      const pages: [string, string][] = [
        ['list, first page', '/inbox'],
        [`list, page ${deepPage}`, `/inbox?page=${deepPage}`],
        ['filter: status new', '/inbox?status=new'],
        ['filter: status in triage', '/inbox?status=in-triage'],
        ['filter: status decided', '/inbox?status=decided'],
        ['filter: level 3', '/inbox?level=3'],
        // An agency the referrals come from (the descriptions of need list the partnership's own).
        [`filter: agency (${agency})`, `/inbox?agency=${encodeURIComponent(agency)}`],
        ['filter: received in one month', `/inbox?from=${monthAgo(2)}&to=${monthAgo(1)}`],
        ['a referral', `/inbox/submissions/${referralId}`],
        ['consistency report, all time', '/inbox/report'],
      ];
      const figures: Figure[] = [
        {
          name: 'referrals',
          value: count.toLocaleString('en-GB'),
          note: Number.isNaN(seededMs)
            ? 'seeded before this run'
            : `seeded in ${fixed(seededMs / 1000, 1)} s (admin seed-demo's code)`,
        },
        { name: 'floor: GET /api/v1/health p95', value: `${fixed(floor, 1)} ms` },
      ];
      for (const [name, url] of pages) {
        const p95 = await p95Of(() => page(url));
        figures.push({
          name: `${name} p95`,
          value: `${fixed(p95, 0)} ms`,
          goal: goalMark(p95 <= PAGE_GOAL_MS, `≤ ${PAGE_GOAL_MS} ms`),
          peer: `health ${fixed(p95 / floor, 0)}×`,
        });
      }
      figures.push(...(await exportFigures(staff, health, floor)));
      printSection(`Inbox at volume on ${target.name}`, figures);
    } finally {
      await server.stop();
    }
  } finally {
    await target.dispose();
  }
}

function monthAgo(months: number): string {
  const date = new Date();
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString().slice(0, 10);
}

/** The whole export, timed to its first byte and its end, while health checks run one after another. */
async function exportFigures(staff: Staff, health: () => Promise<void>, floor: number): Promise<Figure[]> {
  let exporting = true;
  const during: number[] = [];
  const checks = (async () => {
    while (exporting) {
      const start = process.hrtime.bigint();
      await health();
      during.push(elapsedMs(start));
    }
  })();
  const start = process.hrtime.bigint();
  const response = await staff.download('/inbox/export/submissions.csv', { 'accept-encoding': 'br' });
  if (response.statusCode !== 200) throw new Error(`the export answered ${response.statusCode}`);
  let firstByteMs = Number.NaN;
  let bytes = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    if (Number.isNaN(firstByteMs)) firstByteMs = elapsedMs(start);
    bytes += chunk.length;
  }
  const totalMs = elapsedMs(start);
  exporting = false;
  await checks;
  const sorted = during.sort((a, b) => a - b);
  const p99 = percentile(sorted, 99);
  return [
    {
      name: 'CSV export, first byte',
      value: `${fixed(firstByteMs, 0)} ms`,
      goal: goalMark(firstByteMs <= FIRST_BYTE_GOAL_MS, `≤ ${FIRST_BYTE_GOAL_MS} ms`),
      peer: `health ${fixed(firstByteMs / floor, 0)}×`,
      note: `whole export ${fixed(totalMs / 1000, 1)} s, ${(bytes / 1024 / 1024).toFixed(1)} MiB sent (${response.headers['content-encoding'] ?? 'not compressed'})`,
    },
    {
      name: 'health p99 during the export',
      value: `${fixed(p99, 1)} ms`,
      goal: goalMark(p99 <= HEALTH_DURING_EXPORT_GOAL_MS, `≤ ${HEALTH_DURING_EXPORT_GOAL_MS} ms`),
      peer: `health p95 alone ${fixed(floor, 1)} ms`,
      note: `${sorted.length} checks, slowest ${fixed(sorted.at(-1) ?? Number.NaN, 1)} ms`,
    },
  ];
}
