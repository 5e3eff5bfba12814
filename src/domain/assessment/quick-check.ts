/**
 * A quick check's answers: the age band and the ticked indicator ids, never anything typed, so
 * they identify no one. They are kept between visits and carried into a full assessment.
 */
import { z } from 'zod';
import { keepApplicable } from '../thresholds/queries.ts';
import type { ThresholdsDocument } from '../thresholds/schema.ts';
import { idSchema } from '../thresholds/schema.ts';
import { emptyDraftContent, type DraftContent } from './draft.ts';
import { indicatorIdsSchema } from './indicator-selection.ts';

export const quickCheckAnswersSchema = z.strictObject({
  documentId: idSchema,
  ageBand: idSchema.optional(),
  indicators: indicatorIdsSchema.default([]),
});

export type QuickCheckAnswers = z.infer<typeof quickCheckAnswersSchema>;

export const emptyQuickCheck = (documentId: string): QuickCheckAnswers => ({ documentId, indicators: [] });

/**
 * Reads stored answers for `document`: anything unreadable, from another area, or naming an age
 * band or indicators this version of the document no longer has, is dropped rather than failing,
 * so an app update never traps the practitioner on a broken quick check.
 */
export function restoreQuickCheck(document: ThresholdsDocument, stored: unknown): QuickCheckAnswers {
  const parsed = quickCheckAnswersSchema.safeParse(stored);
  if (!parsed.success || parsed.data.documentId !== document.id) return emptyQuickCheck(document.id);
  const { ageBand } = parsed.data;
  if (!ageBand || !document.ageBands.some((band) => band.id === ageBand)) return emptyQuickCheck(document.id);
  return {
    documentId: document.id,
    ageBand,
    indicators: keepApplicable(document, ageBand, [...new Set(parsed.data.indicators)]),
  };
}

/** A new assessment's content, beginning with the quick check's age band and concerns. */
export function draftContentFromQuickCheck(answers: QuickCheckAnswers): DraftContent {
  const content = emptyDraftContent();
  return {
    ...content,
    concern: { ...content.concern, ageBand: answers.ageBand },
    indicators: [...answers.indicators],
  };
}
