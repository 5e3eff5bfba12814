import { describe, expect, it } from 'vitest';
import { loadRealDocuments } from './real-documents.ts';

const documents = await loadRealDocuments();
const stHelens = documents.find((entry) => entry.document.id === 'st-helens')?.document;

describe('the documents that ship', () => {
  it('include St Helens and a three-level example, each valid', () => {
    expect(documents.map((entry) => [entry.document.id, entry.document.levels.length])).toEqual([
      ['example-three-levels', 3],
      ['st-helens', 4],
    ]);
  });

  it('give St Helens at least 180 indicators, at every level and in every age band', () => {
    const indicators = stHelens?.domains.flatMap((domain) => domain.indicators) ?? [];
    expect(indicators.length).toBeGreaterThanOrEqual(180);
    for (const level of [1, 2, 3, 4]) expect(indicators.some((i) => i.level === level)).toBe(true);
    for (const band of stHelens?.ageBands ?? []) expect(indicators.some((i) => i.ageBands.includes(band.id)), band.id).toBe(true);
  });

  it('keep St Helens marked as a draft that says which labels are unverified', () => {
    expect(stHelens?.status).toBe('draft');
    expect(stHelens?.unverified.join(' ')).toMatch(/level/i);
  });

  it('mark every St Helens phone contact from public sources for verification, except national numbers', () => {
    const local = stHelens?.contacts.filter((c) => c.phone && !['999', '101'].includes(c.phone)) ?? [];
    expect(local.length).toBeGreaterThan(0);
    for (const contact of local) expect(contact.verify, contact.id).toBe(true);
  });

  it('offer more than one service at every St Helens level', () => {
    for (const level of stHelens?.levels ?? []) expect(level.offer.length, level.name).toBeGreaterThanOrEqual(2);
  });

  it('cover every cross-cutting theme the issue names with at least one indicator', () => {
    const themes = new Set(stHelens?.domains.flatMap((d) => d.indicators.flatMap((i) => i.themes)));
    for (const theme of [
      'domestic-abuse',
      'sexual-exploitation',
      'criminal-exploitation',
      'missing',
      'fgm',
      'radicalisation',
      'private-fostering',
      'substance-misuse',
      'parental-mental-health',
      'disability-send',
      'young-carers',
      'online-harm',
      'neglect',
      'prebirth',
    ]) {
      expect(themes.has(theme), theme).toBe(true);
    }
  });
});
