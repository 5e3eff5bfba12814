import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { ErrorSummary, collectErrors } from '../../../ui/components/error-summary.tsx';
import { Radios, TextArea, TextField } from '../../../ui/components/fields.tsx';
import { WizardFrame } from '../../../ui/components/wizard-frame.tsx';
import { childSchema, GENDERS } from '../../../domain/assessment/referral-schema.ts';
import type { Step } from '../../../domain/assessment/steps.ts';
import { useFormAutosave } from '../use-form-autosave.ts';
import { SaveStatus } from '../save-status.tsx';
import { stepHref, useStep } from '../use-step.ts';

const GENDER_LABELS: Record<(typeof GENDERS)[number], string> = {
  female: 'Female',
  male: 'Male',
  other: 'Another gender',
  unknown: 'Not known',
  unborn: 'Unborn baby',
};

export function ChildStep({ step }: { step: Step }) {
  const { draft, steps, decision, update, goNext } = useStep(step);
  const form = useForm({
    shouldFocusError: false,
    resolver: zodResolver(childSchema),
    defaultValues: {
      firstName: '',
      lastName: '',
      dateOfBirth: '',
      dueDate: '',
      address: '',
      setting: '',
      household: '',
      ...draft.content.child,
    },
  });
  useFormAutosave(form, (content, values) => ({ ...content, child: { ...content.child, ...values } }));
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
          <TextField
            label="Expected due date"
            error={errors.dueDate?.message}
            registration={form.register('dueDate')}
            type="date"
            width="short"
          />
        ) : (
          <TextField
            label="Date of birth"
            error={errors.dateOfBirth?.message}
            registration={form.register('dateOfBirth')}
            type="date"
            width="short"
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
