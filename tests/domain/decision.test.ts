import { describe, expect, it } from 'vitest';
import { concernsByLevel, decideLevel, firstContacts } from '../../src/domain/assessment/decision.ts';
import { assess } from '../../src/domain/engine/assess.ts';
import { levelResponse } from '../../src/domain/engine/level-response.ts';
import { smallDocument } from './small-document.ts';

const document = smallDocument();
const level4 = assess(document, { ageBand: 'young', indicators: ['child-injury', 'home-dirty'] });

describe('decideLevel', () => {
  it('follows the suggestion when the practitioner agrees', () => {
    const decision = decideLevel(document, level4, { agrees: 'yes' });
    expect(decision.level).toBe(4);
    expect(decision.overridden).toBe(false);
    expect(decision.response.consent).toBe('consent 4');
  });

  it("leads with the practitioner's level and that level's consent and contacts after an override", () => {
    const decision = decideLevel(document, level4, { agrees: 'no', level: 3, rationale: 'A medical explanation.' });
    expect(decision.level).toBe(3);
    expect(decision.overridden).toBe(true);
    expect(decision.rationale).toBe('A medical explanation.');
    expect(decision.response.consent).toBe('consent 3');
    expect(decision.response.nextSteps).toEqual(['step 3']);
    expect(decision.response.contacts).toEqual([]);
  });

  it('keeps the suggestion and its reasons beside the decision', () => {
    const decision = decideLevel(document, level4, { agrees: 'no', level: 3, rationale: 'Known to us.' });
    expect(decision.suggestedLevel).toBe(4);
    expect(decision.suggestedName).toBe('Level 4');
    expect(decision.suggestedReasons.map((reason) => reason.id)).toEqual(['child-injury']);
  });

  it('keeps the immediate-danger steps after an override, since they follow the concerns', () => {
    const decision = decideLevel(document, level4, { agrees: 'no', level: 2, rationale: 'Reasons.' });
    expect(decision.response.immediateAction?.heading).toBe('Danger now');
  });

  it('does not count an override until it has a rationale', () => {
    expect(decideLevel(document, level4, { agrees: 'no', level: 3, rationale: '  ' }).level).toBe(4);
    expect(decideLevel(document, level4, { agrees: 'no', level: 3 }).overridden).toBe(false);
  });

  it('ignores a saved override level the practitioner then agreed away from', () => {
    expect(decideLevel(document, level4, { agrees: 'yes', level: 3, rationale: 'Old reason.' }).level).toBe(4);
  });

  it('ignores an override to the suggested level or to a level the document lacks', () => {
    expect(decideLevel(document, level4, { agrees: 'no', level: 4, rationale: 'x' }).overridden).toBe(false);
    const threeLevels = { ...document, levels: document.levels.filter((level) => level.level !== 1) };
    expect(decideLevel(threeLevels, level4, { agrees: 'no', level: 1, rationale: 'x' }).overridden).toBe(false);
  });
});

describe('levelResponse', () => {
  it("gives a level's own consent, next steps and contacts", () => {
    const response = levelResponse(document, { level: 4, ageBand: 'young' });
    expect(response.consent).toBe('consent 4');
    expect(response.contacts.map((contact) => contact.id)).toEqual(['front-door']);
    expect(response.immediateAction).toBeUndefined();
  });

  it('adds what to do now when a child may be in immediate danger', () => {
    const response = levelResponse(document, { level: 2, ageBand: 'young', immediateRisk: true });
    expect(response.immediateAction?.contacts.map((contact) => contact.id)).toEqual(['emergency', 'front-door']);
  });
});

describe('concernsByLevel', () => {
  it('lists every chosen concern by level, highest first, marking the ones that set the level', () => {
    const assessment = assess(document, {
      ageBand: 'older',
      indicators: ['home-dirty', 'child-serious', 'child-worry'],
    });
    expect(
      concernsByLevel(document, assessment).map((group) => ({
        level: group.level,
        concerns: group.concerns.map((concern) => [concern.id, concern.deciding]),
      })),
    ).toEqual([
      { level: 3, concerns: [['child-serious', true]] },
      {
        level: 2,
        concerns: [
          ['child-worry', false],
          ['home-dirty', false],
        ],
      },
    ]);
  });
});

describe('firstContacts', () => {
  const withHours = smallDocument();
  withHours.contacts = [
    { id: 'front-door', name: 'Front door', phone: '01632 960001', hours: 'Weekdays', verify: false },
    { id: 'night', name: 'Night team', phone: '01632 960002', hours: 'Evenings and weekends', verify: false },
    { id: 'emergency', name: 'Emergency', phone: '999', hours: 'Any time', verify: false },
  ];
  withHours.levels = withHours.levels.map((level) =>
    level.level === 4
      ? { ...level, contacts: ['front-door', 'night'] }
      : level.level === 3
        ? { ...level, contacts: ['front-door'] }
        : level,
  );

  it("gives the level's first phone line and the specialist line for other hours", () => {
    const response = levelResponse(withHours, { level: 3, ageBand: 'young' });
    expect(firstContacts(withHours, response).map((contact) => contact.id)).toEqual(['front-door', 'night']);
  });

  it('gives only the first contact when it has no phone or keeps no office hours', () => {
    expect(firstContacts(withHours, levelResponse(withHours, { level: 1, ageBand: 'young' }))).toEqual([]);
    const anyTime = { ...withHours, contacts: withHours.contacts.map((contact) => ({ ...contact, hours: undefined })) };
    expect(firstContacts(anyTime, levelResponse(anyTime, { level: 3, ageBand: 'young' })).map((c) => c.id)).toEqual([
      'front-door',
    ]);
  });
});
