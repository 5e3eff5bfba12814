import type { DocumentSummary } from '../domain/thresholds/catalogue.ts';

export interface StartPageProps {
  documents: readonly DocumentSummary[];
}

const STATUS_LABELS = {
  draft: 'Draft: not yet approved by the safeguarding partnership',
  approved: 'Approved',
  withdrawn: 'Withdrawn: do not use',
} as const;

const formatDate = (isoDate: string) =>
  new Date(`${isoDate}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

export function StartPage({ documents }: StartPageProps) {
  return (
    <>
      <h1>Decide a child's level of need</h1>
      <p className="lead">
        Use your area's descriptions of need to find the right level of help for a child, with the reasons, and what to
        do next.
      </p>
      <h2>Descriptions of need on this device</h2>
      {documents.length === 0 ? (
        <p>No descriptions of need are installed. Ask your council's IT team to add your area's document.</p>
      ) : (
        <ul className="document-list">
          {documents.map((doc) => (
            <li key={doc.id} className="document-list__item">
              <h3>{doc.title}</h3>
              <dl className="summary-list">
                <div>
                  <dt>Area</dt>
                  <dd>{doc.area}</dd>
                </div>
                <div>
                  <dt>Version</dt>
                  <dd>{doc.version}</dd>
                </div>
                <div>
                  <dt>In effect from</dt>
                  <dd>{formatDate(doc.effectiveDate)}</dd>
                </div>
                <div>
                  <dt>Status</dt>
                  <dd>
                    <strong className={`tag tag--${doc.status}`}>{STATUS_LABELS[doc.status]}</strong>
                  </dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
