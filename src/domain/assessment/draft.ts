/**
 * A draft: an assessment in progress, as the wizard edits it and the drafts store keeps it. Every
 * answer is optional until its step is completed; the step schemas in referral-schema.ts decide
 * when a step is complete. `restoreDraft` is the one way a stored draft comes back into the app.
 */
import { z } from 'zod';
import { idSchema } from '../thresholds/schema.ts';
import { storedDateSchema } from './date-parts.ts';
import { FAMILY_LIMITS, PARENTAL_RESPONSIBILITY, YES_NO } from './family-schema.ts';
import { CONSENT_OUTCOMES, GENDERS } from './referral-schema.ts';

export const DRAFT_SCHEMA_VERSION = 1;

export const DRAFT_MODES = ['quick-check', 'referral'] as const;
export const DRAFT_STATUSES = ['in-progress', 'queued', 'sent'] as const;

/**
 * A draft holds answers as typed: empty or half-finished, never trimmed. Only lengths are limited
 * here; the step schemas in referral-schema.ts decide when an answer is complete.
 */
const typed = (max: number) => z.string().max(max).optional();
const freeText = z.string().max(4000).default('');
/** A radio in a list item not chosen yet: null in the form, absent in an older draft. */
const choice = <const Values extends readonly [string, ...string[]]>(values: Values) => z.enum(values).nullish();

/** The family step as typed; drafts from before it existed open with it empty. */
const draftFamilySchema = z
  .strictObject({
    nhsNumber: typed(FAMILY_LIMITS.nhsNumber),
    gpPractice: typed(FAMILY_LIMITS.gpPractice),
    parents: z
      .array(
        z.strictObject({
          name: typed(FAMILY_LIMITS.name),
          relationship: typed(FAMILY_LIMITS.relationship),
          parentalResponsibility: choice(PARENTAL_RESPONSIBILITY),
          livesWithChild: choice(YES_NO),
        }),
      )
      .max(FAMILY_LIMITS.parents)
      .default([]),
    homeLanguage: typed(FAMILY_LIMITS.language),
    interpreterNeeded: choice(YES_NO),
    interpreterLanguage: typed(FAMILY_LIMITS.language),
    professionals: z
      .array(
        z.strictObject({
          name: typed(FAMILY_LIMITS.name),
          role: typed(FAMILY_LIMITS.role),
          agency: typed(FAMILY_LIMITS.agency),
          contact: typed(FAMILY_LIMITS.contact),
        }),
      )
      .max(FAMILY_LIMITS.professionals)
      .default([]),
  })
  .default({ parents: [], professionals: [] });

/** Everything the practitioner has entered. All of it may identify a child or family. */
export const draftContentSchema = z.strictObject({
  referrer: z
    .strictObject({
      name: typed(120),
      role: typed(120),
      agency: idSchema.optional(),
      phone: typed(40),
      email: typed(200),
    })
    .default({}),
  concern: z.strictObject({ ageBand: typed(80), reason: typed(4000) }).default({}),
  child: z
    .strictObject({
      firstName: typed(80),
      lastName: typed(80),
      /** The ISO date once the three boxes make a real date, the boxes as typed until then. */
      dateOfBirth: storedDateSchema.optional(),
      dueDate: storedDateSchema.optional(),
      gender: z.enum(GENDERS).optional(),
      address: typed(400),
      setting: typed(200),
      household: typed(2000),
    })
    .default({}),
  family: draftFamilySchema,
  consent: z
    .strictObject({
      parentsAware: z.enum(['yes', 'no']).optional(),
      consent: z.enum(CONSENT_OUTCOMES).optional(),
      reasonNotSought: typed(2000),
    })
    .default({}),
  indicators: z.array(idSchema).max(1000).default([]),
  strengths: freeText,
  childVoice: freeText,
  tried: freeText,
  override: z
    .strictObject({
      agrees: z.enum(['yes', 'no']).optional(),
      level: z.number().int().min(1).max(4).optional(),
      rationale: typed(4000),
    })
    .default({}),
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
