/** Small helpers shared by the benchmarks: figures are printed, never asserted. */
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
  note?: string;
}

export function printSection(title: string, figures: readonly Figure[]): void {
  const width = Math.max(...figures.map((f) => f.name.length));
  process.stdout.write(`\n## ${title}\n`);
  for (const { name, value, note } of figures) {
    process.stdout.write(`  ${name.padEnd(width)}  ${value}${note ? `  (${note})` : ''}\n`);
  }
}

export const fixed = (value: number, digits = 3) => value.toFixed(digits);
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
