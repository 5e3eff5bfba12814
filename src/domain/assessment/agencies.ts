/**
 * The partnership's agencies are data in the rules document. A referral names its agency by id;
 * these turn ids into the names people read, falling back to the id for one a document does not list.
 */
import type { Agency } from '../thresholds/schema.ts';

/** The agency's name in the document the referral was made under, or the id if it does not list it. */
export function agencyName(document: { agencies: readonly Agency[] } | undefined, id: string): string {
  return document?.agencies.find((agency) => agency.id === id)?.name ?? id;
}

/**
 * Whether a referral made under `document` may name this agency. A document published before
 * agencies were data lists none, and its referrals keep whatever agency id they were sent with.
 */
export function isDocumentAgency(document: { agencies: readonly Agency[] }, id: string): boolean {
  return document.agencies.length === 0 || document.agencies.some((agency) => agency.id === id);
}

/**
 * Every agency any of the documents lists, once, named as the last document listing it names it
 * (pass documents oldest first, so the current words win), sorted by name.
 */
export function agenciesOf(documents: readonly { agencies: readonly Agency[] }[]): Agency[] {
  const byId = new Map<string, Agency>();
  for (const document of documents) for (const agency of document.agencies) byId.set(agency.id, agency);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}
