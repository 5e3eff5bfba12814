import { Suspense } from 'react';
import { Link, Redirect, Route, Switch, useParams } from 'wouter';
import { IndicatorSearch } from '../../ui/components/indicator-search.tsx';
import { Loading } from '../../ui/components/loading.tsx';
import { Page } from '../../ui/components/page.tsx';
import { useDocuments, useThresholdsDocument } from '../../ui/documents/documents-context.tsx';
import { indicatorsByLevel } from '../../domain/thresholds/queries.ts';
import type { Indicator, ThresholdsDocument } from '../../domain/thresholds/schema.ts';

export default function BrowseFeature() {
  const { chosen } = useDocuments();
  if (!chosen) return <Redirect to="~/choose-area?next=browse" replace />;
  return (
    <Suspense fallback={<Loading />}>
      <Browse documentId={chosen.id} />
    </Suspense>
  );
}

function Browse({ documentId }: { documentId: string }) {
  const document = useThresholdsDocument(documentId);
  return (
    <Switch>
      <Route path="/">
        <BrowseIndex document={document} />
      </Route>
      <Route path="/level/:level">
        <LevelPage document={document} />
      </Route>
      <Route path="/domain/:domainId">
        <DomainPage document={document} />
      </Route>
    </Switch>
  );
}

function BrowseIndex({ document }: { document: ThresholdsDocument }) {
  return (
    <Page title={document.title}>
      <p className="govuk-body-l">{document.advisory}</p>
      <IndicatorSearch document={document} />
      <h2>By level</h2>
      <ul className="choices">
        {document.levels.map((level) => (
          <li className="choice" key={level.level}>
            <h3 className="choice__title">
              <Link href={`/level/${level.level}`}>
                Level {level.level}: {level.name}
              </Link>
            </h3>
            <p>{level.summary}</p>
          </li>
        ))}
      </ul>
      <h2>By domain</h2>
      <ul className="choices">
        {document.domains.map((domain) => (
          <li className="choice" key={domain.id}>
            <h3 className="choice__title">
              <Link href={`/domain/${domain.id}`}>{domain.title}</Link>
            </h3>
            <p>{domain.summary}</p>
          </li>
        ))}
      </ul>
      <h2>About this document</h2>
      <dl className="summary-list">
        <div>
          <dt>Published by</dt>
          <dd>{document.publisher}</dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>
            {document.version} ({document.status}), in effect from {document.effectiveDate}
          </dd>
        </div>
      </dl>
      <p>{document.statusNote}</p>
      {document.unverified.length > 0 && (
        <>
          <h3>Not yet verified</h3>
          <ul>
            {document.unverified.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}

function IndicatorList({ indicators }: { indicators: readonly Indicator[] }) {
  return (
    <ul className="result-list">
      {indicators.map((indicator) => (
        <li key={indicator.id}>
          {indicator.immediateRisk && <strong className="govuk-tag govuk-tag--red">Immediate danger</strong>}{' '}
          {indicator.text}
          {indicator.guidance && <p className="govuk-hint">{indicator.guidance}</p>}
        </li>
      ))}
    </ul>
  );
}

function LevelPage({ document }: { document: ThresholdsDocument }) {
  const { level: levelParam } = useParams<{ level: string }>();
  const level = document.levels.find((candidate) => String(candidate.level) === levelParam);
  if (!level) return <Redirect to="/" replace />;
  return (
    <>
      <Link className="govuk-back-link" href="/">
        Back
      </Link>
      <Page title={`Level ${level.level}: ${level.name}`}>
        <p className="govuk-body-l">{level.summary}</p>
        <p>
          <strong>Who leads: </strong>
          {level.whoLeads}
        </p>
        {document.domains.map((domain) => {
          const indicators = domain.indicators.filter((indicator) => indicator.level === level.level);
          return indicators.length ? (
            <section key={domain.id} aria-labelledby={`domain-${domain.id}`}>
              <h2 id={`domain-${domain.id}`}>{domain.title}</h2>
              <IndicatorList indicators={indicators} />
            </section>
          ) : null;
        })}
      </Page>
    </>
  );
}

function DomainPage({ document }: { document: ThresholdsDocument }) {
  const { domainId } = useParams<{ domainId: string }>();
  const domain = document.domains.find((candidate) => candidate.id === domainId);
  if (!domain) return <Redirect to="/" replace />;
  return (
    <>
      <Link className="govuk-back-link" href="/">
        Back
      </Link>
      <Page title={domain.title}>
        <p className="govuk-body-l">{domain.summary}</p>
        {indicatorsByLevel(document, domain.id).map((group) => (
          <section key={group.level} aria-labelledby={`level-${group.level}`}>
            <h2 id={`level-${group.level}`}>
              Level {group.level}: {group.name}
            </h2>
            <IndicatorList indicators={group.indicators} />
          </section>
        ))}
      </Page>
    </>
  );
}
