import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { ErrorSummary, collectErrors } from '../../../ui/components/error-summary.tsx';
import { TextArea } from '../../../ui/components/fields.tsx';
import { WizardFrame } from '../../../ui/components/wizard-frame.tsx';
import { childVoiceSchema, strengthsSchema, triedSchema } from '../../../domain/assessment/referral-schema.ts';
import type { Step } from '../../../domain/assessment/steps.ts';
import { useFormAutosave } from '../use-form-autosave.ts';
import { SaveStatus } from '../save-status.tsx';
import { stepHref, useStep } from '../use-step.ts';

const QUESTIONS = {
  strengths: {
    schema: strengthsSchema,
    label: 'What is working well for the child and family?',
    hint: 'Strengths, people who help, and times when things go better. These matter as much as the worries.',
  },
  childVoice: {
    schema: childVoiceSchema,
    label: 'What has the child said or shown about how things are for them?',
    hint: "Use the child's own words where you can. For a baby, describe what you observed.",
  },
  tried: {
    schema: triedSchema,
    label: 'What has already been tried to help, and what happened?',
    hint: 'Include support from your agency and others, and whether the family took it up.',
  },
} as const;

export function ReflectionStep({ step }: { step: Step }) {
  const { draft, steps, decision, update, goNext } = useStep(step);
  const field = step.field ?? 'strengths';
  const question = QUESTIONS[field];
  const form = useForm({
    shouldFocusError: false,
    resolver: zodResolver(question.schema),
    defaultValues: { text: draft.content[field] },
  });
  useFormAutosave(form, (content, values) => ({ ...content, [field]: values.text ?? '' }));
  const { errors } = form.formState;
  return (
    <WizardFrame steps={steps} slug={step.slug} hrefFor={stepHref} decision={decision} status={<SaveStatus />}>
      <form
        noValidate
        onSubmit={form.handleSubmit(({ text }) => {
          update((content) => ({ ...content, [field]: text }));
          goNext();
        })}
      >
        <ErrorSummary errors={collectErrors(errors)} attempt={form.formState.submitCount} />
        <TextArea
          label={question.label}
          hint={question.hint}
          error={errors.text?.message}
          registration={form.register('text')}
          rows={8}
        />
        <button className="govuk-button" type="submit">
          Continue
        </button>
      </form>
    </WizardFrame>
  );
}
