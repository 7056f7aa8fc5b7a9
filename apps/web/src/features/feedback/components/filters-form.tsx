import type { FeedbackOptions } from '@ipo/contracts';
import { CHANNEL_LABELS, CUSTOMER_GROUP_LABELS, FEEDBACK_TYPE_LABELS } from '@ipo/contracts';
import { type FormEvent, useId } from 'react';
import { SelectField } from '../../../components/forms/field';
import { OneOfFilter, type OneOfOption, readOneOf } from '../../../components/forms/one-of-filter';
import { PeriodOptions } from '../../../components/forms/period-options';
import {
  type FeedbackState,
  feedbackSearch,
  SPLITS,
  type Split,
  splitOf,
} from '../utils/url-state';

export const ONE_SPLIT_HINT =
  'Choose one of channel, customer group, type or theme: figures of smaller groups cannot be protected.';

/**
 * Filters as a GET-style form: nothing changes until 'Apply filters', then the URL does. A figure
 * takes a service or team and at most one of channel, customer group, type and theme, so those
 * four are one choice (radios), each revealing its select.
 */
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

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const value = (k: string) => {
      const v = data.get(k);
      return typeof v === 'string' && v ? v : undefined;
    };
    const team = value('team');
    const split = readOneOf(data);
    const next: FeedbackState = {
      period: value('period'),
      service: value('service'),
      team: team ? Number(team) : undefined,
      q: state.q,
      trend: state.trend,
    };
    if (split && (SPLITS as readonly string[]).includes(split.name)) {
      (next as Record<string, unknown>)[split.name] = split.value;
    }
    onApply(next);
  }

  const select = (
    name: 'service' | 'team',
    label: string,
    choices: readonly { value: string; label: string }[],
    allLabel: string,
  ) => (
    <SelectField
      id={`${id}-${name}`}
      label={label}
      labelSize="s"
      groupClassName="app-feedback-filters__group"
      name={name}
      defaultValue={state[name] === undefined ? '' : String(state[name])}
      // Rebuilt when the choices arrive, so the value from the URL is selected once it exists.
      key={`${name}-${String(state[name] ?? '')}-${choices.length}`}
    >
      <option value="">{allLabel}</option>
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </SelectField>
  );

  const splitOptions: Record<Split, OneOfOption> = {
    channel: {
      name: 'channel',
      label: 'Channel',
      choices: Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label })),
    },
    customerGroup: {
      name: 'customerGroup',
      label: 'Customer group',
      choices: Object.entries(CUSTOMER_GROUP_LABELS).map(([value, label]) => ({ value, label })),
    },
    type: {
      name: 'type',
      label: 'Type of feedback',
      choices: Object.entries(FEEDBACK_TYPE_LABELS).map(([value, label]) => ({ value, label })),
    },
    theme: {
      name: 'theme',
      label: 'Theme',
      choices: (options?.themes ?? []).map((t) => ({ value: t.code, label: t.name })),
    },
  };
  const split = splitOf(state);
  const splitValue = split ? state[split] : undefined;

  return (
    <form
      className="app-feedback-filters"
      onSubmit={submit}
      noValidate
      aria-label="Feedback filters"
    >
      <div className="app-feedback-filters__grid">
        <SelectField
          id={`${id}-period`}
          label="Period"
          labelSize="s"
          hint="A month, quarter or financial year"
          groupClassName="app-feedback-filters__group"
          name="period"
          defaultValue={state.period ?? ''}
          key={`period-${state.period ?? ''}`}
        >
          <option value="">Latest complete month</option>
          <PeriodOptions selected={state.period} />
        </SelectField>
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
      </div>
      <OneOfFilter
        // Rebuilt from the URL whenever it changes (back and forward included).
        key={feedbackSearch({ ...state, q: undefined, trend: undefined })}
        legend="Narrow down by"
        hint={ONE_SPLIT_HINT}
        noneLabel="Nothing else: all feedback for the period, service and team"
        options={SPLITS.map((s) => splitOptions[s])}
        initial={
          split && splitValue !== undefined ? { name: split, value: String(splitValue) } : null
        }
      />
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button">
          Apply filters
        </button>
      </div>
    </form>
  );
}
