/**
 * Warns the writing group about indicators under different concerns whose texts say nearly the
 * same thing: candidates for one concern. A warning, not an error: two situations can share words.
 */
import type { DomainSource } from './concern-check.ts';
import type { SourceProblem } from './problem.ts';

/** Share of distinct words two texts must have in common (Jaccard) to count as near-identical. */
const SIMILARITY_THRESHOLD = 0.8;
const MIN_WORDS = 5;

const wordSet = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

function similarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  return shared / (a.size + b.size - shared);
}

export function similarTextWarnings(domains: readonly DomainSource[]): SourceProblem[] {
  const seen: { id: string; concern: string; file: string; words: Set<string> }[] = [];
  const warnings: SourceProblem[] = [];
  for (const domain of domains) {
    domain.data.subDomains.forEach((subDomain, si) =>
      subDomain.indicators.forEach((indicator, ii) => {
        const words = wordSet(indicator.text);
        if (words.size < MIN_WORDS) return;
        const twin = seen.find((other) => other.concern !== indicator.concern && similarity(other.words, words) >= SIMILARITY_THRESHOLD);
        if (twin) {
          warnings.push({
            file: domain.file,
            path: ['subDomains', si, 'indicators', ii, 'text'],
            message: `warning: this text is nearly the same as "${twin.id}" (concern "${twin.concern}", in ${twin.file}): if they describe one situation, make them one concern`,
          });
        }
        seen.push({ id: indicator.id, concern: indicator.concern, file: domain.file, words });
      }),
    );
  }
  return warnings;
}
