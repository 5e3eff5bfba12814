/**
 * Migration 0006: each referral's indicators as rows (issue 13, goal 4), so the consistency report
 * counts them with an index instead of unpacking thousands of JSON payloads per request. Each row
 * also carries the referral's two levels and receipt time, which never change once stored: the
 * report's indicator count then needs only this table and the triage states, not the referrals.
 *
 * The rows are derived from the payload by the database itself, with triggers: written in the
 * same statement (so the same transaction) as the submission on every insert path (ingest, group
 * commit, seed-demo), only for a row actually inserted (an idempotent replay inserts nothing, and
 * an AFTER INSERT trigger does not fire for a conflict that did nothing), and deleted with it (the
 * retention purge). Like the inbox's tables, it has no foreign key to submissions (see 0002).
 * Referrals already stored are back-filled here by the same expression.
 */
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely';
import type { DialectName } from './migrations.ts';

/**
 * The table's rows, once per indicator, for the referral `row` names (a row of `from` when there
 * is one, else the trigger's new row). The payload is the validated submission as JSON, whose
 * `indicators` is an array of ids; a payload without that array yields no rows rather than
 * refusing the referral.
 */
function indicatorRows(dialect: DialectName, row: string, from?: string) {
  const column = (name: string) => sql.ref(`${row}.${name}`);
  const values = sql`${column('id')}, i.value, ${column('practitioner_level')}, ${column('engine_level')}, ${column('received_at')}`;
  const source = from ? sql`${sql.table(from)}, ` : sql``;
  const payload = column('payload');
  if (dialect === 'postgres') {
    const list = sql`${payload}::json -> 'indicators'`;
    return sql`select distinct ${values}
      from ${source}json_array_elements_text(case when json_typeof(${list}) = 'array' then ${list} end) as i(value)`;
  }
  const json = sql`case when json_valid(${payload}) then ${payload} end`;
  return sql`select distinct ${values}
    from ${source}json_each(${json}, '$.indicators') as i
    where json_type(${json}, '$.indicators') = 'array' and i.type = 'text'`;
}

const COLUMNS = sql`(submission_id, indicator_id, practitioner_level, engine_level, received_at)`;

export function submissionIndicators(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('submission_indicators')
        .addColumn('submission_id', 'text', (col) => col.notNull())
        .addColumn('indicator_id', 'text', (col) => col.notNull())
        .addColumn('practitioner_level', 'integer', (col) => col.notNull())
        .addColumn('engine_level', 'integer', (col) => col.notNull())
        .addColumn('received_at', dialect === 'postgres' ? 'timestamptz' : 'text', (col) => col.notNull())
        // Leads with the referral: the report joins each decided referral to its rows. On SQLite
        // the key is the table (without rowid), so that join reads one b-tree, not two.
        .addPrimaryKeyConstraint('submission_indicators_pk', ['submission_id', 'indicator_id'])
        .$call((table) => (dialect === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table))
        .execute();
      await sql`insert into submission_indicators ${COLUMNS}
        ${indicatorRows(dialect, 'submissions', 'submissions')}`.execute(db);

      if (dialect === 'postgres') {
        await sql`create function submission_indicators_insert() returns trigger language plpgsql as $$
          begin
            insert into submission_indicators ${COLUMNS}
              ${indicatorRows(dialect, 'new')};
            return null;
          end $$`.execute(db);
        await sql`create function submission_indicators_delete() returns trigger language plpgsql as $$
          begin
            delete from submission_indicators where submission_id = old.id;
            return null;
          end $$`.execute(db);
        await sql`create trigger submission_indicators_insert after insert on submissions
          for each row execute function submission_indicators_insert()`.execute(db);
        await sql`create trigger submission_indicators_delete after delete on submissions
          for each row execute function submission_indicators_delete()`.execute(db);
      } else {
        await sql`create trigger submission_indicators_insert after insert on submissions begin
            insert into submission_indicators ${COLUMNS}
              ${indicatorRows(dialect, 'new')};
          end`.execute(db);
        await sql`create trigger submission_indicators_delete after delete on submissions begin
            delete from submission_indicators where submission_id = old.id;
          end`.execute(db);
      }
      if (dialect === 'postgres') await sql`analyze submission_indicators`.execute(db);
    },
  };
}
