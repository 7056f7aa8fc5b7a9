import type { FeedbackSeries } from '@ipo/contracts';
import { QueryState, Skeleton } from '../../../components/query-state';
import { lastWholeMonths } from '../../../lib/dates';
import { statusWords } from '../../../lib/format';
import { TrendSection } from '../../feedback/components/sections';
import { nText, percent, shareText } from '../../feedback/utils/cells';
import { useTeamSatisfaction } from '../api/my-team-api';

/** The latest month's satisfaction in a sentence, a withheld figure in words. */
export function latestSatisfactionText(series: FeedbackSeries, teamName: string): string {
  const last = series.points.at(-1);
  if (!last) return `There is no feedback for ${teamName} in these months.`;
  const s = last.satisfied;
  if (s.suppressed) {
    return `In ${last.period.label}, fewer than 10 of ${teamName}’s customers gave a score (or the figure is withheld to protect a smaller group), so satisfaction is not shown.`;
  }
  if (s.value === null) return `In ${last.period.label}, no customer of ${teamName} gave a score.`;
  return `In ${last.period.label}, ${shareText(s)} of ${teamName}’s customers were satisfied (${nText(s)} responses with a score), against a target of ${percent(last.target)}: ${statusWords[last.status].toLowerCase()}.`;
}

/** Satisfaction of the team's customers: the latest month in words, then twelve months. */
export function TeamSatisfaction({ teamId, teamName }: { teamId: number; teamName: string }) {
  const series = useTeamSatisfaction(teamId, lastWholeMonths(12));
  return (
    <section className="app-section" aria-labelledby="my-team-satisfaction">
      <h2 className="govuk-heading-m" id="my-team-satisfaction">
        Customer satisfaction
      </h2>
      <QueryState
        query={series}
        what="Satisfaction"
        loadingText="Loading satisfaction"
        skeleton={<Skeleton height={360} />}
        headingLevel={3}
      >
        {(data) => (
          <>
            <p className="govuk-body">{latestSatisfactionText(data, teamName)}</p>
            <TrendSection series={data} themeName={null} headingLevel={3} />
          </>
        )}
      </QueryState>
    </section>
  );
}
