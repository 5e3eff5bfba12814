/** The referrals list: counts, filters, the table (most urgent first), paging and the CSV link. */
import { html, type SafeHtml } from '../html.ts';
import { agencyName } from '../../../src/domain/assessment/agencies.ts';
import type { Agency } from '../../../src/domain/thresholds/schema.ts';
import { PAGE_SIZE, STATUS_LABELS, STATUSES, type StaffUser, type Status } from '../model.ts';
import type { ListCounts, ListRow } from '../store/queries.ts';
import { dateTime, errorFor, errorSummary, select, tag, textInput, type FieldError } from './components.ts';
import { page } from './layout.ts';

/** The filters as typed, shown back in the form (never cleared on error). */
export interface FilterValues {
  status: string;
  level: string;
  agency: string;
  from: string;
  to: string;
}

export interface ListView {
  user: StaffUser;
  csrfToken: string;
  values: FilterValues;
  errors: FieldError[];
  rows: ListRow[];
  counts: ListCounts;
  page: number;
  levels: readonly number[];
  /** What was typed in "Find a referral by its reference" when nothing was found, shown back. */
  referenceTyped?: string;
  /** Every agency any document lists (see agenciesOf). */
  agencies: readonly Agency[];
}

export function queryString(values: Partial<FilterValues> & { page?: number }): string {
  const entries = Object.entries(values).filter(([, value]) => value !== undefined && value !== '' && value !== 1);
  return entries.length
    ? `?${entries.map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`).join('&')}`
    : '';
}

const STATUS_TAG: Record<Status, SafeHtml> = {
  new: tag(STATUS_LABELS.new, 'blue'),
  'in-triage': tag(STATUS_LABELS['in-triage'], 'yellow'),
  decided: tag(STATUS_LABELS.decided, 'green'),
};

export function levelsCell(referrer: number, engine: number): SafeHtml {
  if (referrer === engine) return html`Level ${referrer}`;
  return html`Level ${Math.max(referrer, engine)}<br /><span class="muted"
      >Referrer ${referrer}, suggested ${engine}</span
    >`;
}

function counts(view: ListView): SafeHtml {
  const { counts: c, values } = view;
  const link = (status: Status) =>
    html`<li class="counts__item">
      <a class="counts__link" href="/inbox${queryString({ ...values, status })}"
        ><span class="counts__number">${c.byStatus[status]}</span> ${STATUS_LABELS[status].toLowerCase()}</a
      >
    </li>`;
  return html`<p class="govuk-body">
      ${c.total}
      ${c.total === 1 ? 'referral matches' : 'referrals match'}${c.immediateRisk ? html`, <strong>${c.immediateRisk} with immediate risk</strong>` : ''}.
    </p>
    <ul class="counts" aria-label="Referrals by status">
      ${STATUSES.map(link)}
    </ul>`;
}

function filters(view: ListView): SafeHtml {
  const { values, errors } = view;
  const any = { value: '', label: 'Any' };
  // Folded away until used, so that the list itself starts in the first screen.
  const inUse = errors.length > 0 || Object.values(values).some((value) => value !== '');
  return html`<details class="govuk-details filters" ${inUse ? html`open` : ''}>
    <summary class="govuk-details__summary"><span class="govuk-details__summary-text">Filter referrals</span></summary>
    <form class="filters__form" method="get" action="/inbox" novalidate>
      <div class="filters__grid">
        ${select({ id: 'status', label: 'Status', value: values.status, error: errorFor(errors, 'status'), choices: [any, ...STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status] }))] })}
        ${select({ id: 'level', label: 'Level', hint: "The higher of the referrer's and the suggested", value: values.level, error: errorFor(errors, 'level'), choices: [any, ...view.levels.map((level) => ({ value: String(level), label: `Level ${level}` }))] })}
        ${select({ id: 'agency', label: 'Agency', value: values.agency, error: errorFor(errors, 'agency'), choices: [any, ...view.agencies.map((agency) => ({ value: agency.id, label: agency.name }))] })}
        ${textInput({ id: 'from', label: 'Received from', hint: 'Leave empty for the earliest', type: 'date', value: values.from, error: errorFor(errors, 'from') })}
        ${textInput({ id: 'to', label: 'Received to', hint: 'This day included', type: 'date', value: values.to, error: errorFor(errors, 'to') })}
      </div>
      <div class="govuk-button-group">
        <button class="govuk-button govuk-button--secondary" type="submit">Apply filters</button>
        <a class="govuk-link button-group__link" href="/inbox">Clear filters</a>
      </div>
    </form>
  </details>`;
}

function findForm(view: ListView): SafeHtml {
  return html`<form class="find-reference" method="get" action="/inbox" novalidate>
    ${textInput({ id: 'reference', label: 'Find a referral by its reference', hint: 'For example, K7QM-4XRT', value: view.referenceTyped ?? '', error: errorFor(view.errors, 'reference'), width: '10', button: html`<button class="govuk-button govuk-button--secondary" type="submit">Find</button>` })}
  </form>`;
}

function table(view: ListView): SafeHtml {
  if (!view.rows.length) return html`<p class="govuk-body">No referrals match these filters.</p>`;
  return html`<table class="govuk-table">
    <caption class="govuk-table__caption">
      Referrals, most urgent first: immediate risk, then the highest level, then the longest waiting
    </caption>
    <thead>
      <tr>
        <th scope="col">Child</th>
        <th scope="col">Reference</th>
        <th scope="col">Received</th>
        <th scope="col">Agency</th>
        <th scope="col">Level</th>
        <th scope="col">Status</th>
      </tr>
    </thead>
    <tbody>
      ${view.rows.map(
        (row) =>
          html`<tr>
            <th scope="row">
              <a class="govuk-link table__link" href="/inbox/submissions/${row.id}"
                >${row.childName || 'Name not given'}</a
              >${row.immediateRisk ? html`<br />${tag('Immediate risk', 'red')}` : ''}
            </th>
            <td class="reference">${row.reference}</td>
            <td>${dateTime(row.receivedAt)}</td>
            <td>${agencyName({ agencies: view.agencies }, row.agency)}</td>
            <td>${levelsCell(row.practitionerLevel, row.engineLevel)}</td>
            <td>
              ${STATUS_TAG[row.status]}${row.decidedLevel !== null ? html`<br /><span class="muted">Level ${row.decidedLevel}</span>` : ''}
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function pagination(view: ListView): SafeHtml | '' {
  const pages = Math.max(1, Math.ceil(view.counts.total / PAGE_SIZE));
  if (pages === 1) return '';
  const link = (pageNumber: number, label: string, rel: string) =>
    html`<a
      class="govuk-link pagination__link"
      rel="${rel}"
      href="/inbox${queryString({ ...view.values, page: pageNumber })}"
      >${label}</a
    >`;
  return html`<nav class="pagination" aria-label="Pages of referrals">
    ${view.page > 1 ? link(view.page - 1, 'Previous page', 'prev') : ''}
    <span class="pagination__current">Page ${view.page} of ${pages}</span>
    ${view.page < pages ? link(view.page + 1, 'Next page', 'next') : ''}
  </nav>`;
}

export function listPage(view: ListView): string {
  const body = html`${errorSummary(view.errors)}
    <h1 class="govuk-heading-l">Referrals</h1>
    ${counts(view)} ${findForm(view)} ${filters(view)} ${table(view)} ${pagination(view)}
    <p class="govuk-body">
      <a class="govuk-link" href="/inbox/export/submissions.csv${queryString(view.values)}" download
        >Download these referrals as a spreadsheet (CSV)</a
      >
    </p>`;
  return page({
    title: 'Referrals',
    body,
    user: view.user,
    csrfToken: view.csrfToken,
    section: 'inbox',
    hasErrors: view.errors.length > 0,
  });
}
