/**
 * The consistency report's indicator counts come from a table of each referral's indicators
 * (migration 0006), kept from the payload by the database: these tests hold it to the payloads.
 */
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../server/admin/seed-demo.ts';
import { consistencyReport, type ReportInput } from '../../server/inbox/report.ts';
import { reportData } from '../../server/inbox/store/report-data.ts';
import type { Tables } from '../../server/store/schema.ts';
import { openSqliteFile } from '../../server/store/sqlite-driver.ts';
import { canarySubmission } from './support/canaries.ts';
import { earlierSubmissionRow, migrateUpTo } from './support/earlier-schema.ts';
import { createTestDatabase, DATABASE_KINDS, testDocuments, type TestDatabase } from './support/harness.ts';
import { startInboxApp, type InboxTestApp } from './support/inbox.ts';

type Db = Kysely<Tables>;

/** Every referral's stored indicators, as `submission id → sorted ids`. */
async function storedIndicators(db: Db): Promise<Map<string, string[]>> {
  const rows = await db.selectFrom('submission_indicators').select(['submission_id', 'indicator_id']).execute();
  const bySubmission = new Map<string, string[]>();
  for (const row of rows)
    bySubmission.set(row.submission_id, [...(bySubmission.get(row.submission_id) ?? []), row.indicator_id]);
  for (const ids of bySubmission.values()) ids.sort();
  return bySubmission;
}

/** What each referral's payload says, in the same shape. */
async function payloadIndicators(db: Db): Promise<Map<string, string[]>> {
  const rows = await db.selectFrom('submissions').select(['id', 'payload']).execute();
  return new Map(
    rows.flatMap((row) => {
      const { indicators = [] } = JSON.parse(row.payload) as { indicators?: string[] };
      return indicators.length ? [[row.id, [...new Set(indicators)].sort()]] : [];
    }),
  );
}

function kyselyFor(testDatabase: TestDatabase): Db {
  const { config } = testDatabase;
  return new Kysely<Tables>({
    dialect:
      config.kind === 'sqlite'
        ? new SqliteDialect({ database: openSqliteFile(config.file) })
        : new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url, max: 2 }) }),
  });
}

describe.each(DATABASE_KINDS)('migration 0006 on %s', (kind) => {
  it('back-fills the indicators of referrals stored before it, each once, and keeps them with later ones', async () => {
    const testDatabase = await createTestDatabase(kind);
    const db = kyselyFor(testDatabase);
    try {
      const migrations = await migrateUpTo(db as Kysely<unknown>, kind, '0006');
      const row = { ...earlierSubmissionRow(), suggested_level: 2, engine_level: 2, practitioner_level: 3 };
      const payloads = {
        s1: { indicators: ['basic-care-inconsistent', 'health-missed-checks-immunisations'] },
        s2: { indicators: ['basic-care-inconsistent', 'basic-care-inconsistent'] },
        s3: { indicators: [] },
        s4: {},
      };
      for (const [id, payload] of Object.entries(payloads)) {
        await db
          .insertInto('submissions')
          .values({ ...row, id, idempotency_key: id, reference: id, payload: JSON.stringify(payload) })
          .execute();
      }

      await migrations.migrateToLatest();
      expect(await storedIndicators(db)).toEqual(
        new Map([
          ['s1', ['basic-care-inconsistent', 'health-missed-checks-immunisations']],
          ['s2', ['basic-care-inconsistent']],
        ]),
      );
      const copied = await db
        .selectFrom('submission_indicators')
        .select(['practitioner_level', 'engine_level', 'received_at'])
        .where('submission_id', '=', 's1')
        .executeTakeFirstOrThrow();
      expect({ ...copied, received_at: new Date(copied.received_at).toISOString() }).toEqual({
        practitioner_level: 3,
        engine_level: 2,
        received_at: '2026-01-01T00:00:00.000Z',
      });

      // After the migration, the database keeps the table by itself: on insert, and on delete.
      await db
        .insertInto('submissions')
        .values({
          ...row,
          id: 's5',
          idempotency_key: 's5',
          reference: 's5',
          payload: JSON.stringify({ indicators: ['family-functioning-parental-conflict'] }),
        })
        .execute();
      await db.deleteFrom('submissions').where('id', '=', 's1').execute();
      expect(await storedIndicators(db)).toEqual(
        new Map([
          ['s2', ['basic-care-inconsistent']],
          ['s5', ['family-functioning-parental-conflict']],
        ]),
      );
    } finally {
      await db.destroy();
      await testDatabase.drop();
    }
  });
});

describe.each(DATABASE_KINDS)('each referral’s indicators on %s', (kind) => {
  let testDatabase: TestDatabase;
  let server: InboxTestApp;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(kind);
    server = await startInboxApp(testDatabase);
  });
  afterAll(async () => {
    await server.close();
    await testDatabase.drop();
  });

  it('stores a referral’s indicators once however often it is sent, alone or together with others', async () => {
    const { token } = await server.enrol();
    const [a = '', b = '', c = ''] = canarySubmission().indicators;
    const choices = [[a], [a, b], [a, b, c], [b, c], [c], []];
    const referrals = choices.map((indicators) => ({
      key: crypto.randomUUID(),
      body: canarySubmission({ indicators }),
    }));
    // Sent together (one group commit on SQLite), then every one replayed: the same receipts.
    const first = await Promise.all(referrals.map(({ key, body }) => server.submit(token, body, key)));
    expect(first.map((response) => response.statusCode)).toEqual(referrals.map(() => 201));
    const replays = await Promise.all(referrals.map(({ key, body }) => server.submit(token, body, key)));
    expect(replays.map((response) => response.body)).toEqual(first.map((response) => response.body));

    const stored = await storedIndicators(server.database.db);
    expect([...stored.values()].sort()).toEqual(
      choices
        .filter((ids) => ids.length)
        .map((ids) => ids.sort())
        .sort(),
    );
    expect(stored).toEqual(await payloadIndicators(server.database.db));
  });

  it('reports the indicators of disagreeing decisions as the payloads count them, for all time and for a range', async () => {
    const documents = await testDocuments();
    await seedDemo(server.database.db, { count: 400, allowReal: true, documents });
    const db = server.database.db;
    const rows = await db
      .selectFrom('submissions as s')
      .leftJoin('triage_states as t', 't.submission_id', 's.id')
      .select(['s.agency', 's.practitioner_level', 's.engine_level', 's.received_at', 's.payload', 't.decided_level'])
      .execute();
    // The levels seen in the rows are reported whether or not they are listed here.
    const levels: number[] = [];
    const expected = (from: number, to: number) => {
      const inputs: ReportInput[] = rows
        .filter((row) => {
          const at = new Date(row.received_at).getTime();
          return at >= from && at < to;
        })
        .map((row) => ({
          agency: row.agency,
          referrerLevel: row.practitioner_level,
          engineLevel: row.engine_level,
          decidedLevel: row.decided_level ?? null,
          indicators: (JSON.parse(row.payload) as { indicators: string[] }).indicators,
        }));
      return consistencyReport(inputs, levels);
    };

    const all = await reportData(db, {});
    const report = consistencyReport(all.inputs, levels, all.indicators);
    expect(report).toEqual(expected(-Infinity, Infinity));
    // The test means something: some referrals disagree and their indicators are counted.
    expect(report.indicators.length).toBeGreaterThan(0);
    expect(report.disagreeing).toBeGreaterThan(0);

    const from = new Date(Date.now() - 120 * 24 * 60 * 60 * 1000);
    const to = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000);
    const range = await reportData(db, { from: from.toISOString(), to: to.toISOString() });
    expect(consistencyReport(range.inputs, levels, range.indicators)).toEqual(expected(from.getTime(), to.getTime()));
  });
});
