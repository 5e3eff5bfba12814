/** `diff --text`: the same revision summary as the JSON, written for the writing group. */
import type { CaseOutcome, Changes, RulesDiff } from '../../src/domain/thresholds/diff.ts';

const show = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value ?? null));
const outcomeText = (outcome: CaseOutcome) =>
  'doesNotFit' in outcome ? `answers do not fit (${outcome.doesNotFit})` : `level ${outcome.level}${outcome.immediateRisk ? ', immediate risk' : ''}`;

function section<S>(heading: string, changes: Changes<S>, describe: (item: S) => string): string[] {
  const counts = `${changes.added.length} added, ${changes.removed.length} removed, ${new Set(changes.changed.map((change) => change.id)).size} changed`;
  return [
    `${heading}: ${counts}`,
    ...changes.added.map((item) => `  + ${describe(item)}`),
    ...changes.removed.map((item) => `  - ${describe(item)}`),
    ...changes.changed.map((change) => `  ~ ${change.id} ${change.field}: ${show(change.from)} → ${show(change.to)}`),
  ];
}

export function diffText(diff: RulesDiff): string {
  const lines = [
    `${diff.from.id} ${diff.from.version} → ${diff.to.id} ${diff.to.version}`,
    '',
    ...section('Indicators', diff.indicators, (item) => `${item.id} (level ${item.level})${item.replacedBy ? `, replaced by ${item.replacedBy}` : ''}`),
    '',
    ...section('Concerns', diff.concerns, (item) => `${item.id}: ${item.title}`),
    '',
    ...section('Rules', diff.rules, (item) => `${item.id}: ${item.title}`),
    '',
    `Worked cases whose level or immediate risk changes: ${diff.cases.length}`,
    ...diff.cases.map((change) => `  ${change.file}: ${outcomeText(change.from)} → ${outcomeText(change.to)}`),
  ];
  return `${lines.join('\n')}\n`;
}
