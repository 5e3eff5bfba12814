/**
 * The questions of an assessment or referral, one zod schema per step, with messages in the
 * GOV.UK style: they reuse the question's words and say how to fix the answer. The wizard's
 * forms, the drafts and the intake server all validate with these.
 */
import { z } from 'zod';
import { idSchema } from '../thresholds/schema.ts';
import { addProblem, optionalText, requiredText as required } from './answer-rules.ts';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const referrerSchema = z.strictObject({
  name: required('Enter your full name', 120, 'Your name must be 120 characters or fewer'),
  role: required('Enter your role, for example "health visitor"', 120, 'Your role must be 120 characters or fewer'),
  /** One of the pinned document's `agencies` (checked against the document, as the answers are). */
  agency: z
    .string({ error: 'Select the agency you work for' })
    .refine((value) => idSchema.safeParse(value).success, { message: 'Select the agency you work for' }),
  phone: required(
    'Enter a phone number the front door can call you on',
    40,
    'Your phone number must be 40 characters or fewer',
  ),
  email: z
    .string()
    .trim()
    .max(200, 'Your email address must be 200 characters or fewer')
    .refine((value) => value === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value), {
      message: 'Enter an email address in the correct format, like name@example.org',
    })
    .optional(),
});

/** An age band as the form holds it: '' until one is chosen. */
export const ageBandChoiceSchema = z.union([idSchema, z.literal('')], { error: "Select the child's age" });

export const concernSchema = z.strictObject({
  // Not chosen yet is undefined in a fresh draft and '' in the form: the same message for both.
  ageBand: ageBandChoiceSchema.refine((value) => value !== '', { message: "Select the child's age" }),
  reason: required(
    'Enter what you are worried about',
    4000,
    'What you are worried about must be 4,000 characters or fewer',
  ),
});

export const GENDERS = ['female', 'male', 'other', 'unknown', 'unborn'] as const;
export const GENDER_LABELS: Record<(typeof GENDERS)[number], string> = {
  female: 'Female',
  male: 'Male',
  other: 'Another gender',
  unknown: 'Not known',
  unborn: 'Unborn baby',
};

export const childFieldsSchema = z.strictObject({
  firstName: optionalText(80, "The child's first name must be 80 characters or fewer"),
  lastName: required(
    "Enter the child's last name, or the mother's if the baby is unborn",
    80,
    "The child's last name must be 80 characters or fewer",
  ),
  dateOfBirth: z
    .string()
    .refine((value) => value === '' || DATE_PATTERN.test(value), {
      message: "Enter the child's date of birth as a real date",
    })
    .optional(),
  dueDate: z
    .string()
    .refine((value) => value === '' || DATE_PATTERN.test(value), {
      message: 'Enter the expected due date as a real date',
    })
    .optional(),
  gender: z.enum(GENDERS, { error: "Select the child's gender, or 'Not known'" }),
  address: required("Enter the child's address", 400, "The child's address must be 400 characters or fewer"),
  setting: optionalText(200, 'The school, nursery or setting must be 200 characters or fewer'),
  household: optionalText(2000, 'Who lives in the household must be 2,000 characters or fewer'),
});

export const childSchema = childFieldsSchema.superRefine((child, context) => {
  if (child.gender === 'unborn' ? !child.dueDate : !child.dateOfBirth) {
    const path = child.gender === 'unborn' ? 'dueDate' : 'dateOfBirth';
    const message = child.gender === 'unborn' ? 'Enter the expected due date' : "Enter the child's date of birth";
    context.addIssue({ code: 'custom', path: [path], message });
  }
});

export const CONSENT_OUTCOMES = ['given', 'refused', 'not-sought'] as const;
type ConsentOutcome = (typeof CONSENT_OUTCOMES)[number];
/** The consent question's answers, as the step asks them. */
export const CONSENT_OUTCOME_LABELS: Record<ConsentOutcome, string> = {
  given: 'Yes, consent was given',
  refused: 'No, consent was refused',
  'not-sought': 'Consent was not sought',
};
/** The same answers as a summary shows them. */
export const CONSENT_OUTCOME_SUMMARIES: Record<ConsentOutcome, string> = {
  given: 'Given',
  refused: 'Refused',
  'not-sought': 'Not sought',
};

export const consentFieldsSchema = z.strictObject({
  parentsAware: z.enum(['yes', 'no'], { error: 'Select whether the parents or carers know about this referral' }),
  consent: z.enum(CONSENT_OUTCOMES, { error: 'Select whether the family gave consent' }),
  reasonNotSought: optionalText(2000, 'The reason must be 2,000 characters or fewer'),
});

/** Whether the consent answers so far need explaining: shown as a reveal, required by the step. */
export function consentNeedsReason(
  consent: Partial<Pick<z.infer<typeof consentFieldsSchema>, 'parentsAware' | 'consent'>>,
): boolean {
  return consent.parentsAware === 'no' || consent.consent === 'refused' || consent.consent === 'not-sought';
}

export const consentSchema = consentFieldsSchema.superRefine((consent, context) => {
  if (consentNeedsReason(consent) && !consent.reasonNotSought) {
    addProblem(
      context,
      'reasonNotSought',
      'Explain why consent was not given or not sought, or why the parents do not know',
    );
  }
});

const reflection = (empty: string, tooLong: string) => z.strictObject({ text: required(empty, 4000, tooLong) });

export const strengthsSchema = reflection(
  "Enter what is working well for the child and family, or write 'not known'",
  'What is working well must be 4,000 characters or fewer',
);
export const childVoiceSchema = reflection(
  'Enter what the child has said or shown about how things are for them, or why you could not find out',
  "The child's voice must be 4,000 characters or fewer",
);
export const triedSchema = reflection(
  "Enter what has already been tried to help, or write 'nothing yet'",
  'What has been tried must be 4,000 characters or fewer',
);

/** The practitioner's own view of the level. A different level needs a reason, kept beside the engine's. */
export const overrideFieldsSchema = z.strictObject({
  agrees: z.enum(['yes', 'no'], { error: 'Select whether you agree with the suggested level' }),
  level: z.coerce.number().int().optional(),
  rationale: optionalText(4000, 'Your reason must be 4,000 characters or fewer'),
});

export function overrideSchemaFor(levels: readonly number[], suggestedLevel: number) {
  return overrideFieldsSchema.superRefine((override, context) => {
    if (override.agrees === 'yes') return;
    if (override.level === undefined || !levels.includes(override.level) || override.level === suggestedLevel) {
      addProblem(context, 'level', `Select the level you think is right, other than level ${suggestedLevel}`);
    }
    if (!override.rationale || override.rationale.length < 10) {
      addProblem(context, 'rationale', 'Explain why you think the level is different, in at least a sentence');
    }
  });
}

export type Referrer = z.infer<typeof referrerSchema>;
export type Concern = z.infer<typeof concernSchema>;
export type Child = z.infer<typeof childSchema>;
export type Consent = z.infer<typeof consentSchema>;
export type Reflection = z.infer<typeof strengthsSchema>;
export type Override = z.infer<ReturnType<typeof overrideSchemaFor>>;
