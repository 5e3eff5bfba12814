/**
 * A worked example case: an anonymised vignette, the answers a practitioner would give, and the
 * level and deciding reasons the writing group expects. Cases live beside each document in
 * `cases/` and run as tests, so a change to an indicator or a rule shows what it changes.
 */
import { z } from 'zod';
import { answersSchema } from '../answers.ts';
import { idSchema, levelNumberSchema } from './schema.ts';

export const workedCaseSchema = z.strictObject({
  id: idSchema,
  title: z.string().trim().min(1, 'title must not be empty').max(200),
  /** One of the document's `agencies` (checked against the document, not here). */
  agency: idSchema,
  story: z.string().trim().min(1, 'story must not be empty').max(4000),
  answers: answersSchema,
  expect: z.strictObject({
    level: levelNumberSchema,
    immediateRisk: z.boolean({ error: 'immediateRisk must be true or false' }),
    /** Ids of the indicators and rules that decided the level, in any order. */
    reasons: z.array(idSchema),
  }),
});

export type WorkedCase = z.infer<typeof workedCaseSchema>;
