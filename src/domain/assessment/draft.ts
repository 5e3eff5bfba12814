/**
 * A draft: an assessment in progress, as the wizard edits it and the drafts store keeps it. Every
 * answer is optional until its step is completed; the step schemas in referral-schema.ts decide
 * when a step is complete. `restoreDraft` is the one way a stored draft comes back into the app.
 */
import { z } from 'zod';
import { idSchema } from '../thresholds/schema.ts';
import {
  childFieldsSchema,
  concernSchema,
  consentFieldsSchema,
  overrideFieldsSchema,
  referrerSchema,
} from './referral-schema.ts';

export const DRAFT_SCHEMA_VERSION = 1;

export const DRAFT_MODES = ['quick-check', 'referral'] as const;
export const DRAFT_STATUSES = ['in-progress', 'queued', 'sent'] as const;

const freeText = z.string().max(4000).default('');

/** Everything the practitioner has entered. All of it may identify a child or family. */
export const draftContentSchema = z.strictObject({
  referrer: referrerSchema.partial().default({}),
  concern: concernSchema.partial().default({}),
  child: childFieldsSchema.partial().default({}),
  consent: consentFieldsSchema.partial().default({}),
  indicators: z.array(idSchema).max(1000).default([]),
  strengths: freeText,
  childVoice: freeText,
  tried: freeText,
  override: overrideFieldsSchema.partial().default({}),
});

export const draftSchema = z.strictObject({
  id: z.uuid(),
  schemaVersion: z.literal(DRAFT_SCHEMA_VERSION),
  mode: z.enum(DRAFT_MODES),
  status: z.enum(DRAFT_STATUSES),
  /** The rules document the draft began with: its result is never recomputed under another. */
  documentId: idSchema,
  documentVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
  /** The step and field the practitioner was last on, to return them there. */
  step: z.string().max(80),
  field: z.string().max(80).optional(),
  /** The level suggested so far, kept outside the content so the drafts list needs no key. */
  levelSoFar: z.number().int().min(1).max(4),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  content: draftContentSchema,
});

export type DraftContent = z.infer<typeof draftContentSchema>;
export type Draft = z.infer<typeof draftSchema>;

export function emptyDraftContent(): DraftContent {
  return draftContentSchema.parse({});
}

export class DraftRestoreError extends Error {
  constructor(readonly issues: readonly string[]) {
    super('This draft could not be opened because part of it is damaged or from a newer version of the app.');
    this.name = 'DraftRestoreError';
  }
}

/** Parses a stored draft; throws DraftRestoreError (without echoing any content) if it does not fit. */
export function restoreDraft(stored: unknown): Draft {
  const parsed = draftSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  throw new DraftRestoreError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.code}`));
}
