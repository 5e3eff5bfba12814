/** Read-only questions about a document that the questionnaire and Browse ask. */
import type { Indicator, ThresholdsDocument } from './schema.ts';
import { searchIndicatorHits } from './search.ts';

export interface LevelGroup {
  level: number;
  name: string;
  indicators: Indicator[];
}

/** A domain's indicators for one age band (or all), grouped by level in the document's order. */
export function indicatorsByLevel(document: ThresholdsDocument, domainId: string, ageBand?: string): LevelGroup[] {
  const domain = document.domains.find((candidate) => candidate.id === domainId);
  const indicators = (domain?.indicators ?? []).filter((i) => !ageBand || i.ageBands.includes(ageBand));
  return document.levels
    .map((level) => ({ level: level.level, name: level.name, indicators: indicators.filter((i) => i.level === level.level) }))
    .filter((group) => group.indicators.length > 0);
}

/**
 * Indicators whose concern is also seen from `domainId` (a later entry in the concern's `domains`)
 * though its ladder lives in another domain's file, for that domain's page: a practitioner looking
 * at family life still finds domestic abuse there, and it is still one concern, counted once.
 */
export function seenFromOtherDomains(document: ThresholdsDocument, domainId: string, ageBand?: string): Indicator[] {
  const seenHere = new Set(
    document.concerns.filter((concern) => concern.domains.slice(1).includes(domainId)).map((concern) => concern.id),
  );
  if (!seenHere.size) return [];
  return document.domains
    .filter((domain) => domain.id !== domainId)
    .flatMap((domain) => domain.indicators)
    .filter((i) => i.concern !== undefined && seenHere.has(i.concern) && (!ageBand || i.ageBands.includes(ageBand)))
    .sort((a, b) => (a.concern ?? '').localeCompare(b.concern ?? '') || a.level - b.level);
}

/**
 * Indicators matching the query in practitioners' words, best first (see `search.ts`). An empty
 * query finds nothing.
 */
export function searchIndicators(document: ThresholdsDocument, query: string, ageBand?: string): Indicator[] {
  return searchIndicatorHits(document, query, ageBand).map((hit) => hit.indicator);
}

/** The chosen indicators that still apply after the age band changes, in their original order. */
export function keepApplicable(document: ThresholdsDocument, ageBand: string, indicatorIds: readonly string[]): string[] {
  const applicable = new Set(
    document.domains.flatMap((domain) => domain.indicators.filter((i) => i.ageBands.includes(ageBand)).map((i) => i.id)),
  );
  return indicatorIds.filter((id) => applicable.has(id));
}
