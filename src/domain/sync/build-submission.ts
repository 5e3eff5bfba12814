/**
 * Turns a complete referral draft into the submission a device sends to the front door. Pure: it
 * is handed the draft and the rules document the draft pinned, and returns either the submission
 * or the steps still to answer, judged by the same schemas as "Check your answers".
 */
import { incompleteSteps, type IncompleteStep } from '../assessment/completeness.ts';
import { childDatesForSubmission } from '../assessment/date-parts.ts';
import type { Draft } from '../assessment/draft.ts';
import { assessmentSteps } from '../assessment/steps.ts';
import { AnswersError, assess, type Assessment } from '../engine/assess.ts';
import type { ThresholdsDocument } from '../thresholds/schema.ts';
import { checkedSubmissionSchema, SUBMISSION_SCHEMA_VERSION, type CheckedSubmission } from './submission-schema.ts';

export type SubmissionBuild = { ok: true; submission: CheckedSubmission } | { ok: false; missing: IncompleteStep[] };

/** Where a submission field is answered in the wizard, so a problem can link to its step. */
const STEP_OF_FIELD: Record<string, string> = {
  referrer: 'about-you',
  concern: 'concern',
  child: 'child',
  family: 'family',
  consent: 'consent',
  strengths: 'strengths',
  childVoice: 'child-voice',
  tried: 'tried',
  suggestedLevel: 'result',
  practitionerLevel: 'result',
  overrideRationale: 'result',
};

const ANSWERS_DO_NOT_FIT: Record<AnswersError['code'], IncompleteStep> = {
  'unknown-age-band': { slug: 'concern', message: "Select the child's age again" },
  'unknown-indicator': { slug: 'check', message: 'Check the indicators: one is not in these descriptions of need' },
  'not-for-age-band': {
    slug: 'concern',
    message: "Check the child's age: some of the chosen indicators do not apply to it",
  },
};

/**
 * Builds the submission for a complete referral draft: the engine's suggested level from
 * `assess()` on the pinned document, the practitioner's level from their override (or the
 * suggestion when they agree), and the override's reason only when they disagree. `startedAt` is
 * when the draft was created and `completedAt` when it was last changed. Parsed here, the one
 * place a draft becomes a submission, so what is queued is what the server accepts (the type
 * `CheckedSubmission` carries that on to the outbox); a draft that is not complete gives the steps
 * still to answer, each with its message.
 */
export function buildSubmission(draft: Draft, document: ThresholdsDocument): SubmissionBuild {
  if (draft.mode !== 'referral') throw new TypeError('Only a referral can be sent; a quick check stays on the device.');
  if (draft.documentId !== document.id || draft.documentVersion !== document.version) {
    throw new TypeError('A draft is sent with the document version it began with.');
  }
  const { content } = draft;
  let assessment: Assessment | undefined;
  try {
    const ageBand = content.concern.ageBand;
    assessment = ageBand ? assess(document, { ageBand, indicators: content.indicators }) : undefined;
  } catch (error) {
    if (error instanceof AnswersError) return { ok: false, missing: [ANSWERS_DO_NOT_FIT[error.code]] };
    throw error;
  }
  const levels = document.levels.map((level) => level.level);
  const missing = incompleteSteps(assessmentSteps(document), content, levels, assessment?.suggestedLevel);
  if (missing.length || !assessment) return { ok: false, missing };

  const disagrees = content.override.agrees === 'no';
  const parsed = checkedSubmissionSchema.safeParse({
    schemaVersion: SUBMISSION_SCHEMA_VERSION,
    draftId: draft.id,
    documentId: draft.documentId,
    documentVersion: draft.documentVersion,
    referrer: content.referrer,
    concern: content.concern,
    child: childDatesForSubmission(content.child),
    family: content.family,
    consent: content.consent,
    indicators: content.indicators,
    strengths: { text: content.strengths },
    childVoice: { text: content.childVoice },
    tried: { text: content.tried },
    suggestedLevel: assessment.suggestedLevel,
    practitionerLevel: disagrees ? content.override.level : assessment.suggestedLevel,
    ...(disagrees && content.override.rationale ? { overrideRationale: content.override.rationale } : {}),
    startedAt: draft.createdAt,
    completedAt: draft.updatedAt,
  });
  if (parsed.success) return { ok: true, submission: parsed.data };
  const bySlug = new Map<string, IncompleteStep>();
  for (const issue of parsed.error.issues) {
    const slug = STEP_OF_FIELD[String(issue.path[0])] ?? 'check';
    if (!bySlug.has(slug)) bySlug.set(slug, { slug, message: issue.message });
  }
  return { ok: false, missing: [...bySlug.values()] };
}
