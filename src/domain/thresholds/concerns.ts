/**
 * Concerns for any document, old or new. Documents published before concerns existed (0.1.0)
 * have none: there, each indicator is its own concern, titled by its text.
 */
import type { Concern, ThresholdsDocument } from './schema.ts';

const MAX_TITLE = 200;

/** The document with every indicator naming its concern and every concern declared. */
export function withConcerns(document: ThresholdsDocument): ThresholdsDocument {
  const declared = new Set(document.concerns.map((concern) => concern.id));
  const implied: Concern[] = [];
  const domains = document.domains.map((domain) => ({
    ...domain,
    indicators: domain.indicators.map((indicator) => {
      const concern = indicator.concern ?? indicator.id;
      if (!declared.has(concern)) {
        declared.add(concern);
        implied.push({
          id: concern,
          title: indicator.text.length > MAX_TITLE ? `${indicator.text.slice(0, MAX_TITLE - 1)}…` : indicator.text,
          domains: [indicator.domain],
          themes: indicator.themes,
          keywords: [],
          contacts: [],
        });
      }
      return { ...indicator, concern };
    }),
  }));
  return { ...document, concerns: [...document.concerns, ...implied], domains };
}
