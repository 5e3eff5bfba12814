import { useEffect, useMemo } from 'react';
import { useForm, type Resolver } from 'react-hook-form';
import { useLocation } from 'wouter';
import { ErrorSummary, collectErrors } from '../../ui/components/error-summary.tsx';
import { Radios } from '../../ui/components/fields.tsx';
import type { ThresholdsDocument } from '../../domain/thresholds/schema.ts';
import { whenIdle } from '../../pwa/when-idle.ts';
import type { AgeAnswer } from './age-schema.ts';

// Not in render: starting an import there costs the first question's render Vite's preload links.
const loadAgeSchema = () => import('./age-schema.ts');

/** The quick check's first question. Its zod schema loads while the practitioner reads it, not before it shows. */
export function AgeForm({
  document,
  ageBand,
  onChoose,
  nextHref,
}: {
  document: ThresholdsDocument;
  ageBand: string | undefined;
  onChoose(ageBand: string): Promise<void>;
  nextHref: string | undefined;
}) {
  const [, navigate] = useLocation();
  useEffect(() => whenIdle(() => void loadAgeSchema().catch(() => undefined)), []);
  const resolver = useMemo<Resolver<AgeAnswer>>(
    () =>
      async (...args) =>
        (await loadAgeSchema()).ageResolver(document)(...args),
    [document],
  );
  const form = useForm<AgeAnswer>({
    shouldFocusError: false,
    resolver,
    defaultValues: { ageBand: ageBand ?? '' },
  });
  const errors = collectErrors(form.formState.errors);
  return (
    <form
      noValidate
      onSubmit={form.handleSubmit(async (values) => {
        await onChoose(values.ageBand);
        if (nextHref) navigate(nextHref);
      })}
    >
      <ErrorSummary errors={errors} attempt={form.formState.submitCount} />
      <p>A quick check asks for no names. Your answers stay on this device until you clear them.</p>
      <Radios
        legend="How old is the child?"
        error={form.formState.errors.ageBand?.message}
        registration={form.register('ageBand')}
        options={document.ageBands.map((band) => ({ value: band.id, label: band.label, hint: band.description }))}
      />
      <button className="govuk-button" type="submit">
        Continue
      </button>
    </form>
  );
}
