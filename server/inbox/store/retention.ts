/**
 * Retention: referrals older than a period are deleted with their triage state and decisions (the
 * notes are personal data too). The audit trail stays: it names referrals by random id only, and
 * gains one event saying how many went and why. A dry run only counts.
 */
import type { Kysely } from 'kysely';
import type { Tables } from '../../store/schema.ts';
import { recordAudit } from './audit.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PurgeResult {
  cutoff: string;
  submissions: number;
  decisions: number;
  dryRun: boolean;
}

export async function purgeSubmissions(
  db: Kysely<Tables>,
  olderThanDays: number,
  dryRun: boolean,
  now = new Date(),
): Promise<PurgeResult> {
  const cutoff = new Date(now.getTime() - olderThanDays * DAY_MS).toISOString();
  return db.transaction().execute(async (trx) => {
    const old = trx.selectFrom('submissions').select('id').where('received_at', '<', cutoff);
    const counted = async (query: Promise<{ n: string | number }>) => Number((await query).n);
    const submissions = await counted(
      trx
        .selectFrom('submissions')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('received_at', '<', cutoff)
        .executeTakeFirstOrThrow(),
    );
    const decisions = await counted(
      trx
        .selectFrom('decisions')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('submission_id', 'in', old)
        .executeTakeFirstOrThrow(),
    );
    const result = { cutoff, submissions, decisions, dryRun };
    if (dryRun || result.submissions === 0) return result;
    await trx.deleteFrom('submissions').where('received_at', '<', cutoff).execute();
    // No foreign keys tie these to submissions (see migrations.ts): anything left without its
    // referral goes, including a decision that raced an earlier purge.
    const gone = trx.selectFrom('submissions').select('id');
    await trx.deleteFrom('decisions').where('submission_id', 'not in', gone).execute();
    await trx.deleteFrom('triage_states').where('submission_id', 'not in', gone).execute();
    await recordAudit(
      trx,
      {
        actor: 'admin-cli',
        action: 'purged-submissions',
        details: { olderThanDays, cutoff, submissions: result.submissions, decisions: result.decisions },
      },
      now,
    );
    return result;
  });
}
