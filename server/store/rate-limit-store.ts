/**
 * A store for @fastify/rate-limit that keeps its counters in PostgreSQL, so that every app server
 * behind a load balancer counts against the same limit (issue 14, point 8): a fixed window per key
 * that starts again once it has ended.
 *
 * The requests that arrive together are counted together (issue 13, goal 5: fewer round trips):
 * their hits go as one atomic upsert that adds each key's hits at once, and each request learns
 * its own place in the count, exactly as if they had gone one by one. Sixteen submissions from one
 * tablet cost one statement, not sixteen.
 */
import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import DataLoader from 'dataloader';
import { sql, type Kysely } from 'kysely';
import type { Tables } from './schema.ts';

/** Ended windows are deleted on about one request in this many. */
const PRUNE_EVERY = 500;

interface Hit {
  current: number;
  ttl: number;
}

type Callback = Parameters<FastifyRateLimitStore['incr']>[1];
type RouteOptions = Parameters<FastifyRateLimitStore['child']>[0];

/** One request's hit: the counter's key, and the window a new count opens (the same for every hit of a key). */
interface HitRequest {
  key: string;
  windowMs: number;
}

/** Adds each key's hits in one statement; the count after, and the ms left in its window, per key. */
async function addHits(db: Kysely<Tables>, byKey: ReadonlyMap<string, { hits: number; windowMs: number }>) {
  const keys = [...byKey.keys()];
  const hits = keys.map((key) => byKey.get(key)?.hits ?? 0);
  const windows = keys.map((key) => byKey.get(key)?.windowMs ?? 0);
  const { rows } = await sql<{ key: string; count: number; ttl: number }>`
    insert into rate_limit_hits as hits (key, count, window_ends_at)
    select key, added, now() + window_ms * interval '1 millisecond'
    from unnest(${keys}::text[], ${hits}::integer[], ${windows}::integer[]) as input(key, added, window_ms)
    on conflict (key) do update set
      count = case when hits.window_ends_at <= now() then excluded.count else hits.count + excluded.count end,
      window_ends_at = case when hits.window_ends_at <= now() then excluded.window_ends_at else hits.window_ends_at end
    returning key, count, greatest(0, ceil(extract(epoch from (window_ends_at - now())) * 1000))::integer as ttl
  `.execute(db);
  return new Map(rows.map((row) => [row.key, { count: Number(row.count), ttl: Number(row.ttl) }]));
}

/**
 * Counts the hits of one batch: a request's count is its key's count after the batch less the
 * hits that came after it, so each request sees a different count, in arrival order.
 */
async function countBatch(db: Kysely<Tables>, requests: readonly HitRequest[]): Promise<(Hit | Error)[]> {
  const byKey = new Map<string, { hits: number; windowMs: number }>();
  for (const { key, windowMs } of requests) {
    const entry = byKey.get(key);
    if (entry) entry.hits += 1;
    else byKey.set(key, { hits: 1, windowMs });
  }
  const counts = await addHits(db, byKey);
  const later = new Map([...byKey].map(([key, { hits }]) => [key, hits]));
  return requests.map(({ key }) => {
    const result = counts.get(key);
    const after = (later.get(key) ?? 1) - 1;
    later.set(key, after);
    return result
      ? { current: result.count - after, ttl: result.ttl }
      : new Error('the rate limit upsert returned no row');
  });
}

/** The store class @fastify/rate-limit instantiates (`store` option), bound to one database. */
export function postgresRateLimitStore(db: Kysely<Tables>) {
  let calls = 0;
  // Every request already read from the network joins the batch; no count is cached.
  const counter = new DataLoader<HitRequest, Hit>((requests) => countBatch(db, requests), {
    cache: false,
    batchScheduleFn: (send) => setImmediate(send),
  });
  return class PostgresRateLimitStore implements FastifyRateLimitStore {
    readonly #prefix: string;

    constructor(_globalOptions?: unknown, prefix = 'global:') {
      this.#prefix = prefix;
    }

    incr(key: string, callback: Callback, timeWindow: number) {
      calls += 1;
      if (calls % PRUNE_EVERY === 0) {
        void db
          .deleteFrom('rate_limit_hits')
          .where('window_ends_at', '<', sql<Date>`now()`)
          .execute()
          .catch(() => undefined);
      }
      counter.load({ key: `${this.#prefix}${key}`, windowMs: timeWindow }).then(
        (hit) => callback(null, hit),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    /** Each route with its own limit counts apart: the key starts with the route. */
    child(routeOptions: RouteOptions) {
      // At run time the plugin passes its merged options, with the route under routeInfo.
      const route = (routeOptions as unknown as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo ?? {};
      return new PostgresRateLimitStore(undefined, `${String(route.method)} ${String(route.url)}:`);
    }
  };
}
