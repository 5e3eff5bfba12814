/**
 * `npm run bench`: prints the figures the issues ask for. Nothing here asserts a time: machines are
 * shared and noisy, so compare figures and ratios taken in the same run.
 */
import os from 'node:os';
import { benchDrafts } from './drafts.ts';
import { benchPwa } from './pwa.ts';
import { benchServer } from './server.ts';
import { benchThresholds } from './thresholds.ts';

process.stdout.write(
  `# Benchmarks\nnode ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}\n`,
);
await benchThresholds();
await benchDrafts();
await benchServer();
await benchPwa();
