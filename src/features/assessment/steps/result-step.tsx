import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link } from 'wouter';
import { ErrorSummary, collectErrors } from '../../../ui/components/error-summary.tsx';
import { Radios, TextArea } from '../../../ui/components/fields.tsx';
import { LevelResponse } from '../../../ui/components/level-response.tsx';
import { WizardFrame } from '../../../ui/components/wizard-frame.tsx';
import { overrideSchemaFor } from '../../../domain/assessment/referral-schema.ts';
import type { Step } from '../../../domain/assessment/steps.ts';
import type { Assessment } from '../../../domain/engine/assess.ts';
import { useFormAutosave } from '../use-form-autosave.ts';
import { SaveStatus } from '../save-status.tsx';
import { stepHref, useStep } from '../use-step.ts';

export function ResultStep({ step }: { step: Step }) {
  const { steps, assessment, decision } = useStep(step);
  return (
    <WizardFrame steps={steps} slug={step.slug} hrefFor={stepHref} decision={decision} status={<SaveStatus />}>
      {assessment && decision ? (
        <>
          <LevelResponse decision={decision} />
          <OverrideForm step={step} assessment={assessment} />
        </>
      ) : (
        <p>
          First <Link href="/concern">tell us the child's age</Link>: the level depends on it.
        </p>
      )}
    </WizardFrame>
  );
}

function OverrideForm({ step, assessment }: { step: Step; assessment: Assessment }) {
  const { draft, document, update, goNext } = useStep(step);
  const schema = useMemo(
    () =>
      overrideSchemaFor(
        document.levels.map((level) => level.level),
        assessment.suggestedLevel,
      ),
    [document, assessment.suggestedLevel],
  );
  const saved = draft.content.override;
  const form = useForm({
    shouldFocusError: false,
    resolver: zodResolver(schema),
    defaultValues: { agrees: saved.agrees, level: saved.level, rationale: saved.rationale ?? '' },
  });
  useFormAutosave(form, (content, values) => ({
    ...content,
    override: { ...content.override, ...values, level: values.level === undefined ? undefined : Number(values.level) },
  }));
  const { errors } = form.formState;
  const disagrees = useWatch({ control: form.control, name: 'agrees' }) === 'no';
  return (
    <form
      noValidate
      onSubmit={form.handleSubmit((override) => {
        update((content) => ({ ...content, override }));
        goNext();
      })}
    >
      <h2>Your professional judgement</h2>
      <ErrorSummary errors={collectErrors(errors)} attempt={form.formState.submitCount} />
      <Radios
        legend={`Do you agree that level ${assessment.suggestedLevel} is right for this child?`}
        hint="The suggestion supports your judgement; it does not replace it. Both are kept in the referral."
        error={errors.agrees?.message}
        registration={form.register('agrees')}
        options={[
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No, I think the level is different' },
        ]}
      />
      {disagrees && (
        <div className="conditional">
          <Radios
            legend="Which level do you think is right?"
            error={errors.level?.message}
            registration={form.register('level')}
            options={document.levels
              .filter((level) => level.level !== assessment.suggestedLevel)
              .map((level) => ({ value: String(level.level), label: `Level ${level.level}: ${level.name}` }))}
          />
          <TextArea
            label="Why do you think the level is different?"
            hint="Say what you know that the descriptions do not capture."
            error={errors.rationale?.message}
            registration={form.register('rationale')}
            rows={5}
          />
        </div>
      )}
      <button className="govuk-button" type="submit">
        Continue
      </button>
    </form>
  );
}
