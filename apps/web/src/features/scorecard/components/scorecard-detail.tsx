import type { ScorecardResponse } from '@ipo/contracts';
import type { ComponentProps } from 'react';
import { groupByKind } from '../../../lib/group-by-kind';
import { ScorecardCard } from './scorecard-card';

/** Each standard in detail: one card per standard, grouped by kind, below the table at a glance. */
export function ScorecardDetail({
  data,
  forecastByCode,
}: {
  data: ScorecardResponse;
  forecastByCode: Map<string, ComponentProps<typeof ScorecardCard>['forecast']>;
}) {
  const { period, team } = data;
  return (
    <section aria-labelledby="scorecard-detail">
      <h2 className="govuk-heading-l" id="scorecard-detail">
        Each standard in detail
      </h2>
      {groupByKind(data.standards).map((group) => (
        <section
          key={group.kind}
          className="app-scorecard__group"
          aria-labelledby={`kind-${group.kind}`}
        >
          <h3 className="govuk-heading-m" id={`kind-${group.kind}`}>
            {group.heading}
          </h3>
          <div className="app-scorecard__grid">
            {group.standards.map((entry) => (
              <ScorecardCard
                key={entry.code}
                entry={entry}
                periodId={period.id}
                teamId={team?.id}
                forecast={forecastByCode.get(entry.code)}
              />
            ))}
          </div>
        </section>
      ))}
    </section>
  );
}
