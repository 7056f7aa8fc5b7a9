import type { ScorecardEntry, ScorecardResponse, Status, ValueUnit } from '@ipo/contracts';
import { memo, type ReactNode, useState } from 'react';
import { Sparkline } from '../../../components/charts/sparkline';
import { LowVolumeTag, StatusIcon, StatusTag } from '../../../components/status/status-tag';
import {
  type Change,
  changeInWords,
  changeOf,
  formatFigure,
  formatTargetValue,
} from '../../../lib/format';
import { Link } from '../../../lib/router';
import { standardHref } from './standard-href';

/*
 * Every standard in one compact table above the cards: the result against its target, the status
 * as a word and a shape, the change on the previous period in words and the last 12 periods.
 * Sortable as in the GOV.UK (MOJ) sortable table pattern: a button in each sortable column
 * heading, aria-sort on the headings, the default order the catalogue's.
 *
 * Below the desktop breakpoint (769px) each row reflows into a stacked block with the column name before
 * each value (app.css `.app-glance`), so nothing scrolls sideways at 320px. The explicit ARIA
 * roles keep table semantics in browsers that drop them when a table's display changes (as in
 * features/standards/components/standards-table.tsx).
 */

type SortColumn = 'standard' | 'result' | 'target' | 'status' | 'change';
type Direction = 'ascending' | 'descending';
interface SortOrder {
  column: SortColumn;
  direction: Direction;
}

/** A sort key: compared element by element; null always sorts last, whichever the direction. */
type Key = readonly (number | string)[] | null;

interface Row {
  entry: ScorecardEntry;
  /** The catalogue order: the default, and the tie-break of every sort. */
  index: number;
  change: Change;
}

/** Percentages before working days: the two are never compared with each other. */
const unitRank: Record<ValueUnit, number> = { share: 0, working_days: 1 };

/** Worst first when ascending: missed, near target, met; no data always last. */
const statusRank: Record<Status, number | null> = {
  missed: 0,
  near: 1,
  met: 2,
  no_data: null,
};

function hasResult(entry: ScorecardEntry): boolean {
  return !entry.noWorkForTeam && !entry.suppressed && entry.value !== null;
}

const sortKeys: Record<SortColumn, (row: Row) => Key> = {
  standard: ({ entry }) => [entry.title.toLocaleLowerCase('en-GB')],
  result: ({ entry }) => (hasResult(entry) ? [unitRank[entry.unit], entry.value as number] : null),
  target: ({ entry }) => (entry.target ? [unitRank[entry.unit], entry.target.value] : null),
  status: ({ entry }) => {
    const rank = entry.noWorkForTeam ? null : statusRank[entry.status];
    return rank === null ? null : [rank];
  },
  // Worse, no change, better (whatever the unit); then how much, percentage points before
  // working days. Ascending puts the changes for the worse first.
  change: ({ entry, change }) =>
    change.kind === 'moved'
      ? [change.better ? 1 : -1, unitRank[entry.unit], change.better ? change.size : -change.size]
      : change.kind === 'same'
        ? [0, unitRank[entry.unit], 0]
        : null,
};

function compareKeys(a: Key, b: Key): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const x = a[i] as number | string;
    const y = b[i] as number | string;
    if (x === y) continue;
    if (typeof x === 'string' && typeof y === 'string') return x.localeCompare(y, 'en-GB');
    return x < y ? -1 : 1;
  }
  return 0;
}

function sortRows(rows: readonly Row[], order: SortOrder | null): Row[] {
  if (!order) return [...rows];
  const key = sortKeys[order.column];
  const sign = order.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    // Empty figures stay at the bottom in both directions.
    if (ka === null || kb === null) return compareKeys(ka, kb) || a.index - b.index;
    return sign * compareKeys(ka, kb) || a.index - b.index;
  });
}

const firstWords: Record<SortColumn, Record<Direction, string>> = {
  standard: { ascending: 'A to Z', descending: 'Z to A' },
  result: { ascending: 'lowest first', descending: 'highest first' },
  target: { ascending: 'lowest first', descending: 'highest first' },
  status: { ascending: 'missed first', descending: 'met first' },
  change: { ascending: 'worst change first', descending: 'best change first' },
};

/** The same figures draw the same table: forecasts arriving later do not redraw it. */
export const ScorecardGlance = memo(function ScorecardGlance({
  data,
}: {
  data: ScorecardResponse;
}) {
  const [order, setOrder] = useState<SortOrder | null>(null);
  const { period, team } = data;
  const previousLabel = data.standards[0]?.previous.period.label;
  const changeHeading = previousLabel ? `Change on ${previousLabel}` : 'Change on previous period';
  const columns: [SortColumn, string][] = [
    ['standard', 'Standard'],
    ['result', 'Result'],
    ['target', 'Target'],
    ['status', 'Status'],
    ['change', changeHeading],
  ];
  const labelOf = Object.fromEntries(columns) as Record<SortColumn, string>;
  const rows = sortRows(
    data.standards.map((entry, index) => ({
      entry,
      index,
      change: changeOf(entry.value, entry.previous, entry.unit),
    })),
    order,
  );

  function sortBy(column: SortColumn) {
    setOrder((current) => ({
      column,
      direction:
        current?.column === column && current.direction === 'ascending'
          ? 'descending'
          : 'ascending',
    }));
  }

  const headingId = 'scorecard-glance';
  const hintId = 'scorecard-glance-hint';
  return (
    <section className="app-glance" aria-labelledby={headingId}>
      <h2 className="govuk-heading-l govuk-!-margin-bottom-2" id={headingId}>
        Every standard at a glance{team ? ` for ${team.name}` : ''}, {period.label}
      </h2>
      <div className="app-glance__tools">
        <p className="govuk-body-s app-hint govuk-!-margin-bottom-0" id={hintId}>
          Select a column heading to sort. Results and targets sort percentages before working days;
          standards with no figure stay at the bottom.
        </p>
        {order ? (
          <button
            type="button"
            className="govuk-link app-link-button govuk-body-s govuk-!-margin-bottom-0"
            onClick={() => setOrder(null)}
          >
            Show in catalogue order
          </button>
        ) : null}
      </div>
      <p className="govuk-visually-hidden" aria-live="polite">
        {order
          ? `Sorted by ${labelOf[order.column]}, ${order.direction}: ${firstWords[order.column][order.direction]}.`
          : ''}
      </p>
      {/* ARIA allows no heading inside a caption of an explicit `table`, so the h2 names it. */}
      <table
        className="govuk-table app-glance__table"
        // biome-ignore lint/a11y/noRedundantRoles: kept on purpose, see the comment at the top
        role="table"
        aria-labelledby={headingId}
        aria-describedby={hintId}
      >
        {/* biome-ignore lint/a11y/noRedundantRoles: kept on purpose, see the comment at the top */}
        <thead className="govuk-table__head" role="rowgroup">
          {/* biome-ignore lint/a11y/noRedundantRoles: kept on purpose, see the comment at the top */}
          <tr className="govuk-table__row" role="row">
            {columns.map(([column, label]) => {
              const sorted = order?.column === column ? order.direction : undefined;
              return (
                <th
                  key={column}
                  scope="col"
                  className={`govuk-table__header app-glance__col--${column}`}
                  // biome-ignore lint/a11y/noRedundantRoles: kept on purpose, see the comment at the top
                  role="columnheader"
                  aria-sort={sorted ?? 'none'}
                >
                  <button type="button" className="app-sort-button" onClick={() => sortBy(column)}>
                    {label}
                    <SortIcon direction={sorted} />
                  </button>
                </th>
              );
            })}
            <th
              scope="col"
              className="govuk-table__header app-glance__col--trend"
              // biome-ignore lint/a11y/noRedundantRoles: kept on purpose, see the comment at the top
              role="columnheader"
            >
              Last 12 periods
            </th>
          </tr>
        </thead>
        {/* biome-ignore lint/a11y/noRedundantRoles: kept on purpose, see the comment at the top */}
        <tbody className="govuk-table__body" role="rowgroup">
          {rows.map((row) => (
            <GlanceRow
              key={row.entry.code}
              row={row}
              periodId={period.id}
              teamId={team?.id}
              changeHeading={changeHeading}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
});

function GlanceRow({
  row,
  periodId,
  teamId,
  changeHeading,
}: {
  row: Row;
  periodId: string;
  teamId: number | undefined;
  changeHeading: string;
}) {
  const { entry, change } = row;
  const { unit } = entry;
  return (
    // biome-ignore lint/a11y/noRedundantRoles: kept on purpose, see the comment at the top
    <tr className="govuk-table__row" role="row" data-code={entry.code}>
      {/* biome-ignore lint/a11y/noRedundantRoles: kept on purpose, see the comment at the top */}
      <th scope="row" className="govuk-table__header" role="rowheader">
        <Link className="govuk-link" to={standardHref(entry, periodId, teamId)}>
          {entry.title}
        </Link>
      </th>
      <Cell label="Result">{formatFigure(entry, unit)}</Cell>
      <Cell label="Target">{formatTargetValue(entry.target?.value ?? null, unit)}</Cell>
      <Cell label="Status">
        <span className="app-glance__status">
          {entry.noWorkForTeam ? (
            <strong className="govuk-tag govuk-tag--grey app-status-tag">
              <StatusIcon status="no_data" />
              No work for this team
            </strong>
          ) : (
            <StatusTag status={entry.status} />
          )}
          {entry.lowVolume && !entry.noWorkForTeam ? (
            <LowVolumeTag minimumSample={entry.minimumSample} />
          ) : null}
        </span>
      </Cell>
      <Cell label={changeHeading}>
        {change.kind === 'moved' ? (
          <span className="app-glance__arrow" aria-hidden="true">
            {change.direction === 'up' ? '↑' : '↓'}{' '}
          </span>
        ) : null}
        {changeInWords(entry.value, entry.previous, unit, { named: false })}
      </Cell>
      <Cell label="Last 12 periods">
        <Sparkline points={entry.sparkline} unit={unit} />
      </Cell>
    </tr>
  );
}

/**
 * A data cell. Its content sits in one wrapper, so that on narrow screens the column name (drawn
 * before it from data-label) and the value make the two columns of the stacked row.
 */
function Cell({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noRedundantRoles: kept on purpose, see the comment at the top
    <td className="govuk-table__cell" data-label={label} role="cell">
      <div>{children}</div>
    </td>
  );
}

/** Which way a column is sorted, drawn (decorative: aria-sort says it). */
function SortIcon({ direction }: { direction: Direction | undefined }) {
  return (
    <svg
      className="app-sort-button__icon"
      width="10"
      height="14"
      viewBox="0 0 10 14"
      aria-hidden="true"
      focusable="false"
    >
      {direction !== 'descending' ? <path d="M5 0 L10 5 H0 Z" fill="currentColor" /> : null}
      {direction !== 'ascending' ? <path d="M5 14 L10 9 H0 Z" fill="currentColor" /> : null}
    </svg>
  );
}
