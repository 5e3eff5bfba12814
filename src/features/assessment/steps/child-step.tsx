import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch, type FieldErrors, type Resolver } from 'react-hook-form';
import { DateInput, type DateInputError } from '../../../ui/components/date-input.tsx';
import { ErrorSummary, collectErrors } from '../../../ui/components/error-summary.tsx';
import { Radios, TextArea, TextField } from '../../../ui/components/fields.tsx';
import { WizardFrame } from '../../../ui/components/wizard-frame.tsx';
import {
  askedDate,
  checkDate,
  DATE_OF_BIRTH_RULES,
  datePartsFrom,
  DUE_DATE_RULES,
  localDay,
  storedDateFrom,
  type DateField,
  type DateParts,
} from '../../../domain/assessment/date-parts.ts';
import { childSchema, GENDER_LABELS, GENDERS, type Child } from '../../../domain/assessment/referral-schema.ts';
import type { Step } from '../../../domain/assessment/steps.ts';
import { useFormAutosave } from '../use-form-autosave.ts';
import { SaveStatus } from '../save-status.tsx';
import { stepHref, useStep } from '../use-step.ts';

type ChildForm = Omit<Child, 'dateOfBirth' | 'dueDate' | 'gender'> & {
  gender?: Child['gender'];
  dateOfBirth: DateParts;
  dueDate: DateParts;
};

const FIELD_ORDER = [
  'firstName',
  'lastName',
  'gender',
  'dueDate',
  'dateOfBirth',
  'address',
  'setting',
  'household',
] as const satisfies readonly (keyof ChildForm)[];
const DATE_RULES = { dateOfBirth: DATE_OF_BIRTH_RULES, dueDate: DUE_DATE_RULES };
const validateChild = zodResolver(childSchema);

/** A date the boxes make, for the submission; anything else is left out. */
const isoOrNothing = (parts: DateParts) => {
  const stored = storedDateFrom(parts);
  return typeof stored === 'string' ? stored : undefined;
};

/**
 * The step schema judges the ISO dates; the boxes are checked first, the GOV.UK way, so the
 * message names the box at fault and links to it.
 */
const childResolver: Resolver<ChildForm, unknown, Child> = async (values, context, options) => {
  const asked = askedDate(values);
  const check = checkDate(values[asked], DATE_RULES[asked], localDay(new Date()));
  const dates = { dateOfBirth: isoOrNothing(values.dateOfBirth), dueDate: isoOrNothing(values.dueDate) };
  const result = await validateChild({ ...values, ...dates } as Child, context, options as never);
  const { dateOfBirth: _dateOfBirth, dueDate: _dueDate, ...otherErrors } = result.errors as FieldErrors<ChildForm>;
  if (check.kind === 'date' && !Object.keys(otherErrors).length) {
    return { values: result.values as Child, errors: {} };
  }
  const dateErrors: FieldErrors<ChildForm> = {};
  if (check.kind !== 'date') {
    const first = check.fields[0] ?? 'day';
    const types = Object.fromEntries(check.fields.map((field) => [field, true]));
    dateErrors[asked] = { [first]: { type: 'date', message: check.message, types } };
  }
  // In the order of the page, so the error summary lists them as the fields appear.
  const errors = Object.fromEntries(
    FIELD_ORDER.flatMap((field) => {
      const error = dateErrors[field] ?? otherErrors[field as keyof typeof otherErrors];
      return error ? [[field, error]] : [];
    }),
  ) as FieldErrors<ChildForm>;
  return { values: {}, errors };
};

/** The resolver's date error as the date input shows it. */
function dateError(errors: FieldErrors<ChildForm>[keyof ChildForm] | undefined): DateInputError | undefined {
  if (!errors || typeof errors !== 'object') return undefined;
  for (const part of ['day', 'month', 'year'] as const) {
    const error = (errors as Partial<Record<DateField, { message?: string; types?: object }>>)[part];
    if (error?.message) {
      return { message: error.message, fields: Object.keys(error.types ?? { [part]: true }) as DateField[] };
    }
  }
  return undefined;
}

export function ChildStep({ step }: { step: Step }) {
  const { draft, steps, decision, update, goNext } = useStep(step);
  const form = useForm({
    shouldFocusError: false,
    resolver: childResolver,
    defaultValues: {
      firstName: '',
      lastName: '',
      address: '',
      setting: '',
      household: '',
      ...draft.content.child,
      dateOfBirth: datePartsFrom(draft.content.child.dateOfBirth),
      dueDate: datePartsFrom(draft.content.child.dueDate),
    },
  });
  useFormAutosave(form, (content, { dateOfBirth, dueDate, ...values }) => ({
    ...content,
    child: {
      ...content.child,
      ...values,
      dateOfBirth: storedDateFrom({ day: '', month: '', year: '', ...dateOfBirth }),
      dueDate: storedDateFrom({ day: '', month: '', year: '', ...dueDate }),
    },
  }));
  const { errors } = form.formState;
  const unborn = useWatch({ control: form.control, name: 'gender' }) === 'unborn';
  return (
    <WizardFrame steps={steps} slug={step.slug} hrefFor={stepHref} decision={decision} status={<SaveStatus />}>
      <form
        noValidate
        onSubmit={form.handleSubmit((child) => {
          update((content) => ({ ...content, child }));
          goNext();
        })}
      >
        <ErrorSummary errors={collectErrors(errors)} attempt={form.formState.submitCount} />
        <p>These details are encrypted on this device and only leave it when you send the referral.</p>
        <TextField
          label="Child's first name (optional)"
          hint="Leave blank for an unborn baby"
          error={errors.firstName?.message}
          registration={form.register('firstName')}
        />
        <TextField
          label="Child's last name"
          error={errors.lastName?.message}
          registration={form.register('lastName')}
        />
        <Radios
          legend="Child's gender"
          error={errors.gender?.message}
          registration={form.register('gender')}
          options={GENDERS.map((gender) => ({ value: gender, label: GENDER_LABELS[gender] }))}
        />
        {unborn ? (
          <DateInput
            key="dueDate"
            name="dueDate"
            legend="Expected due date"
            hint="For example, 27 3 2027"
            error={dateError(errors.dueDate)}
            register={(part) => form.register(`dueDate.${part}`)}
          />
        ) : (
          <DateInput
            key="dateOfBirth"
            name="dateOfBirth"
            legend="Date of birth"
            hint="For example, 27 3 2019"
            error={dateError(errors.dateOfBirth)}
            register={(part) => form.register(`dateOfBirth.${part}`)}
            autoComplete="bday"
          />
        )}
        <TextArea
          label="Child's address"
          error={errors.address?.message}
          registration={form.register('address')}
          rows={3}
        />
        <TextField
          label="School, nursery or setting (optional)"
          error={errors.setting?.message}
          registration={form.register('setting')}
        />
        <TextArea
          label="Who lives in the household? (optional)"
          hint="Names, relationships to the child and ages, and anyone else important to the child"
          error={errors.household?.message}
          registration={form.register('household')}
          rows={4}
        />
        <button className="govuk-button" type="submit">
          Continue
        </button>
      </form>
    </WizardFrame>
  );
}
