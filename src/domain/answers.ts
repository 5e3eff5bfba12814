/**
 * What a practitioner has chosen: the child's age band and the indicators that apply. The same
 * shape is used by the engine, the CLI's `assess`, drafts and the sync payload.
 */
import { z } from 'zod';
import { idSchema } from './thresholds/schema.ts';

export const answersSchema = z.strictObject({
  ageBand: idSchema,
  indicators: z.array(idSchema).max(1000, 'indicators must list 1000 or fewer ids'),
});

export type Answers = z.infer<typeof answersSchema>;
