import { describe, expect, it } from 'vitest';
import { searchIndicatorHits } from '../../src/domain/thresholds/search.ts';
import { loadRealDocuments } from './real-documents.ts';

const documents = await loadRealDocuments();
const stHelens = documents.find((entry) => entry.document.id === 'st-helens')?.document;

describe('searching St Helens in practitioners’ words', () => {
  it('finds an absence indicator first for "truanting", not the one for a child who attends', () => {
    if (!stHelens) throw new Error('St Helens does not ship');
    const ids = searchIndicatorHits(stHelens, 'truanting').map((hit) => hit.indicator.id);
    expect(ids.slice(0, 3).sort()).toEqual([
      'learning-attendance-slipping',
      'learning-missing-from-education',
      'learning-persistent-absence',
    ]);
    expect(ids.at(-1)).toBe('learning-attends-and-progresses');
  });
});
