import { formatDateTime } from '../../../lib/format';
import { useStandards } from '../../standards/api/get-standards';
import { useFreshness } from '../api/get-freshness';
import { type StaleSource, staleSourcesOf } from '../utils/stale-sources';

const listOf = (words: string[]) =>
  words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;

const workingDays = (n: number) => `${n} working ${n === 1 ? 'day' : 'days'}`;

/** What a stale source's warning says: the source, its last update and its newest record. */
export function staleSourceText(stale: StaleSource, withStandards: boolean): string {
  const { source } = stale;
  const used = withStandards ? ` Used by ${listOf(stale.standards.map((s) => s.title))}.` : '';
  if (!source.latestEventAt) {
    return `${stale.name}: none have been received yet, so these figures are missing.${used}`;
  }
  const updated = source.lastChangedAt
    ? `last updated ${formatDateTime(source.lastChangedAt)}`
    : 'never updated';
  const since =
    source.workingDaysSinceLatestEvent === null
      ? ''
      : ` (${workingDays(source.workingDaysSinceLatestEvent)} ago)`;
  return `${stale.name} may be out of date: ${updated}; the newest record is from ${formatDateTime(source.latestEventAt)}${since}.${used}`;
}

/**
 * A GOV.UK warning for each stale data source (GET /api/freshness) that the standards `codes`
 * use, naming the source and its last update. Nothing while loading, when every source is
 * fresh, or when freshness cannot be read (the figures themselves are still shown).
 */
export function StaleDataWarning({
  codes,
  withStandards = true,
}: {
  codes: readonly string[];
  /** Name the standards each source feeds (the scorecard); not on a standard's own page. */
  withStandards?: boolean;
}) {
  const freshness = useFreshness();
  const standards = useStandards();
  if (!freshness.data || !standards.data) return null;
  const stale = staleSourcesOf(freshness.data, standards.data.standards, codes);
  if (stale.length === 0) return null;
  return (
    <div className="app-stale-sources">
      {stale.map((item) => (
        <div className="govuk-warning-text" key={item.key} data-source={item.key}>
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>{' '}
            {staleSourceText(item, withStandards)}
          </strong>
        </div>
      ))}
    </div>
  );
}
