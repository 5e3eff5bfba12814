import { useDeferredValue, useId, useState } from 'react';
import { searchIndicators } from '../../domain/thresholds/queries.ts';
import type { ThresholdsDocument } from '../../domain/thresholds/schema.ts';
import { IndicatorCheckboxes } from './indicator-checkboxes.tsx';

const MAX_RESULTS = 40;

interface IndicatorSearchProps {
  document: ThresholdsDocument;
  ageBand?: string;
  selected?: ReadonlySet<string>;
  onToggle?(id: string, checked: boolean): void;
}

/** Search every indicator by words in its text or theme. With `onToggle`, results can be chosen. */
export function IndicatorSearch({ document, ageBand, selected, onToggle }: IndicatorSearchProps) {
  const inputId = useId();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const results = searchIndicators(document, deferredQuery, ageBand);
  const shown = results.slice(0, MAX_RESULTS);
  return (
    <div role="search" className="indicator-search" aria-label="Search the descriptions of need">
      <label className="govuk-label" htmlFor={inputId}>
        Search all descriptions
      </label>
      <div className="govuk-hint" id={`${inputId}-hint`}>
        For example "sleep", "missing" or "domestic abuse"
      </div>
      <input
        id={inputId}
        className="govuk-input"
        type="search"
        autoComplete="off"
        aria-describedby={`${inputId}-hint`}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <p className="indicator-search__count" aria-live="polite">
        {deferredQuery.trim() &&
          (results.length
            ? `${results.length} ${results.length === 1 ? 'description matches' : 'descriptions match'}${results.length > MAX_RESULTS ? `: showing the first ${MAX_RESULTS}` : ''}`
            : 'No descriptions match. Try another word.')}
      </p>
      {shown.length > 0 &&
        (onToggle && selected ? (
          <IndicatorCheckboxes indicators={shown} selected={selected} onToggle={onToggle} idPrefix="search" showLevel />
        ) : (
          <ul className="result-list">
            {shown.map((indicator) => (
              <li key={indicator.id}>
                <span className={`level-badge level-badge--${indicator.level}`}>Level {indicator.level}</span>{' '}
                {indicator.immediateRisk && <strong className="govuk-tag govuk-tag--red">Immediate danger</strong>}{' '}
                {indicator.text}
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
