/**
 * Turns the writing group's files into the compiled document: indicators are lifted out of their
 * sub-domains and labelled with the domain and sub-domain they came from, so every indicator,
 * cross-cutting ones included, sits under `domains[].indicators`. Each indicator also carries its
 * concern's themes, so readers of the compiled document need not look the concern up.
 */
import type { DomainSource } from './cross-check.ts';
import type { DocumentFile, ThresholdsDocument } from './schema.ts';

export function assembleDocument(documentFile: DocumentFile, domains: readonly DomainSource[]): ThresholdsDocument {
  const { domains: _domainOrder, ...metadata } = documentFile;
  const concernThemes = new Map(documentFile.concerns.map((concern) => [concern.id, concern.themes]));
  return {
    ...metadata,
    domains: domains.map(({ data }) => ({
      id: data.id,
      title: data.title,
      summary: data.summary,
      subDomains: data.subDomains.map(({ id, title }) => ({ id, title })),
      indicators: data.subDomains.flatMap((subDomain) =>
        subDomain.indicators.map(({ concern, route, ...indicator }) => ({
          ...indicator,
          themes: [...(concernThemes.get(concern) ?? [])],
          concern,
          ...(route && { route }),
          domain: data.id,
          subDomain: subDomain.id,
        })),
      ),
    })),
  };
}
