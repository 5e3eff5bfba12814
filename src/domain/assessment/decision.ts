/**
 * The practitioner's decision about a child's level. The engine suggests; the practitioner
 * decides. Every screen after the result leads with the decided level and that level's guidance
 * (consent, who to contact, next steps), and shows the suggestion with its reasons beside it.
 */
import type { Assessment, Reason } from '../engine/assess.ts';
import { concernOf, indexDocument } from '../engine/document-index.ts';
import { levelResponse, type LevelResponse } from '../engine/level-response.ts';
import type { Contact, ThresholdsDocument } from '../thresholds/schema.ts';
import type { DraftContent } from './draft.ts';

export interface LevelDecision {
  /** The level that guides what happens next: the practitioner's override, or the suggestion. */
  level: number;
  /** True when the practitioner chose another level and recorded why. */
  overridden: boolean;
  /** The practitioner's reasons for another level, as typed. */
  rationale?: string;
  /** What `level` asks for: consent, who leads, next steps, contacts. */
  response: LevelResponse;
  suggestedLevel: number;
  suggestedName: string;
  /** Why the engine suggested its level. */
  suggestedReasons: readonly Reason[];
  immediateRisk: boolean;
}

type Override = DraftContent['override'];

/** An override counts once it names another level the document has, with a rationale. */
function overriddenLevel(document: ThresholdsDocument, assessment: Assessment, override: Override) {
  if (override.agrees !== 'no' || override.level === undefined) return undefined;
  if (override.level === assessment.suggestedLevel) return undefined;
  if (!document.levels.some((level) => level.level === override.level)) return undefined;
  if (!override.rationale?.trim()) return undefined;
  return override.level;
}

/** The concerns behind the chosen indicators, so their own contacts follow an override too. */
function chosenConcerns(document: ThresholdsDocument, assessment: Assessment): string[] {
  const { indicators } = indexDocument(document);
  return [
    ...new Set(
      assessment.chosen.flatMap((reason) => {
        const indicator = indicators.get(reason.id);
        return indicator ? [concernOf(indicator)] : [];
      }),
    ),
  ];
}

/**
 * The decision for an assessed draft: the practitioner's level when they overrode the suggestion
 * with a rationale, otherwise the suggested level, with the document's response for that level.
 * The immediate-danger steps follow the concerns, not the level, so they stay after an override.
 */
export function decideLevel(
  document: ThresholdsDocument,
  assessment: Assessment,
  override: Override = {},
): LevelDecision {
  const chosen = overriddenLevel(document, assessment, override);
  const level = chosen ?? assessment.suggestedLevel;
  return {
    level,
    overridden: chosen !== undefined,
    rationale: chosen !== undefined ? override.rationale : undefined,
    response:
      chosen === undefined
        ? assessment.response
        : levelResponse(document, {
            level,
            ageBand: assessment.ageBand,
            immediateRisk: assessment.immediateRisk,
            concerns: chosenConcerns(document, assessment),
          }),
    suggestedLevel: assessment.suggestedLevel,
    suggestedName: assessment.response.name,
    suggestedReasons: assessment.reasons,
    immediateRisk: assessment.immediateRisk,
  };
}

export interface ConcernGroup {
  level: number;
  name: string;
  concerns: readonly (Reason & { deciding: boolean })[];
}

/**
 * Every chosen concern, grouped by level (highest first), each marked when it set the suggested
 * level, so a result never hides a concern that was ticked.
 */
export function concernsByLevel(document: ThresholdsDocument, assessment: Assessment): ConcernGroup[] {
  const deciding = new Set(assessment.reasons.map((reason) => reason.id));
  return [...document.levels]
    .sort((a, b) => b.level - a.level)
    .map((level) => ({
      level: level.level,
      name: level.name,
      concerns: assessment.chosen
        .filter((reason) => reason.level === level.level)
        .map((reason) => ({ ...reason, deciding: deciding.has(reason.id) })),
    }))
    .filter((group) => group.concerns.length > 0);
}

/**
 * The contacts for the first screen of a result: the level's first contact that can be phoned, and
 * when that line keeps office hours, the specialist level's line that answers at other times (the
 * out-of-hours service), so a practitioner at a door at night knows whom to ring.
 */
export function firstContacts(document: ThresholdsDocument, response: LevelResponse): Contact[] {
  const first = response.contacts.find((contact) => contact.phone) ?? response.contacts[0];
  if (!first?.phone || !first.hours) return first ? [first] : [];
  const highest = Math.max(...document.levels.map((level) => level.level));
  const specialistIds = document.levels.find((level) => level.level === highest)?.contacts ?? [];
  const otherHours = specialistIds
    .map((id) => document.contacts.find((contact) => contact.id === id))
    .find((contact) => contact?.phone && contact.hours && contact.id !== first.id && contact.hours !== first.hours);
  return otherHours ? [first, otherHours] : [first];
}
