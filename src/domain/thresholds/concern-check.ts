/**
 * Checks on concerns, the v2 heart of the document: every indicator belongs to one declared
 * concern, lives in its concern's home domain file, and a concern's indicators form a ladder
 * (at most one per level, immediate risk never dropping as the level rises). Also the level-4
 * routes and the retired ids. Each problem points at the exact place in the writing group's files.
 */
import type { DataPath, SourceProblem } from './problem.ts';
import type { DocumentFile, DomainFile } from './schema.ts';

export interface DomainSource {
  file: string;
  data: DomainFile;
}

/** The level at which the two statutory routes apply. */
export const ROUTE_LEVEL = 4;

interface PlacedIndicator {
  file: string;
  path: DataPath;
  id: string;
  level: number;
  immediateRisk: boolean;
}

export interface KnownIds {
  ageBands: ReadonlySet<string>;
  themes: ReadonlySet<string>;
  contacts: ReadonlySet<string>;
}

export function checkConcerns(documentFileName: string, documentFile: DocumentFile, domains: readonly DomainSource[], known: KnownIds): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const inDocument = (path: DataPath, message: string) => problems.push({ file: documentFileName, path, message });
  const unknown = (path: DataPath, kind: string, set: ReadonlySet<string>, id: string) => {
    if (!set.has(id)) inDocument(path, `unknown ${kind} "${id}": it must be one of the ${kind} ids in document.yaml`);
  };

  const domainIds = new Set(documentFile.domains);
  const concerns = new Map(documentFile.concerns.map((concern) => [concern.id, concern]));
  documentFile.concerns.forEach((concern, ci) => {
    concern.domains.forEach((id, di) => {
      if (!domainIds.has(id)) inDocument(['concerns', ci, 'domains', di], `unknown domain "${id}": it must be one of the ids listed under domains`);
    });
    concern.themes.forEach((id, ti) => unknown(['concerns', ci, 'themes', ti], 'theme', known.themes, id));
    concern.contacts.forEach((id, ki) => unknown(['concerns', ci, 'contacts', ki], 'contact', known.contacts, id));
  });

  const ladders = new Map<string, PlacedIndicator[]>();
  const live = new Set<string>();
  for (const domain of domains) {
    domain.data.subDomains.forEach((subDomain, si) =>
      subDomain.indicators.forEach((indicator, ii) => {
        const path = ['subDomains', si, 'indicators', ii];
        const at = (field: string, message: string) => problems.push({ file: domain.file, path: [...path, field], message });
        live.add(indicator.id);
        if (indicator.level === ROUTE_LEVEL && !indicator.route) {
          at('level', `a level ${ROUTE_LEVEL} indicator needs a route: child-in-need (section 17, the family's consent is needed) or significant-harm (section 47)`);
        }
        if (indicator.level !== ROUTE_LEVEL && indicator.route) at('route', `route is only for level ${ROUTE_LEVEL} indicators: remove it here`);
        const concern = concerns.get(indicator.concern);
        if (!concern) {
          at('concern', `unknown concern "${indicator.concern}": it must be one of the concern ids in document.yaml`);
          return;
        }
        const home = concern.domains[0];
        if (home !== domain.data.id) {
          at('concern', `the concern "${concern.id}" lives in ${home}.yaml (the first of its domains), so its indicators must be there too`);
        }
        const ladder = ladders.get(concern.id) ?? [];
        const sameLevel = ladder.find((other) => other.level === indicator.level);
        if (sameLevel) {
          at('level', `the concern "${concern.id}" already has a level ${indicator.level} indicator, "${sameLevel.id}": a concern has at most one indicator per level`);
        }
        ladder.push({ file: domain.file, path, id: indicator.id, level: indicator.level, immediateRisk: indicator.immediateRisk });
        ladders.set(concern.id, ladder);
      }),
    );
  }

  documentFile.concerns.forEach((concern, ci) => {
    const ladder = [...(ladders.get(concern.id) ?? [])].sort((a, b) => a.level - b.level);
    if (!ladder.length) inDocument(['concerns', ci, 'id'], `the concern "${concern.id}" has no indicators: give it one, or remove it`);
    const firstAtRisk = ladder.find((indicator) => indicator.immediateRisk);
    for (const indicator of ladder) {
      if (firstAtRisk && indicator.level > firstAtRisk.level && !indicator.immediateRisk) {
        problems.push({
          file: indicator.file,
          path: [...indicator.path, 'level'],
          message: `immediateRisk must be true here too: the concern's lower level indicator "${firstAtRisk.id}" is marked immediateRisk`,
        });
      }
    }
  });

  documentFile.rules.forEach((rule, ri) => {
    if (rule.then.level === ROUTE_LEVEL && !rule.then.route) {
      inDocument(['rules', ri, 'then', 'level'], `a rule that gives level ${ROUTE_LEVEL} needs a route: child-in-need or significant-harm`);
    }
    if (rule.then.level !== ROUTE_LEVEL && rule.then.route) inDocument(['rules', ri, 'then', 'route'], `route is only for rules that give level ${ROUTE_LEVEL}`);
  });

  documentFile.levels.forEach((level, li) => {
    if (level.routes && level.level !== ROUTE_LEVEL) inDocument(['levels', li, 'routes'], `routes are only for level ${ROUTE_LEVEL}`);
    for (const [route, response] of Object.entries(level.routes ?? {})) {
      response.contacts?.forEach((id, ki) => unknown(['levels', li, 'routes', route, 'contacts', ki], 'contact', known.contacts, id));
    }
    level.forAgeBands?.forEach((response, ri) => {
      response.ageBands.forEach((id, bi) => unknown(['levels', li, 'forAgeBands', ri, 'ageBands', bi], 'age band', known.ageBands, id));
      response.contacts.forEach((id, ki) => unknown(['levels', li, 'forAgeBands', ri, 'contacts', ki], 'contact', known.contacts, id));
    });
  });

  const retired = new Set<string>();
  documentFile.retired.forEach((entry, ri) => {
    if (retired.has(entry.id)) inDocument(['retired', ri, 'id'], `"${entry.id}" is listed as retired twice`);
    retired.add(entry.id);
    if (live.has(entry.id)) inDocument(['retired', ri, 'id'], `"${entry.id}" is retired but an indicator still uses that id: ids are never reused`);
    if (entry.replacedBy !== undefined && !live.has(entry.replacedBy)) {
      inDocument(['retired', ri, 'replacedBy'], `replacedBy must name a live indicator ("${entry.replacedBy}" is not one)`);
    }
  });

  return problems;
}
