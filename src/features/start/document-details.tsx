import { formatIsoDate } from '../../domain/plain-words.ts';
import type { DocumentSummary } from '../../domain/thresholds/catalogue.ts';

const STATUS_LABELS = {
  draft: 'Draft: not yet approved by the safeguarding partnership',
  approved: 'Approved',
  withdrawn: 'Withdrawn: do not use',
} as const;

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
          {document.version}, in effect from {formatIsoDate(document.effectiveDate)}
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
