import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { ErrorSummary, collectErrors } from '../../../ui/components/error-summary.tsx';
import { Radios, TextArea } from '../../../ui/components/fields.tsx';
import { WizardFrame } from '../../../ui/components/wizard-frame.tsx';
import {
  CONSENT_OUTCOME_LABELS,
  CONSENT_OUTCOMES,
  consentNeedsReason,
  consentSchema,
} from '../../../domain/assessment/referral-schema.ts';
import type { Step } from '../../../domain/assessment/steps.ts';
import { useFormAutosave } from '../use-form-autosave.ts';
import { SaveStatus } from '../save-status.tsx';
import { stepHref, useStep } from '../use-step.ts';

export function ConsentStep({ step }: { step: Step }) {
  const { draft, steps, decision, update, goNext } = useStep(step);
  const form = useForm({
    shouldFocusError: false,
    resolver: zodResolver(consentSchema),
    defaultValues: { reasonNotSought: '', ...draft.content.consent },
  });
  useFormAutosave(form, (content, values) => ({ ...content, consent: { ...content.consent, ...values } }));
  const { errors } = form.formState;
  const [parentsAware, consent] = useWatch({ control: form.control, name: ['parentsAware', 'consent'] });
  // Revealed only once an answer needs explaining (GOV.UK conditional reveal).
  const needsReason = consentNeedsReason({ parentsAware, consent });
  return (
    <WizardFrame steps={steps} slug={step.slug} hrefFor={stepHref} decision={decision} status={<SaveStatus />}>
      {decision && (
        <div className="govuk-inset-text">
          <p>
            <strong>
              {decision.overridden ? 'Your level' : 'Suggested level'}: level {decision.level}, {decision.response.name}
              .
            </strong>{' '}
            {decision.response.consent}
          </p>
          {decision.overridden && (
            <p className="govuk-hint">
              Suggested: level {decision.suggestedLevel}. This guidance follows the level you chose.
            </p>
          )}
        </div>
      )}
      <form
        noValidate
        onSubmit={form.handleSubmit((consent) => {
          update((content) => ({ ...content, consent }));
          goNext();
        })}
      >
        <ErrorSummary errors={collectErrors(errors)} attempt={form.formState.submitCount} />
        <Radios
          legend="Do the parents or carers know you are making this referral?"
          error={errors.parentsAware?.message}
          registration={form.register('parentsAware')}
          options={[
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ]}
        />
        <Radios
          legend="Did the family give consent to share information and refer?"
          error={errors.consent?.message}
          registration={form.register('consent')}
          options={CONSENT_OUTCOMES.map((value) => ({ value, label: CONSENT_OUTCOME_LABELS[value] }))}
        />
        {needsReason && (
          <div className="conditional">
            <TextArea
              label="If consent was not given, not sought, or the parents do not know, explain why"
              hint="For example: asking would put the child at greater risk, or could harm a police investigation."
              error={errors.reasonNotSought?.message}
              registration={form.register('reasonNotSought')}
              rows={4}
            />
          </div>
        )}
        <button className="govuk-button" type="submit">
          Continue
        </button>
      </form>
    </WizardFrame>
  );
}
