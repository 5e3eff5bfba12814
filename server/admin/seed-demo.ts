/**
 * `npm run admin -- seed-demo --count N`: fills a database with fictional referrals, to try the
 * inbox and measure it at a large authority's volume (issue 13). Every one is marked `demo = 1`
 * in the database, comes from a revoked device named "Demo data", names a child "Demo …
 * Fictional", and its decisions are by a disabled user "demo-data" who cannot sign in. A database
 * that already holds real referrals is refused unless `--allow-real` is given: demo data mixed
 * into live work would be reported, exported and triaged as if it were real.
 *
 * Rows are generated from a seeded random sequence (the same N gives the same referrals), levels
 * are computed by the real engine on the real descriptions of need, and they are written with
 * multi-row inserts, a few thousand to a transaction, so 100,000 take seconds, not minutes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { PostgresAdapter, sql, type Insertable, type Kysely } from 'kysely';
import type { ThresholdsDocument } from '../../src/domain/thresholds/schema.ts';
import type { Submission } from '../../src/domain/sync/submission-schema.ts';
import { loadDocumentRegistry, type DocumentRegistry } from '../documents.ts';
import { OUTCOMES } from '../inbox/model.ts';
import { hashPassword } from '../inbox/passwords.ts';
import { exampleSubmission } from '../openapi-example.ts';
import { buildRecord, canonicalJson } from '../routes/submissions.ts';
import type { DecisionsTable, SubmissionsTable, Tables, TriageStatesTable } from '../store/schema.ts';
import { sha256 } from '../tokens.ts';
import { CommandFailed, stringOption, UsageError, withDatabase, type AdminCommand } from './command.ts';

export const DEMO_DEVICE_NAME = 'Demo data (fictional referrals from admin seed-demo)';
export const DEMO_USERNAME = 'demo-data';
export const MAX_DEMO_COUNT = 1_000_000;

/** Rows per INSERT: 23 columns × 400 stays under SQLite's and PostgreSQL's limits on bound values. */
const ROWS_PER_INSERT = 400;
const ROWS_PER_TRANSACTION = 4000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Referrals are spread over the last year. */
const SPREAD_DAYS = 365;

export class RealReferralsError extends Error {
  override name = 'RealReferralsError';
}

export interface SeedOptions {
  count: number;
  /** Add demo referrals even though real ones are there. */
  allowReal: boolean;
  documents: DocumentRegistry;
  now?: Date;
  /** Called after each transaction with how many are written so far. */
  progress?: (written: number) => void;
}

export interface SeedResult {
  created: number;
  decided: number;
  inTriage: number;
}

/** A small seeded generator (mulberry32): the same count always gives the same referrals. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, pick };
}

function indicatorsByAgeBand(document: ThresholdsDocument): Map<string, string[]> {
  const byBand = new Map<string, string[]>(document.ageBands.map((band) => [band.id, []]));
  for (const domain of document.domains) {
    for (const indicator of domain.indicators) {
      for (const band of indicator.ageBands ?? document.ageBands.map((b) => b.id)) byBand.get(band)?.push(indicator.id);
    }
  }
  return byBand;
}

async function countReal(db: Kysely<Tables>): Promise<number> {
  const row = await db
    .selectFrom('submissions')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('demo', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The demo device and user, made once and reused by later runs. */
async function demoActors(db: Kysely<Tables>, now: string) {
  let device = await db.selectFrom('devices').select('id').where('name', '=', DEMO_DEVICE_NAME).executeTakeFirst();
  if (!device) {
    device = { id: randomUUID() };
    // Revoked from the start: no token, so nothing can ever send as it.
    await db
      .insertInto('devices')
      .values({ id: device.id, name: DEMO_DEVICE_NAME, created_at: now, revoked_at: now, token_hash: null })
      .execute();
  }
  let user = await db.selectFrom('users').select('id').where('username', '=', DEMO_USERNAME).executeTakeFirst();
  if (!user) {
    user = { id: randomUUID() };
    // Disabled, with a password no one knows: the name on demo decisions, never a way in.
    const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
    await db
      .insertInto('users')
      .values({
        id: user.id,
        username: DEMO_USERNAME,
        role: 'triage',
        password_hash: passwordHash,
        created_at: now,
        password_changed_at: now,
        disabled_at: now,
      })
      .execute();
  }
  return { deviceId: device.id, userId: user.id };
}

export async function seedDemo(db: Kysely<Tables>, options: SeedOptions): Promise<SeedResult> {
  const now = options.now ?? new Date();
  const real = await countReal(db);
  if (real > 0 && !options.allowReal) {
    throw new RealReferralsError(
      `This database holds ${real} real ${real === 1 ? 'referral' : 'referrals'}: demo referrals would be triaged, ` +
        'reported and exported beside them. Seed an empty database instead (another DATA_DIR or DATABASE_URL), ' +
        'or add --allow-real if you really mean to mix them. Nothing was added.',
    );
  }
  const [listed] = options.documents.list();
  const document = listed && options.documents.get(listed.id, listed.version);
  if (!document) throw new Error('there are no descriptions of need to make demo referrals from');
  const bands = indicatorsByAgeBand(document);
  const ageBands = document.ageBands.map((band) => band.id);
  // The partnership's own agencies (a document from before agencies were data lists none).
  const agencyIds = document.agencies.length ? document.agencies.map((agency) => agency.id) : ['school'];
  const levels = document.levels.map((level) => level.level);
  const { deviceId, userId } = await demoActors(db, now.toISOString());
  const random = seeded(options.count);
  const result: SeedResult = { created: 0, decided: 0, inTriage: 0 };

  while (result.created < options.count) {
    const size = Math.min(ROWS_PER_TRANSACTION, options.count - result.created);
    const submissions: Insertable<SubmissionsTable>[] = [];
    const states: Insertable<TriageStatesTable>[] = [];
    const decisions: Insertable<DecisionsTable>[] = [];
    for (let i = 0; i < size; i++) {
      const n = result.created + i + 1;
      const ageBand = random.pick(ageBands);
      const choices = bands.get(ageBand) ?? [];
      const indicators = [
        ...new Set(Array.from({ length: Math.floor(random.next() * 5) }, () => random.pick(choices))),
      ];
      const receivedAt = new Date(now.getTime() - random.next() * SPREAD_DAYS * DAY_MS);
      const draft: Submission = {
        ...exampleSubmission,
        draftId: randomUUID(),
        documentId: document.id,
        documentVersion: document.version,
        referrer: { ...exampleSubmission.referrer, agency: random.pick(agencyIds) },
        concern: { ...exampleSubmission.concern, ageBand },
        child: { ...exampleSubmission.child, firstName: `Demo ${n}`, lastName: 'Fictional' },
        indicators,
        startedAt: new Date(receivedAt.getTime() - 40 * 60_000).toISOString(),
        completedAt: new Date(receivedAt.getTime() - 5 * 60_000).toISOString(),
      };
      const record = buildRecord(draft, options.documents, deviceId);
      // Most referrers agree with the engine; some arrive a level higher or lower.
      const practitionerLevel = random.next() < 0.75 ? record.engine_level : random.pick(levels);
      const submission = { ...draft, suggestedLevel: record.engine_level, practitionerLevel };
      const id = randomUUID();
      submissions.push({
        ...record,
        suggested_level: record.engine_level,
        practitioner_level: practitionerLevel,
        payload: JSON.stringify(submission),
        id,
        idempotency_key: randomUUID(),
        body_hash: sha256(canonicalJson(submission)),
        received_at: receivedAt.toISOString(),
        demo: 1,
      });
      const state = random.next();
      if (state < 0.3) {
        const decidedLevel = random.next() < 0.7 ? practitionerLevel : random.pick(levels);
        const decidedAt = new Date(receivedAt.getTime() + 2 * 60 * 60_000).toISOString();
        const outcome = random.pick(OUTCOMES);
        states.push({
          submission_id: id,
          status: 'decided',
          triage_started_by: userId,
          triage_started_at: decidedAt,
          decision_count: 1,
          decided_level: decidedLevel,
          outcome,
          decided_by: userId,
          decided_at: decidedAt,
        });
        decisions.push({
          id: randomUUID(),
          submission_id: id,
          sequence: 1,
          decided_level: decidedLevel,
          outcome,
          note: 'Demo decision on a fictional referral.',
          decided_by: userId,
          decided_at: decidedAt,
        });
        result.decided += 1;
      } else if (state < 0.4) {
        states.push({
          submission_id: id,
          status: 'in-triage',
          triage_started_by: userId,
          triage_started_at: now.toISOString(),
          decision_count: 0,
          decided_level: null,
          outcome: null,
          decided_by: null,
          decided_at: null,
        });
        result.inTriage += 1;
      }
    }
    await db.transaction().execute(async (trx) => {
      for (let start = 0; start < submissions.length; start += ROWS_PER_INSERT) {
        await trx
          .insertInto('submissions')
          .values(submissions.slice(start, start + ROWS_PER_INSERT))
          .execute();
      }
      for (let start = 0; start < states.length; start += ROWS_PER_INSERT) {
        await trx
          .insertInto('triage_states')
          .values(states.slice(start, start + ROWS_PER_INSERT))
          .execute();
      }
      for (let start = 0; start < decisions.length; start += ROWS_PER_INSERT) {
        await trx
          .insertInto('decisions')
          .values(decisions.slice(start, start + ROWS_PER_INSERT))
          .execute();
      }
    });
    result.created += size;
    options.progress?.(result.created);
  }
  // Statistics for the query planner, so the inbox's queries use the indexes meant for them at
  // once; on PostgreSQL also the visibility map, without which an index-only scan reads the table.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`vacuum (analyze) submissions, submission_indicators, triage_states, decisions`.execute(db);
  } else {
    await sql`analyze`.execute(db);
  }
  return result;
}

export const seedDemoCommand: AdminCommand = {
  usage: [
    'seed-demo --count N [--allow-real]                 add N fictional referrals (marked demo) to try the inbox at volume',
  ],
  options: { count: { type: 'string' }, 'allow-real': { type: 'boolean' } },
  async run(input) {
    const text = stringOption(input, 'count') ?? '';
    const count = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
    if (!(count >= 1 && count <= MAX_DEMO_COUNT)) {
      throw new UsageError(`Give --count as a whole number from 1 to ${MAX_DEMO_COUNT.toLocaleString('en-GB')}`);
    }
    await withDatabase(input.io, async (database, config) => {
      const documents = await loadDocumentRegistry(config.thresholdsDir);
      try {
        const started = Date.now();
        const result = await seedDemo(database.db, {
          count,
          allowReal: input.values['allow-real'] === true,
          documents,
          // A running count on a terminal; one line at the end otherwise.
          progress: (written) => {
            if ((input.io.stderr as { isTTY?: boolean }).isTTY)
              input.io.stderr.write(`\r${written} of ${count} written`);
          },
        });
        if ((input.io.stderr as { isTTY?: boolean }).isTTY) input.io.stderr.write('\n');
        input.io.stdout.write(
          `Added ${result.created} fictional referrals (${result.decided} decided, ${result.inTriage} in triage) ` +
            `in ${((Date.now() - started) / 1000).toFixed(1)} s. They are marked demo, from the device "${DEMO_DEVICE_NAME}".\n`,
        );
      } catch (error) {
        if (error instanceof RealReferralsError) throw new CommandFailed(error.message);
        throw error;
      }
    });
  },
};
