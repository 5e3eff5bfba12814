/**
 * Migration 0003a: on PostgreSQL, the rate limits' counters live in the database, so several app
 * servers behind a load balancer keep one limit between them (issue 14, point 8; see
 * rate-limit-store.ts). SQLite serves from one machine and keeps its counters in memory.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely';
import type { DialectName } from './migrations.ts';

export function rateLimitHits(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect !== 'postgres') return;
      await db.schema
        .createTable('rate_limit_hits')
        // The route and the client's address or device id: never personal data beyond that.
        .addColumn('key', 'text', (col) => col.primaryKey())
        .addColumn('count', 'integer', (col) => col.notNull())
        .addColumn('window_ends_at', 'timestamptz', (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex('rate_limit_hits_window_ends_at')
        .on('rate_limit_hits')
        .column('window_ends_at')
        .execute();
    },
  };
}
