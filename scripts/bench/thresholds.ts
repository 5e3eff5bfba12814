/**
 * The engine and the rules compiler: assessments per second and per-call latency on the full
 * St Helens document, compile time, and the size of the compiled JSON the app downloads.
 */
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { assess } from '../../src/domain/engine/assess.ts';
import type { ThresholdsDocument } from '../../src/domain/thresholds/schema.ts';
import { loadDocuments } from '../thresholds/load-documents.ts';
import { fixed, kib, median, percentile, printSection, seededRandom, timeMs, type Figure } from './measure.ts';

const ROOT = fileURLToPath(new URL('../../thresholds', import.meta.url));
const ASSESSMENTS = 20_000;
const INDICATORS_PER_ANSWER = 10;

function randomAnswers(document: ThresholdsDocument, count: number) {
  const random = seededRandom(20261123);
  const all = document.domains.flatMap((domain) => domain.indicators);
  const bands = document.ageBands.map((band) => band.id);
  return Array.from({ length: count }, () => {
    const ageBand = bands[Math.floor(random() * bands.length)] ?? 'unknown';
    const applicable = all.filter((i) => i.ageBands.includes(ageBand));
    const chosen = new Set<string>();
    while (chosen.size < Math.min(INDICATORS_PER_ANSWER, applicable.length)) {
      chosen.add(applicable[Math.floor(random() * applicable.length)]?.id ?? '');
    }
    return { ageBand, indicators: [...chosen] };
  });
}

export async function benchThresholds(): Promise<void> {
  const compileRuns: number[] = [];
  let documents: ThresholdsDocument[] = [];
  for (let run = 0; run < 5; run++) {
    compileRuns.push(
      await timeMs(async () => {
        documents = (await loadDocuments(ROOT, { withCases: false })).flatMap((entry) => entry.document ?? []);
      }),
    );
  }
  const withCases = await timeMs(() => loadDocuments(ROOT));
  const document = documents.find((doc) => doc.id === 'st-helens');
  if (!document) throw new Error('the St Helens document did not compile');

  const answers = randomAnswers(document, ASSESSMENTS);
  for (const answer of answers.slice(0, 2000)) assess(document, answer);
  const latencies: number[] = [];
  const start = process.hrtime.bigint();
  for (const answer of answers) {
    const before = process.hrtime.bigint();
    assess(document, answer);
    latencies.push(Number(process.hrtime.bigint() - before) / 1e6);
  }
  const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
  latencies.sort((a, b) => a - b);

  const json = JSON.stringify(document);
  const indicatorCount = document.domains.reduce((sum, domain) => sum + domain.indicators.length, 0);
  const figures: Figure[] = [
    {
      name: 'document',
      value: `${document.id} ${document.version}`,
      note: `${indicatorCount} indicators, ${document.rules.length} rules`,
    },
    {
      name: 'assessments per second',
      value: Math.round((ASSESSMENTS / totalMs) * 1000).toLocaleString('en-GB'),
      note: `${ASSESSMENTS.toLocaleString('en-GB')} random answers of ${INDICATORS_PER_ANSWER} indicators`,
    },
    { name: 'assessment p50', value: `${fixed(percentile(latencies, 50))} ms` },
    { name: 'assessment p99', value: `${fixed(percentile(latencies, 99))} ms` },
    {
      name: 'compile all documents',
      value: `${fixed(median(compileRuns), 1)} ms`,
      note: 'median of 5, YAML to validated JSON',
    },
    { name: 'compile and run worked cases', value: `${fixed(withCases, 1)} ms` },
    { name: 'compiled JSON raw', value: kib(Buffer.byteLength(json)) },
    { name: 'compiled JSON gzip', value: kib(gzipSync(json, { level: 9 }).length) },
    { name: 'compiled JSON brotli', value: kib(brotliCompressSync(json).length) },
  ];
  printSection('Thresholds engine and compiler', figures);
}
