import type { FeedbackOptions } from '@ipo/contracts';
import { type FormEvent, useId, useMemo } from 'react';
import { scorecardPeriodOptions } from '../../../lib/periods';
import { channelNames, type FeedbackState, groupNames, typeNames } from '../utils/url-state';

/** Filters as a GET-style form: nothing changes until 'Apply filters', then the URL does. */
export function FiltersForm({
  state,
  options,
  onApply,
}: {
  state: FeedbackState;
  options: FeedbackOptions | undefined;
  onApply: (next: FeedbackState) => void;
}) {
  const id = useId();
  const periods = useMemo(() => scorecardPeriodOptions(), []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (k: string) => {
      const v = data.get(k);
      return typeof v === 'string' && v ? v : undefined;
    };
    const team = value('team');
    onApply({
      period: value('period'),
      service: value('service'),
      team: team ? Number(team) : undefined,
      channel: value('channel') as FeedbackState['channel'],
      customerGroup: value('customerGroup') as FeedbackState['customerGroup'],
      type: value('type') as FeedbackState['type'],
      theme: value('theme'),
      q: state.q,
    });
  }

  const select = (
    name: keyof FeedbackState,
    label: string,
    choices: readonly { value: string; label: string }[],
    allLabel: string,
  ) => (
    <div className="govuk-form-group app-feedback-filters__group">
      <label className="govuk-label govuk-label--s" htmlFor={`${id}-${name}`}>
        {label}
      </label>
      <select
        className="govuk-select"
        id={`${id}-${name}`}
        name={name}
        defaultValue={state[name] === undefined ? '' : String(state[name])}
        key={`${name}-${String(state[name] ?? '')}`}
      >
        <option value="">{allLabel}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );

  const periodChoices = [...periods.months, ...periods.quarters, ...periods.years].map((p) => ({
    value: p.id,
    label: p.label,
  }));
  if (state.period && !periodChoices.some((p) => p.value === state.period)) {
    periodChoices.unshift({ value: state.period, label: state.period });
  }

  return (
    <form
      className="app-feedback-filters"
      onSubmit={submit}
      noValidate
      aria-label="Feedback filters"
    >
      <div className="app-feedback-filters__grid">
        {select('period', 'Period', periodChoices, 'Latest complete month')}
        {select(
          'service',
          'Service',
          (options?.services ?? []).map((s) => ({ value: s.code, label: s.name })),
          'All services',
        )}
        {select(
          'team',
          'Team',
          (options?.teams ?? []).map((t) => ({ value: String(t.id), label: t.name })),
          'All teams',
        )}
        {select(
          'channel',
          'Channel',
          Object.entries(channelNames).map(([value, label]) => ({ value, label })),
          'All channels',
        )}
        {select(
          'customerGroup',
          'Customer group',
          Object.entries(groupNames).map(([value, label]) => ({ value, label })),
          'All customer groups',
        )}
        {select(
          'type',
          'Type of feedback',
          Object.entries(typeNames).map(([value, label]) => ({ value, label })),
          'All types',
        )}
        {select(
          'theme',
          'Theme',
          (options?.themes ?? []).map((t) => ({ value: t.code, label: t.name })),
          'All themes',
        )}
      </div>
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button">
          Apply filters
        </button>
      </div>
    </form>
  );
}
