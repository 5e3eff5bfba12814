/**
 * `npm run bench`: prints the figures the issues ask for, each beside its goal and, for a time,
 * its peer in the same run. Nothing here asserts a time: machines are shared and noisy. A part
 * that cannot run here (no Chromium, no PostgreSQL) says so and why; the others still run.
 */
import os from 'node:os';
import { benchDrafts } from './drafts.ts';
import { chromiumPath, runPart } from './measure.ts';
import { benchPwa } from './pwa.ts';
import { benchServer } from './server.ts';
import { benchThresholds } from './thresholds.ts';

process.stdout.write(
  `# Benchmarks\nnode ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}\n`,
);
await runPart('Thresholds engine and compiler', benchThresholds);
await runPart('Drafts store', benchDrafts);
await benchServer();
await runPart('Installable and offline app', async () => {
  chromiumPath();
  await benchPwa();
});
