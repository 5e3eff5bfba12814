/**
 * better-sqlite3 12 (the last line that runs on Node.js 20) can abort the whole process on
 * Node.js 24.19 and later: its statements are freed by a background garbage collection, which
 * trips an assertion Node.js 24.19 added (WiseLibs/better-sqlite3#1515; reproduced here by the
 * crash test on Node.js 24.21). better-sqlite3 13 fixes it but no longer runs on Node.js 20. Until
 * Node.js 20 is dropped, refusing to start is kinder than a server that dies mid-referral.
 */
import { DatabaseSetupError } from './database-start-up.ts';

const FIRST_AFFECTED = { major: 24, minor: 19 };

export function sqliteDriverIsSafeOn(nodeVersion: string): boolean {
  const [major = 0, minor = 0] = nodeVersion.split('.').map(Number);
  return major < FIRST_AFFECTED.major || (major === FIRST_AFFECTED.major && minor < FIRST_AFFECTED.minor);
}

export function refuseUnsafeSqliteNode(nodeVersion: string = process.versions.node): void {
  if (sqliteDriverIsSafeOn(nodeVersion)) return;
  throw new DatabaseSetupError(
    `The built-in SQLite database cannot run safely on Node.js ${nodeVersion} yet: its driver can stop ` +
      'the server without warning. Run the server on Node.js 22 LTS, or keep the data in PostgreSQL ' +
      'by setting DATABASE_URL (see "Deploying" in the README).',
  );
}
