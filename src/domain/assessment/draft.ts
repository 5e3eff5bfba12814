/**
 * A draft: an assessment in progress, as the wizard edits it and the drafts store keeps it. Its
 * content derives from the step schemas (referral-schema.ts, family-schema.ts): every answer is
 * optional until its step is completed, and each limit is the step's own, so whatever a draft holds
 * fits the submission. `restoreDraft` is the one way a stored draft comes back into the app.
 */
import { z } from 'zod';
import { idSchema, levelNumberSchema } from '../thresholds/schema.ts';
import { asTyped } from './answer-rules.ts';
import { storedDateSchema } from './date-parts.ts';
import { FAMILY_LIMITS, familyFieldsSchema, parentCarerSchema, professionalSchema } from './family-schema.ts';
import { indicatorIdsSchema } from './indicator-selection.ts';
import {
  ageBandChoiceSchema,
  childFieldsSchema,
  childVoiceSchema,
  concernSchema,
  consentFieldsSchema,
  overrideFieldsSchema,
  referrerSchema,
  strengthsSchema,
  triedSchema,
} from './referral-schema.ts';

export const DRAFT_SCHEMA_VERSION = 1;

export const DRAFT_MODES = ['quick-check', 'referral'] as const;
export const DRAFT_STATUSES = ['in-progress', 'queued', 'sent'] as const;

/**
 * A step's section of a draft: `step.partial()`, with each text question (a string with a maximum
 * length and no format) kept as typed: empty, half-finished or untrimmed, but never longer than the
 * step allows. Everything else (choices, ids, dates) is checked as the step checks it.
 */
function draftSectionOf<Shape extends z.ZodRawShape>(step: z.ZodObject<Shape, z.core.$strict>) {
  const typed: Record<string, z.ZodString> = {};
  for (const [key, question] of Object.entries(step.shape)) {
    const text = question instanceof z.ZodOptional ? question.unwrap() : question;
    if (text instanceof z.ZodString && text.maxLength !== null && text.format === null) typed[key] = asTyped(text);
  }
  // A typed text has the same type (string) as the step's own: only its checks are looser.
  return step.extend(typed).partial() as unknown as z.ZodObject<
    { [Key in keyof Shape]: z.ZodOptional<Shape[Key]> },
    z.core.$strict
  >;
}

/** A radio in a list item not chosen yet: null in the form, absent in an older draft. */
const draftParentSchema = draftSectionOf(parentCarerSchema).extend({
  parentalResponsibility: parentCarerSchema.shape.parentalResponsibility.nullish(),
  livesWithChild: parentCarerSchema.shape.livesWithChild.nullish(),
});

/** The family step as typed; drafts from before it existed open with it empty. */
const draftFamilySchema = draftSectionOf(familyFieldsSchema)
  .extend({
    parents: z.array(draftParentSchema).max(FAMILY_LIMITS.parents).default([]),
    professionals: z.array(draftSectionOf(professionalSchema)).max(FAMILY_LIMITS.professionals).default([]),
  })
  .default({ parents: [], professionals: [] });

/** Everything the practitioner has entered. All of it may identify a child or family. */
export const draftContentSchema = z.strictObject({
  referrer: draftSectionOf(referrerSchema).default({}),
  // The form holds '' until an age band is chosen.
  concern: draftSectionOf(concernSchema).extend({ ageBand: ageBandChoiceSchema.optional() }).default({}),
  child: draftSectionOf(childFieldsSchema)
    .extend({
      // The ISO date once the three boxes make a real date, the boxes as typed until then.
      dateOfBirth: storedDateSchema.optional(),
      dueDate: storedDateSchema.optional(),
    })
    .default({}),
  family: draftFamilySchema,
  consent: draftSectionOf(consentFieldsSchema).default({}),
  indicators: indicatorIdsSchema.default([]),
  strengths: asTyped(strengthsSchema.shape.text).default(''),
  childVoice: asTyped(childVoiceSchema.shape.text).default(''),
  tried: asTyped(triedSchema.shape.text).default(''),
  // The form's radios give a string; the step's answer is kept as the level's number.
  override: draftSectionOf(overrideFieldsSchema).extend({ level: levelNumberSchema.optional() }).default({}),
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
