/**
 * What a level asks of the practitioner: its consent, who leads, the offer, next steps and whom to
 * contact. Shared by the engine's suggestion and the practitioner's own decision, so that an
 * overridden level is answered with that level's guidance, never the suggested one's.
 */
import type { Contact, ImmediateRiskResponse, Level, ThresholdsDocument } from '../thresholds/schema.ts';
import { indexDocument, type DocumentIndex } from './document-index.ts';

export interface LevelResponse extends Omit<Level, 'contacts'> {
  contacts: Contact[];
  advisory: string;
  /** What to do now, present only when a child may be in immediate danger. */
  immediateAction?: Omit<ImmediateRiskResponse, 'contacts'> & { contacts: Contact[] };
}

export interface LevelResponseRequest {
  level: number;
  ageBand: string;
  route?: 'child-in-need' | 'significant-harm';
  immediateRisk?: boolean;
  concerns?: readonly string[];
}

function resolveContacts(index: DocumentIndex, ids: readonly string[]): Contact[] {
  return ids.flatMap((id) => index.contacts.get(id) ?? []);
}

/**
 * The response the document gives for `request.level`, with the immediate-risk steps when
 * `immediateRisk` is set. Throws if the document has no such level (a caller's mistake).
 */
export function levelResponse(document: ThresholdsDocument, request: LevelResponseRequest): LevelResponse {
  const index = indexDocument(document);
  const level = index.levels.get(request.level);
  if (!level) throw new Error(`document ${document.id} has no level ${request.level}`);
  const { contacts, ...levelText } = level;
  return {
    ...levelText,
    contacts: resolveContacts(index, contacts),
    advisory: document.advisory,
    ...(request.immediateRisk && {
      immediateAction: {
        heading: document.immediateRisk.heading,
        steps: document.immediateRisk.steps,
        contacts: resolveContacts(index, document.immediateRisk.contacts),
      },
    }),
  };
}
