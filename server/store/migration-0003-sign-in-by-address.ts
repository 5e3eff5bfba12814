/**
 * Migration 0003: sign-in attempts are counted per name and per (name, client address), so that
 * failures from one address cannot lock a member of staff out everywhere (issue 14, point 1).
 * The rows only ever matter for 15 minutes, so the old table is replaced rather than altered.
 */
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely';
import type { DialectName } from './migrations.ts';

export function signInAttemptsByAddress(dialect: DialectName): Migration {
  const timestamp = dialect === 'postgres' ? 'timestamptz' : 'text';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.dropTable('sign_in_attempts').execute();
      // Hashes only: the name typed may be a mistyped password, and the address is personal data.
      await db.schema
        .createTable('sign_in_attempts')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('username_hash', 'text', (col) => col.notNull())
        .addColumn('client_hash', 'text', (col) => col.notNull())
        .addColumn('attempted_at', timestamp, (col) => col.notNull())
        .execute();
      await db.schema
        .createIndex('sign_in_attempts_username')
        .on('sign_in_attempts')
        .columns(['username_hash', 'attempted_at'])
        .execute();
      // Pruning deletes by age alone, for every name, known or not.
      await db.schema.createIndex('sign_in_attempts_at').on('sign_in_attempts').column('attempted_at').execute();
    },
  };
}
