/**
 * What the practitioner is told to do for a level: who leads, consent, the offer, next steps and
 * whom to contact. Shared by the engine's suggestion and by a level the practitioner chooses
 * themselves, so both read the same words.
 *
 * Precedence: a `forAgeBands` entry for the child's age band wins (young adults get adult
 * services, never the children's statutory text, and no route); otherwise, at level 4, the
 * route's fields replace the level's.
 */
import type { Contact, ImmediateRiskResponse, Level, RouteId, ThresholdsDocument } from '../thresholds/schema.ts';
import { indexDocument } from './document-index.ts';

export interface LevelResponse extends Omit<Level, 'contacts' | 'routes' | 'forAgeBands'> {
  contacts: Contact[];
  advisory: string;
  /** The statutory route at level 4, when the document describes routes. */
  route?: { id: RouteId; title: string };
  /** What to do now, present only when a child may be in immediate danger. */
  immediateAction?: Omit<ImmediateRiskResponse, 'contacts'> & { contacts: Contact[] };
}

export interface LevelResponseRequest {
  level: number;
  ageBand: string;
  route?: RouteId;
  immediateRisk?: boolean;
  /** The chosen concerns, whose own contacts are added to the level's. */
  concerns?: readonly string[];
}

/** The response for a level, age band and route. Throws if the document has no such level. */
export function levelResponse(document: ThresholdsDocument, request: LevelResponseRequest): LevelResponse {
  const index = indexDocument(document);
  const level = index.levels.get(request.level);
  if (!level) throw new RangeError(`document ${document.id} has no level ${request.level}`);
  const { contacts: levelContacts, routes, forAgeBands, ...levelText } = level;
  const forAgeBand = forAgeBands?.find((entry) => entry.ageBands.includes(request.ageBand));
  const route = !forAgeBand && request.route ? routes?.[request.route] : undefined;

  let text: Omit<LevelResponse, 'contacts' | 'advisory' | 'route' | 'immediateAction'> = levelText;
  let contactIds: readonly string[] = levelContacts;
  if (forAgeBand) {
    const { ageBands: _ageBands, contacts, ...override } = forAgeBand;
    text = { ...levelText, ...override };
    contactIds = contacts;
  } else if (route) {
    const { title: _title, contacts, ...override } = route;
    text = { ...levelText, ...override };
    contactIds = contacts ?? levelContacts;
  }
  const concernContacts = (request.concerns ?? []).flatMap((id) => index.concerns.get(id)?.contacts ?? []);
  const resolve = (ids: readonly string[]) => [...new Set(ids)].flatMap((id) => index.contacts.get(id) ?? []);

  return {
    ...text,
    contacts: resolve([...contactIds, ...concernContacts]),
    advisory: document.advisory,
    ...(route && request.route && { route: { id: request.route, title: route.title } }),
    ...(request.immediateRisk && {
      immediateAction: {
        heading: document.immediateRisk.heading,
        steps: document.immediateRisk.steps,
        contacts: resolve(document.immediateRisk.contacts),
      },
    }),
  };
}
