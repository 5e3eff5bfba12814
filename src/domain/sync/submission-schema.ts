/**
 * What a device sends to the intake server when a referral is sent, and what comes back. The
 * server validates with this same schema and re-runs the same engine on the pinned document.
 */
import { z } from 'zod';
import {
  childSchema,
  concernSchema,
  consentSchema,
  referrerSchema,
  strengthsSchema,
  childVoiceSchema,
  triedSchema,
} from '../assessment/referral-schema.ts';
import { familySchema } from '../assessment/family-schema.ts';
import { indicatorIdsSchema } from '../assessment/indicator-selection.ts';
import { idSchema, levelNumberSchema } from '../thresholds/schema.ts';
import { referenceSchema } from './reference.ts';

export const SUBMISSION_SCHEMA_VERSION = 1;
export const MAX_SUBMISSION_BYTES = 256 * 1024;

export const submissionSchema = z
  .strictObject({
    schemaVersion: z.literal(SUBMISSION_SCHEMA_VERSION),
    /** The draft's random id: pseudonymous, safe to log. */
    draftId: z.uuid(),
    documentId: idSchema,
    documentVersion: z.string().regex(/^\d+\.\d+\.\d+$/, 'documentVersion must look like 1.2.0'),
    referrer: referrerSchema,
    concern: concernSchema,
    child: childSchema,
    /** Absent from referrals queued before the family step existed. */
    family: familySchema.optional(),
    consent: consentSchema,
    indicators: indicatorIdsSchema,
    strengths: strengthsSchema,
    childVoice: childVoiceSchema,
    tried: triedSchema,
    /** The level the device's engine suggested; the server recomputes and keeps both. */
    suggestedLevel: levelNumberSchema,
    practitionerLevel: levelNumberSchema,
    overrideRationale: z.string().trim().max(4000).optional(),
    startedAt: z.iso.datetime(),
    completedAt: z.iso.datetime(),
  })
  .superRefine((submission, context) => {
    if (submission.practitionerLevel !== submission.suggestedLevel && !submission.overrideRationale) {
      context.addIssue({
        code: 'custom',
        path: ['overrideRationale'],
        message: 'A level different from the suggested one needs a reason',
      });
    }
  });

export const receiptSchema = z.strictObject({
  id: z.string(),
  /**
   * The short reference to read out (reference.ts). The server always sends it; a receipt kept on
   * a device from before references existed has none.
   */
  reference: referenceSchema.optional(),
  receivedAt: z.iso.datetime(),
  engineLevel: levelNumberSchema,
  immediateRisk: z.boolean(),
});

export type Submission = z.infer<typeof submissionSchema>;

/**
 * A submission this device has parsed with `submissionSchema` where a draft became one
 * (buildSubmission): the outbox queues only these, so it need not parse again.
 */
export const checkedSubmissionSchema = submissionSchema.brand<'CheckedSubmission'>();
export type CheckedSubmission = z.infer<typeof checkedSubmissionSchema>;
export type Receipt = z.infer<typeof receiptSchema>;
