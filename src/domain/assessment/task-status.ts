/**
 * The assessment as a GOV.UK task list: its sections, in groups, each with a status derived from
 * the draft alone, so the practitioner can answer them in any order and always see what is left.
 */
import { incompleteSteps } from './completeness.ts';
import { childDateProblem } from './date-parts.ts';
import type { DraftContent } from './draft.ts';
import type { Step, StepKind } from './steps.ts';

export const TASK_STATUSES = ['completed', 'in-progress', 'not-started', 'none-chosen', 'cannot-start'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface Task {
  step: Step;
  status: TaskStatus;
  /** Why it cannot start yet, or how much of an optional section is done. */
  hint?: string;
}

export interface TaskGroup {
  title: string;
  tasks: Task[];
}

const GROUP_OF_KIND: Record<StepKind, string> = {
  'about-you': 'About you and the child',
  concern: 'About you and the child',
  child: 'About you and the child',
  family: 'About you and the child',
  domain: 'What you have seen',
  reflection: 'Your assessment',
  result: 'Your assessment',
  consent: 'Your assessment',
  check: 'Check and send',
};

/** The group a step belongs to, shown above its heading instead of a step number. */
export const taskGroupTitle = (step: Step) => GROUP_OF_KIND[step.kind];

const blank = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.every(blank)) ||
  (typeof value === 'object' && !Array.isArray(value) && Object.values(value as object).every(blank));

function untouched(step: Step, content: DraftContent): boolean {
  switch (step.kind) {
    case 'about-you':
      return blank(content.referrer);
    case 'concern':
      return blank(content.concern);
    case 'child':
      return blank(content.child);
    case 'family':
      return blank(content.family);
    case 'reflection':
      return blank(content[step.field ?? 'strengths']);
    case 'result':
      return blank(content.override);
    case 'consent':
      return blank(content.consent);
    case 'domain':
    case 'check':
      return true;
  }
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * Each section's status: "cannot-start" while it needs the child's age (the concerns, the level
 * and consent, whose guidance follows the level) or, for "Check your answers", while any section
 * still needs answers; "not-started" when nothing is entered (with the hint "Optional" where nothing
 * is required); "in-progress" when something is but
 * the section's schema is not yet satisfied; "completed" when it is. The concern sections are
 * optional: "completed" once a concern is chosen, else "none-chosen" (looked at or not, nothing
 * in the draft says which), with a hint saying they are optional.
 * `today` ("YYYY-MM-DD") catches a date of birth after today.
 */
export function taskGroups(
  steps: readonly Step[],
  content: DraftContent,
  levels: readonly number[],
  suggestedLevel: number | undefined,
  domains: readonly { id: string; indicators: readonly { id: string }[] }[],
  today: string,
): TaskGroup[] {
  const problems = new Map(
    incompleteSteps(steps, content, levels, suggestedLevel).map((problem) => [problem.slug, problem.message]),
  );
  const childProblem = childDateProblem(content.child, today);
  if (childProblem && !problems.has('child')) problems.set('child', childProblem);
  const hasAge = Boolean(content.concern.ageBand);
  const chosen = new Set(content.indicators);

  const taskFor = (step: Step): Task => {
    switch (step.kind) {
      case 'domain': {
        if (!hasAge) return { step, status: 'cannot-start', hint: "Answer the child's age first" };
        const indicators = domains.find((domain) => domain.id === step.domainId)?.indicators ?? [];
        const count = indicators.filter((indicator) => chosen.has(indicator.id)).length;
        return count
          ? { step, status: 'completed', hint: plural(count, 'concern chosen', 'concerns chosen') }
          : { step, status: 'none-chosen', hint: 'Optional: choose any concerns you have seen' };
      }
      case 'result':
      case 'consent':
        if (!hasAge) return { step, status: 'cannot-start', hint: "Answer the child's age first" };
        break;
      case 'check':
        return problems.size
          ? { step, status: 'cannot-start', hint: 'Complete the sections above first' }
          : { step, status: 'not-started' };
      default:
        break;
    }
    if (untouched(step, content)) {
      return problems.has(step.slug)
        ? { step, status: 'not-started' }
        : { step, status: 'not-started', hint: 'Optional' };
    }
    return { step, status: problems.has(step.slug) ? 'in-progress' : 'completed' };
  };

  const groups: TaskGroup[] = [];
  for (const step of steps) {
    const title = taskGroupTitle(step);
    const group = groups.at(-1)?.title === title ? groups.at(-1) : undefined;
    if (group) group.tasks.push(taskFor(step));
    else groups.push({ title, tasks: [taskFor(step)] });
  }
  return groups;
}
