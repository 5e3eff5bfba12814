import { describe, expect, it } from 'vitest';
import { assessmentSteps, quickCheckSteps, stepPosition } from '../../src/domain/assessment/steps.ts';
import { indicatorsByLevel, keepApplicable, searchIndicators } from '../../src/domain/thresholds/queries.ts';
import { smallDocument } from './small-document.ts';

const document = smallDocument();
const ids = (indicators: { id: string }[]) => indicators.map((indicator) => indicator.id);

describe('finding indicators', () => {
  it('groups a domain’s indicators by level, leaving out empty levels and other age bands', () => {
    expect(indicatorsByLevel(document, 'child', 'older').map((group) => [group.level, ids(group.indicators)])).toEqual([
      [1, ['child-well']],
      [2, ['child-worry']],
      [3, ['child-serious']],
    ]);
  });

  it('searches by the start of every word, in the text and in theme titles', () => {
    expect(ids(searchIndicators(document, 'serio'))).toEqual(['child-serious']);
    expect(ids(searchIndicators(document, 'NEGLECT')).sort()).toEqual([
      'child-worry',
      'home-chaos',
      'home-cold',
      'home-dirty',
    ]);
    expect(ids(searchIndicators(document, 'neglect home')).sort()).toEqual(['home-chaos', 'home-cold', 'home-dirty']);
    expect(ids(searchIndicators(document, 'injury', 'older'))).toEqual([]);
    expect(searchIndicators(document, '   ')).toEqual([]);
  });

  it('keeps only the chosen indicators that apply to a new age band', () => {
    expect(keepApplicable(document, 'older', ['child-injury', 'home-cold', 'child-well'])).toEqual([
      'home-cold',
      'child-well',
    ]);
  });
});

describe('the steps', () => {
  it('give an assessment one step per domain between the family’s details and the reflections', () => {
    expect(assessmentSteps(document).map((step) => step.slug)).toEqual([
      'about-you',
      'concern',
      'child',
      'family',
      'domain-child',
      'domain-home',
      'strengths',
      'child-voice',
      'tried',
      'result',
      'consent',
      'check',
    ]);
    expect(quickCheckSteps(document).map((step) => step.slug)).toEqual([
      'age',
      'domain-child',
      'domain-home',
      'result',
    ]);
  });

  it('know their number, the one before and the one after', () => {
    const position = stepPosition(assessmentSteps(document), 'domain-home');
    expect([position.number, position.total, position.previous?.slug, position.next?.slug]).toEqual([
      6,
      12,
      'domain-child',
      'strengths',
    ]);
  });
});
