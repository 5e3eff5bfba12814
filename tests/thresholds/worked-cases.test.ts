import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/domain/engine/assess.ts';
import { loadRealDocuments } from './real-documents.ts';

const documents = await loadRealDocuments();

describe.each(documents.map((entry) => [entry.document.id, entry] as const))('worked cases for %s', (_id, entry) => {
  it.each(entry.cases.map(({ file, workedCase }) => [path.basename(file), workedCase] as const))(
    '%s gives the expected level and deciding reasons',
    (_file, workedCase) => {
      const outcome = assess(entry.document, workedCase.answers);
      expect({
        level: outcome.suggestedLevel,
        immediateRisk: outcome.immediateRisk,
        reasons: outcome.reasons.map((reason) => reason.id).sort(),
      }).toEqual({ ...workedCase.expect, reasons: [...workedCase.expect.reasons].sort() });
    },
  );
});

describe('the St Helens worked cases cover what the writing group needs to see', () => {
  const stHelens = documents.find((entry) => entry.document.id === 'st-helens');
  const cases = stHelens?.cases.map((entry) => entry.workedCase) ?? [];
  const count = <T>(values: T[]) => values.reduce((map, v) => map.set(v, (map.get(v) ?? 0) + 1), new Map<T, number>());

  it('has at least 24 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(24);
  });

  it('sees cases from every agency that refers', () => {
    const agencies = count(cases.map((c) => c.agency));
    for (const agency of ['health-visitor', 'school', 'police', 'voluntary-sector', 'gp', 'housing'] as const) {
      expect(agencies.get(agency) ?? 0, agency).toBeGreaterThanOrEqual(2);
    }
  });

  it('reaches every level and every age band, and includes immediate risk', () => {
    const levels = count(cases.map((c) => c.expect.level));
    const bands = count(cases.map((c) => c.answers.ageBand));
    for (const level of stHelens?.document.levels ?? []) expect(levels.get(level.level) ?? 0).toBeGreaterThanOrEqual(2);
    for (const band of stHelens?.document.ageBands ?? []) expect(bands.get(band.id) ?? 0, band.id).toBeGreaterThanOrEqual(1);
    expect(cases.filter((c) => c.expect.immediateRisk).length).toBeGreaterThanOrEqual(3);
  });

  it('shows every escalation rule deciding at least one case', () => {
    const decidingRules = new Set(cases.flatMap((c) => c.expect.reasons));
    for (const rule of stHelens?.document.rules ?? []) expect(decidingRules.has(rule.id), rule.id).toBe(true);
  });
});
