import {
  CHANNEL_LABELS,
  ChannelSchema,
  CUSTOMER_GROUP_LABELS,
  CustomerGroupSchema,
} from '@ipo/contracts';
import { type FormEvent, useState } from 'react';
import {
  checkDateParts,
  DATE_EXAMPLE,
  type DateFormProblem,
  DateInput,
  dateErrorOf,
  dateFormProblem,
  datePartsOf,
  isoToDateParts,
} from '../../../components/forms/date-input';
import { SelectField } from '../../../components/forms/field';
import { useFormProblems } from '../../../components/forms/form-problems';
import { OneOfFilter, readOneOf } from '../../../components/forms/one-of-filter';
import { PeriodOptions } from '../../../components/forms/period-options';
import { formatIsoDate } from '../../../lib/format';
import { Link, useNavigate } from '../../../lib/router';
import { parseDetailState } from '../utils/url-state';
import type { DetailContext } from './detail-context';

/** The trend's dates: their boxes' ids, and the words their problems start with. */
export const trendDates = {
  from: { id: 'filter-from', legend: 'Trend from' },
  to: { id: 'filter-to', legend: 'Trend to' },
} as const;

/**
 * The trend's dates as typed, as ISO dates for the URL, or their problems in the GOV.UK words
 * ('Trend from must include a year', 'Trend to must be a real date'). Both may be left empty.
 */
export function readTrendDates(
  data: FormData,
): { from: string | undefined; to: string | undefined } | { problems: DateFormProblem[] } {
  const problems: DateFormProblem[] = [];
  const dates: { from: string | undefined; to: string | undefined } = {
    from: undefined,
    to: undefined,
  };
  for (const key of ['from', 'to'] as const) {
    const { id, legend } = trendDates[key];
    const checked = checkDateParts(datePartsOf(data, key), legend);
    if (checked.problem) problems.push(dateFormProblem(id, checked.problem));
    else dates[key] = checked.date ?? undefined;
  }
  if (dates.from && dates.to && dates.to < dates.from) {
    problems.push(
      dateFormProblem(trendDates.to.id, {
        message: `Trend to must be the same as or after trend from (${formatIsoDate(dates.from)})`,
        parts: ['day', 'month', 'year'],
      }),
    );
  }
  return problems.length > 0 ? { problems } : dates;
}

/**
 * The filters and period as a plain GOV.UK form: choose, then apply. The URL is the state, so
 * the form is rebuilt from it whenever it changes (back and forward included).
 */
export function FiltersForm({ context }: { context: DetailContext }) {
  const { standard, state, searchWith } = context;
  const navigate = useNavigate();
  const search = searchWith({});
  const { summary, refusal, refuse, clear } = useFormProblems();
  const problems = refusal?.problems ?? [];
  // Another view (the URL changed, the form is rebuilt): the last one's problems go with it.
  const [viewOfProblems, setViewOfProblems] = useState(search);
  if (viewOfProblems !== search) {
    setViewOfProblems(search);
    clear();
  }

  // Satisfaction takes a channel or a customer group, not both: one choice of the two.
  const oneOf = standard.measure === 'satisfied_share';

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // Dates are typed as day, month and year; an incomplete or impossible one goes nowhere.
    const dates = readTrendDates(form);
    if ('problems' in dates) {
      refuse(dates.problems);
      return;
    }
    clear();
    const params = new URLSearchParams();
    if (dates.from) params.set('from', dates.from);
    if (dates.to) params.set('to', dates.to);
    const keys = oneOf
      ? (['period', 'team'] as const)
      : (['period', 'team', 'channel', 'customerGroup'] as const);
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
  // The dates the figures run between, when known, help choose a range.
  const dateHint =
    standard.dataFrom && standard.dataTo
      ? `${DATE_EXAMPLE}. Figures run from ${formatIsoDate(standard.dataFrom)} to ${formatIsoDate(standard.dataTo)}.`
      : DATE_EXAMPLE;

  return (
    <section className="app-section app-filters" aria-labelledby="filters-heading">
      <h2 className="govuk-heading-m" id="filters-heading">
        Period and filters
      </h2>
      <form key={search} onSubmit={apply} noValidate className="app-filters__form">
        {summary}
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
          {(['from', 'to'] as const).map((key) => (
            <DateInput
              key={key}
              id={trendDates[key].id}
              name={key}
              legend={trendDates[key].legend}
              hint={dateHint}
              defaultValue={isoToDateParts(state[key])}
              {...dateErrorOf(problems, trendDates[key].id)}
            />
          ))}
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
