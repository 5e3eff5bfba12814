import { lazy, Suspense, useEffect, useMemo } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { Loading } from '../../ui/components/loading.tsx';
import { WizardFrame } from '../../ui/components/wizard-frame.tsx';
import { useThresholdsDocument } from '../../ui/documents/documents-context.tsx';
import { decideLevel } from '../../domain/assessment/decision.ts';
import { quickCheckSteps, type Step } from '../../domain/assessment/steps.ts';
import { toggleIndicator } from '../../domain/assessment/toggle-indicator.ts';
import { assess } from '../../domain/engine/assess.ts';
import { whenIdle } from '../../pwa/when-idle.ts';
import { AgeForm } from './age-form.tsx';
import { useStoredQuickCheck } from './stored-answers.ts';

// The first question shows with this chunk alone; the later steps load while it is being answered.
const loadSteps = () => import('./quick-check-steps.tsx');
const DomainStep = lazy(() => loadSteps().then((module) => ({ default: module.DomainStep })));
const ResultStep = lazy(() => loadSteps().then((module) => ({ default: module.ResultStep })));

// Search and its index come with these queries: only choosing an age needs them, not showing the question.
const loadQueries = () => import('../../domain/thresholds/queries.ts');

const hrefFor = (step: Step) => `/${step.slug}`;

/** A quick check asks for no personal data; its answers wait on the device until cleared (see stored-answers.ts). */
export function QuickCheck({ documentId }: { documentId: string }) {
  const document = useThresholdsDocument(documentId);
  const steps = useMemo(() => quickCheckSteps(document), [document]);
  const [answers, setAnswers, clear] = useStoredQuickCheck(document);
  const [, navigate] = useLocation();
  useEffect(() => whenIdle(() => void loadSteps().catch(() => undefined)), []);
  const assessment = answers.ageBand
    ? assess(document, { ageBand: answers.ageBand, indicators: answers.indicators })
    : undefined;
  const decision = assessment && decideLevel(document, assessment);
  const selected = new Set(answers.indicators);
  const toggle = (id: string, checked: boolean) =>
    setAnswers((current) => ({ ...current, indicators: toggleIndicator(current.indicators, id, checked) }));
  const frame = { steps, hrefFor, decision };
  const next = steps[1];

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
            onChoose={async (ageBand) => {
              const { keepApplicable } = await loadQueries();
              // Indicators for another age band may not apply: keep only those that still do.
              setAnswers((current) => ({
                ...current,
                ageBand,
                indicators: keepApplicable(document, ageBand, current.indicators),
              }));
            }}
            nextHref={next && hrefFor(next)}
          />
        </WizardFrame>
      </Route>
      <Route path="/result">
        {assessment && decision ? (
          <Suspense fallback={<Loading />}>
            <ResultStep
              document={document}
              assessment={assessment}
              decision={decision}
              frame={frame}
              onClear={() => {
                clear();
                navigate('/age');
              }}
            />
          </Suspense>
        ) : (
          <Redirect to="/age" replace />
        )}
      </Route>
      <Route path="/:step">
        <Suspense fallback={<Loading />}>
          <DomainStep
            document={document}
            steps={steps}
            ageBand={answers.ageBand}
            selected={selected}
            onToggle={toggle}
            frame={frame}
          />
        </Suspense>
      </Route>
    </Switch>
  );
}
