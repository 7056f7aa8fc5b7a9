import { useMemo } from 'react';
import { type PeriodOption, scorecardPeriodOptions } from '../../lib/periods';

/**
 * The options of a period select: months, financial-year quarters and financial years, each a
 * group. A period in force that is not among them (an older one, from a link) comes first, as it
 * is, so that it stays selected.
 */
export function PeriodOptions({
  selected,
  selectedLabel,
}: {
  selected: string | undefined;
  /** How to show `selected` when it is not among the choices; its id otherwise. */
  selectedLabel?: string | undefined;
}) {
  const groups = useMemo(() => scorecardPeriodOptions(), []);
  const known = [...groups.months, ...groups.quarters, ...groups.years].some(
    (option) => option.id === selected,
  );
  return (
    <>
      {selected && !known ? <option value={selected}>{selectedLabel ?? selected}</option> : null}
      <Group label="Months" options={groups.months} />
      <Group label="Quarters of the financial year" options={groups.quarters} />
      <Group label="Financial years" options={groups.years} />
    </>
  );
}

function Group({ label, options }: { label: string; options: PeriodOption[] }) {
  return (
    <optgroup label={label}>
      {options.map((option) => (
        <option key={option.id} value={option.id}>
          {option.label}
        </option>
      ))}
    </optgroup>
  );
}
