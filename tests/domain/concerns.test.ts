import { describe, expect, it } from 'vitest';
import { AnswersError, assess } from '../../src/domain/engine/assess.ts';
import { levelResponse } from '../../src/domain/engine/level-response.ts';
import { concernDocument } from './concern-document.ts';
import { rule } from './small-document.ts';

const level4 = (when: Parameters<typeof rule>[1], route: 'child-in-need' | 'significant-harm') => {
  const made = rule('serious', when, 4);
  return { ...made, then: { ...made.then, route } };
};

describe('counting concerns, not wordings', () => {
  it('counts a concern once however many of its rungs are chosen', () => {
    const document = concernDocument([rule('two-concerns', { count: { atLeast: 2, minLevel: 2 } }, 3)]);
    expect(assess(document, { ageBand: 'young', indicators: ['child-worry', 'child-serious'] }).rulesApplied).toEqual(
      [],
    );
    expect(assess(document, { ageBand: 'young', indicators: ['child-worry', 'home-cold'] }).suggestedLevel).toBe(3);
  });

  it('counts a concern at its highest chosen level', () => {
    const document = concernDocument([rule('two-serious', { count: { atLeast: 2, minLevel: 3 } }, 4)]);
    const result = assess(document, { ageBand: 'young', indicators: ['child-worry', 'child-serious', 'home-chaos'] });
    expect(result.rulesApplied.map((r) => r.id)).toEqual(['two-serious']);
  });

  it('does not let one concern with two themes satisfy both themes on its own', () => {
    const document = concernDocument([
      rule('both', { count: { atLeast: 1, themes: ['neglect', 'drink'], acrossThemes: 2 } }, 3),
    ]);
    expect(assess(document, { ageBand: 'young', indicators: ['home-chaos'] }).rulesApplied).toEqual([]);
    expect(assess(document, { ageBand: 'young', indicators: ['home-dirty'] }).rulesApplied).toEqual([]);
    expect(assess(document, { ageBand: 'young', indicators: ['home-dirty', 'home-drink'] }).suggestedLevel).toBe(3);
  });

  it('treats a named lower rung as met when its concern is chosen higher up', () => {
    const document = concernDocument([level4({ allOf: ['child-worry', 'home-cold'] }, 'child-in-need')]);
    expect(assess(document, { ageBand: 'young', indicators: ['child-serious', 'home-cold'] }).suggestedLevel).toBe(4);
    expect(assess(document, { ageBand: 'young', indicators: ['child-well', 'home-cold'] }).suggestedLevel).toBe(2);
  });
});

describe('the response at level 4 and for age bands', () => {
  it('gives the significant-harm route when a chosen level 4 indicator says so', () => {
    const result = assess(concernDocument(), { ageBand: 'young', indicators: ['child-injury'] });
    expect(result.response.route).toEqual({ id: 'significant-harm', title: 'Significant harm' });
    expect(result.response.consent).toBe('no consent needed');
    expect(result.response.whoLeads).toBe('lead 4');
  });

  it('gives the child-in-need route when only a child-in-need rule reached level 4', () => {
    const document = concernDocument([level4({ count: { atLeast: 2, minLevel: 3 } }, 'child-in-need')]);
    const result = assess(document, { ageBand: 'young', indicators: ['child-serious', 'home-chaos'] });
    expect(result.response.route).toEqual({ id: 'child-in-need', title: 'Child in need' });
    expect(result.response.consent).toBe('consent needed');
    expect(result.response.whoLeads).toBe('section 17 lead');
  });

  it('gives significant harm when the rule that reached level 4 says so', () => {
    const document = concernDocument([level4({ anyOf: ['home-chaos'] }, 'significant-harm')]);
    expect(assess(document, { ageBand: 'young', indicators: ['home-chaos'] }).response.route?.id).toBe(
      'significant-harm',
    );
  });

  it('adds the chosen concerns’ own contacts to the level’s', () => {
    const result = assess(concernDocument(), { ageBand: 'young', indicators: ['child-worry'] });
    expect(result.response.contacts.map((contact) => contact.id)).toEqual(['family-hub']);
  });

  it('builds the exact response for a chosen level, age band and route', () => {
    expect(
      levelResponse(concernDocument(), {
        level: 4,
        ageBand: 'young',
        route: 'child-in-need',
        concerns: ['child-care'],
      }),
    ).toEqual({
      level: 4,
      name: 'Level 4',
      summary: 'summary 4',
      whoLeads: 'section 17 lead',
      consent: 'consent needed',
      offer: [{ service: 'service 4', description: 'offer 4' }],
      nextSteps: ['step 4'],
      contacts: [
        { id: 'front-door', name: 'Front door', phone: '01632 960001', verify: false },
        { id: 'family-hub', name: 'Family hub', phone: '01632 960002', verify: false },
      ],
      advisory: 'Use your judgement.',
      route: { id: 'child-in-need', title: 'Child in need' },
    });
  });

  it('gives an age band its own response, which wins over the level’s', () => {
    expect(levelResponse(concernDocument(), { level: 2, ageBand: 'older', immediateRisk: true })).toEqual({
      level: 2,
      name: 'Level 2 for young adults',
      summary: 'summary 2',
      whoLeads: 'adult lead',
      consent: 'adult consent',
      offer: [{ service: 'adult service', description: 'adult offer' }],
      nextSteps: ['adult step'],
      contacts: [{ id: 'family-hub', name: 'Family hub', phone: '01632 960002', verify: false }],
      advisory: 'Use your judgement.',
      immediateAction: {
        heading: 'Danger now',
        steps: ['Ring 999'],
        contacts: [
          { id: 'emergency', name: 'Emergency', phone: '999', verify: false },
          { id: 'front-door', name: 'Front door', phone: '01632 960001', verify: false },
        ],
      },
    });
  });
});

describe('retired indicators in answers', () => {
  it('names the replacement', () => {
    const attempt = () => assess(concernDocument(), { ageBand: 'young', indicators: ['child-old-worry'] });
    expect(attempt).toThrow(AnswersError);
    expect(attempt).toThrow('indicator "child-old-worry" was retired in version 1.1.0: choose "child-worry" instead');
  });
});
