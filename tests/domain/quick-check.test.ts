import { describe, expect, it } from 'vitest';
import { draftContentFromQuickCheck, restoreQuickCheck } from '../../src/domain/assessment/quick-check.ts';
import { smallDocument } from './small-document.ts';

const document = smallDocument();

describe('restoreQuickCheck', () => {
  it('brings back the age band and ticked concerns', () => {
    expect(
      restoreQuickCheck(document, { documentId: 'small', ageBand: 'young', indicators: ['child-injury'] }),
    ).toEqual({
      documentId: 'small',
      ageBand: 'young',
      indicators: ['child-injury'],
    });
  });

  it('drops concerns the document no longer has or that do not apply at that age', () => {
    expect(
      restoreQuickCheck(document, {
        documentId: 'small',
        ageBand: 'older',
        indicators: ['child-injury', 'retired', 'home-cold'],
      }).indicators,
    ).toEqual(['home-cold']);
  });

  it('starts afresh for unreadable answers, another area or an age band that has gone', () => {
    const empty = { documentId: 'small', indicators: [] };
    expect(restoreQuickCheck(document, 'not json')).toEqual(empty);
    expect(restoreQuickCheck(document, { documentId: 'other', ageBand: 'young', indicators: [] })).toEqual(empty);
    expect(restoreQuickCheck(document, { documentId: 'small', ageBand: 'gone', indicators: ['home-cold'] })).toEqual(
      empty,
    );
  });

  it('refuses anything besides the age band and ids, so no typed text is ever kept', () => {
    expect(
      restoreQuickCheck(document, { documentId: 'small', ageBand: 'young', indicators: [], name: 'A child' }),
    ).toEqual({ documentId: 'small', indicators: [] });
  });
});

describe('draftContentFromQuickCheck', () => {
  it('starts an assessment with the age band and every ticked concern', () => {
    const content = draftContentFromQuickCheck({
      documentId: 'small',
      ageBand: 'young',
      indicators: ['child-injury', 'home-cold'],
    });
    expect(content.concern.ageBand).toBe('young');
    expect(content.indicators).toEqual(['child-injury', 'home-cold']);
    expect(content.referrer).toEqual({});
  });
});
