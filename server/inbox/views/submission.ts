/**
 * One referral: the levels and why, everything the referrer said (as text only), the triage
 * status, the decision form and the history. Free text is escaped by `html` and its line breaks
 * kept by CSS.
 */
import type { Assessment } from '../../../src/domain/engine/assess.ts';
import type { Submission } from '../../../src/domain/sync/submission-schema.ts';
import type { ThresholdsDocument } from '../../../src/domain/thresholds/schema.ts';
import { html, type HtmlValue, type SafeHtml } from '../html.ts';
import { agencyName } from '../../../src/domain/assessment/agencies.ts';
import { formatDay } from '../../../src/domain/assessment/dates.ts';
import { PARENTAL_RESPONSIBILITY_LABELS, YES_NO_LABELS } from '../../../src/domain/assessment/family-schema.ts';
import { CONSENT_OUTCOME_SUMMARIES, GENDER_LABELS } from '../../../src/domain/assessment/referral-schema.ts';
import { outcomeLabel, STATUS_LABELS, type StaffUser } from '../model.ts';
import type { AuditEntry } from '../store/audit.ts';
import type { SubmissionRow } from '../store/queries.ts';
import type { DecisionView } from '../store/triage.ts';
import { dateTime, errorSummary, freeText, hiddenCsrf, notification, tag, type FieldError } from './components.ts';
import { decisionForm, decisionHistory, levelName, type DecisionValues } from './decision.ts';
import { page } from './layout.ts';

export interface SubmissionPageView {
  user: StaffUser;
  csrfToken: string;
  row: SubmissionRow;
  submission: Partial<Submission>;
  document: ThresholdsDocument | undefined;
  assessment: Assessment | undefined;
  decisions: DecisionView[];
  audit: AuditEntry[];
  values: DecisionValues;
  errors: FieldError[];
  notice?: 'decision-recorded' | 'triage-started';
}

// Looked up by what a stored payload holds, which may be anything: hence string keys.
const GENDERS: Record<string, string> = GENDER_LABELS;
const CONSENT: Record<string, string> = CONSENT_OUTCOME_SUMMARIES;
const YES_NO: Record<string, string> = YES_NO_LABELS;

function summaryList(rows: readonly [string, HtmlValue][]): SafeHtml {
  return html`<dl class="govuk-summary-list">
    ${rows.map(
      ([key, value]) =>
        html`<div class="govuk-summary-list__row">
          <dt class="govuk-summary-list__key">${key}</dt>
          <dd class="govuk-summary-list__value">${value}</dd>
        </div>`,
    )}
  </dl>`;
}

function levels(view: SubmissionPageView): SafeHtml {
  const { row, document } = view;
  const rows: [string, HtmlValue][] = [
    ["Referrer's level", levelName(document, row.practitioner_level)],
    ['Suggested level (from the descriptions of need)', levelName(document, row.engine_level)],
  ];
  if (row.practitioner_level !== row.engine_level) {
    rows.push(["Referrer's reason for a different level", freeText(row.override_rationale)]);
  }
  if (row.suggested_level !== row.engine_level) {
    rows.push([
      "The device's suggestion",
      `Level ${row.suggested_level}: the device's copy of the descriptions gave a different level; the server's is shown above`,
    ]);
  }
  return summaryList(rows);
}

function reasons(view: SubmissionPageView): SafeHtml {
  const { assessment, row } = view;
  if (!assessment) {
    const ids = JSON.parse(row.engine_reasons) as string[];
    return html`<p class="govuk-body">
      This server no longer has ${row.document_id} ${row.document_version}. The reasons recorded were:
      ${ids.join(', ')}.
    </p>`;
  }
  const reasonList = assessment.reasons.length
    ? html`<ul class="govuk-list govuk-list--bullet">
        ${assessment.reasons.map((reason) => html`<li><span class="muted">${reason.heading}:</span> ${reason.text}</li>`)}
      </ul>`
    : html`<p class="govuk-body">No indicators were chosen, so the lowest level is suggested.</p>`;
  const others = assessment.chosen.filter((reason) => reason.level !== assessment.suggestedLevel);
  return html`<h2 class="govuk-heading-m">Why level ${assessment.suggestedLevel} was suggested</h2>
    ${reasonList}
    ${
      others.length
        ? html`<table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--s">
              Other indicators chosen
            </caption>
            <thead>
              <tr>
                <th scope="col">Indicator</th>
                <th scope="col">Area</th>
                <th scope="col" class="govuk-table__cell--numeric">Level</th>
              </tr>
            </thead>
            <tbody>
              ${others.map(
                (reason) =>
                  html`<tr>
                    <td>${reason.text}${reason.immediateRisk ? html` ${tag('Immediate risk', 'red')}` : ''}</td>
                    <td>${reason.heading}</td>
                    <td class="govuk-table__cell--numeric">${reason.level}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : ''
    }`;
}

function status(view: SubmissionPageView): SafeHtml {
  const { row } = view;
  const colour = row.status === 'new' ? 'blue' : row.status === 'in-triage' ? 'yellow' : 'green';
  const detail =
    row.status === 'new'
      ? html`<form method="post" action="/inbox/submissions/${row.id}/triage">
          ${hiddenCsrf(view.csrfToken)}<button class="govuk-button govuk-button--secondary" type="submit">
            Start triage
          </button>
        </form>`
      : row.triage_started_by && row.triage_started_at
        ? html`<p class="govuk-body">
            Triage started by ${row.triage_started_by}, ${dateTime(row.triage_started_at)}.
          </p>`
        : '';
  const latest = view.decisions[0];
  const decided = latest
    ? html`<p class="govuk-body">
        Decision: <strong>${levelName(view.document, latest.decidedLevel)}, ${outcomeLabel(latest.outcome)}</strong>, by
        ${latest.decidedBy}, ${dateTime(latest.decidedAt)}.
      </p>`
    : '';
  return html`<div class="status-panel">
    <p class="govuk-body">Status: ${tag(STATUS_LABELS[row.status], colour)}</p>
    ${decided}${detail}
  </div>`;
}

const PARENTAL_RESPONSIBILITY: Record<string, string> = PARENTAL_RESPONSIBILITY_LABELS;

/** The family step; referrals sent before it existed have none. */
function family(answers: Submission['family']): SafeHtml {
  if (!answers) return html``;
  const interpreter =
    answers.interpreterNeeded === 'yes'
      ? html`Yes: ${freeText(answers.interpreterLanguage)}`
      : (YES_NO[answers.interpreterNeeded ?? ''] ?? '');
  return html`<h2 class="govuk-heading-m">Family, language and other professionals</h2>
    ${summaryList([
      ['NHS number', freeText(answers.nhsNumber)],
      ['GP practice', freeText(answers.gpPractice)],
      ['Language spoken at home', freeText(answers.homeLanguage)],
      ['Interpreter needed', interpreter],
    ])}
    <h3>Parents and carers</h3>
    ${
      answers.parents.length
        ? summaryList(
            answers.parents.map((parent): [string, HtmlValue] => [
              parent.name,
              html`${freeText(parent.relationship)}. Parental responsibility:
              ${PARENTAL_RESPONSIBILITY[parent.parentalResponsibility] ?? ''}.
              ${parent.livesWithChild === 'yes' ? 'Lives with the child.' : 'Does not live with the child.'}`,
            ]),
          )
        : html`<p class="govuk-body">None given.</p>`
    }
    <h3>Other professionals involved</h3>
    ${
      answers.professionals.length
        ? summaryList(
            answers.professionals.map((professional): [string, HtmlValue] => [
              professional.name,
              html`${freeText(professional.role)}${professional.agency ? html`, ${freeText(professional.agency)}` : ''}${
                professional.contact ? html`<br />${freeText(professional.contact)}` : ''
              }`,
            ]),
          )
        : html`<p class="govuk-body">None given.</p>`
    }`;
}

function about(view: SubmissionPageView): SafeHtml {
  const { submission: s, document } = view;
  const child = s.child;
  const ageBand = document?.ageBands.find((band) => band.id === s.concern?.ageBand)?.label ?? s.concern?.ageBand;
  return html`<h2 class="govuk-heading-m">The child</h2>
    ${summaryList([
      ['Name', freeText([child?.firstName, child?.lastName].filter(Boolean).join(' '))],
      [
        child?.gender === 'unborn' ? 'Due date' : 'Date of birth',
        freeText(formatDay((child?.gender === 'unborn' ? child.dueDate : child?.dateOfBirth) ?? '')),
      ],
      ['Age', ageBand ?? ''],
      ['Gender', GENDERS[child?.gender ?? ''] ?? ''],
      ['Address', freeText(child?.address)],
      ['School, nursery or setting', freeText(child?.setting)],
      ['Who lives in the household', freeText(child?.household)],
    ])}
    ${family(s.family)}
    <h2 class="govuk-heading-m">The concern</h2>
    ${summaryList([
      ['What the referrer is worried about', freeText(s.concern?.reason)],
      ["The child's voice", freeText(s.childVoice?.text)],
      ['What is working well', freeText(s.strengths?.text)],
      ['What has been tried', freeText(s.tried?.text)],
    ])}
    <h2 class="govuk-heading-m">Consent</h2>
    ${summaryList([
      ['Do the parents or carers know about this referral?', YES_NO[s.consent?.parentsAware ?? ''] ?? ''],
      ['Consent', CONSENT[s.consent?.consent ?? ''] ?? ''],
      ...(s.consent?.reasonNotSought
        ? [['Why consent was not given or sought', freeText(s.consent.reasonNotSought)] as [string, HtmlValue]]
        : []),
    ])}
    <h2 class="govuk-heading-m">The referrer</h2>
    ${summaryList([
      ['Name', freeText(s.referrer?.name)],
      ['Role', freeText(s.referrer?.role)],
      ['Agency', agencyName(document, s.referrer?.agency ?? view.row.agency)],
      ['Phone', freeText(s.referrer?.phone)],
      ['Email', freeText(s.referrer?.email)],
    ])}
    <p class="govuk-body muted">
      Received ${dateTime(view.row.received_at)} (server time). Started on the device at ${s.startedAt ?? ''} and
      finished at ${s.completedAt ?? ''} (the device's clock). Descriptions of need: ${view.row.document_id}
      ${view.row.document_version}. Referral ${view.row.id}.
    </p>`;
}

export function submissionPage(view: SubmissionPageView): string {
  const { row, submission } = view;
  const name = [submission.child?.firstName, submission.child?.lastName].filter(Boolean).join(' ') || 'Name not given';
  const notice =
    view.notice === 'decision-recorded'
      ? notification('The decision has been recorded')
      : view.notice === 'triage-started'
        ? notification('You have started triage on this referral')
        : '';
  const body = html`<a class="govuk-back-link" href="/inbox">Back to referrals</a>
    ${errorSummary(view.errors)}${notice}
    <span class="govuk-caption-l">Referral from ${agencyName(view.document, row.agency)}</span>
    <h1 class="govuk-heading-l">${name}</h1>
    <p class="govuk-body">Reference <strong class="reference">${row.reference}</strong></p>
    ${
      row.immediate_risk === 1
        ? html`<div class="warning" role="note">
            <strong class="warning__text"
              ><span class="govuk-visually-hidden">Warning: </span>Immediate risk. The answers include signs that this
              child may be in danger now.</strong
            >
          </div>`
        : ''
    }
    ${status(view)}
    <h2 class="govuk-heading-m">Levels</h2>
    ${levels(view)} ${reasons(view)} ${about(view)} ${decisionForm(view)}
    ${decisionHistory(view.decisions, view.document, view.audit)}`;
  return page({
    title: `Referral for ${name}`,
    body,
    user: view.user,
    csrfToken: view.csrfToken,
    section: 'inbox',
    hasErrors: view.errors.length > 0,
  });
}
