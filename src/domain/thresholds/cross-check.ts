/**
 * Checks that need the whole document: ids that must be unique, and names that must refer to
 * something defined elsewhere (age bands, themes, contacts, indicators, levels). Each problem
 * points at the exact place in the writing group's files.
 */
import { checkConcerns, type DomainSource } from './concern-check.ts';
import type { DataPath, SourceProblem } from './problem.ts';
import type { DocumentFile } from './schema.ts';

export type { DomainSource };

interface Defined {
  file: string;
  path: DataPath;
}

function listLevels(levels: readonly number[]): string {
  if (levels.length === 1) return String(levels[0]);
  return `${levels.slice(0, -1).join(', ')} or ${levels.at(-1)}`;
}

export function crossCheck(documentFileName: string, documentFile: DocumentFile, domains: readonly DomainSource[]): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const inDocument = (path: DataPath, message: string) => problems.push({ file: documentFileName, path, message });

  const definedLevels = documentFile.levels.map((l) => l.level);
  const levelSet = new Set(definedLevels);
  documentFile.levels.forEach((level, index) => {
    if (level.level !== index + 1) {
      inDocument(['levels', index, 'level'], `levels must be listed in order 1, 2, 3 … with none missing: expected ${index + 1} here (found ${level.level})`);
    }
  });
  const levelsText = listLevels([...levelSet].sort());
  const checkLevel = (file: string, path: DataPath, level: number) => {
    if (!levelSet.has(level)) problems.push({ file, path, message: `level must be ${levelsText} (found ${level})` });
  };

  const uniqueIds = <T extends { id: string }>(kind: string, items: readonly T[], where: (index: number) => Defined) => {
    const seen = new Map<string, Defined>();
    items.forEach((item, index) => {
      const here = where(index);
      const first = seen.get(item.id);
      if (first) problems.push({ ...here, path: [...here.path, 'id'], message: `duplicate ${kind} id "${item.id}" (first used in ${first.file})` });
      else seen.set(item.id, here);
    });
    return new Set(seen.keys());
  };

  const ageBandIds = uniqueIds('age band', documentFile.ageBands, (i) => ({ file: documentFileName, path: ['ageBands', i] }));
  const themeIds = uniqueIds('theme', documentFile.themes, (i) => ({ file: documentFileName, path: ['themes', i] }));
  const contactIds = uniqueIds('contact', documentFile.contacts, (i) => ({ file: documentFileName, path: ['contacts', i] }));
  uniqueIds('rule', documentFile.rules, (i) => ({ file: documentFileName, path: ['rules', i] }));
  uniqueIds('concern', documentFile.concerns, (i) => ({ file: documentFileName, path: ['concerns', i] }));
  uniqueIds('agency', documentFile.agencies, (i) => ({ file: documentFileName, path: ['agencies', i] }));

  const checkKnown = (file: string, path: DataPath, kind: string, known: Set<string>, id: string) => {
    if (!known.has(id)) problems.push({ file, path, message: `unknown ${kind} "${id}": it must be one of the ${kind} ids in document.yaml` });
  };

  documentFile.levels.forEach((level, li) =>
    level.contacts.forEach((id, ci) => checkKnown(documentFileName, ['levels', li, 'contacts', ci], 'contact', contactIds, id)),
  );
  documentFile.immediateRisk.contacts.forEach((id, ci) => checkKnown(documentFileName, ['immediateRisk', 'contacts', ci], 'contact', contactIds, id));

  domains.forEach((domain, di) => {
    const listed = documentFile.domains[di];
    if (listed !== undefined && domain.data.id !== listed) {
      problems.push({ file: domain.file, path: ['id'], message: `id must be "${listed}", the name this file is listed under in document.yaml (found "${domain.data.id}")` });
    }
  });

  const indicatorIds = new Map<string, Defined>();
  const subDomainIds = new Map<string, Defined>();
  for (const domain of domains) {
    domain.data.subDomains.forEach((subDomain, si) => {
      const subPath = ['subDomains', si];
      const firstSub = subDomainIds.get(subDomain.id);
      if (firstSub) problems.push({ file: domain.file, path: [...subPath, 'id'], message: `duplicate sub-domain id "${subDomain.id}" (first used in ${firstSub.file})` });
      else subDomainIds.set(subDomain.id, { file: domain.file, path: subPath });

      subDomain.indicators.forEach((indicator, ii) => {
        const path = [...subPath, 'indicators', ii];
        const first = indicatorIds.get(indicator.id);
        if (first) problems.push({ file: domain.file, path: [...path, 'id'], message: `duplicate indicator id "${indicator.id}" (first used in ${first.file})` });
        else indicatorIds.set(indicator.id, { file: domain.file, path });
        checkLevel(domain.file, [...path, 'level'], indicator.level);
        indicator.ageBands.forEach((id, bi) => checkKnown(domain.file, [...path, 'ageBands', bi], 'age band', ageBandIds, id));
        const topLevel = Math.max(...definedLevels);
        if (indicator.immediateRisk && indicator.level !== topLevel) {
          problems.push({ file: domain.file, path: [...path, 'level'], message: `an indicator marked immediateRisk must be at the highest level, ${topLevel} (found ${indicator.level})` });
        }
      });
    });
  }

  const domainIds = new Set(documentFile.domains);
  documentFile.rules.forEach((rule, ri) => {
    const path = ['rules', ri];
    checkLevel(documentFileName, [...path, 'then', 'level'], rule.then.level);
    const { when } = rule;
    for (const key of ['allOf', 'anyOf'] as const) {
      when[key]?.forEach((id, i) => {
        if (!indicatorIds.has(id)) inDocument([...path, 'when', key, i], `unknown indicator "${id}": no domain file defines it`);
      });
    }
    when.ageBands?.forEach((id, i) => checkKnown(documentFileName, [...path, 'when', 'ageBands', i], 'age band', ageBandIds, id));
    when.count?.themes?.forEach((id, i) => checkKnown(documentFileName, [...path, 'when', 'count', 'themes', i], 'theme', themeIds, id));
    if (when.count?.minLevel !== undefined) checkLevel(documentFileName, [...path, 'when', 'count', 'minLevel'], when.count.minLevel);
    if (when.count?.domain !== undefined && !domainIds.has(when.count.domain)) {
      inDocument([...path, 'when', 'count', 'domain'], `unknown domain "${when.count.domain}": it must be one of the ids listed under domains`);
    }
  });

  problems.push(...checkConcerns(documentFileName, documentFile, domains, { ageBands: ageBandIds, themes: themeIds, contacts: contactIds }));
  return problems;
}
