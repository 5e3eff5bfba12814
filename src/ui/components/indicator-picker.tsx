import { seenFromOtherDomains } from '../../domain/thresholds/queries.ts';
import type { ThresholdsDocument } from '../../domain/thresholds/schema.ts';
import { IndicatorCheckboxes } from './indicator-checkboxes.tsx';

interface IndicatorPickerProps {
  document: ThresholdsDocument;
  domainId: string;
  ageBand: string;
  selected: ReadonlySet<string>;
  onToggle(id: string, checked: boolean): void;
}

/**
 * One domain's indicators for the child's age, one collapsed sub-domain at a time (GOV.UK details),
 * each saying how many are ticked: a page is a handful of headings on a phone, not ten screens.
 * Within a sub-domain the indicators run from the lowest level to the highest, each with its level.
 */
export function IndicatorPicker({ document, domainId, ageBand, selected, onToggle }: IndicatorPickerProps) {
  const domain = document.domains.find((candidate) => candidate.id === domainId);
  const applicable = (domain?.indicators ?? []).filter((indicator) => indicator.ageBands.includes(ageBand));
  const groups = (domain?.subDomains ?? [])
    .map((subDomain) => ({
      ...subDomain,
      indicators: applicable
        .filter((indicator) => indicator.subDomain === subDomain.id)
        .sort((a, b) => a.level - b.level),
    }))
    .filter((group) => group.indicators.length > 0);
  const alsoHere = seenFromOtherDomains(document, domainId, ageBand);
  if (alsoHere.length) {
    groups.push({ id: 'seen-from-other-domains', title: 'Also in other parts of the document', indicators: alsoHere });
  }
  if (!groups.length)
    return <p>There are no descriptions in this area for a child of this age. Continue to the next step.</p>;
  return (
    <div className="sub-domains">
      {groups.map((group) => {
        const ticked = group.indicators.filter((indicator) => selected.has(indicator.id)).length;
        return (
          <details className="details sub-domain" key={group.id}>
            <summary className="details__summary sub-domain__summary">
              <span className="sub-domain__title">{group.title}</span>
              <span className={ticked ? 'sub-domain__count sub-domain__count--ticked' : 'sub-domain__count'}>
                {ticked ? `${ticked} ticked` : `${group.indicators.length} to choose from`}
              </span>
            </summary>
            <fieldset className="govuk-fieldset sub-domain__body">
              <legend className="govuk-visually-hidden">{group.title}</legend>
              <IndicatorCheckboxes
                indicators={group.indicators}
                selected={selected}
                onToggle={onToggle}
                idPrefix="indicator"
                showLevel
              />
            </fieldset>
          </details>
        );
      })}
    </div>
  );
}
