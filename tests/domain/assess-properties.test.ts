import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/domain/engine/assess.ts';
import { concernOf } from '../../src/domain/engine/document-index.ts';
import { loadRealDocuments } from '../thresholds/real-documents.ts';

const documents = (await loadRealDocuments()).map((entry) => entry.document);

interface SampledAnswers {
  ageBand: string;
  indicators: string[];
  extra: string | undefined;
}

describe.each(documents.map((document) => [document.id, document] as const))('the engine on %s', (_id, document) => {
  const all = document.domains.flatMap((domain) => domain.indicators);
  const levels = document.levels.map((level) => level.level);
  /** An age band, and a few indicators that apply to it, plus one more that also applies. */
  const answersWithOneMore = fc
    .constantFrom(...document.ageBands.map((band) => band.id))
    .chain((ageBand): fc.Arbitrary<SampledAnswers> => {
      const applicable = all.filter((i) => i.ageBands.includes(ageBand)).map((i) => i.id);
      if (!applicable.length) return fc.constant({ ageBand, indicators: [], extra: undefined });
      return fc.record({
        ageBand: fc.constant(ageBand),
        indicators: fc.subarray(applicable, { maxLength: Math.min(12, applicable.length) }),
        extra: fc.constantFrom<string | undefined>(...applicable),
      });
    });

  it('never lowers the level when an indicator is added', () => {
    fc.assert(
      fc.property(answersWithOneMore, ({ ageBand, indicators, extra }) => {
        const before = assess(document, { ageBand, indicators });
        const after = assess(document, { ageBand, indicators: extra ? [...indicators, extra] : indicators });
        expect(after.suggestedLevel).toBeGreaterThanOrEqual(before.suggestedLevel);
        if (before.immediateRisk) expect(after.immediateRisk).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  /**
   * A selection holding a higher rung of some concern, and a lower rung of that concern to add.
   * A document in which no concern has two rungs for an age band gives nothing to add.
   */
  const answersWithLowerRung = fc
    .constantFrom(...document.ageBands.map((band) => band.id))
    .chain((ageBand) => {
      const applicable = all.filter((i) => i.ageBands.includes(ageBand));
      const rungPairs = applicable.flatMap((higher) =>
        applicable
          .filter((lower) => concernOf(lower) === concernOf(higher) && lower.level < higher.level)
          .map((lower) => [higher.id, lower.id] as const),
      );
      return fc.record({
        ageBand: fc.constant(ageBand),
        indicators: fc.subarray(
          applicable.map((i) => i.id),
          { maxLength: Math.min(12, applicable.length) },
        ),
        pair: rungPairs.length
          ? fc.constantFrom<readonly [string, string] | undefined>(...rungPairs)
          : fc.constant(undefined),
      });
    })
    .map(({ ageBand, indicators, pair }) => {
      if (!pair) return { ageBand, indicators, extra: undefined };
      const [higher, lower] = pair;
      return {
        ageBand,
        indicators: [...indicators.filter((id) => id !== lower && id !== higher), higher],
        extra: lower,
      };
    });

  it('never changes the level or immediate risk when a lower rung of a chosen concern is added', () => {
    fc.assert(
      fc.property(answersWithLowerRung, ({ ageBand, indicators, extra }) => {
        const before = assess(document, { ageBand, indicators });
        const after = assess(document, { ageBand, indicators: extra ? [...indicators, extra] : indicators });
        expect({ level: after.suggestedLevel, immediateRisk: after.immediateRisk }).toEqual({
          level: before.suggestedLevel,
          immediateRisk: before.immediateRisk,
        });
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same result for the same answers in any order', () => {
    fc.assert(
      fc.property(answersWithOneMore, ({ ageBand, indicators }) => {
        const first = assess(document, { ageBand, indicators });
        const again = assess(document, { ageBand, indicators: [...indicators].reverse() });
        expect(again).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });

  it('always suggests one of the document’s levels, with a reason unless nothing raised it', () => {
    fc.assert(
      fc.property(answersWithOneMore, ({ ageBand, indicators }) => {
        const result = assess(document, { ageBand, indicators });
        expect(levels).toContain(result.suggestedLevel);
        if (result.suggestedLevel > Math.min(...levels)) expect(result.reasons.length).toBeGreaterThan(0);
        for (const reason of result.reasons) expect(reason.level).toBe(result.suggestedLevel);
      }),
      { numRuns: 200 },
    );
  });
});
