import type { Indicator, Rule, ThresholdsDocument } from '../../src/domain/thresholds/schema.ts';
import { smallDocument } from './small-document.ts';

const CONCERN_OF: Record<string, string> = {
  'child-well': 'child-care',
  'child-worry': 'child-care',
  'child-serious': 'child-care',
  'child-injury': 'child-injury',
  'home-dirty': 'home-conditions',
  'home-chaos': 'home-conditions',
  'home-cold': 'home-cold',
  'home-drink': 'home-drink',
};

const CONCERNS = [
  {
    id: 'child-care',
    title: 'Care of the child',
    domains: ['child'],
    themes: ['neglect'],
    keywords: [],
    contacts: ['family-hub'],
  },
  { id: 'child-injury', title: 'An injury', domains: ['child'], themes: [], keywords: [], contacts: [] },
  {
    id: 'home-conditions',
    title: 'The state of the home',
    domains: ['home'],
    themes: ['neglect', 'drink'],
    keywords: [],
    contacts: [],
  },
  { id: 'home-cold', title: 'A cold home', domains: ['home'], themes: ['neglect'], keywords: [], contacts: [] },
  { id: 'home-drink', title: 'Drink at home', domains: ['home'], themes: ['drink'], keywords: [], contacts: [] },
];

/**
 * The small document in the v2 shape: indicators grouped into concerns (child-care and
 * home-conditions are ladders), level 4 split into two routes, and a response of its own for
 * the "older" age band at level 2.
 */
export function concernDocument(rules: Rule[] = []): ThresholdsDocument {
  const base = smallDocument(rules);
  const concernThemes = new Map(CONCERNS.map((concern) => [concern.id, concern.themes]));
  const withConcern = (indicator: Indicator): Indicator => {
    const concern = CONCERN_OF[indicator.id] ?? indicator.id;
    return {
      ...indicator,
      concern,
      themes: concernThemes.get(concern) ?? [],
      ...(indicator.level === 4 && { route: 'significant-harm' as const }),
    };
  };
  return {
    ...base,
    contacts: [...base.contacts, { id: 'family-hub', name: 'Family hub', phone: '01632 960002', verify: false }],
    concerns: CONCERNS,
    retired: [{ id: 'child-old-worry', replacedBy: 'child-worry', since: '1.1.0', reason: 'Merged.' }],
    levels: base.levels.map((level) => {
      if (level.level === 2) {
        return {
          ...level,
          forAgeBands: [
            {
              ageBands: ['older'],
              name: 'Level 2 for young adults',
              whoLeads: 'adult lead',
              consent: 'adult consent',
              offer: [{ service: 'adult service', description: 'adult offer' }],
              nextSteps: ['adult step'],
              contacts: ['family-hub'],
            },
          ],
        };
      }
      if (level.level !== 4) return level;
      return {
        ...level,
        routes: {
          'child-in-need': { title: 'Child in need', whoLeads: 'section 17 lead', consent: 'consent needed' },
          'significant-harm': { title: 'Significant harm', consent: 'no consent needed', contacts: ['emergency'] },
        },
      };
    }),
    domains: base.domains.map((domain) => ({ ...domain, indicators: domain.indicators.map(withConcern) })),
  };
}
