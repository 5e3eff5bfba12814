import type { ThresholdsDocument } from './schema.ts';

/** What the start page needs to list a document and its saved drafts without loading the indicators. */
export type DocumentSummary = Pick<
  ThresholdsDocument,
  'id' | 'title' | 'area' | 'version' | 'status' | 'effectiveDate' | 'retentionDays'
> & {
  ageBands: { id: string; label: string }[];
  domains: { id: string; title: string }[];
};

export function summarise(document: ThresholdsDocument): DocumentSummary {
  const { id, title, area, version, status, effectiveDate, retentionDays } = document;
  return {
    id,
    title,
    area,
    version,
    status,
    effectiveDate,
    retentionDays,
    ageBands: document.ageBands.map((band) => ({ id: band.id, label: band.label })),
    domains: document.domains.map((domain) => ({ id: domain.id, title: domain.title })),
  };
}
