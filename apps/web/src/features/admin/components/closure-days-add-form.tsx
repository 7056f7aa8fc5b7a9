import {
  CLOSURE_CALENDAR_FROM,
  CLOSURE_CALENDAR_TO,
  type ClosureScope,
  type CreateClosureDayBody,
} from '@ipo/contracts';
import { type FormEvent, useState } from 'react';
import {
  DateInput,
  type DateParts,
  emptyDate,
  parseDateParts,
} from '../../../components/forms/date-input';
import type { FormProblem } from '../../../components/forms/error-summary';
import { ChoiceItem, Choices, Fieldset } from '../../../components/forms/field';
import { FormButtons } from '../../../components/forms/form-buttons';
import { serverProblems, useFormProblems } from '../../../components/forms/form-problems';
import { isoWeekday } from '../../../lib/dates';
import { useAddClosureDay } from '../api/closure-days-api';
import { ReasonField, reasonProblem } from './admin-shared';
import { dayInWords, type ReportChange, SCOPE_LABELS, SCOPE_ORDER } from './closure-days-labels';

export const closureFieldIds = {
  date: 'closure-date',
  /** The first radio: where the error summary leads. */
  scope: `closure-scope-${SCOPE_ORDER[0]}`,
  reason: 'closure-reason',
} as const;

const DATE_LABEL = 'Date the office is closed';

const SCOPE_HINTS: Record<ClosureScope, string> = {
  england_and_wales: 'Standards counting the working days of England and Wales',
  scotland: 'Standards counting the working days of Scotland',
  northern_ireland: 'Standards counting the working days of Northern Ireland',
  organisation: 'Every standard, whichever nation’s working days it counts',
};

/** A closure day recorded by hand: an office closure, an interrupted day. */
export function ClosureDaysAddForm({ onChange }: { onChange: ReportChange }) {
  const [date, setDate] = useState<DateParts>(emptyDate);
  const [scope, setScope] = useState<ClosureScope | null>(null);
  const [reason, setReason] = useState('');
  const { summary, refuse, clear, problemOf } = useFormProblems();
  const add = useAddClosureDay();

  function check(): CreateClosureDayBody | FormProblem[] {
    const problems: FormProblem[] = [];
    const dateId = `${closureFieldIds.date}-day`;
    const parsed = parseDateParts(date, DATE_LABEL, 'Enter the date the office is closed');
    if (parsed.problem !== null) {
      problems.push({ fieldId: dateId, message: parsed.problem });
    } else if (parsed.date < CLOSURE_CALENDAR_FROM || parsed.date > CLOSURE_CALENDAR_TO) {
      problems.push({
        fieldId: dateId,
        message: `${DATE_LABEL} must be between ${CLOSURE_CALENDAR_FROM.slice(0, 4)} and ${CLOSURE_CALENDAR_TO.slice(0, 4)}`,
      });
    } else if (isoWeekday(parsed.date) > 5) {
      problems.push({
        fieldId: dateId,
        message: `${DATE_LABEL} must be a weekday: ${dayInWords(parsed.date)} is never a working day`,
      });
    }
    if (scope === null) {
      problems.push({
        fieldId: closureFieldIds.scope,
        message: 'Select where the office is closed',
      });
    }
    const why = reason.trim();
    const reasonWrong = reasonProblem(why, 'Enter why the office is closed');
    if (reasonWrong) problems.push({ fieldId: closureFieldIds.reason, message: reasonWrong });
    if (problems.length > 0 || parsed.date === null || scope === null) return problems;
    return { date: parsed.date, scope, reason: why };
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (add.isPending) return;
    const checked = check();
    if (Array.isArray(checked)) {
      refuse(checked);
      return;
    }
    add.mutate(checked, {
      onSuccess: (answer) => {
        clear();
        setDate(emptyDate);
        setScope(null);
        setReason('');
        onChange({
          title: `Closure day added: ${dayInWords(checked.date)} (${SCOPE_LABELS[checked.scope]})`,
          body: (
            <p className="govuk-body">
              Items that span it are being recalculated: they no longer count it as a working day.
            </p>
          ),
          job: answer.recalculation,
        });
      },
      onError: (error) =>
        refuse(
          serverProblems(error, {
            date: { id: `${closureFieldIds.date}-day`, label: DATE_LABEL },
            scope: { id: closureFieldIds.scope, label: 'Where the office is closed' },
            reason: { id: closureFieldIds.reason, label: 'Reason' },
          }),
        ),
    });
  }

  return (
    <section aria-labelledby="add-closure-heading" className="govuk-!-margin-bottom-9">
      <h2 className="govuk-heading-l" id="add-closure-heading">
        Add a closure day
      </h2>
      <form onSubmit={onSubmit} noValidate>
        {summary}
        <DateInput
          id={closureFieldIds.date}
          legend={DATE_LABEL}
          hint="A weekday. For example, 24 12 2027"
          error={problemOf(`${closureFieldIds.date}-day`)}
          value={date}
          onChange={setDate}
        />
        <Fieldset
          id="closure-scope"
          legend="Where is the office closed?"
          error={problemOf(closureFieldIds.scope)}
        >
          <Choices type="radio">
            {SCOPE_ORDER.map((s) => (
              <ChoiceItem
                key={s}
                type="radio"
                id={`closure-scope-${s}`}
                label={SCOPE_LABELS[s]}
                hint={SCOPE_HINTS[s]}
                name="closure-scope"
                value={s}
                checked={scope === s}
                onChange={() => setScope(s)}
              />
            ))}
          </Choices>
        </Fieldset>
        <ReasonField
          id={closureFieldIds.reason}
          hint="Why the office is closed, such as ‘Office move’. It is shown in the calendar."
          rows={2}
          error={problemOf(closureFieldIds.reason)}
          value={reason}
          onChange={setReason}
        />
        <FormButtons
          label="Add the closure day"
          pending={add.isPending}
          pendingText="Adding the closure day…"
        />
      </form>
    </section>
  );
}
