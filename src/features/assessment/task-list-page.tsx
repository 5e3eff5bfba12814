import { useEffect } from 'react';
import { Link } from 'wouter';
import { ImmediateRiskAlert } from '../../ui/components/immediate-risk-alert.tsx';
import { LiveLevel } from '../../ui/components/live-level.tsx';
import { Page } from '../../ui/components/page.tsx';
import { localDay } from '../../domain/assessment/date-parts.ts';
import { taskGroups, type Task, type TaskStatus } from '../../domain/assessment/task-status.ts';
import { useDraftSession } from './draft-session.tsx';
import { SaveStatus } from './save-status.tsx';
import { TASK_LIST_HREF } from './use-step.ts';

const STATUS_TEXT: Record<TaskStatus, string> = {
  completed: 'Completed',
  'in-progress': 'In progress',
  'not-started': 'Not yet started',
  'none-chosen': 'None chosen',
  'cannot-start': 'Cannot start yet',
};

const TAG_CLASS: Partial<Record<TaskStatus, string>> = {
  'in-progress': 'govuk-tag govuk-tag--light-blue',
  'not-started': 'govuk-tag govuk-tag--blue',
};

/** The GOV.UK task list: every section of the assessment with its status, to answer in any order. */
export function TaskListPage() {
  const { draft, document, steps, assessment, decision, enterStep } = useDraftSession();
  useEffect(() => enterStep(TASK_LIST_HREF.slice(1)), [enterStep]);
  const groups = taskGroups(
    steps,
    draft.content,
    document.levels.map((level) => level.level),
    assessment?.suggestedLevel,
    document.domains,
    localDay(new Date()),
  );
  const tasks = groups.flatMap((group) => group.tasks);
  const completed = tasks.filter((task) => task.status === 'completed').length;
  return (
    <>
      <Link className="govuk-back-link" href="~/">
        Back to the start page
      </Link>
      <ImmediateRiskAlert response={decision?.response} />
      <div className="wizard">
        <div className="wizard__main">
          <Page title="Make a referral">
            <SaveStatus />
            <p>
              You have completed {completed} of {tasks.length} sections. You can do them in any order.
            </p>
            {groups.map((group, index) => (
              <section key={group.title} aria-labelledby={`task-group-${index}`}>
                <h2 id={`task-group-${index}`}>{group.title}</h2>
                <ul className="govuk-task-list">
                  {group.tasks.map((task) => (
                    <TaskItem key={task.step.slug} task={task} />
                  ))}
                </ul>
              </section>
            ))}
          </Page>
        </div>
        <div className="wizard__aside">
          <LiveLevel decision={decision} />
        </div>
      </div>
    </>
  );
}

function TaskItem({ task }: { task: Task }) {
  const id = `task-${task.step.slug}`;
  const statusText = STATUS_TEXT[task.status];
  const tag = TAG_CLASS[task.status];
  const startable = task.status !== 'cannot-start';
  const hint = task.hint && (
    <div id={`${id}-hint`} className="govuk-task-list__hint">
      {task.hint}
    </div>
  );
  return (
    <li className={`govuk-task-list__item${startable ? ' govuk-task-list__item--with-link' : ''}`}>
      <div className="govuk-task-list__name-and-hint">
        {startable ? (
          <Link
            className="govuk-link govuk-task-list__link"
            href={`/${task.step.slug}`}
            aria-describedby={[task.hint ? `${id}-hint` : '', `${id}-status`].filter(Boolean).join(' ')}
          >
            {task.step.title}
          </Link>
        ) : (
          <div>{task.step.title}</div>
        )}
        {hint}
      </div>
      <div
        id={`${id}-status`}
        className={`govuk-task-list__status${startable ? '' : ' govuk-task-list__status--cannot-start-yet'}`}
      >
        {tag ? <strong className={tag}>{statusText}</strong> : statusText}
      </div>
    </li>
  );
}
