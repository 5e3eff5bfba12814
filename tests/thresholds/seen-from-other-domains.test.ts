import { describe, expect, it } from 'vitest';
import { seenFromOtherDomains } from '../../src/domain/thresholds/queries.ts';
import { loadRealDocuments } from './real-documents.ts';

const stHelens = (await loadRealDocuments()).find((entry) => entry.document.id === 'st-helens')?.document;
if (!stHelens) throw new Error('the St Helens document did not load');

describe('a concern seen from several domains', () => {
  it("is offered on each of its domains' pages, its ladder still one concern", () => {
    const onFamilyPage = seenFromOtherDomains(stHelens, 'family-environment', '5-11');
    const domesticAbuse = onFamilyPage.filter((indicator) => indicator.concern === 'domestic-abuse-between-adults');
    expect(domesticAbuse.map((indicator) => indicator.level)).toEqual([2, 3, 4]);
    expect(new Set(domesticAbuse.map((indicator) => indicator.domain))).toEqual(new Set(['specific-risks']));
  });

  it('is not repeated on its own home page, and keeps to the age band', () => {
    expect(seenFromOtherDomains(stHelens, 'specific-risks', '5-11').map((i) => i.concern)).not.toContain(
      'domestic-abuse-between-adults',
    );
    expect(seenFromOtherDomains(stHelens, 'family-environment', '5-11').every((i) => i.ageBands.includes('5-11'))).toBe(
      true,
    );
  });
});
