/**
 * Look-up tables built once per document, so that assessing is a handful of map reads however
 * large the document grows. Cached by document object; documents are never mutated.
 */
import type { Concern, Contact, Indicator, Level, RetiredIndicator, ThresholdsDocument } from '../thresholds/schema.ts';

export interface DocumentIndex {
  indicators: ReadonlyMap<string, Indicator>;
  /** Position of each indicator in the document, for stable ordering of reasons. */
  order: ReadonlyMap<string, number>;
  levels: ReadonlyMap<number, Level>;
  contacts: ReadonlyMap<string, Contact>;
  concerns: ReadonlyMap<string, Concern>;
  retired: ReadonlyMap<string, RetiredIndicator>;
  domainTitles: ReadonlyMap<string, string>;
  ageBands: ReadonlySet<string>;
  lowestLevel: number;
  highestLevel: number;
}

/** The concern an indicator counts towards: documents published before concerns (0.1.0) count each indicator as its own. */
export const concernOf = (indicator: Pick<Indicator, 'id' | 'concern'>) => indicator.concern ?? indicator.id;

const cache = new WeakMap<ThresholdsDocument, DocumentIndex>();

export function indexDocument(document: ThresholdsDocument): DocumentIndex {
  const cached = cache.get(document);
  if (cached) return cached;
  const all = document.domains.flatMap((domain) => domain.indicators);
  const levelNumbers = document.levels.map((level) => level.level);
  const index: DocumentIndex = {
    indicators: new Map(all.map((indicator) => [indicator.id, indicator])),
    order: new Map(all.map((indicator, position) => [indicator.id, position])),
    levels: new Map(document.levels.map((level) => [level.level, level])),
    contacts: new Map(document.contacts.map((contact) => [contact.id, contact])),
    concerns: new Map(document.concerns.map((concern) => [concern.id, concern])),
    retired: new Map(document.retired.map((entry) => [entry.id, entry])),
    domainTitles: new Map(document.domains.map((domain) => [domain.id, domain.title])),
    ageBands: new Set(document.ageBands.map((band) => band.id)),
    lowestLevel: Math.min(...levelNumbers),
    highestLevel: Math.max(...levelNumbers),
  };
  cache.set(document, index);
  return index;
}
