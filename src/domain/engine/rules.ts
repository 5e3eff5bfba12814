/**
 * Evaluates the document's escalation rules. Every condition counts or looks for chosen
 * indicators, so adding an indicator can make a rule hold but never stop it holding: the engine's
 * level can only rise as concerns are added.
 */
import type { Indicator, RuleCondition } from '../thresholds/schema.ts';

export function conditionHolds(when: RuleCondition, chosen: readonly Indicator[], ageBand: string): boolean {
  if (when.ageBands && !when.ageBands.includes(ageBand)) return false;
  if (when.anyImmediateRisk && !chosen.some((indicator) => indicator.immediateRisk)) return false;
  const chosenIds = new Set(chosen.map((indicator) => indicator.id));
  if (when.allOf && !when.allOf.every((id) => chosenIds.has(id))) return false;
  if (when.anyOf && !when.anyOf.some((id) => chosenIds.has(id))) return false;
  if (when.count) {
    const { atLeast, minLevel, themes, domain, acrossDomains, acrossThemes } = when.count;
    const counted = chosen.filter(
      (indicator) =>
        (minLevel === undefined || indicator.level >= minLevel) &&
        (domain === undefined || indicator.domain === domain) &&
        (themes === undefined || indicator.themes.some((theme) => themes.includes(theme))),
    );
    if (counted.length < atLeast) return false;
    if (acrossDomains !== undefined && new Set(counted.map((i) => i.domain)).size < acrossDomains) return false;
    if (acrossThemes !== undefined) {
      const present = new Set(counted.flatMap((i) => i.themes).filter((theme) => !themes || themes.includes(theme)));
      if (present.size < acrossThemes) return false;
    }
  }
  return true;
}
