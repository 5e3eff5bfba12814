import { Redirect, Route, Switch, useParams } from 'wouter';
import { WizardNavigationProvider } from '../../ui/components/wizard-frame.tsx';
import { taskGroupTitle } from '../../domain/assessment/task-status.ts';
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
import { TaskListPage } from './task-list-page.tsx';
import { TASK_LIST_HREF } from './use-step.ts';

const TASK_LIST_NAVIGATION = { backHref: TASK_LIST_HREF, caption: taskGroupTitle };

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
      <Route path={TASK_LIST_HREF}>
        <TaskListPage />
      </Route>
      <Route path="/:step">
        <WizardNavigationProvider value={TASK_LIST_NAVIGATION}>
          <StepPage />
        </WizardNavigationProvider>
      </Route>
    </Switch>
  );
}

function StepPage() {
  const { step: slug = '' } = useParams<{ step: string }>();
  const { steps } = useDraftSession();
  const step = steps.find((candidate) => candidate.slug === slug);
  if (!step) return <Redirect to={TASK_LIST_HREF} replace />;
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
