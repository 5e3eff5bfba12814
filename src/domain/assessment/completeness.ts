/**
 * Which steps of an assessment still need answers, judged by the same schemas the forms use, so
 * "Check your answers" and the intake server agree on what a complete referral is.
 */
import { childDateProblem, childDatesForSubmission } from './date-parts.ts';
import type { DraftContent } from './draft.ts';
import { familySchema } from './family-schema.ts';
import {
  childSchema,
  childVoiceSchema,
  concernSchema,
  consentSchema,
  overrideSchemaFor,
  referrerSchema,
  strengthsSchema,
  triedSchema,
} from './referral-schema.ts';
import type { Step } from './steps.ts';

export interface IncompleteStep {
  slug: string;
  message: string;
}

function firstProblem(
  schema: { safeParse(value: unknown): { success: boolean; error?: { issues: { message: string }[] } } },
  value: unknown,
) {
  const result = schema.safeParse(value);
  return result.success ? undefined : (result.error?.issues[0]?.message ?? 'Answer this step');
}

export function incompleteSteps(
  steps: readonly Step[],
  content: DraftContent,
  levels: readonly number[],
  suggestedLevel: number | undefined,
): IncompleteStep[] {
  return steps.flatMap((step): IncompleteStep[] => {
    let message: string | undefined;
    switch (step.kind) {
      case 'about-you':
        message = firstProblem(referrerSchema, content.referrer);
        break;
      case 'concern':
        message = firstProblem(concernSchema, content.concern);
        break;
      case 'child':
        message = childDateProblem(content.child) ?? firstProblem(childSchema, childDatesForSubmission(content.child));
        break;
      case 'family':
        message = firstProblem(familySchema, content.family);
        break;
      case 'reflection':
        message = firstProblem(
          { strengths: strengthsSchema, childVoice: childVoiceSchema, tried: triedSchema }[step.field ?? 'strengths'],
          { text: content[step.field ?? 'strengths'] },
        );
        break;
      case 'result':
        message =
          suggestedLevel === undefined
            ? "Select the child's age to get a suggested level"
            : firstProblem(overrideSchemaFor(levels, suggestedLevel), content.override);
        break;
      case 'consent':
        message = firstProblem(consentSchema, content.consent);
        break;
      case 'domain':
      case 'check':
        message = undefined;
    }
    return message ? [{ slug: step.slug, message }] : [];
  });
}
