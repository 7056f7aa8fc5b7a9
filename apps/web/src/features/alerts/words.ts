import type { AlertFrequency, AlertNotification, AlertRuleCode } from '@ipo/contracts';

/** The words of the alerts pages: each rule's short name, how often, what happened. */

/** A rule's name in a list or a table; the API's label describes it in full. */
export const RULE_NAMES: Record<AlertRuleCode, string> = {
  missed: 'Missed standards',
  at_risk: 'Standards at risk this month',
  stale_source: 'Data sources that stop sending',
  satisfaction_below: 'Satisfaction below target',
  theme_rising: 'Feedback themes rising',
};

/** Each frequency as a choice (label, hint) and in a sentence ('by e-mail in a daily digest'). */
export const FREQUENCY_WORDS: Record<
  AlertFrequency,
  { label: string; hint: string; inSentence: string }
> = {
  immediate: {
    label: 'Immediately',
    inSentence: 'as they happen',
    hint: 'One message for each alert, as soon as it opens or clears.',
  },
  daily: {
    label: 'A daily digest',
    inSentence: 'in a daily digest',
    hint: 'One message at 7am with everything from the day before.',
  },
  weekly: {
    label: 'A weekly digest',
    inSentence: 'in a weekly digest',
    hint: 'One message on Monday at 7am with everything from the week before.',
  },
};

export const EVENT_WORDS: Record<AlertNotification['event'], string> = {
  opened: 'New alert',
  cleared: 'Alert cleared',
};

/** '3 notifications', '1 notification'. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
