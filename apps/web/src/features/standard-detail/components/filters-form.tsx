import {
  CHANNEL_LABELS,
  ChannelSchema,
  CUSTOMER_GROUP_LABELS,
  CustomerGroupSchema,
} from '@ipo/contracts';
import type { FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { InputField, SelectField } from '../../../components/forms/field';
import { OneOfFilter, readOneOf } from '../../../components/forms/one-of-filter';
import { PeriodOptions } from '../../../components/forms/period-options';

import { parseDetailState } from '../utils/url-state';
import type { DetailContext } from './detail-context';

/**
 * The filters and period as a plain GOV.UK form: choose, then apply. The URL is the state, so
 * the form is rebuilt from it whenever it changes (back and forward included).
 */
export function FiltersForm({ context }: { context: DetailContext }) {
  const { standard, state, searchWith } = context;
  const navigate = useNavigate();
  const search = searchWith({});

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
          <SelectField
            id="filter-period"
            label="Period of the breakdown, distribution and records"
            className="app-select--full"
            name="period"
            defaultValue={state.period ?? ''}
          >
            <option value="">Latest complete month</option>
            <PeriodOptions selected={state.period} />
          </SelectField>
          <InputField
            id="filter-from"
            label="Trend from"
            className="app-input--date"
            name="from"
            type="date"
            min={standard.dataFrom ?? undefined}
            max={standard.dataTo ?? undefined}
            defaultValue={state.from ?? ''}
          />
          <InputField
            id="filter-to"
            label="Trend to"
            className="app-input--date"
            name="to"
            type="date"
            min={standard.dataFrom ?? undefined}
            max={standard.dataTo ?? undefined}
            defaultValue={state.to ?? ''}
          />
          {standard.teams.length > 0 ? (
            <SelectField
              id="filter-team"
              label="Team"
              className="app-select--full"
              name="team"
              defaultValue={state.team === undefined ? '' : String(state.team)}
            >
              <option value="">All teams</option>
              {standard.teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          {oneOf ? null : (
            <>
              <SelectField
                id="filter-channel"
                label="Channel"
                className="app-select--full"
                name="channel"
                defaultValue={state.channel ?? ''}
              >
                <option value="">All channels</option>
                {ChannelSchema.options.map((channel) => (
                  <option key={channel} value={channel}>
                    {CHANNEL_LABELS[channel]}
                  </option>
                ))}
              </SelectField>
              <SelectField
                id="filter-customer-group"
                label="Customer group"
                className="app-select--full"
                name="customerGroup"
                defaultValue={state.customerGroup ?? ''}
              >
                <option value="">All customer groups</option>
                {CustomerGroupSchema.options.map((group) => (
                  <option key={group} value={group}>
                    {CUSTOMER_GROUP_LABELS[group]}
                  </option>
                ))}
              </SelectField>
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
                choices: ChannelSchema.options.map((c) => ({ value: c, label: CHANNEL_LABELS[c] })),
              },
              {
                name: 'customerGroup',
                label: 'Customer group',
                choices: CustomerGroupSchema.options.map((g) => ({
                  value: g,
                  label: CUSTOMER_GROUP_LABELS[g],
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
