import type { Indicator, Rule, ThresholdsDocument } from '../../src/domain/thresholds/schema.ts';

const indicator = (id: string, level: number, domain: string, extra: Partial<Indicator> = {}): Indicator => ({
  id,
  level,
  text: `${id} text`,
  ageBands: ['young', 'older'],
  themes: [],
  immediateRisk: false,
  domain,
  subDomain: `${domain}-sub`,
  ...extra,
});

const rule = (id: string, when: Rule['when'], level: number, immediateRisk = false): Rule => ({
  id,
  title: `${id} title`,
  explanation: `${id} explanation`,
  when,
  then: { level, immediateRisk },
});

/** A small four-level document written for the engine's tests: every rule shape appears once. */
export function smallDocument(rules: Rule[] = []): ThresholdsDocument {
  const level = (n: number) => ({
    level: n,
    name: `Level ${n}`,
    summary: `summary ${n}`,
    whoLeads: `lead ${n}`,
    consent: `consent ${n}`,
    offer: [{ service: `service ${n}`, description: `offer ${n}` }],
    nextSteps: [`step ${n}`],
    contacts: n === 4 ? ['front-door'] : [],
  });
  return {
    id: 'small',
    title: 'Small',
    area: 'Nowhere',
    publisher: 'Tests',
    version: '1.0.0',
    effectiveDate: '2026-01-01',
    status: 'draft',
    statusNote: 'test',
    unverified: [],
    advisory: 'Use your judgement.',
    retentionDays: 30,
    changelog: [{ version: '1.0.0', date: '2026-01-01', changes: ['first'] }],
    ageBands: [
      { id: 'young', label: 'Young' },
      { id: 'older', label: 'Older' },
    ],
    themes: [
      { id: 'neglect', title: 'Neglect' },
      { id: 'drink', title: 'Drink' },
    ],
    contacts: [
      { id: 'front-door', name: 'Front door', phone: '01632 960001', verify: false },
      { id: 'emergency', name: 'Emergency', phone: '999', verify: false },
    ],
    levels: [1, 2, 3, 4].map(level),
    immediateRisk: { heading: 'Danger now', steps: ['Ring 999'], contacts: ['emergency', 'front-door'] },
    rules,
    agencies: [],
    concerns: [],
    retired: [],
    domains: [
      {
        id: 'child',
        title: 'Child',
        summary: 'child',
        subDomains: [{ id: 'child-sub', title: 'Child sub' }],
        indicators: [
          indicator('child-well', 1, 'child'),
          indicator('child-worry', 2, 'child', { themes: ['neglect'] }),
          indicator('child-serious', 3, 'child'),
          indicator('child-injury', 4, 'child', { immediateRisk: true, ageBands: ['young'] }),
        ],
      },
      {
        id: 'home',
        title: 'Home',
        summary: 'home',
        subDomains: [{ id: 'home-sub', title: 'Home sub' }],
        indicators: [
          indicator('home-dirty', 2, 'home', { themes: ['neglect'] }),
          indicator('home-cold', 2, 'home', { themes: ['neglect'] }),
          indicator('home-drink', 2, 'home', { themes: ['drink'] }),
          indicator('home-chaos', 3, 'home', { themes: ['neglect', 'drink'] }),
        ],
      },
    ],
  };
}

export { rule };
