import type {
  FeedbackComment,
  FeedbackGroups,
  FeedbackSeries,
  FeedbackSummary,
  FeedbackThemes,
} from '@ipo/contracts';
import { Link } from 'react-router';
import { ChartFigure } from '../../../components/charts/chart-figure';
import { EmptyState } from '../../../components/query-state';
import { StatusTag } from '../../../components/status/status-tag';
import { fileName } from '../../../lib/download';
import { countText, countValue, decimalText, percent, shareText, shareValue } from '../utils/cells';
import { type FeedbackState, feedbackSearch, groupNames, typeNames } from '../utils/url-state';
import { CountBarChart, SatisfactionTrendChart } from './feedback-charts';

export function SummarySection({ summary }: { summary: FeedbackSummary }) {
  const s = summary.satisfied;
  return (
    <section aria-labelledby="feedback-summary-heading" className="app-feedback-summary">
      <h2 className="govuk-heading-m" id="feedback-summary-heading">
        Satisfaction, {summary.range.label}
      </h2>
      <p className="govuk-body-l govuk-!-margin-bottom-2">
        <span className="govuk-!-font-weight-bold">{shareText(s)}</span> of customers satisfied
        (scoring 4 or 5) against a target of {percent(summary.target)}{' '}
        <StatusTag status={summary.status} prefix="Status:" />
      </p>
      <p className="govuk-body">
        {s.suppressed
          ? `Fewer than 10 responses with a score (n = ${s.n}), so figures are not shown.`
          : `Based on ${s.n} responses with a score${s.interval ? `; 95% interval ${percent(s.interval.lower)} to ${percent(s.interval.upper)}` : ''}.`}
        {summary.lowVolume ? ' Low volume: fewer responses than the minimum sample of 30.' : ''}
      </p>
      <dl className="govuk-summary-list app-feedback-figures">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Responses</dt>
          <dd className="govuk-summary-list__value">{countText(summary.responses)}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Mean score (1 to 5)</dt>
          <dd className="govuk-summary-list__value">
            {decimalText(summary.meanScore)} (n = {summary.meanScore.n})
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Mean sentiment of comments (-1 to 1)</dt>
          <dd className="govuk-summary-list__value">
            {decimalText(summary.sentiment)} (n = {summary.sentiment.n})
          </dd>
        </div>
        {summary.types.map((t) => (
          <div className="govuk-summary-list__row" key={t.type}>
            <dt className="govuk-summary-list__key">{typeNames[t.type]}</dt>
            <dd className="govuk-summary-list__value">{countText(t.count)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function DistributionSection({ summary }: { summary: FeedbackSummary }) {
  const rows = summary.distribution.map((d) => ({
    label: `Score ${d.score}`,
    count: d.count,
    value: d.count.value,
  }));
  const shown = rows.filter((r) => !r.count.suppressed);
  return (
    <ChartFigure
      title={`Scores given, ${summary.range.label}`}
      summary={
        shown.length === 0
          ? 'Every score had fewer than 10 responses, so none is shown.'
          : `${rows.map((r) => `${r.label}: ${countText(r.count)}`).join('; ')}.`
      }
      columns={[
        { header: 'Score', value: (r) => r.label },
        { header: 'Responses', value: (r) => countValue(r.count), numeric: true },
      ]}
      rows={rows}
      rowKey={(r) => r.label}
      csvFileName={fileName('feedback-scores', summary.range.period ?? summary.range.from)}
      chartHeight={220}
    >
      <CountBarChart rows={rows} />
    </ChartFigure>
  );
}

function addDays(d: string, n: number): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/** The 26 weeks ending with the selected range, for the trend. */
export function trendRange(summary: FeedbackSummary | undefined) {
  if (!summary) return null;
  return {
    from: addDays(summary.range.to, -181),
    to: summary.range.to,
    granularity: 'week' as const,
  };
}

export function TrendSection({
  series,
  themeName,
}: {
  series: FeedbackSeries;
  themeName: string | null;
}) {
  const rows = series.points.map((p) => ({
    label: p.period.id,
    start: p.period.start,
    satisfied: p.satisfied,
    responses: p.responses,
    value: p.satisfied.value === null ? null : Math.round(p.satisfied.value * 1000) / 10,
    target: Math.round(p.target * 1000) / 10,
    status: p.status,
  }));
  const marks = series.actions.map((a) => ({
    title: a.title,
    label:
      rows.find((r, i) => r.start <= a.on && (rows[i + 1]?.start ?? '9999') > a.on)?.label ?? '',
  }));
  const shown = rows.filter((r) => r.value !== null);
  const below = shown.filter((r) => r.value !== null && r.value < r.target).length;
  const about = themeName ? ` of customers whose comments mention ${themeName.toLowerCase()}` : '';
  const summaryText =
    shown.length === 0
      ? `No week had 10 or more responses with a score${about}, so no weekly figure is shown.`
      : `Weekly share satisfied${about}, ${rows[0]?.label} to ${rows.at(-1)?.label}: ${below} of ${shown.length} weeks shown were below the ${rows[0]?.target}% target; ${rows.length - shown.length} weeks had fewer than 10 responses.${marks.length ? ` Actions taken: ${series.actions.map((a) => `${a.title} (${a.on})`).join('; ')}.` : ''}`;
  return (
    <ChartFigure
      title={`Satisfaction by week${themeName ? `: ${themeName}` : ''}`}
      headingLevel={2}
      summary={summaryText}
      columns={[
        { header: 'Week', value: (r) => r.label },
        { header: 'Satisfied (%)', value: (r) => shareValue(r.satisfied), numeric: true },
        { header: 'Target (%)', value: (r) => r.target, numeric: true },
        {
          header: 'Status',
          value: (r) => (r.satisfied.suppressed ? 'not shown' : r.status.replace('_', ' ')),
        },
        { header: 'Responses with a score (n)', value: (r) => r.satisfied.n, numeric: true },
      ]}
      rows={rows}
      rowKey={(r) => r.label}
      csvFileName={fileName('feedback-satisfaction-by-week', series.range.to)}
      chartHeight={280}
      legend={
        <p className="govuk-body-s app-chart__legend">
          Solid line: share satisfied (each point's shape shows its status). Dashed line: target.
          {marks.length ? ' Dotted vertical lines: actions taken.' : ''}
        </p>
      }
    >
      <SatisfactionTrendChart points={rows} marks={marks} />
    </ChartFigure>
  );
}

export function ThemesSection({
  themes,
  state,
  onSelect,
}: {
  themes: FeedbackThemes;
  state: FeedbackState;
  onSelect: (code: string) => void;
}) {
  const rows = themes.themes.map((t) => ({
    ...t,
    label: t.name,
    value: t.count.value,
    previousValue: t.previous.value,
  }));
  const falling = rows.filter((r) => r.change !== null && r.change < 0).map((r) => r.name);
  const rising = rows.filter((r) => r.change !== null && r.change > 0).map((r) => r.name);
  const link = (code: string) =>
    `/feedback${feedbackSearch({ ...state, theme: code, q: undefined })}#comments`;
  return (
    <ChartFigure
      title={`Themes in comments, ${themes.range.label} against ${themes.previousRange.label}`}
      headingLevel={2}
      summary={`${countText(themes.comments)} comments. Rising: ${rising.join(', ') || 'none'}. Falling: ${falling.join(', ') || 'none'}. Themes with fewer than 10 comments are not counted. Choose a theme to read its comments.`}
      columns={[
        { header: 'Theme', value: (r) => r.name },
        { header: 'Comments', value: (r) => countValue(r.count), numeric: true },
        { header: 'Previous period', value: (r) => countValue(r.previous), numeric: true },
        {
          header: 'Change',
          value: (r) => (r.change === null ? 'not compared' : r.change),
          numeric: true,
        },
        { header: 'Satisfied (%)', value: (r) => shareValue(r.satisfied), numeric: true },
        { header: 'Responses with a score (n)', value: (r) => r.satisfied.n, numeric: true },
      ]}
      rows={rows}
      rowKey={(r) => r.code}
      rowLink={(r) => ({ to: link(r.code), label: `${r.name}: read the comments` })}
      csvFileName={fileName('feedback-themes', themes.range.period ?? themes.range.from)}
      chartHeight={Math.max(220, rows.length * 44)}
      legend={
        <p className="govuk-body-s app-chart__legend">
          Blue bars: this period. Orange bars: the previous period. Select a bar, or use the table,
          to read the comments.
        </p>
      }
    >
      <CountBarChart
        rows={rows.map((r) => ({ label: r.label, value: r.value, previous: r.previousValue }))}
        onSelect={(i) => {
          const row = rows[i];
          if (row) onSelect(row.code);
        }}
      />
    </ChartFigure>
  );
}

export function ThemeLinks({ themes, state }: { themes: FeedbackThemes; state: FeedbackState }) {
  return (
    <ul className="govuk-list app-theme-links">
      {themes.themes.map((t) => (
        <li key={t.code}>
          <Link
            className="govuk-link"
            to={`/feedback${feedbackSearch({ ...state, theme: t.code, q: undefined })}#comments`}
          >
            {t.name}
          </Link>{' '}
          {countText(t.count)} comments
          {t.change === null
            ? t.count.suppressed
              ? ''
              : ', previous period fewer than 10'
            : t.change === 0
              ? ', no change'
              : t.change > 0
                ? `, up ${t.change}`
                : `, down ${-t.change}`}
        </li>
      ))}
    </ul>
  );
}

export function GroupsSection({ groups }: { groups: FeedbackGroups }) {
  return (
    <section aria-labelledby="feedback-groups-heading">
      <h2 className="govuk-heading-m" id="feedback-groups-heading">
        Customer groups compared
      </h2>
      <p className="govuk-body">
        Each group is compared with everyone else. A group is flagged when the difference is at
        least 5 percentage points, unlikely to be chance (p &lt; 0.05) and both sides have at least
        30 responses.
      </p>
      <section
        className="app-table-scroll"
        aria-label="Customer groups compared"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1)
        tabIndex={0}
      >
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">
            Satisfied share by customer group, {groups.range.label}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Customer group
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Satisfied
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                n
              </th>
              <th scope="col" className="govuk-table__header">
                Comparison
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {groups.groups.map((g) => (
              <tr className="govuk-table__row" key={g.customerGroup}>
                <th scope="row" className="govuk-table__header">
                  {groupNames[g.customerGroup]}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {shareText(g.satisfied)}
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric">{g.satisfied.n}</td>
                <td className="govuk-table__cell">
                  {g.flagged ? (
                    <strong className="govuk-tag govuk-tag--red app-flag">
                      <span aria-hidden="true">⚑ </span>Flagged
                    </strong>
                  ) : null}{' '}
                  {g.reason}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

export function CommentText({ comment }: { comment: FeedbackComment }) {
  // Segments are plain text; matches become <mark>. No HTML from the server is ever interpreted.
  return (
    <p className="govuk-body app-comment__text">
      {comment.segments.map((s, i) =>
        s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
      )}
    </p>
  );
}

export function NoFigures() {
  return <EmptyState>There is no feedback for these filters.</EmptyState>;
}
