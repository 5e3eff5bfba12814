import { describe, expect, it } from 'vitest';
import { AnswersError, assess } from '../../src/domain/engine/assess.ts';
import { rule, smallDocument } from './small-document.ts';

const ids = (reasons: { id: string }[]) => reasons.map((reason) => reason.id);

describe('assess', () => {
  it('suggests the lowest level, with no reasons, when nothing is chosen', () => {
    const result = assess(smallDocument(), { ageBand: 'young', indicators: [] });
    expect(result.suggestedLevel).toBe(1);
    expect(result.reasons).toEqual([]);
    expect(result.immediateRisk).toBe(false);
    expect(result.response.name).toBe('Level 1');
    expect(result.response.immediateAction).toBeUndefined();
  });

  it('suggests the highest chosen level and gives only the indicators at that level as reasons', () => {
    const result = assess(smallDocument(), {
      ageBand: 'older',
      indicators: ['child-worry', 'child-serious', 'child-well'],
    });
    expect(result.suggestedLevel).toBe(3);
    expect(result.reasons).toEqual([
      {
        kind: 'indicator',
        id: 'child-serious',
        level: 3,
        text: 'child-serious text',
        heading: 'Child',
        immediateRisk: false,
      },
    ]);
    expect(ids(result.chosen)).toEqual(['child-serious', 'child-worry', 'child-well']);
  });

  it('gives the response for the suggested level, with its contacts spelled out', () => {
    const result = assess(smallDocument(), { ageBand: 'older', indicators: ['child-worry'] });
    expect(result.response).toEqual({
      level: 2,
      name: 'Level 2',
      summary: 'summary 2',
      whoLeads: 'lead 2',
      consent: 'consent 2',
      offer: [{ service: 'service 2', description: 'offer 2' }],
      nextSteps: ['step 2'],
      contacts: [],
      advisory: 'Use your judgement.',
    });
  });

  it('raises the level when several concerns across domains add up', () => {
    const document = smallDocument([rule('adding-up', { count: { atLeast: 3, minLevel: 2, acrossDomains: 2 } }, 3)]);
    const result = assess(document, { ageBand: 'older', indicators: ['child-worry', 'home-dirty', 'home-cold'] });
    expect(result.suggestedLevel).toBe(3);
    expect(result.reasons).toEqual([
      {
        kind: 'rule',
        id: 'adding-up',
        level: 3,
        text: 'adding-up explanation',
        heading: 'adding-up title',
        immediateRisk: false,
      },
    ]);
  });

  it('does not raise the level when the concerns all sit in one domain and the rule asks for two', () => {
    const document = smallDocument([rule('adding-up', { count: { atLeast: 2, minLevel: 2, acrossDomains: 2 } }, 3)]);
    const result = assess(document, { ageBand: 'older', indicators: ['home-dirty', 'home-cold'] });
    expect(result.suggestedLevel).toBe(2);
    expect(result.rulesApplied).toEqual([]);
  });

  it('counts only indicators carrying the rule’s themes', () => {
    const document = smallDocument([rule('neglect', { count: { atLeast: 3, themes: ['neglect'] } }, 3)]);
    expect(
      assess(document, { ageBand: 'older', indicators: ['home-dirty', 'home-cold', 'home-drink'] }).suggestedLevel,
    ).toBe(2);
    expect(
      assess(document, { ageBand: 'older', indicators: ['home-dirty', 'home-cold', 'child-worry'] }).suggestedLevel,
    ).toBe(3);
  });

  it('needs the listed themes to appear together when the rule asks for several themes', () => {
    const document = smallDocument([
      rule('together', { count: { atLeast: 2, themes: ['neglect', 'drink'], acrossThemes: 2 } }, 3),
    ]);
    expect(assess(document, { ageBand: 'older', indicators: ['home-dirty', 'home-cold'] }).suggestedLevel).toBe(2);
    expect(assess(document, { ageBand: 'older', indicators: ['home-dirty', 'home-drink'] }).suggestedLevel).toBe(3);
  });

  it('applies a rule naming indicators only when all of them, or any of them, are chosen', () => {
    const document = smallDocument([
      rule('both', { allOf: ['child-worry', 'home-drink'] }, 4),
      rule('either', { anyOf: ['home-cold', 'home-dirty'] }, 3),
    ]);
    expect(assess(document, { ageBand: 'older', indicators: ['child-worry'] }).suggestedLevel).toBe(2);
    expect(assess(document, { ageBand: 'older', indicators: ['home-cold'] }).suggestedLevel).toBe(3);
    expect(assess(document, { ageBand: 'older', indicators: ['child-worry', 'home-drink'] }).suggestedLevel).toBe(4);
  });

  it('applies a rule limited to some age bands only for those age bands', () => {
    const document = smallDocument([
      rule('young-only', { ageBands: ['young'], count: { atLeast: 1, minLevel: 2 } }, 3),
    ]);
    expect(assess(document, { ageBand: 'young', indicators: ['child-worry'] }).suggestedLevel).toBe(3);
    expect(assess(document, { ageBand: 'older', indicators: ['child-worry'] }).suggestedLevel).toBe(2);
  });

  it('flags immediate risk and says what to do now, with the contacts to ring', () => {
    const document = smallDocument([rule('danger', { anyImmediateRisk: true }, 4, true)]);
    const result = assess(document, { ageBand: 'young', indicators: ['child-injury', 'child-worry'] });
    expect(result.suggestedLevel).toBe(4);
    expect(result.immediateRisk).toBe(true);
    expect(ids(result.reasons)).toEqual(['child-injury', 'danger']);
    expect(result.response.immediateAction).toEqual({
      heading: 'Danger now',
      steps: ['Ring 999'],
      contacts: [
        { id: 'emergency', name: 'Emergency', phone: '999', verify: false },
        { id: 'front-door', name: 'Front door', phone: '01632 960001', verify: false },
      ],
    });
  });

  it('counts an indicator chosen twice only once', () => {
    const document = smallDocument([rule('two', { count: { atLeast: 2 } }, 3)]);
    expect(assess(document, { ageBand: 'older', indicators: ['child-worry', 'child-worry'] }).suggestedLevel).toBe(2);
  });

  it('pins the document id and version in the result', () => {
    const result = assess(smallDocument(), { ageBand: 'older', indicators: [] });
    expect([result.documentId, result.documentVersion, result.ageBand]).toEqual(['small', '1.0.0', 'older']);
  });

  it.each([
    [{ ageBand: 'teen', indicators: [] }, 'unknown-age-band', 'teen', 'unknown age band "teen"'],
    [{ ageBand: 'older', indicators: ['nope'] }, 'unknown-indicator', 'nope', 'unknown indicator "nope"'],
    [
      { ageBand: 'older', indicators: ['child-injury'] },
      'not-for-age-band',
      'child-injury',
      'indicator "child-injury" does not apply to age band "older"',
    ],
  ])('refuses answers that do not fit the document: %j', (answers, code, id, message) => {
    const attempt = () => assess(smallDocument(), answers);
    expect(attempt).toThrow(AnswersError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ code, id });
    }
  });
});
