import { indicatorsByLevel } from '../../domain/thresholds/queries.ts';
import type { ThresholdsDocument } from '../../domain/thresholds/schema.ts';
import { IndicatorCheckboxes } from './indicator-checkboxes.tsx';

interface IndicatorPickerProps {
  document: ThresholdsDocument;
  domainId: string;
  ageBand: string;
  selected: ReadonlySet<string>;
  onToggle(id: string, checked: boolean): void;
}

/** One domain's indicators for the child's age, grouped by level: one fieldset per level. */
export function IndicatorPicker({ document, domainId, ageBand, selected, onToggle }: IndicatorPickerProps) {
  const groups = indicatorsByLevel(document, domainId, ageBand);
  if (!groups.length)
    return <p>There are no descriptions in this area for a child of this age. Continue to the next step.</p>;
  return (
    <>
      {groups.map((group) => (
        <fieldset className="fieldset level-group" key={group.level}>
          <legend className="fieldset__legend fieldset__legend--m">
            <span className={`level-badge level-badge--${group.level}`}>Level {group.level}</span> {group.name}
          </legend>
          <IndicatorCheckboxes
            indicators={group.indicators}
            selected={selected}
            onToggle={onToggle}
            idPrefix="indicator"
          />
        </fieldset>
      ))}
    </>
  );
}
