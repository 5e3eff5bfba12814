/**
 * Finds indicators in practitioners' own words, for the app's search box and the CLI's `search`.
 * Each indicator is indexed with its text (weighted highest), its concern's title and keywords
 * (abbreviations, everyday words, older names), and its sub-domain, domain and theme titles. Typos and
 * word starts are forgiven. Every word must match if any indicator has them all; otherwise any
 * word will do. An indicator whose own text matches ranks above one found only through its
 * concern's keywords or its headings; among those, the lowest (universal) level ranks last: the
 * keywords are words for the worry ("truanting"), which every rung of the concern's ladder shares,
 * yet the lowest rung says the need is met ("goes to school regularly").
 */
import MiniSearch, { type SearchResult } from 'minisearch';
import { withConcerns } from './concerns.ts';
import type { Indicator, ThresholdsDocument } from './schema.ts';

export interface IndicatorHit {
  indicator: Indicator;
  score: number;
}

interface IndexedIndicator {
  id: string;
  text: string;
  concern: string;
  keywords: string;
  headings: string;
}

const FIELD_BOOSTS = { text: 4, keywords: 3, concern: 2, headings: 1 } as const;
/** Words too common to narrow a search ("drunk and aggressive" is two words). */
const STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'as', 'at', 'by', 'for', 'from', 'in', 'is', 'of', 'on', 'or', 'the', 'to', 'with']);
const FUZZY_FROM_LENGTH = 5;
const FUZZY_SHARE = 0.2;
const PREFIX_FROM_LENGTH = 3;

/** Lower-case words without accents; a hyphenated word also gives its parts joined ("self-harm" gives "selfharm"). */
function tokenize(text: string): string[] {
  return text.split(/[\s,.;:!?()[\]{}"“”‘’/]+/u).flatMap((chunk) => {
    const parts = chunk.split(/[-‐–—']+/u).filter(Boolean);
    return parts.length > 1 ? [...parts, parts.join('')] : parts;
  });
}

function processTerm(term: string): string | null {
  const word = term.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
  return word && !STOP_WORDS.has(word) ? word : null;
}

interface SearchIndex {
  miniSearch: MiniSearch<IndexedIndicator>;
  indicators: ReadonlyMap<string, Indicator>;
  /** The lowest level, whose indicators describe needs that are met. */
  universalLevel: number;
}

const cache = new WeakMap<ThresholdsDocument, SearchIndex>();

function indexFor(document: ThresholdsDocument): SearchIndex {
  const cached = cache.get(document);
  if (cached) return cached;
  const full = withConcerns(document);
  const concerns = new Map(full.concerns.map((concern) => [concern.id, concern]));
  const themeTitles = new Map(document.themes.map((theme) => [theme.id, theme.title]));
  const miniSearch = new MiniSearch<IndexedIndicator>({
    fields: ['text', 'keywords', 'concern', 'headings'],
    tokenize,
    processTerm,
  });
  const indicators = new Map<string, Indicator>();
  for (const domain of full.domains) {
    const subDomains = new Map(domain.subDomains.map((sub) => [sub.id, sub.title]));
    for (const indicator of domain.indicators) {
      const concern = concerns.get(indicator.concern ?? indicator.id);
      indicators.set(indicator.id, indicator);
      miniSearch.add({
        id: indicator.id,
        text: indicator.text,
        concern: concern && concern.title !== indicator.text ? concern.title : '',
        keywords: (concern?.keywords ?? []).join(', '),
        headings: [domain.title, subDomains.get(indicator.subDomain) ?? '', ...indicator.themes.map((theme) => themeTitles.get(theme) ?? theme)].join(', '),
      });
    }
  }
  const index = { miniSearch, indicators, universalLevel: Math.min(...document.levels.map((level) => level.level)) };
  cache.set(document, index);
  return index;
}

/** The indicator's own text holds a query word or a word starting with one (a typo forgiven does not count). */
const ownWordsMatch = (result: SearchResult) =>
  Object.entries(result.match).some(
    ([term, fields]) => fields.includes('text') && result.queryTerms.some((queryTerm) => term.startsWith(queryTerm)),
  );

/**
 * Indicators matching the query, best first, for one age band or all. An empty query finds
 * nothing.
 */
export function searchIndicatorHits(document: ThresholdsDocument, query: string, ageBand?: string): IndicatorHit[] {
  if (!tokenize(query).some((term) => processTerm(term))) return [];
  const { miniSearch, indicators, universalLevel } = indexFor(document);
  const options = {
    boost: FIELD_BOOSTS,
    prefix: (term: string) => term.length >= PREFIX_FROM_LENGTH,
    fuzzy: (term: string) => (term.length >= FUZZY_FROM_LENGTH ? FUZZY_SHARE : false),
    filter: (result: SearchResult) => !ageBand || (indicators.get(result.id)?.ageBands.includes(ageBand) ?? false),
  };
  const everyWord = miniSearch.search(query, { ...options, combineWith: 'AND' });
  const results = everyWord.length ? everyWord : miniSearch.search(query, { ...options, combineWith: 'OR' });
  return results
    .map((result) => {
      const own = ownWordsMatch(result);
      // Found only through the concern's words for the worry, yet saying that the need is met.
      const needMet = !own && indicators.get(result.id)?.level === universalLevel;
      return { result, own, needMet };
    })
    .sort(
      (a, b) => Number(b.own) - Number(a.own) || Number(a.needMet) - Number(b.needMet) || b.result.score - a.result.score,
    )
    .flatMap(({ result }) => {
      const indicator = indicators.get(result.id);
      return indicator ? [{ indicator, score: Math.round(result.score * 100) / 100 }] : [];
    });
}
