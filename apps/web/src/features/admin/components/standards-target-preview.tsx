import type { TargetPreviewPeriod, TargetPreviewResponse, ValueUnit } from '@ipo/contracts';
import type { ReactNode } from 'react';
import { StatusTag } from '../../../components/status/status-tag';
import { SummaryList, Table } from '../../../components/table';
import { useFocusOnMount } from '../../../lib/focus';
import { formatCount, formatFigure, formatIsoDate } from '../../../lib/format';
import { targetValueInWords, toleranceInWords } from './standards-units';
import './admin-pages.css';

/**
 * The check before a new target version is stored: the version as it will be saved, and for the
 * scorecard's last 12 complete months the status now and with it (each a tag of word and shape),
 * then the confirmation.
 */
export function TargetPreview({
  preview,
  reason,
  summary,
  pending,
  onConfirm,
  onChange,
}: {
  preview: TargetPreviewResponse;
  reason: string;
  /** The error summary of a refused confirmation, if any. */
  summary: ReactNode;
  pending: boolean;
  onConfirm: () => void;
  onChange: () => void;
}) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const { proposed, unit, periods, changed } = preview;
  const last = periods.at(-1);
  const afterAll = last !== undefined && proposed.effectiveFrom > last.period.end;
  return (
    <div className="app-admin-preview">
      {summary}
      <h3 className="govuk-heading-m" ref={heading} tabIndex={-1} id="target-preview-heading">
        Check the new target before you confirm it
      </h3>
      <SummaryList
        rows={[
          ['Target', targetValueInWords(proposed.target, unit)],
          ['Tolerance', toleranceInWords(proposed.tolerance, unit)],
          ['Takes effect on', formatIsoDate(proposed.effectiveFrom)],
          ['Reason', reason],
        ]}
      />
      <p className="govuk-body govuk-!-font-weight-bold" id="target-preview-changes">
        {changed === 0
          ? `No month of the last ${periods.length} would change status.`
          : `${changed} of the last ${periods.length} months would change status.`}
      </p>
      {afterAll ? (
        <p className="govuk-body">
          It takes effect after the last complete month, so it judges{' '}
          {formatIsoDate(proposed.effectiveFrom)} and later periods only.
        </p>
      ) : null}
      <Table
        describedBy="target-preview-changes"
        caption={`Status of the last ${periods.length} complete months, now and with the new target`}
        columns={[
          'Month',
          { label: 'Value', numeric: true },
          { label: 'Items', numeric: true },
          'Now',
          'With the new target',
          'Change',
        ]}
      >
        {periods.map((p) => (
          <PreviewRow key={p.period.id} period={p} unit={unit} />
        ))}
      </Table>
      <div className="govuk-button-group">
        <button type="button" className="govuk-button" aria-disabled={pending} onClick={onConfirm}>
          Confirm the new target
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onChange}>
          Change the new target
        </button>
      </div>
      <p className="govuk-body" role="status">
        {pending ? 'Saving the new target…' : ''}
      </p>
    </div>
  );
}

function PreviewRow({ period: p, unit }: { period: TargetPreviewPeriod; unit: ValueUnit }) {
  const changes = p.currentStatus !== p.proposedStatus;
  const target = (value: number | null) =>
    value === null ? 'no target' : `target ${targetValueInWords(value, unit)}`;
  return (
    <tr className={`govuk-table__row${changes ? ' app-admin-preview__changed' : ''}`}>
      <th scope="row" className="govuk-table__header">
        {p.period.label}
      </th>
      <td className="govuk-table__cell govuk-table__cell--numeric">
        {formatFigure(p, unit)}
        {p.lowVolume ? ' (low volume)' : ''}
      </td>
      <td className="govuk-table__cell govuk-table__cell--numeric">
        {p.n === null ? 'Not shown' : formatCount(p.n)}
      </td>
      <td className="govuk-table__cell">
        <StatusTag status={p.currentStatus} />
        <span className="govuk-body-s govuk-!-display-block">{target(p.currentTarget)}</span>
      </td>
      <td className="govuk-table__cell">
        <StatusTag status={p.proposedStatus} />
        <span className="govuk-body-s govuk-!-display-block">{target(p.proposedTarget)}</span>
      </td>
      <td className="govuk-table__cell">{changes ? 'Changes' : 'No change'}</td>
    </tr>
  );
}
