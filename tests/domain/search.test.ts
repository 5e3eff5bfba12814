import { describe, expect, it } from 'vitest';
import { searchIndicatorHits } from '../../src/domain/thresholds/search.ts';
import type { Concern, Indicator, ThresholdsDocument } from '../../src/domain/thresholds/schema.ts';
import { smallDocument } from './small-document.ts';

const concern = (id: string, title: string, keywords: string[]): Concern => ({
  id,
  title,
  domains: ['risks'],
  themes: [],
  keywords,
  contacts: [],
});
const indicator = (
  id: string,
  level: number,
  concernId: string,
  text: string,
  ageBands = ['young', 'older'],
): Indicator => ({
  id,
  level,
  text,
  ageBands,
  themes: [],
  immediateRisk: false,
  concern: concernId,
  domain: 'risks',
  subDomain: 'risks-sub',
});

/** A few indicators in the words of a descriptions-of-need document, with practitioners' keywords on their concerns. */
const document: ThresholdsDocument = {
  ...smallDocument(),
  concerns: [
    concern('self-harm', 'Self-harm and suicidal thoughts', ['suicide', 'suicidal', 'overdose', 'cutting']),
    concern('low-mood', 'Low mood and worry', ['anxiety', 'sad', 'self-harm']),
    concern('sexual-exploitation', 'Child sexual exploitation', ['CSE', 'sexting', 'nudes', 'grooming']),
    concern('criminal-exploitation', 'Child criminal exploitation', ['CCE', 'county lines', 'cuckooing']),
    concern('school-attendance', 'Going to school', ['truanting', 'truancy', 'school refusal', 'attendance', 'EBSA']),
    concern('parental-drink-or-drugs', 'Parental drink or drug use', ['alcohol', 'drunk', 'drugs', 'substance misuse']),
  ],
  domains: [
    {
      id: 'risks',
      title: 'Risks',
      summary: 'risks',
      subDomains: [{ id: 'risks-sub', title: 'Risks outside and inside the home' }],
      indicators: [
        indicator(
          'clingy-tearful',
          2,
          'low-mood',
          'The child is clingy, tearful and worried, and it has lasted for weeks.',
        ),
        indicator(
          'self-harm-cutting',
          3,
          'self-harm',
          'The young person hurts themselves on purpose, for example by cutting, or talks about self-harm.',
          ['older'],
        ),
        indicator(
          'sexual-exploitation',
          4,
          'sexual-exploitation',
          'The child is being sexually exploited, or groomed online or in person by an adult.',
        ),
        indicator(
          'criminal-exploitation',
          4,
          'criminal-exploitation',
          'The child is made to carry drugs or money for others.',
        ),
        // Before the need, so that document order alone would put it first.
        indicator('attends-school', 1, 'school-attendance', 'The child attends every day and arrives on time.'),
        indicator(
          'missing-school',
          2,
          'school-attendance',
          'The child often misses school or arrives late, with no good reason.',
        ),
        indicator(
          'drunk-and-aggressive',
          2,
          'parental-drink-or-drugs',
          'A parent is sometimes drunk and aggressive when the child is at home.',
        ),
        indicator(
          'parent-drinking',
          3,
          'parental-drink-or-drugs',
          "A parent's drinking means the child is not looked after properly.",
        ),
      ],
    },
  ],
};

const found = (query: string, ageBand?: string) =>
  searchIndicatorHits(document, query, ageBand).map((hit) => hit.indicator.id);

describe('searching in practitioners’ words', () => {
  it.each([
    ['suicide', ['self-harm-cutting']],
    ['CSE', ['sexual-exploitation']],
    ['cce', ['criminal-exploitation']],
    ['grooming', ['sexual-exploitation']],
    ['truanting', ['missing-school', 'attends-school']],
    ['sexting', ['sexual-exploitation']],
    ['school refusal', ['missing-school', 'attends-school']],
    ['atendance', ['missing-school', 'attends-school']],
  ])('finds "%s" through the concern’s keywords or a forgiven typo', (query, expected) => {
    expect(found(query)).toEqual(expected);
  });

  it('ranks the indicator whose own words match above one found through its keywords', () => {
    expect(found('self-harm')).toEqual(['self-harm-cutting', 'clingy-tearful']);
    expect(found('selfharm')).toEqual(['self-harm-cutting', 'clingy-tearful']);
  });

  it('ranks the need above the universal level when only the concern’s words for the worry find them', () => {
    // Both are found through "truanting" with the same score; the universal one says the child attends.
    expect(found('truanting')).toEqual(['missing-school', 'attends-school']);
    // Its own words still find it first.
    expect(found('attends every day')).toEqual(['attends-school']);
  });

  it('finds every indicator of a concern by its keyword, and the exact words first', () => {
    expect(found('alcohol').sort()).toEqual(['drunk-and-aggressive', 'parent-drinking']);
    expect(found('drunk and aggressive')[0]).toBe('drunk-and-aggressive');
  });

  it('falls back to any word when no indicator has them all', () => {
    expect(found('cutting truancy').sort()).toEqual(['attends-school', 'missing-school', 'self-harm-cutting']);
  });

  it('keeps to the age band, and finds nothing for an empty query', () => {
    expect(found('self-harm', 'young')).toEqual(['clingy-tearful']);
    expect(found('  and  ')).toEqual([]);
  });

  it('gives each hit a score, best first within the indicators whose own words match', () => {
    const hits = searchIndicatorHits(document, 'child');
    expect(hits.length).toBeGreaterThan(1);
    for (const [index, hit] of hits.entries())
      if (index > 0) expect(hit.score).toBeLessThanOrEqual(hits[index - 1]?.score ?? Infinity);
  });
});
