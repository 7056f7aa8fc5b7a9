import { ChannelSchema, CustomerGroupSchema } from '@ipo/contracts';
import { type FormEvent, useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { OneOfFilter, readOneOf } from '../../../components/forms/one-of-filter';
import { scorecardPeriodOptions } from '../../../lib/periods';
import { channelLabels, customerGroupLabels } from '../utils/labels';
import { parseDetailState } from '../utils/url-state';
import type { DetailContext } from './standard-page';

/**
 * The filters and period as a plain GOV.UK form: choose, then apply. The URL is the state, so
 * the form is rebuilt from it whenever it changes (back and forward included).
 */
export function FiltersForm({ context }: { context: DetailContext }) {
  const { standard, state, searchWith } = context;
  const navigate = useNavigate();
  const periods = useMemo(() => scorecardPeriodOptions(), []);
  const search = searchWith({});
  const knownPeriod = [...periods.months, ...periods.quarters, ...periods.years].some(
    (option) => option.id === state.period,
  );

  // Satisfaction takes a channel or a customer group, not both: one choice of the two.
  const oneOf = standard.measure === 'satisfied_share';

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const params = new URLSearchParams();
    const keys = oneOf
      ? (['period', 'from', 'to', 'team'] as const)
      : (['period', 'from', 'to', 'team', 'channel', 'customerGroup'] as const);
    for (const key of keys) {
      const value = form.get(key);
      if (typeof value === 'string' && value) params.set(key, value);
    }
    if (oneOf) {
      const chosen = readOneOf(form);
      if (chosen && (chosen.name === 'channel' || chosen.name === 'customerGroup')) {
        params.set(chosen.name, chosen.value);
      }
    }
    const next = parseDetailState(params);
    void navigate({
      search: searchWith({
        period: next.period,
        from: next.from,
        to: next.to,
        team: next.team,
        channel: next.channel,
        customerGroup: next.customerGroup,
      }),
    });
  }

  const active =
    state.team !== undefined || state.channel || state.customerGroup || state.from || state.to;

  return (
    <section className="app-section app-filters" aria-labelledby="filters-heading">
      <h2 className="govuk-heading-m" id="filters-heading">
        Period and filters
      </h2>
      <form key={search} onSubmit={apply} noValidate className="app-filters__form">
        <div className="app-filters__grid">
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="filter-period">
              Period of the breakdown, distribution and records
            </label>
            <select
              className="govuk-select app-select--full"
              id="filter-period"
              name="period"
              defaultValue={state.period ?? ''}
            >
              <option value="">Latest complete month</option>
              {state.period && !knownPeriod ? (
                <option value={state.period}>{state.period}</option>
              ) : null}
              <optgroup label="Months">
                {periods.months.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Quarters of the financial year">
                {periods.quarters.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
              <optgroup label="Financial years">
                {periods.years.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
            </select>
          </div>
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="filter-from">
              Trend from
            </label>
            <input
              className="govuk-input app-input--date"
              id="filter-from"
              name="from"
              type="date"
              min={standard.dataFrom ?? undefined}
              max={standard.dataTo ?? undefined}
              defaultValue={state.from ?? ''}
            />
          </div>
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="filter-to">
              Trend to
            </label>
            <input
              className="govuk-input app-input--date"
              id="filter-to"
              name="to"
              type="date"
              min={standard.dataFrom ?? undefined}
              max={standard.dataTo ?? undefined}
              defaultValue={state.to ?? ''}
            />
          </div>
          {standard.teams.length > 0 ? (
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor="filter-team">
                Team
              </label>
              <select
                className="govuk-select app-select--full"
                id="filter-team"
                name="team"
                defaultValue={state.team === undefined ? '' : String(state.team)}
              >
                <option value="">All teams</option>
                {standard.teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {oneOf ? null : (
            <>
              <div className="govuk-form-group">
                <label className="govuk-label" htmlFor="filter-channel">
                  Channel
                </label>
                <select
                  className="govuk-select app-select--full"
                  id="filter-channel"
                  name="channel"
                  defaultValue={state.channel ?? ''}
                >
                  <option value="">All channels</option>
                  {ChannelSchema.options.map((channel) => (
                    <option key={channel} value={channel}>
                      {channelLabels[channel]}
                    </option>
                  ))}
                </select>
              </div>
              <div className="govuk-form-group">
                <label className="govuk-label" htmlFor="filter-customer-group">
                  Customer group
                </label>
                <select
                  className="govuk-select app-select--full"
                  id="filter-customer-group"
                  name="customerGroup"
                  defaultValue={state.customerGroup ?? ''}
                >
                  <option value="">All customer groups</option>
                  {CustomerGroupSchema.options.map((group) => (
                    <option key={group} value={group}>
                      {customerGroupLabels[group]}
                    </option>
                  ))}
                </select>
              </div>
            </>
          )}
        </div>
        {oneOf ? (
          <OneOfFilter
            legend="Narrow down by"
            hint="Choose a channel or a customer group, not both: figures of smaller groups of respondents cannot be protected."
            noneLabel="Neither: all channels and customer groups"
            options={[
              {
                name: 'channel',
                label: 'Channel',
                choices: ChannelSchema.options.map((c) => ({ value: c, label: channelLabels[c] })),
              },
              {
                name: 'customerGroup',
                label: 'Customer group',
                choices: CustomerGroupSchema.options.map((g) => ({
                  value: g,
                  label: customerGroupLabels[g],
                })),
              },
            ]}
            initial={
              state.channel
                ? { name: 'channel', value: state.channel }
                : state.customerGroup
                  ? { name: 'customerGroup', value: state.customerGroup }
                  : null
            }
          />
        ) : null}
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button">
            Apply
          </button>
          {active ? (
            <Link
              className="govuk-link"
              to={searchWith({
                team: undefined,
                channel: undefined,
                customerGroup: undefined,
                from: undefined,
                to: undefined,
              })}
            >
              Clear filters
            </Link>
          ) : null}
        </div>
      </form>
    </section>
  );
}
