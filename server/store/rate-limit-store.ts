/**
 * A store for @fastify/rate-limit that keeps its counters in PostgreSQL, so that every app server
 * behind a load balancer counts against the same limit (issue 14, point 8). One statement per
 * request, an atomic upsert: a fixed window per key that starts again once it has ended.
 */
import type { FastifyRateLimitStore } from '@fastify/rate-limit';
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

async function hit(db: Kysely<Tables>, key: string, windowMs: number): Promise<Hit> {
  const { rows } = await sql<{ count: number; ttl: number }>`
    insert into rate_limit_hits as hits (key, count, window_ends_at)
    values (${key}, 1, now() + ${windowMs} * interval '1 millisecond')
    on conflict (key) do update set
      count = case when hits.window_ends_at <= now() then 1 else hits.count + 1 end,
      window_ends_at = case when hits.window_ends_at <= now() then excluded.window_ends_at else hits.window_ends_at end
    returning count, greatest(0, ceil(extract(epoch from (window_ends_at - now())) * 1000))::integer as ttl
  `.execute(db);
  const row = rows[0];
  if (!row) throw new Error('the rate limit upsert returned no row');
  return { current: Number(row.count), ttl: Number(row.ttl) };
}

/** The store class @fastify/rate-limit instantiates (`store` option), bound to one database. */
export function postgresRateLimitStore(db: Kysely<Tables>) {
  let calls = 0;
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
      hit(db, `${this.#prefix}${key}`, timeWindow).then(
        (result) => callback(null, result),
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
