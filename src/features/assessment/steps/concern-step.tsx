import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { ErrorSummary, collectErrors } from '../../../ui/components/error-summary.tsx';
import { Radios, TextArea } from '../../../ui/components/fields.tsx';
import { WizardFrame } from '../../../ui/components/wizard-frame.tsx';
import type { DraftContent } from '../../../domain/assessment/draft.ts';
import { concernSchema, type Concern } from '../../../domain/assessment/referral-schema.ts';
import type { Step } from '../../../domain/assessment/steps.ts';
import { keepApplicable } from '../../../domain/thresholds/queries.ts';
import type { ThresholdsDocument } from '../../../domain/thresholds/schema.ts';
import { useFormAutosave } from '../use-form-autosave.ts';
import { SaveStatus } from '../save-status.tsx';
import { stepHref, useStep } from '../use-step.ts';

/** A new age band keeps only the concerns that apply at that age. */
function withConcern(document: ThresholdsDocument, content: DraftContent, concern: Partial<Concern>): DraftContent {
  const ageBand = concern.ageBand || content.concern.ageBand;
  return {
    ...content,
    concern: { ...content.concern, ...concern },
    indicators: ageBand ? keepApplicable(document, ageBand, content.indicators) : content.indicators,
  };
}

export function ConcernStep({ step }: { step: Step }) {
  const { draft, document, steps, decision, update, goNext } = useStep(step);
  const form = useForm({
    shouldFocusError: false,
    resolver: zodResolver(concernSchema),
    defaultValues: { ageBand: '', reason: '', ...draft.content.concern },
  });
  useFormAutosave(form, (content, values) => withConcern(document, content, values));
  const { errors } = form.formState;
  return (
    <WizardFrame steps={steps} slug={step.slug} hrefFor={stepHref} decision={decision} status={<SaveStatus />}>
      <form
        noValidate
        onSubmit={form.handleSubmit((concern) => {
          update((content) => withConcern(document, content, concern));
          goNext();
        })}
      >
        <ErrorSummary errors={collectErrors(errors)} attempt={form.formState.submitCount} />
        <Radios
          legend="How old is the child?"
          hint="The descriptions shown next depend on the child's age."
          error={errors.ageBand?.message}
          registration={form.register('ageBand')}
          options={document.ageBands.map((band) => ({ value: band.id, label: band.label, hint: band.description }))}
        />
        <TextArea
          label="What are you worried about?"
          hint="Say what you have seen or been told, when, and by whom. Facts first, then your view."
          error={errors.reason?.message}
          registration={form.register('reason')}
          rows={8}
        />
        <button className="govuk-button" type="submit">
          Continue
        </button>
      </form>
    </WizardFrame>
  );
}
