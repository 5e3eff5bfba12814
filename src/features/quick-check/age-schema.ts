/** The quick check's age question: its schema and resolver, loaded apart so the question shows before zod does. */
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import type { ThresholdsDocument } from '../../domain/thresholds/schema.ts';

export const ageSchema = (document: ThresholdsDocument) =>
  z.object({
    ageBand: z.enum(document.ageBands.map((band) => band.id) as [string, ...string[]], {
      error: "Select the child's age",
    }),
  });

export type AgeAnswer = z.infer<ReturnType<typeof ageSchema>>;

export const ageResolver = (document: ThresholdsDocument) => zodResolver(ageSchema(document));
