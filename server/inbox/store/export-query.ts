/**
 * The rows of a referrals export, in list order, a batch at a time. Each batch is two short
 * queries: the batch's ids, read by keyset from a list-order index alone, then those referrals
 * with their latest decision. A whole-table read would hold the database (and, on SQLite, whose
 * driver is synchronous, the event loop) for as long as it runs, and every other request would
 * wait; and asking for the ids and the joined rows in one query let SQLite's planner pick an index
 * that cannot give the order, sorting the rest of the table for every batch.
 */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import { toIso, type Tables } from '../../store/schema.ts';
import { filtered, priorityLevel, statusOf, type ListFilters } from './queries.ts';

type Db = Kysely<Tables>;

/**
 * Small enough that one batch's queries, and then its CSV, each hold the event loop for about a
 * millisecond on a quiet machine: on a busy one a request that arrives meanwhile waits for one of
 * them, stretched by however many processes share the cores.
 */
export const EXPORT_BATCH_ROWS = 100;

/** Lets requests that arrived meanwhile go first (the SQLite drivers answer without ever yielding). */
const stepAside = () => new Promise((resolve) => setImmediate(resolve));

/** Referrals of one immediate risk and one level: within one, the list order is (received_at, id). */
interface Slice {
  immediate_risk: number;
  level: number;
}

/**
 * The slice after `previous` in list order (immediate risk first, then the higher level), or the
 * first: each look-up is a seek in the list-order index, where `select distinct` would read all of it.
 */
async function nextSlice(db: Db, filters: ListFilters, previous: Slice | undefined): Promise<Slice | undefined> {
  const first = (narrow: (query: SliceQuery) => SliceQuery) => {
    let query = db
      .selectFrom('submissions as s')
      .select(['s.immediate_risk', priorityLevel.as('level')])
      .orderBy('s.immediate_risk', 'desc')
      .orderBy(priorityLevel, 'desc')
      .limit(1);
    if (filters.level !== undefined) query = query.where(priorityLevel, '=', filters.level);
    return narrow(query).executeTakeFirst();
  };
  const row = previous
    ? ((await first((query) =>
        query.where('s.immediate_risk', '=', previous.immediate_risk).where(priorityLevel, '<', previous.level),
      )) ?? (await first((query) => query.where('s.immediate_risk', '<', previous.immediate_risk))))
    : await first((query) => query);
  return row && { immediate_risk: row.immediate_risk, level: Number(row.level) };
}
type SliceQuery = SelectQueryBuilder<
  Tables & { s: Tables['submissions'] },
  's',
  { immediate_risk: number; level: number }
>;

/** The export's columns for the given referrals, with the latest decision's note and who made it. */
function exportRows(db: Db, ids: readonly string[]) {
  return filtered(db, {})
    .leftJoin('decisions as d', (join) =>
      join.onRef('d.submission_id', '=', 's.id').onRef('d.sequence', '=', 't.decision_count'),
    )
    .leftJoin('users as u', 'u.id', 'd.decided_by')
    .select([
      's.id',
      's.reference',
      's.received_at',
      's.agency',
      's.practitioner_level',
      's.engine_level',
      's.suggested_level',
      's.immediate_risk',
      's.override_rationale',
      's.payload',
      statusOf.as('status'),
      'd.decided_level',
      'd.outcome',
      'd.note',
      'd.decided_at',
      'u.username as decided_by',
    ])
    .where('s.id', 'in', ids)
    .execute();
}

/** Everything an export needs, in list order, `EXPORT_BATCH_ROWS` referrals at a time. */
export async function* exportSubmissions(db: Db, filters: ListFilters) {
  for (let slice = await nextSlice(db, filters, undefined); slice; slice = await nextSlice(db, filters, slice)) {
    let after: { received_at: string | Date; id: string } | undefined;
    for (;;) {
      let query = filtered(db, { ...filters, level: slice.level })
        .where('s.immediate_risk', '=', slice.immediate_risk)
        .select(['s.id', 's.received_at'])
        .orderBy('s.received_at', 'asc')
        .orderBy('s.id')
        .limit(EXPORT_BATCH_ROWS);
      if (after) {
        const { received_at: receivedAt, id } = after;
        query = query.where((eb) => eb(eb.refTuple('s.received_at', 's.id'), '>', eb.tuple(receivedAt, id)));
      }
      const batch = await query.execute();
      if (!batch.length) break;
      const rows = await exportRows(
        db,
        batch.map((row) => row.id),
      );
      await stepAside();
      const byId = new Map(rows.map((row) => [row.id, row]));
      yield batch.flatMap(({ id }) => {
        const row = byId.get(id);
        if (!row) return []; // purged between the two queries
        return {
          ...row,
          received_at: toIso(row.received_at),
          decided_at: row.decided_at ? toIso(row.decided_at) : null,
        };
      });
      if (batch.length < EXPORT_BATCH_ROWS) break;
      after = batch[batch.length - 1];
    }
  }
}
export type ExportRow = ReturnType<typeof exportSubmissions> extends AsyncGenerator<(infer Row)[]> ? Row : never;
