/**
 * Vitest global setup for the server tests: a PostgreSQL to test against. TEST_DATABASE_URL wins;
 * otherwise a throwaway cluster is started and stopped after the run. No PostgreSQL means the run
 * fails with the command that installs it: the PostgreSQL half is never skipped silently.
 */
import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from '../../../scripts/harness/postgres-cluster.ts';
import { buildInboxStylesheet } from '../../../scripts/styles/inbox-stylesheet.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // The inbox serves its compiled stylesheet; tests must not depend on a prior `npm run build`.
  buildInboxStylesheet();
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return;
  }
  const cluster = await startThrowawayPostgres();
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}
