import type { ThresholdsDocument } from './schema.ts';

/** What the start page needs to list a document without loading its indicators. */
export type DocumentSummary = Pick<ThresholdsDocument, 'id' | 'title' | 'area' | 'version' | 'status' | 'effectiveDate'>;

export function summarise({ id, title, area, version, status, effectiveDate }: ThresholdsDocument): DocumentSummary {
  return { id, title, area, version, status, effectiveDate };
}
