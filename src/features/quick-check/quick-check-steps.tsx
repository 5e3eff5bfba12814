/**
 * The quick check past its first question: the concerns, step by step, and the result. Its own
 * chunk, loaded while the practitioner answers the age question (see quick-check-routes.tsx).
 */
import { Link, Redirect, useParams } from 'wouter';
import { DomainConcerns } from '../../ui/components/domain-concerns.tsx';
import { WizardFrame } from '../../ui/components/wizard-frame.tsx';
import type { LevelDecision } from '../../domain/assessment/decision.ts';
import { stepPosition, type Step } from '../../domain/assessment/steps.ts';
import type { Assessment } from '../../domain/engine/assess.ts';
import type { ThresholdsDocument } from '../../domain/thresholds/schema.ts';
import { QuickCheckResult } from './quick-check-result.tsx';

type Frame = Omit<Parameters<typeof WizardFrame>[0], 'slug' | 'children'>;

export function ResultStep({
  document,
  assessment,
  decision,
  frame,
  onClear,
}: {
  document: ThresholdsDocument;
  assessment: Assessment;
  decision: LevelDecision;
  frame: Frame;
  onClear(): void;
}) {
  return (
    <WizardFrame {...frame} slug="result" hideLevel>
      <QuickCheckResult document={document} assessment={assessment} decision={decision} onClear={onClear} />
    </WizardFrame>
  );
}

export function DomainStep({
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
  frame: Frame;
}) {
  const { step: slug = '' } = useParams<{ step: string }>();
  const step = steps.find((candidate) => candidate.slug === slug);
  if (!ageBand) return <Redirect to="/age" replace />;
  if (!step?.domainId) return <Redirect to="/age" replace />;
  const domain = document.domains.find((candidate) => candidate.id === step.domainId);
  const { next } = stepPosition(steps, slug);
  return (
    <WizardFrame {...frame} slug={slug}>
      <DomainConcerns document={document} domain={domain} ageBand={ageBand} selected={selected} onToggle={onToggle} />
      <div className="govuk-button-group">
        {next && (
          <Link className="govuk-button" href={`/${next.slug}`}>
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
