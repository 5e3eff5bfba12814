/** Read-only questions about a document that the questionnaire and Browse ask. */
import type { Indicator, ThresholdsDocument } from './schema.ts';

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

const words = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);

/**
 * Indicators whose text, theme, sub-domain or domain contain every word of the query (by word
 * start, so "neglect" finds "neglected"). An empty query finds nothing.
 */
export function searchIndicators(document: ThresholdsDocument, query: string, ageBand?: string): Indicator[] {
  const wanted = words(query);
  if (!wanted.length) return [];
  const themeTitles = new Map(document.themes.map((theme) => [theme.id, theme.title]));
  return document.domains.flatMap((domain) => {
    const subDomainTitles = new Map(domain.subDomains.map((sub) => [sub.id, sub.title]));
    return domain.indicators.filter((indicator) => {
      if (ageBand && !indicator.ageBands.includes(ageBand)) return false;
      const haystack = words(
        [
          indicator.text,
          domain.title,
          subDomainTitles.get(indicator.subDomain) ?? '',
          ...indicator.themes.map((theme) => themeTitles.get(theme) ?? theme),
        ].join(' '),
      );
      return wanted.every((word) => haystack.some((candidate) => candidate.startsWith(word)));
    });
  });
}

/** The chosen indicators that still apply after the age band changes, in their original order. */
export function keepApplicable(document: ThresholdsDocument, ageBand: string, indicatorIds: readonly string[]): string[] {
  const applicable = new Set(
    document.domains.flatMap((domain) => domain.indicators.filter((i) => i.ageBands.includes(ageBand)).map((i) => i.id)),
  );
  return indicatorIds.filter((id) => applicable.has(id));
}
