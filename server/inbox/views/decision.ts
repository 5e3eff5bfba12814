/** The decision form, the decisions recorded so far, and the referral's audit trail. */
import type { ThresholdsDocument } from '../../../src/domain/thresholds/schema.ts';
import { html, type SafeHtml } from '../html.ts';
import { MAX_NOTE_LENGTH, OUTCOME_LABELS, OUTCOMES, outcomeLabel } from '../model.ts';
import type { AuditEntry } from '../store/audit.ts';
import type { DecisionView } from '../store/triage.ts';
import { dateTime, errorFor, freeText, hiddenCsrf, radios, textarea, type FieldError } from './components.ts';

export function levelName(document: ThresholdsDocument | undefined, level: number): string {
  const name = document?.levels.find((candidate) => candidate.level === level)?.name;
  return name ? `Level ${level}: ${name}` : `Level ${level}`;
}

/** The form's fields as typed, shown back when there is an error. */
export interface DecisionValues {
  decidedLevel: string;
  outcome: string;
  note: string;
}

export const DECISION_MESSAGES = {
  decidedLevel: 'Select the level of need the front door has decided',
  outcome: 'Select the outcome',
  note: 'Enter a note about the decision',
  noteTooLong: `The note must be ${MAX_NOTE_LENGTH.toLocaleString('en-GB')} characters or fewer`,
  changedMeanwhile:
    'Someone else recorded a decision while you had this page open. Check their decision below, then record yours again if it is still needed',
} as const;

interface FormView {
  row: { id: string; decision_count: number };
  csrfToken: string;
  document: ThresholdsDocument | undefined;
  values: DecisionValues;
  errors: FieldError[];
}

export function decisionForm(view: FormView): SafeHtml {
  const { values, errors, document } = view;
  const levels = document?.levels.map((level) => level.level) ?? [1, 2, 3, 4];
  const changing = view.row.decision_count > 0;
  return html`<form class="decision" method="post" action="/inbox/submissions/${view.row.id}/decision" novalidate>
    <h2 class="govuk-heading-m">${changing ? 'Change the decision' : "Record the front door's decision"}</h2>
    ${hiddenCsrf(view.csrfToken)}
    <input type="hidden" name="expectedCount" value="${view.row.decision_count}" />
    ${radios({
      name: 'decidedLevel',
      legend: 'What level of need has the front door decided?',
      value: values.decidedLevel,
      error: errorFor(errors, 'decidedLevel'),
      choices: levels.map((level) => ({ value: String(level), label: levelName(document, level) })),
    })}
    ${radios({
      name: 'outcome',
      legend: 'What happens next?',
      value: values.outcome,
      error: errorFor(errors, 'outcome'),
      choices: OUTCOMES.map((outcome) => ({ value: outcome, label: OUTCOME_LABELS[outcome] })),
    })}
    ${textarea({
      id: 'note',
      label: 'Note',
      hint: 'Why the front door decided this, and anything the next team needs to know',
      value: values.note,
      maxLength: MAX_NOTE_LENGTH,
      error: errorFor(errors, 'note'),
    })}
    <button class="govuk-button" type="submit">${changing ? 'Record the changed decision' : 'Record decision'}</button>
  </form>`;
}

const ACTIONS: Record<string, string> = {
  'viewed-submission': 'Opened the referral',
  'started-triage': 'Started triage',
  'recorded-decision': 'Recorded a decision',
};

function auditDescription(entry: AuditEntry): string {
  const base = ACTIONS[entry.action] ?? entry.action;
  if (entry.action !== 'recorded-decision') return base;
  const { decidedLevel, outcome, previousLevel, previousOutcome } = entry.details;
  const now = `level ${String(decidedLevel)}, ${outcomeLabel(String(outcome))}`;
  return previousLevel === null || previousLevel === undefined
    ? `${base}: ${now}`
    : `Changed the decision from level ${String(previousLevel)}, ${outcomeLabel(String(previousOutcome))} to ${now}`;
}

export function decisionHistory(
  decisions: readonly DecisionView[],
  document: ThresholdsDocument | undefined,
  audit: readonly AuditEntry[],
): SafeHtml {
  const decided = decisions.length
    ? html`<table class="govuk-table">
        <caption class="govuk-table__caption govuk-table__caption--m">
          Decisions, latest first
        </caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Level</th>
            <th scope="col">Outcome</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          ${decisions.map(
            (decision) =>
              html`<tr>
                <td>${dateTime(decision.decidedAt)}</td>
                <td>${decision.decidedBy}</td>
                <td>${levelName(document, decision.decidedLevel)}</td>
                <td>${outcomeLabel(decision.outcome)}</td>
                <td>${freeText(decision.note)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`
    : html`<h2 class="govuk-heading-m">Decisions</h2>
        <p class="govuk-body">No decision has been recorded yet.</p>`;
  return html`${decided}
    <details class="govuk-details">
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">Who has opened and changed this referral</span>
      </summary>
      <div class="govuk-details__text">
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--s">
            Audit trail (server time)
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            ${audit.map(
              (entry) =>
                html`<tr>
                  <td>${dateTime(entry.at)}</td>
                  <td>${entry.actor}</td>
                  <td>${auditDescription(entry)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </details>`;
}
