/**
 * The "Family and other professionals" step: the child's NHS number and GP, the parents and
 * carers, the language spoken at home, and the other professionals involved. Its schema, inferred
 * type, labels and limits live together; the draft (draft.ts) derives its section from these
 * schemas, so whatever a draft holds fits the submission.
 */
import { z } from 'zod';
import { addProblem, optionalText, requiredText as required } from './answer-rules.ts';

export const FAMILY_LIMITS = {
  nhsNumber: 20,
  gpPractice: 200,
  name: 120,
  relationship: 80,
  role: 120,
  agency: 160,
  contact: 200,
  language: 80,
  parents: 10,
  professionals: 20,
} as const;

export const NHS_NUMBER_MESSAGE = 'Enter a valid NHS number, like 943 476 5919';

/**
 * Whether `value` is an NHS number: 10 digits (spaces allowed) whose last digit is the modulus 11
 * check of the first nine (weights 10 down to 2). A check of 10 is never issued, so never valid.
 */
export function isValidNhsNumber(value: string): boolean {
  const digits = value.replace(/ /g, '');
  if (!/^\d{10}$/.test(digits)) return false;
  const weighted = [...digits.slice(0, 9)].reduce((sum, digit, index) => sum + Number(digit) * (10 - index), 0);
  const check = (11 - (weighted % 11)) % 11;
  return check !== 10 && check === Number(digits[9]);
}

export const PARENTAL_RESPONSIBILITY = ['yes', 'no', 'not-known'] as const;
export const PARENTAL_RESPONSIBILITY_LABELS: Record<(typeof PARENTAL_RESPONSIBILITY)[number], string> = {
  yes: 'Yes',
  no: 'No',
  'not-known': 'Not known',
};
export const YES_NO = ['yes', 'no'] as const;
export const YES_NO_LABELS: Record<(typeof YES_NO)[number], string> = { yes: 'Yes', no: 'No' };

export const parentCarerSchema = z.strictObject({
  name: required(
    'Enter the name of the parent or carer',
    FAMILY_LIMITS.name,
    'The name of the parent or carer must be 120 characters or fewer',
  ),
  relationship: required(
    'Enter their relationship to the child, for example "mother" or "foster carer"',
    FAMILY_LIMITS.relationship,
    'Their relationship to the child must be 80 characters or fewer',
  ),
  parentalResponsibility: z.enum(PARENTAL_RESPONSIBILITY, {
    error: "Select whether they have parental responsibility, or 'Not known'",
  }),
  livesWithChild: z.enum(YES_NO, { error: 'Select whether they live with the child' }),
});

export const professionalSchema = z.strictObject({
  name: required(
    "Enter the professional's name",
    FAMILY_LIMITS.name,
    "The professional's name must be 120 characters or fewer",
  ),
  role: required(
    'Enter their role, for example "school nurse"',
    FAMILY_LIMITS.role,
    'Their role must be 120 characters or fewer',
  ),
  agency: optionalText(FAMILY_LIMITS.agency, 'Their agency must be 160 characters or fewer'),
  contact: optionalText(FAMILY_LIMITS.contact, 'Their phone number or email address must be 200 characters or fewer'),
});

export const familyFieldsSchema = z.strictObject({
  nhsNumber: z
    .string()
    .trim()
    .max(FAMILY_LIMITS.nhsNumber, NHS_NUMBER_MESSAGE)
    .refine((value) => value === '' || isValidNhsNumber(value), { message: NHS_NUMBER_MESSAGE })
    .optional(),
  gpPractice: optionalText(FAMILY_LIMITS.gpPractice, "The child's GP practice must be 200 characters or fewer"),
  parents: z
    .array(parentCarerSchema)
    .max(FAMILY_LIMITS.parents, 'List up to 10 parents or carers; put anyone else in "Who lives in the household"')
    .default([]),
  homeLanguage: optionalText(FAMILY_LIMITS.language, 'The language spoken at home must be 80 characters or fewer'),
  // An optional radio left unanswered reads as null in the form.
  interpreterNeeded: z.enum(YES_NO, { error: 'Select whether the family needs an interpreter' }).nullish(),
  interpreterLanguage: optionalText(
    FAMILY_LIMITS.language,
    'The language the interpreter speaks must be 80 characters or fewer',
  ),
  professionals: z
    .array(professionalSchema)
    .max(FAMILY_LIMITS.professionals, 'List up to 20 other professionals')
    .default([]),
});

export const familySchema = familyFieldsSchema.superRefine((family, context) => {
  if (family.interpreterNeeded === 'yes' && !family.interpreterLanguage) {
    addProblem(context, 'interpreterLanguage', 'Enter the language the interpreter needs to speak');
  }
});

export type ParentCarer = z.infer<typeof parentCarerSchema>;
export type Professional = z.infer<typeof professionalSchema>;
export type Family = z.infer<typeof familySchema>;
