/**
 * The consistency report page: the range form, a bar chart (SVG drawn here, with a title, a
 * description and the same figures in the table below it), the tables by agency, by level and
 * level against decision, and the indicators most often present when levels disagree.
 */
import { html, type SafeHtml } from '../html.ts';
import type { StaffUser } from '../model.ts';
import { percent, type AgreementRow, type ConsistencyReport } from '../report.ts';
import { errorFor, errorSummary, textInput, type FieldError } from './components.ts';
import { page } from './layout.ts';
import { queryString } from './list.ts';

export interface ReportView {
  user: StaffUser;
  csrfToken: string;
  values: { from: string; to: string };
  errors: FieldError[];
  report: ConsistencyReport;
  indicatorText: (id: string) => string;
  agencyName: (id: string) => string;
}

function share(part: number, whole: number, none: string): SafeHtml {
  const value = percent(part, whole);
  return value === null ? html`<span class="muted">${none}</span>` : html`${part} of ${whole} (${value}%)`;
}

function agreementTable(caption: string, firstColumn: string, rows: readonly [string, AgreementRow][]): SafeHtml {
  // Eight columns do not fit a tablet in portrait: the table scrolls within a focusable region.
  return html`<div class="table-scroll" role="region" aria-label="${caption}" tabindex="0">
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m">
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${firstColumn}</th>
          <th scope="col" class="govuk-table__cell--numeric">Referrals</th>
          <th scope="col" class="govuk-table__cell--numeric">Decided</th>
          <th scope="col">Referrer's level matches the decision</th>
          <th scope="col">Suggested level matches the decision</th>
          <th scope="col">Referrer's level matches the suggestion</th>
          <th scope="col" class="govuk-table__cell--numeric">Referrer higher than decision</th>
          <th scope="col" class="govuk-table__cell--numeric">Referrer lower than decision</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          ([label, row]) =>
            html`<tr>
              <th scope="row">${label}</th>
              <td class="govuk-table__cell--numeric">${row.referrals}</td>
              <td class="govuk-table__cell--numeric">${row.decided}</td>
              <td>${share(row.referrerMatchesDecision, row.decided, 'none decided')}</td>
              <td>${share(row.engineMatchesDecision, row.decided, 'none decided')}</td>
              <td>${share(row.referrerMatchesEngine, row.referrals, 'no referrals')}</td>
              <td class="govuk-table__cell--numeric">${row.referrerHigher}</td>
              <td class="govuk-table__cell--numeric">${row.referrerLower}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

const CHART = { width: 720, labelWidth: 220, barArea: 420, barHeight: 18, gap: 4, groupGap: 22, top: 40 };

/** Two bars per agency: how often the referrer's level, and the suggested level, matched the decision. */
export function agreementChart(rows: readonly [string, AgreementRow][]): SafeHtml {
  const decided = rows.filter(([, row]) => row.decided > 0);
  if (!decided.length) {
    return html`<p class="govuk-body">No referral in this range has a decision yet, so there is nothing to chart.</p>`;
  }
  const groupHeight = CHART.barHeight * 2 + CHART.gap + CHART.groupGap;
  const height = CHART.top + decided.length * groupHeight;
  const bar = (y: number, value: number, kind: 'referrer' | 'engine') => {
    const width = Math.max(1, (value / 100) * CHART.barArea);
    return html`<rect
        class="chart__bar chart__bar--${kind}"
        x="${CHART.labelWidth}"
        y="${y}"
        width="${width}"
        height="${CHART.barHeight}"
      ></rect>
      <text class="chart__value" x="${CHART.labelWidth + width + 6}" y="${y + CHART.barHeight - 4}">${value}%</text>`;
  };
  const description = decided
    .map(
      ([label, row]) =>
        `${label}: referrer's level matched ${percent(row.referrerMatchesDecision, row.decided) ?? 0}%, suggested level matched ${percent(row.engineMatchesDecision, row.decided) ?? 0}% of ${row.decided} decided`,
    )
    .join('; ');
  return html`<figure class="chart">
    <svg
      class="chart__svg"
      viewBox="0 0 ${CHART.width} ${height}"
      role="img"
      aria-labelledby="chart-title chart-desc"
      focusable="false"
    >
      <title id="chart-title">How often each level matched the front door's decision, by agency</title>
      <desc id="chart-desc">${description}.</desc>
      <rect class="chart__key chart__bar--referrer" x="${CHART.labelWidth}" y="6" width="14" height="14"></rect>
      <text class="chart__label" x="${CHART.labelWidth + 20}" y="18">Referrer's level</text>
      <rect class="chart__key chart__bar--engine" x="${CHART.labelWidth + 170}" y="6" width="14" height="14"></rect>
      <text class="chart__label" x="${CHART.labelWidth + 190}" y="18">Suggested level</text>
      ${decided.map(([label, row], index) => {
        const y = CHART.top + index * groupHeight;
        return html`<text class="chart__label" x="0" y="${y + CHART.barHeight + 2}">${label}</text>
          ${bar(y, percent(row.referrerMatchesDecision, row.decided) ?? 0, 'referrer')}
          ${bar(y + CHART.barHeight + CHART.gap, percent(row.engineMatchesDecision, row.decided) ?? 0, 'engine')}`;
      })}
    </svg>
    <figcaption class="chart__caption">
      Share of decided referrals where each level matched the decision. The same figures are in the table “Agreement by
      agency” below.
    </figcaption>
  </figure>`;
}

function matrix(report: ConsistencyReport): SafeHtml {
  const levels = [...new Set(report.matrix.map((cell) => cell.referrerLevel))];
  return html`<table class="govuk-table">
    <caption class="govuk-table__caption govuk-table__caption--m">
      The referrer's level against the front door's decision
    </caption>
    <thead>
      <tr>
        <th scope="col">Referrer's level</th>
        ${levels.map((level) => html`<th scope="col" class="govuk-table__cell--numeric">Decided level ${level}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${levels.map(
        (referrerLevel) =>
          html`<tr>
            <th scope="row">Level ${referrerLevel}</th>
            ${report.matrix
              .filter((cell) => cell.referrerLevel === referrerLevel)
              .map(
                (cell) =>
                  html`<td
                    class="govuk-table__cell--numeric${cell.referrerLevel === cell.decidedLevel ? ' table__cell--agree' : ''}"
                  >
                    ${cell.count}
                  </td>`,
              )}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function indicators(view: ReportView): SafeHtml {
  const { report } = view;
  const caption = html`<caption class="govuk-table__caption govuk-table__caption--m">
    Indicators most often present when levels disagree
  </caption>`;
  if (!report.indicators.length) {
    return html`<h2 class="govuk-heading-m">Indicators most often present when levels disagree</h2>
      <p class="govuk-body">No decided referral in this range had levels that disagree.</p>`;
  }
  return html`<table class="govuk-table">
    ${caption}
    <thead>
      <tr>
        <th scope="col">Indicator</th>
        <th scope="col" class="govuk-table__cell--numeric">Referrals</th>
        <th scope="col" class="govuk-table__cell--numeric">Share of the ${report.disagreeing} that disagree</th>
      </tr>
    </thead>
    <tbody>
      ${report.indicators.map(
        (indicator) =>
          html`<tr>
            <td>${view.indicatorText(indicator.id)}</td>
            <td class="govuk-table__cell--numeric">${indicator.count}</td>
            <td class="govuk-table__cell--numeric">${percent(indicator.count, report.disagreeing) ?? 0}%</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function reportPage(view: ReportView): string {
  const { report, values, errors } = view;
  const byAgency: [string, AgreementRow][] = [
    ...report.byAgency.map((row): [string, AgreementRow] => [view.agencyName(row.key), row]),
    ['All agencies', report.total],
  ];
  const byLevel: [string, AgreementRow][] = report.byLevel.map((row) => [`Level ${row.key}`, row]);
  const range = values.from || values.to ? queryString(values) : '';
  const body = html`${errorSummary(errors)}
    <h1 class="govuk-heading-l">Consistency report</h1>
    <p class="govuk-body">
      How often the level a referrer arrives with, the level the descriptions of need suggest and the front door's
      decision agree. Only referrals with a decision count towards agreement with the decision; the latest decision is
      used. Levels “disagree” when the three are not all the same.
    </p>
    <form class="filters" method="get" action="/inbox/report" novalidate>
      <h2 class="govuk-heading-m">Referrals received</h2>
      <div class="filters__grid">
        ${textInput({ id: 'from', label: 'From', hint: 'Leave empty for the earliest', type: 'date', value: values.from, error: errorFor(errors, 'from') })}
        ${textInput({ id: 'to', label: 'To', hint: 'This day included', type: 'date', value: values.to, error: errorFor(errors, 'to') })}
      </div>
      <button class="govuk-button govuk-button--secondary" type="submit">Show the report</button>
    </form>
    <dl class="key-figures">
      <div class="key-figures__item">
        <dt>Referrals</dt>
        <dd data-figure="referrals">${report.total.referrals}</dd>
      </div>
      <div class="key-figures__item">
        <dt>Decided</dt>
        <dd data-figure="decided">${report.total.decided}</dd>
      </div>
      <div class="key-figures__item">
        <dt>Referrer's level matches the decision</dt>
        <dd data-figure="referrer-agreement">
          ${percent(report.total.referrerMatchesDecision, report.total.decided) ?? '–'}${report.total.decided ? '%' : ''}
        </dd>
      </div>
      <div class="key-figures__item">
        <dt>Suggested level matches the decision</dt>
        <dd data-figure="engine-agreement">
          ${percent(report.total.engineMatchesDecision, report.total.decided) ?? '–'}${report.total.decided ? '%' : ''}
        </dd>
      </div>
    </dl>
    ${agreementChart(byAgency)} ${agreementTable('Agreement by agency', 'Agency', byAgency)}
    ${agreementTable("Agreement by the referrer's level", "Referrer's level", byLevel)} ${matrix(report)}
    ${indicators(view)}
    <ul class="govuk-list">
      <li>
        <a class="govuk-link" href="/inbox/export/report.csv${range}" download
          >Download the agreement tables as a spreadsheet (CSV)</a
        >
      </li>
      <li>
        <a class="govuk-link" href="/inbox/export/report-indicators.csv${range}" download
          >Download the indicators as a spreadsheet (CSV)</a
        >
      </li>
    </ul>`;
  return page({
    title: 'Consistency report',
    body,
    user: view.user,
    csrfToken: view.csrfToken,
    section: 'report',
    hasErrors: errors.length > 0,
  });
}
