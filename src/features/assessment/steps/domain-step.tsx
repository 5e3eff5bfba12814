import { Link } from 'wouter';
import { DomainConcerns } from '../../../ui/components/domain-concerns.tsx';
import { WizardFrame } from '../../../ui/components/wizard-frame.tsx';
import { toggleIndicator } from '../../../domain/assessment/toggle-indicator.ts';
import type { Step } from '../../../domain/assessment/steps.ts';
import { SaveStatus } from '../save-status.tsx';
import { stepHref, useStep } from '../use-step.ts';

export function DomainStep({ step }: { step: Step }) {
  const { draft, document, steps, decision, update, nextHref, goNext } = useStep(step);
  const ageBand = draft.content.concern.ageBand;
  const domain = document.domains.find((candidate) => candidate.id === step.domainId);
  const selected = new Set(draft.content.indicators);
  const toggle = (id: string, checked: boolean) =>
    update((content) => ({ ...content, indicators: toggleIndicator(content.indicators, id, checked) }));
  return (
    <WizardFrame steps={steps} slug={step.slug} hrefFor={stepHref} decision={decision} status={<SaveStatus />}>
      {!ageBand || !domain ? (
        <p>
          First <Link href="/concern">tell us the child's age</Link>: the descriptions depend on it.
        </p>
      ) : (
        <DomainConcerns document={document} domain={domain} ageBand={ageBand} selected={selected} onToggle={toggle} />
      )}
      <a
        className="govuk-button"
        href={nextHref}
        onClick={(event) => {
          event.preventDefault();
          goNext();
        }}
      >
        Continue
      </a>
    </WizardFrame>
  );
}
