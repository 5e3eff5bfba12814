import { Redirect, Route, Switch, useParams } from 'wouter';
import { useDraftSession } from './draft-session.tsx';
import { AboutYouStep } from './steps/about-you-step.tsx';
import { CheckAnswersStep } from './steps/check-answers-step.tsx';
import { ChildStep } from './steps/child-step.tsx';
import { ConcernStep } from './steps/concern-step.tsx';
import { ConsentStep } from './steps/consent-step.tsx';
import { DomainStep } from './steps/domain-step.tsx';
import { FamilyStep } from './steps/family-step.tsx';
import { ReflectionStep } from './steps/reflection-step.tsx';
import { ResultStep } from './steps/result-step.tsx';
import { SummaryPage } from './steps/summary-page.tsx';

export function StepRouter() {
  const { draft } = useDraftSession();
  return (
    <Switch>
      <Route path="/">
        <Redirect to={`/${draft.step}`} replace />
      </Route>
      <Route path="/summary">
        <SummaryPage />
      </Route>
      <Route path="/:step">
        <StepPage />
      </Route>
    </Switch>
  );
}

function StepPage() {
  const { step: slug = '' } = useParams<{ step: string }>();
  const { steps } = useDraftSession();
  const step = steps.find((candidate) => candidate.slug === slug);
  if (!step) return <Redirect to="/about-you" replace />;
  switch (step.kind) {
    case 'about-you':
      return <AboutYouStep step={step} />;
    case 'concern':
      return <ConcernStep step={step} />;
    case 'child':
      return <ChildStep step={step} />;
    case 'family':
      return <FamilyStep step={step} />;
    case 'domain':
      return <DomainStep key={step.slug} step={step} />;
    case 'reflection':
      return <ReflectionStep key={step.slug} step={step} />;
    case 'result':
      return <ResultStep step={step} />;
    case 'consent':
      return <ConsentStep step={step} />;
    case 'check':
      return <CheckAnswersStep step={step} />;
  }
}
