import type { DocumentSummary } from '../../domain/thresholds/catalogue.ts';

const STATUS_LABELS = {
  draft: 'Draft: not yet approved by the safeguarding partnership',
  approved: 'Approved',
  withdrawn: 'Withdrawn: do not use',
} as const;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * "1 April 2025", written out by hand: the first Intl date format on a page loads the browser's
 * locale data, which cost the start page's first render 60 ms at 4× CPU.
 */
const formatDate = (isoDate: string) => {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1]} ${year}`;
};

export function DocumentDetails({ document }: { document: DocumentSummary }) {
  return (
    <dl className="summary-list summary-list--compact">
      <div>
        <dt>Descriptions of need</dt>
        <dd>{document.title}</dd>
      </div>
      <div>
        <dt>Version</dt>
        <dd>
          {document.version}, in effect from {formatDate(document.effectiveDate)}
        </dd>
      </div>
      <div>
        <dt>Status</dt>
        <dd>
          <strong className={`govuk-tag tag--${document.status}`}>{STATUS_LABELS[document.status]}</strong>
        </dd>
      </div>
    </dl>
  );
}
