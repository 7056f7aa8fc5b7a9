import type { StandardDetailResponse } from '@ipo/contracts';
import { formatIsoDate, formatValue } from '../../../lib/format';
import { measureInWords, targetInWords, thresholdInWords } from '../../../lib/wording';

export function StandardHeader({ standard }: { standard: StandardDetailResponse }) {
  const rows: [string, string][] = [
    ['Charter target', targetInWords(standard) ?? 'No target in force'],
    ['Measure', measureInWords(standard.measure, standard.percentile)],
    ['Threshold', thresholdInWords(standard.threshold) ?? 'Not applicable'],
    ['Minimum sample', `${standard.minimumSample}: fewer is flagged as low volume`],
    [
      'Data',
      standard.dataFrom && standard.dataTo
        ? `${formatIsoDate(standard.dataFrom)} to ${formatIsoDate(standard.dataTo)}`
        : 'No data yet',
    ],
  ];
  return (
    <>
      <span className="govuk-caption-l">{standard.service?.name ?? 'All services'}</span>
      <h1 className="govuk-heading-xl">{standard.title}</h1>
      {standard.description ? <p className="govuk-body-l">{standard.description}</p> : null}
      <dl className="govuk-summary-list">
        {rows.map(([key, value]) => (
          <div key={key} className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{key}</dt>
            <dd className="govuk-summary-list__value">{value}</dd>
          </div>
        ))}
      </dl>
      {standard.targets.length > 1 ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">How the target has changed</span>
          </summary>
          <div className="govuk-details__text">
            <ul className="govuk-list govuk-list--bullet">
              {standard.targets.map((target) => (
                <li key={target.effectiveFrom}>
                  From {formatIsoDate(target.effectiveFrom)}
                  {target.effectiveTo ? ` to ${formatIsoDate(target.effectiveTo)}` : ''}:{' '}
                  {formatValue(target.value, standard.unit)}
                  {target.reason ? ` (${target.reason}, changed by ${target.changedBy})` : ''}
                </li>
              ))}
            </ul>
          </div>
        </details>
      ) : null}
    </>
  );
}
