/**
 * Evaluates the document's escalation rules. Counting is over distinct concerns, each once at the
 * highest level chosen for it, so ticking two wordings of one situation never counts it twice.
 * Every condition only grows as indicators are added, so a rule can start to hold but never stop
 * holding: the engine's level can only rise as concerns are added.
 */
import type { Indicator, RuleCondition } from '../thresholds/schema.ts';
import { concernOf, type DocumentIndex } from './document-index.ts';

export interface ChosenConcern {
  id: string;
  /** The highest level chosen for the concern. */
  level: number;
  /** The concern's home domain (the first of its domains). */
  domain: string;
  themes: readonly string[];
}

/** Each chosen concern once, at its highest chosen indicator. */
export function chosenConcerns(chosen: readonly Indicator[]): ChosenConcern[] {
  const highest = new Map<string, Indicator>();
  for (const indicator of chosen) {
    const concern = concernOf(indicator);
    const current = highest.get(concern);
    if (!current || indicator.level > current.level) highest.set(concern, indicator);
  }
  return [...highest].map(([id, indicator]) => ({
    id,
    level: indicator.level,
    domain: indicator.domain,
    themes: indicator.themes,
  }));
}

/** How many themes can each be matched to a different concern carrying it (bipartite matching). */
function matchedThemes(themes: readonly string[], concerns: readonly ChosenConcern[]): number {
  const owner = new Map<number, string>();
  const tryAssign = (theme: string, seen: Set<number>): boolean =>
    concerns.some((concern, position) => {
      if (!concern.themes.includes(theme) || seen.has(position)) return false;
      seen.add(position);
      const previous = owner.get(position);
      if (previous === undefined || tryAssign(previous, seen)) {
        owner.set(position, theme);
        return true;
      }
      return false;
    });
  return themes.filter((theme) => tryAssign(theme, new Set())).length;
}

/**
 * An `allOf`/`anyOf` id holds when that indicator is chosen, or when its concern is chosen at a
 * higher level: a higher rung of a ladder says everything the lower one does and more.
 */
function isMet(
  id: string,
  chosenIds: ReadonlySet<string>,
  concerns: ReadonlyMap<string, number>,
  index: DocumentIndex,
): boolean {
  if (chosenIds.has(id)) return true;
  const indicator = index.indicators.get(id);
  if (!indicator) return false;
  const reached = concerns.get(concernOf(indicator));
  return reached !== undefined && reached > indicator.level;
}

export function conditionHolds(
  when: RuleCondition,
  chosen: readonly Indicator[],
  ageBand: string,
  index: DocumentIndex,
): boolean {
  if (when.ageBands && !when.ageBands.includes(ageBand)) return false;
  if (when.anyImmediateRisk && !chosen.some((indicator) => indicator.immediateRisk)) return false;
  const concerns = chosenConcerns(chosen);
  const chosenIds = new Set(chosen.map((indicator) => indicator.id));
  const levels = new Map(concerns.map((concern) => [concern.id, concern.level]));
  if (when.allOf && !when.allOf.every((id) => isMet(id, chosenIds, levels, index))) return false;
  if (when.anyOf && !when.anyOf.some((id) => isMet(id, chosenIds, levels, index))) return false;
  if (when.count) {
    const { atLeast, minLevel, themes, domain, acrossDomains, acrossThemes } = when.count;
    const counted = concerns.filter(
      (concern) =>
        (minLevel === undefined || concern.level >= minLevel) &&
        (domain === undefined || concern.domain === domain) &&
        (themes === undefined || concern.themes.some((theme) => themes.includes(theme))),
    );
    if (counted.length < atLeast) return false;
    if (acrossDomains !== undefined && new Set(counted.map((concern) => concern.domain)).size < acrossDomains)
      return false;
    if (acrossThemes !== undefined) {
      const listed = themes ?? [...new Set(counted.flatMap((concern) => concern.themes))];
      if (matchedThemes(listed, counted) < acrossThemes) return false;
    }
  }
  return true;
}
