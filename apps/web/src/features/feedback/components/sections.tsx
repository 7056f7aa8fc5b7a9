import type {
  FeedbackComment,
  FeedbackGroups,
  FeedbackSeries,
  FeedbackSummary,
  FeedbackThemes,
} from '@ipo/contracts';
import { CUSTOMER_GROUP_LABELS, FEEDBACK_TYPE_LABELS } from '@ipo/contracts';
import { ChartFigure } from '../../../components/charts/chart-figure';
import { EmptyState } from '../../../components/query-state';
import { StatusTag } from '../../../components/status/status-tag';
import { fileName } from '../../../lib/download';
import { Link } from '../../../lib/router';
import {
  countText,
  countValue,
  decimalText,
  nSuffix,
  nText,
  nValue,
  percent,
  shareText,
  shareValue,
} from '../utils/cells';
import {
  type FeedbackState,
  feedbackSearch,
  type TrendGranularity,
  withSplit,
} from '../utils/url-state';
import { CountBarChart, SatisfactionTrendChart } from './feedback-charts';

export function SummarySection({ summary }: { summary: FeedbackSummary }) {
  const s = summary.satisfied;
  return (
    <section aria-labelledby="feedback-summary-heading" className="app-feedback-summary">
      <h2 className="govuk-heading-m" id="feedback-summary-heading">
        Satisfaction, {summary.range.label}
      </h2>
      <p className="govuk-body-l govuk-!-margin-bottom-2">
        {s.suppressed ? (
          <>
            <span className="govuk-!-font-weight-bold">Not shown:</span> the share of customers
            satisfied (scoring 4 or 5), against a target of {percent(summary.target)}
          </>
        ) : (
          <>
            <span className="govuk-!-font-weight-bold">{shareText(s)}</span> of customers satisfied
            (scoring 4 or 5) against a target of {percent(summary.target)}
          </>
        )}{' '}
        <StatusTag status={summary.status} prefix="Status:" />
      </p>
      <p className="govuk-body">
        {s.suppressed
          ? 'Fewer than 10 responses with a score (or a group hidden to protect another small group), so the share is not shown.'
          : `Based on ${nText(s)} responses with a score${s.interval ? `; 95% interval ${percent(s.interval.lower)} to ${percent(s.interval.upper)}` : ''}.`}
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
            {decimalText(summary.meanScore)}
            {nSuffix(summary.meanScore)}
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Mean sentiment of comments (-1 to 1)</dt>
          <dd className="govuk-summary-list__value">
            {decimalText(summary.sentiment)}
            {nSuffix(summary.sentiment)}
          </dd>
        </div>
        {summary.types.map((t) => (
          <div className="govuk-summary-list__row" key={t.type}>
            <dt className="govuk-summary-list__key">{FEEDBACK_TYPE_LABELS[t.type]}</dt>
            <dd className="govuk-summary-list__value">{countText(t.count)}</dd>
          </div>
        ))}
      </dl>
      {summary.types.length === 0 ? (
        <p className="govuk-body">
          Responses are counted by type only without a channel, customer group or theme filter.
        </p>
      ) : null}
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

/** The first day of the month `back` months before the month of `isoDate`. */
function monthStart(isoDate: string, back: number): string {
  const [year = 1970, month = 1] = isoDate.split('-').map(Number);
  const t = new Date(Date.UTC(year, month - 1 - back, 1));
  return t.toISOString().slice(0, 10);
}

/**
 * The trend ending with the selected range, in whole months (feedback figures are never given
 * for parts of months): the 12 months, or the 8 financial-year quarters, up to the range's end.
 * Financial-year quarters start in April, July, October and January, as calendar quarters do.
 */
export function trendRange(
  summary: FeedbackSummary | undefined,
  granularity: TrendGranularity = 'month',
) {
  if (!summary) return null;
  const to = summary.range.to;
  if (granularity === 'quarter') {
    const month = Number(to.slice(5, 7));
    const intoQuarter = (month - 1) % 3;
    return { from: monthStart(to, intoQuarter + 21), to, granularity };
  }
  return { from: monthStart(to, 11), to, granularity };
}

const granularityWords: Record<TrendGranularity, { by: string; ly: string; many: string }> = {
  month: { by: 'month', ly: 'Monthly', many: 'months' },
  quarter: { by: 'quarter', ly: 'Quarterly', many: 'quarters' },
};

export function TrendSection({
  series,
  themeName,
  headingLevel = 2,
}: {
  series: FeedbackSeries;
  themeName: string | null;
  headingLevel?: 2 | 3;
}) {
  const rows = series.points.map((p) => ({
    label: p.period.id,
    period: p.period.label,
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
  const words = granularityWords[series.granularity];
  const summaryText =
    shown.length === 0
      ? `No ${words.by} had 10 or more responses with a score${about}, so no figure is shown.`
      : `${words.ly} share satisfied${about}, ${rows[0]?.period} to ${rows.at(-1)?.period}: ${below} of ${shown.length} ${words.many} shown were below the ${rows[0]?.target}% target; ${rows.length - shown.length} ${rows.length - shown.length === 1 ? words.by : words.many} not shown (fewer than 10 responses with a score).${marks.length ? ` Actions taken: ${series.actions.map((a) => `${a.title} (${a.on})`).join('; ')}.` : ''}`;
  return (
    <ChartFigure
      title={`Satisfaction by ${words.by}${themeName ? `: ${themeName}` : ''}`}
      headingLevel={headingLevel}
      summary={summaryText}
      columns={[
        { header: series.granularity === 'quarter' ? 'Quarter' : 'Month', value: (r) => r.period },
        { header: 'Satisfied (%)', value: (r) => shareValue(r.satisfied), numeric: true },
        { header: 'Target (%)', value: (r) => r.target, numeric: true },
        {
          header: 'Status',
          value: (r) => (r.satisfied.suppressed ? 'not shown' : r.status.replace('_', ' ')),
        },
        { header: 'Responses with a score (n)', value: (r) => nValue(r.satisfied), numeric: true },
      ]}
      rows={rows}
      rowKey={(r) => r.label}
      csvFileName={fileName(`feedback-satisfaction-by-${words.by}`, series.range.to)}
      chartHeight={280}
      legend={
        <p className="govuk-body-s app-chart__legend">
          Solid line: share satisfied (each point's shape shows its status). Dashed line:{' '}
          {rows.length > 0 ? `target, ${rows.at(-1)?.target}% or more` : 'target'}.
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
  readsComments = true,
  onSelect,
}: {
  themes: FeedbackThemes;
  state: FeedbackState;
  /** Whether the user may read comments: a theme leads to its comments, or to its figures. */
  readsComments?: boolean;
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
    `/feedback${themeSearch(state, code)}${readsComments ? '#comments' : ''}`;
  const choose = readsComments ? 'read the comments' : 'show its figures';
  if (rows.length === 0) {
    return (
      <section aria-labelledby="feedback-themes-heading">
        <h2 className="govuk-heading-s" id="feedback-themes-heading">
          Themes in comments, {themes.range.label}
        </h2>
        <EmptyState>{THEMES_NEED_NO_SPLIT}</EmptyState>
      </section>
    );
  }
  return (
    <ChartFigure
      title={`Themes in comments, ${themes.range.label} against ${themes.previousRange.label}`}
      headingLevel={2}
      summary={`${countText(themes.comments)} comments. Rising: ${rising.join(', ') || 'none'}. Falling: ${falling.join(', ') || 'none'}. Themes with fewer than 10 comments are not counted. Choose a theme to ${readsComments ? 'read its comments' : 'see its figures'}.`}
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
        { header: 'Responses with a score (n)', value: (r) => nValue(r.satisfied), numeric: true },
      ]}
      rows={rows}
      rowKey={(r) => r.code}
      rowLink={(r) => ({ to: link(r.code), label: `${r.name}: ${choose}` })}
      csvFileName={fileName('feedback-themes', themes.range.period ?? themes.range.from)}
      chartHeight={Math.max(220, rows.length * 44)}
      legend={
        <p className="govuk-body-s app-chart__legend">
          Blue bars: this period. Orange bars: the previous period. Select a bar, or use the table,
          to {choose}.
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

/** What the themes section says when the API lists none (a channel, group or type is chosen). */
export const THEMES_NEED_NO_SPLIT =
  'Themes are shown without a channel, customer group or type filter.';

/** The explorer narrowed to a theme (and no other split), its search words cleared. */
function themeSearch(state: FeedbackState, code: string): string {
  return feedbackSearch({ ...withSplit(state, 'theme', code), q: undefined });
}

export function ThemeLinks({ themes, state }: { themes: FeedbackThemes; state: FeedbackState }) {
  if (themes.themes.length === 0) return null;
  return (
    <ul className="govuk-list app-theme-links">
      {themes.themes.map((t) => (
        <li key={t.code}>
          <Link className="govuk-link" to={`/feedback${themeSearch(state, t.code)}#comments`}>
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
  // Customer groups are a split of their own: with a channel, type or theme filter the API
  // compares none of them, and says why in each group's reason (the same for all).
  const { channel, type, theme } = groups.filters;
  const notCompared = channel !== undefined || type !== undefined || theme !== undefined;
  if (notCompared) {
    return (
      <section aria-labelledby="feedback-groups-heading">
        <h2 className="govuk-heading-m" id="feedback-groups-heading">
          Customer groups compared
        </h2>
        <EmptyState>
          {groups.groups[0]?.reason ??
            'Customer groups are compared only without a channel, type or theme filter.'}
        </EmptyState>
      </section>
    );
  }
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
      {/* A named group, not a second landmark named like its section (axe landmark-unique). */}
      {/* biome-ignore lint/a11y/useSemanticElements: a fieldset is for form controls, not a table */}
      <div
        className="app-table-scroll"
        role="group"
        aria-label="Satisfied share by customer group"
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
                  {CUSTOMER_GROUP_LABELS[g.customerGroup]}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {shareText(g.satisfied)}
                </td>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {nText(g.satisfied)}
                </td>
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
      </div>
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
