import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { Link, Redirect, Route, Switch, useLocation, useParams } from 'wouter';
import { z } from 'zod';
import { ErrorSummary, collectErrors } from '../../ui/components/error-summary.tsx';
import { Radios } from '../../ui/components/fields.tsx';
import { IndicatorPicker } from '../../ui/components/indicator-picker.tsx';
import { IndicatorSearch } from '../../ui/components/indicator-search.tsx';
import { WizardFrame } from '../../ui/components/wizard-frame.tsx';
import { useThresholdsDocument } from '../../ui/documents/documents-context.tsx';
import { decideLevel } from '../../domain/assessment/decision.ts';
import { quickCheckSteps, stepPosition, type Step } from '../../domain/assessment/steps.ts';
import { assess } from '../../domain/engine/assess.ts';
import { keepApplicable } from '../../domain/thresholds/queries.ts';
import type { ThresholdsDocument } from '../../domain/thresholds/schema.ts';
import { QuickCheckResult } from './quick-check-result.tsx';
import { useStoredQuickCheck } from './quick-check-storage.ts';

const hrefFor = (step: Step) => `/${step.slug}`;

/** A quick check asks for no personal data; its answers wait on the device until cleared (see quick-check-storage.ts). */
export function QuickCheck({ documentId }: { documentId: string }) {
  const document = useThresholdsDocument(documentId);
  const steps = useMemo(() => quickCheckSteps(document), [document]);
  const [answers, setAnswers, clear] = useStoredQuickCheck(document);
  const [, navigate] = useLocation();
  const assessment = answers.ageBand
    ? assess(document, { ageBand: answers.ageBand, indicators: answers.indicators })
    : undefined;
  const decision = assessment && decideLevel(document, assessment);
  const selected = new Set(answers.indicators);
  const toggle = (id: string, checked: boolean) =>
    setAnswers((current) => ({
      ...current,
      indicators: checked ? [...current.indicators, id] : current.indicators.filter((other) => other !== id),
    }));
  const frame = { steps, hrefFor, decision };

  return (
    <Switch>
      <Route path="/">
        <Redirect to="/age" replace />
      </Route>
      <Route path="/age">
        <WizardFrame {...frame} slug="age">
          <AgeForm
            document={document}
            ageBand={answers.ageBand}
            onChoose={(ageBand) =>
              // Indicators for another age band may not apply: keep only those that still do.
              setAnswers((current) => ({
                ...current,
                ageBand,
                indicators: keepApplicable(document, ageBand, current.indicators),
              }))
            }
            next={steps[1]}
          />
        </WizardFrame>
      </Route>
      <Route path="/result">
        {assessment && decision ? (
          <WizardFrame {...frame} slug="result" hideLevel>
            <QuickCheckResult
              document={document}
              assessment={assessment}
              decision={decision}
              onClear={() => {
                clear();
                navigate('/age');
              }}
            />
          </WizardFrame>
        ) : (
          <Redirect to="/age" replace />
        )}
      </Route>
      <Route path="/:step">
        <DomainStep
          document={document}
          steps={steps}
          ageBand={answers.ageBand}
          selected={selected}
          onToggle={toggle}
          frame={frame}
        />
      </Route>
    </Switch>
  );
}

function AgeForm({
  document,
  ageBand,
  onChoose,
  next,
}: {
  document: ThresholdsDocument;
  ageBand: string | undefined;
  onChoose(ageBand: string): void;
  next: Step | undefined;
}) {
  const [, navigate] = useLocation();
  const schema = useMemo(
    () =>
      z.object({
        ageBand: z.enum(document.ageBands.map((band) => band.id) as [string, ...string[]], {
          error: "Select the child's age",
        }),
      }),
    [document],
  );
  const form = useForm({
    shouldFocusError: false,
    resolver: zodResolver(schema),
    defaultValues: { ageBand: ageBand ?? '' },
  });
  const errors = collectErrors(form.formState.errors);
  return (
    <form
      noValidate
      onSubmit={form.handleSubmit((values) => {
        onChoose(values.ageBand);
        if (next) navigate(hrefFor(next));
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

function DomainStep({
  document,
  steps,
  ageBand,
  selected,
  onToggle,
  frame,
}: {
  document: ThresholdsDocument;
  steps: readonly Step[];
  ageBand: string | undefined;
  selected: ReadonlySet<string>;
  onToggle(id: string, checked: boolean): void;
  frame: Omit<Parameters<typeof WizardFrame>[0], 'slug' | 'children'>;
}) {
  const { step: slug = '' } = useParams<{ step: string }>();
  const step = steps.find((candidate) => candidate.slug === slug);
  if (!ageBand) return <Redirect to="/age" replace />;
  if (!step?.domainId) return <Redirect to="/age" replace />;
  const domain = document.domains.find((candidate) => candidate.id === step.domainId);
  const { next } = stepPosition(steps, slug);
  return (
    <WizardFrame {...frame} slug={slug}>
      <IndicatorSearch document={document} ageBand={ageBand} selected={selected} onToggle={onToggle} />
      <p>{domain?.summary} Tick everything that describes the child or family now, or open an area below.</p>
      <IndicatorPicker
        document={document}
        domainId={step.domainId}
        ageBand={ageBand}
        selected={selected}
        onToggle={onToggle}
      />
      <div className="govuk-button-group">
        {next && (
          <Link className="govuk-button" href={hrefFor(next)}>
            Continue
          </Link>
        )}
        {next?.slug !== 'result' && (
          <Link className="govuk-button govuk-button--secondary" href="/result">
            See the level now
          </Link>
        )}
      </div>
    </WizardFrame>
  );
}
