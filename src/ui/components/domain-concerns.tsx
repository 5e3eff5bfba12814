import type { ThresholdsDocument } from '../../domain/thresholds/schema.ts';
import { IndicatorPicker } from './indicator-picker.tsx';
import { IndicatorSearch } from './indicator-search.tsx';

/**
 * One domain's step, in the quick check and in an assessment alike: a search across every domain,
 * the domain's summary, then its indicators for the child's age.
 */
export function DomainConcerns({
  document,
  domain,
  ageBand,
  selected,
  onToggle,
}: {
  document: ThresholdsDocument;
  domain: ThresholdsDocument['domains'][number] | undefined;
  ageBand: string;
  selected: ReadonlySet<string>;
  onToggle(id: string, checked: boolean): void;
}) {
  return (
    <>
      <IndicatorSearch document={document} ageBand={ageBand} selected={selected} onToggle={onToggle} />
      <p>{domain?.summary} Tick everything that describes the child or family now, or open an area below.</p>
      {domain && (
        <IndicatorPicker
          document={document}
          domainId={domain.id}
          ageBand={ageBand}
          selected={selected}
          onToggle={onToggle}
        />
      )}
    </>
  );
}
