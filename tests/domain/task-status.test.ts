import { describe, expect, it } from 'vitest';
import { draftContentSchema, type DraftContent } from '../../src/domain/assessment/draft.ts';
import { assessmentSteps } from '../../src/domain/assessment/steps.ts';
import { taskGroups, type TaskStatus } from '../../src/domain/assessment/task-status.ts';

const DOMAINS = [
  { id: 'health', title: 'Health', indicators: [{ id: 'health-a' }, { id: 'health-b' }] },
  { id: 'home', title: 'Home', indicators: [{ id: 'home-a' }] },
];
const STEPS = assessmentSteps({ domains: DOMAINS });
const TODAY = '2026-11-30';

const COMPLETE = {
  referrer: { name: 'A Referrer', role: 'Health visitor', agency: 'health-visiting', phone: '01632 960111' },
  concern: { ageBand: '0-4', reason: 'A bruise' },
  child: { lastName: 'Child', gender: 'female', dateOfBirth: '2026-09-01', address: '1 Road' },
  strengths: 'Attends',
  childVoice: 'Settles',
  tried: 'Visits',
  override: { agrees: 'yes' },
  consent: { parentsAware: 'yes', consent: 'given' },
};

function statuses(content: Partial<Record<keyof DraftContent, unknown>>, suggestedLevel: number | undefined = 2) {
  const groups = taskGroups(STEPS, draftContentSchema.parse(content), [1, 2, 3, 4], suggestedLevel, DOMAINS, TODAY);
  return Object.fromEntries(
    groups.flatMap((group) => group.tasks.map((task) => [task.step.slug, task.status])),
  ) as Record<string, TaskStatus>;
}

describe('the task list statuses', () => {
  it('starts with nothing started, and what needs the age cannot start yet', () => {
    expect(statuses({}, undefined)).toEqual({
      'about-you': 'not-started',
      concern: 'not-started',
      child: 'not-started',
      family: 'not-started',
      'domain-health': 'cannot-start',
      'domain-home': 'cannot-start',
      strengths: 'not-started',
      'child-voice': 'not-started',
      tried: 'not-started',
      result: 'cannot-start',
      consent: 'cannot-start',
      check: 'cannot-start',
    });
  });

  it('shows a section with some answers as in progress, in any order', () => {
    const result = statuses({ child: { lastName: 'Child' }, tried: 'Visits' }, undefined);
    expect(result.child).toBe('in-progress');
    expect(result.tried).toBe('completed');
    expect(result['about-you']).toBe('not-started');
  });

  it('keeps the child in progress while the date of birth is half typed or after today', () => {
    const halfTyped = { ...COMPLETE.child, dateOfBirth: { day: '1', month: '', year: '2026' } };
    expect(statuses({ ...COMPLETE, child: halfTyped }).child).toBe('in-progress');
    expect(statuses({ ...COMPLETE, child: { ...COMPLETE.child, dateOfBirth: '2026-12-01' } }).child).toBe(
      'in-progress',
    );
  });

  it('opens the concerns, the level and consent once the age is known; a concern section is done once something is chosen', () => {
    const result = statuses({ concern: { ageBand: '0-4' }, indicators: ['health-b'] });
    expect(result.concern).toBe('in-progress');
    expect(result['domain-health']).toBe('completed');
    expect(result['domain-home']).toBe('none-chosen');
    expect(result.result).toBe('not-started');
    expect(result.consent).toBe('not-started');
  });

  it('lets "Check your answers" start only when every section that needs answers is complete', () => {
    expect(statuses(COMPLETE).check).toBe('not-started');
    // Nothing in the family section is required, so leaving it does not hold up the check.
    expect(statuses(COMPLETE).family).toBe('not-started');
    expect(statuses({ ...COMPLETE, family: { gpPractice: 'Central' } }).family).toBe('completed');
    expect(statuses({ ...COMPLETE, tried: '' }).check).toBe('cannot-start');
  });

  it('groups the sections in the order of the steps', () => {
    const groups = taskGroups(STEPS, draftContentSchema.parse({}), [1, 2, 3, 4], undefined, DOMAINS, TODAY);
    expect(groups.map((group) => [group.title, group.tasks.length])).toEqual([
      ['About you and the child', 4],
      ['What you have seen', 2],
      ['Your assessment', 5],
      ['Check and send', 1],
    ]);
  });
});
