/**
 * Small helpers shared by the benchmarks: figures are printed, never asserted. A figure prints
 * beside its goal and, for a time, beside its peer measured in the same run (a ratio of two
 * figures from one run means something on a shared machine; a bare time does not).
 */
import os from 'node:os';
import { existsSync } from 'node:fs';

export function percentile(sortedMs: readonly number[], p: number): number {
  if (!sortedMs.length) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[index] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export async function timeMs(work: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** A seeded generator, so every run benchmarks the same answers. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Figure {
  name: string;
  value: string;
  /** The issue's goal, e.g. "≤ 300 ms p95" or "≥ 0.5× health"; add "met"/"missed" when it can be judged. */
  goal?: string;
  /** For a time: what it is compared with in the same run, e.g. "bare React 0.52 s: 1.4×". */
  peer?: string;
  note?: string;
}

/** Whether a figure met its goal, for the goal column: `goalMark(120 <= 300, '≤ 300 ms')`. */
export function goalMark(met: boolean, goal: string): string {
  return `${goal} ${met ? 'met' : 'MISSED'}`;
}

export function printSection(title: string, figures: readonly Figure[]): void {
  const nameWidth = Math.max(0, ...figures.map((f) => f.name.length));
  const valueWidth = Math.max(0, ...figures.map((f) => f.value.length));
  process.stdout.write(`\n## ${title}\n`);
  for (const { name, value, goal, peer, note } of figures) {
    const extras = [goal && `goal ${goal}`, peer && `peer ${peer}`].filter(Boolean).join('; ');
    const line = `  ${name.padEnd(nameWidth)}  ${extras ? value.padEnd(valueWidth) : value}`;
    process.stdout.write(`${line}${extras ? `  [${extras}]` : ''}${note ? `  (${note})` : ''}\n`);
  }
}

/** Thrown by a part that cannot run here (no Chromium, no PostgreSQL): the run goes on without it. */
export class Skipped extends Error {
  override name = 'Skipped';
}

export function printSkipped(title: string, reason: string): void {
  process.stdout.write(`\n## ${title}\n  skipped: ${reason}\n`);
}

/** The Chromium the browser benches use (CHROMIUM_PATH or Debian's), or a Skipped saying how to get one. */
export function chromiumPath(): string {
  const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(candidate)) {
    throw new Skipped(`no Chromium at ${candidate}: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  return candidate;
}

/**
 * Runs one part of the bench: a Skipped prints its reason, any other failure prints one line (no
 * stack trace) and marks the run failed, and either way the next part still runs.
 */
export async function runPart(title: string, part: () => Promise<void>): Promise<void> {
  const loadBefore = loadAverage();
  try {
    await part();
    // Figures from a busy machine read differently: say how busy it was, before and after.
    process.stdout.write(`  (${title}: load average ${loadBefore} before, ${loadAverage()} after)\n`);
  } catch (error) {
    if (error instanceof Skipped) return printSkipped(title, error.message);
    const message = error instanceof Error ? error.message : String(error);
    if (/Executable doesn't exist|Failed to launch|browserType\.launch/i.test(message)) {
      return printSkipped(title, `Chromium could not start: ${message.split('\n')[0] ?? ''}`);
    }
    process.stdout.write(`\n## ${title}\n  failed: ${message.split('\n')[0] ?? ''}\n`);
    process.exitCode = 1;
  }
}

/** The one-minute load average, which says whether a run was quiet or busy. */
const loadAverage = () => (os.loadavg()[0] ?? 0).toFixed(1);

export const fixed = (value: number, digits = 3) => value.toFixed(digits);
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
