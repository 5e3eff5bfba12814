/**
 * `GET /api/v1/submissions/{id}`: what the front door has done with a referral, as the device that
 * sent it may see it. Nothing beyond what the device sent and the decision: no notes, no names of
 * staff, no triage history.
 */
import { z } from 'zod';
import { levelNumberSchema } from '../thresholds/schema.ts';
import { referenceSchema } from './reference.ts';

export const SUBMISSION_STATUSES = ['received', 'in-triage', 'decided'] as const;

export const decisionSchema = z.strictObject({
  decidedAt: z.iso.datetime(),
  level: levelNumberSchema,
  /** The outcome's code, for machines… */
  outcome: z.string().max(60),
  /** …and its words, as the front door sees them ("Early help"). */
  outcomeLabel: z.string().max(120),
});

export const submissionStatusSchema = z.strictObject({
  id: z.string(),
  reference: referenceSchema,
  receivedAt: z.iso.datetime(),
  status: z.enum(SUBMISSION_STATUSES),
  decision: decisionSchema.optional(),
});

export type SubmissionStatus = z.infer<typeof submissionStatusSchema>;
export type Decision = z.infer<typeof decisionSchema>;
