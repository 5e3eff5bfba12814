import type { Indicator } from '../../domain/thresholds/schema.ts';

interface IndicatorCheckboxesProps {
  indicators: readonly Indicator[];
  selected: ReadonlySet<string>;
  onToggle(id: string, checked: boolean): void;
  /** Distinguishes the same indicator shown twice on a page (in a list and in search results). */
  idPrefix: string;
  showLevel?: boolean;
}

export function IndicatorCheckboxes({ indicators, selected, onToggle, idPrefix, showLevel }: IndicatorCheckboxesProps) {
  return (
    <div className="govuk-checkboxes">
      {indicators.map((indicator) => {
        const id = `${idPrefix}-${indicator.id}`;
        return (
          <div className="govuk-checkboxes__item" key={indicator.id}>
            <input
              className="govuk-checkboxes__input"
              id={id}
              type="checkbox"
              checked={selected.has(indicator.id)}
              onChange={(event) => onToggle(indicator.id, event.target.checked)}
            />
            <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
              {showLevel && (
                <span className={`level-badge level-badge--${indicator.level}`}>Level {indicator.level}</span>
              )}{' '}
              {indicator.immediateRisk && <strong className="govuk-tag govuk-tag--red">Immediate danger</strong>}{' '}
              {indicator.text}
            </label>
            {indicator.guidance && selected.has(indicator.id) && (
              <p className="checkboxes__guidance">{indicator.guidance}</p>
            )}
          </div>
        );
      })}
    </div>
  );
}
