import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../server/store/database.ts';
import type { Tables } from '../../server/store/schema.ts';
import { postgresRateLimitStore } from '../../server/store/rate-limit-store.ts';
import { createTestDatabase, type TestDatabase } from './support/harness.ts';

const MINUTE_MS = 60_000;

/** What the store answers to one request: its place in the key's count, and the ms left. */
type Hit = { current: number; ttl: number };

describe('the shared rate limit counters on PostgreSQL', () => {
  let testDatabase: TestDatabase;
  let database: OpenDatabase;
  let store: InstanceType<ReturnType<typeof postgresRateLimitStore>>;

  beforeAll(async () => {
    testDatabase = await createTestDatabase('postgres');
    database = await openDatabase(testDatabase.config);
    const Store = postgresRateLimitStore(database.counters);
    store = new Store(undefined, 'test:');
  });
  afterAll(async () => {
    await database.close();
    await testDatabase.drop();
  });

  const hit = (key: string, windowMs = MINUTE_MS) =>
    new Promise<Hit>((resolve, reject) =>
      store.incr(key, (error, result) => (error ? reject(error) : resolve(result as Hit)), windowMs),
    );

  it('gives requests that arrive together each their own place in the count, in arrival order', async () => {
    const [a1, b1, a2, a3, b2] = await Promise.all([
      hit('tablet-a'),
      hit('tablet-b'),
      hit('tablet-a'),
      hit('tablet-a'),
      hit('tablet-b'),
    ]);
    expect([a1, a2, a3].map((result) => result?.current)).toEqual([1, 2, 3]);
    expect([b1, b2].map((result) => result?.current)).toEqual([1, 2]);
    for (const result of [a1, a2, a3, b1, b2]) {
      expect(result?.ttl).toBeGreaterThan(0);
      expect(result?.ttl).toBeLessThanOrEqual(MINUTE_MS);
    }
    // The next request goes on from the whole batch's count.
    expect((await hit('tablet-a')).current).toBe(4);
  });

  it('counts sixty requests at once exactly, none twice and none lost', async () => {
    const results = await Promise.all(Array.from({ length: 60 }, () => hit('tablet-busy')));
    expect(results.map((result) => result.current).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 60 }, (_, index) => index + 1),
    );
  });

  it('starts the count again once the window has ended, for every request in the batch', async () => {
    await Promise.all([hit('tablet-c'), hit('tablet-c')]);
    await sql`update rate_limit_hits set window_ends_at = now() - interval '1 second' where key = 'test:tablet-c'`.execute(
      database.db,
    );
    const again = await Promise.all([hit('tablet-c'), hit('tablet-c'), hit('tablet-c')]);
    expect(again.map((result) => result.current)).toEqual([1, 2, 3]);
  });

  it('sends the hits that arrive together as one statement, whatever their keys', async () => {
    const statements: string[] = [];
    const url = testDatabase.config.kind === 'postgres' ? testDatabase.config.url : '';
    const counted = new Kysely<Tables>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 4 }) }),
      log: (event) => void statements.push(event.query.sql),
    });
    try {
      const Store = postgresRateLimitStore(counted);
      const watched = new Store(undefined, 'test:');
      const results = await Promise.all(
        Array.from(
          { length: 16 },
          (_, index) =>
            new Promise<Hit>((resolve, reject) =>
              watched.incr(
                `tablet-${index % 3}`,
                (error, result) => (error ? reject(error) : resolve(result as Hit)),
                MINUTE_MS,
              ),
            ),
        ),
      );
      expect(results.every((result) => result.current >= 1)).toBe(true);
      expect(statements).toHaveLength(1);
    } finally {
      await counted.destroy();
    }
  });

  it('tells every request in the batch when the database refuses the statement', async () => {
    const Store = postgresRateLimitStore(database.counters);
    const broken = new Store(undefined, 'test:');
    await sql`alter table rate_limit_hits rename to rate_limit_hits_away`.execute(database.db);
    try {
      const outcomes = await Promise.allSettled(
        ['tablet-d', 'tablet-e'].map(
          (key) =>
            new Promise((resolve, reject) =>
              broken.incr(key, (error, result) => (error ? reject(error) : resolve(result)), MINUTE_MS),
            ),
        ),
      );
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    } finally {
      await sql`alter table rate_limit_hits_away rename to rate_limit_hits`.execute(database.db);
    }
    expect((await hit('tablet-d')).current).toBe(1);
  });
});
