import { CLOSURE_REASON_MAX, type ClosureDay } from '@ipo/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ErrorSummary } from '../../../components/forms/error-summary';
import { TextareaField } from '../../../components/forms/field';
import { useRemoveClosureDay } from '../api/closure-days-api';
import { serverProblems, useFormProblems } from './admin-form-kit';
import { dayInWords, type ReportChange, SCOPE_LABELS, SCOPE_ORDER } from './closure-days-labels';
import './admin-pages.css';

function sourceInWords(day: ClosureDay): string {
  switch (day.source) {
    case 'date_holidays':
      return 'Bank holiday (built in)';
    case 'govuk_import':
      return `GOV.UK bank holidays file, loaded by ${day.createdBy ?? 'an administrator'}`;
    case 'admin':
      return `Recorded by ${day.createdBy ?? 'an administrator'}`;
  }
}

const removeButtonId = (day: ClosureDay) => `remove-${day.scope}-${day.date}`;

/** The year's closure days, a table per nation and one for the whole organisation. */
export function ClosureDaysCalendar({
  year,
  days,
  onChange,
}: {
  year: number;
  days: ClosureDay[];
  onChange: ReportChange;
}) {
  const [removing, setRemoving] = useState<ClosureDay | null>(null);
  const cancelled = useRef<string | null>(null);

  useEffect(() => {
    // Back to the button that opened the question.
    if (removing === null && cancelled.current) {
      document.getElementById(cancelled.current)?.focus();
      cancelled.current = null;
    }
  }, [removing]);

  return (
    <section aria-labelledby="calendar-heading">
      <h2 className="govuk-heading-l" id="calendar-heading">
        Closure days in {year}
      </h2>
      {SCOPE_ORDER.map((scope) => {
        const ofScope = days.filter((d) => d.scope === scope);
        const headingId = `closure-${scope}-heading`;
        return (
          <section key={scope} aria-labelledby={headingId} className="govuk-!-margin-bottom-6">
            <h3 className="govuk-heading-m" id={headingId}>
              {SCOPE_LABELS[scope]}
            </h3>
            {removing && removing.scope === scope ? (
              <RemoveClosureDay
                day={removing}
                onCancel={() => {
                  cancelled.current = removeButtonId(removing);
                  setRemoving(null);
                }}
                onRemoved={(change) => {
                  setRemoving(null);
                  onChange(change);
                }}
              />
            ) : null}
            {ofScope.length === 0 ? (
              <p className="govuk-body">
                No {scope === 'organisation' ? 'organisation-wide ' : ''}closure days in {year}.
              </p>
            ) : (
              <table className="govuk-table" aria-labelledby={headingId}>
                <thead className="govuk-table__head">
                  <tr className="govuk-table__row">
                    <th scope="col" className="govuk-table__header">
                      Date
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Reason
                    </th>
                    <th scope="col" className="govuk-table__header">
                      Source
                    </th>
                    <th scope="col" className="govuk-table__header">
                      <span className="govuk-visually-hidden">Action</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="govuk-table__body">
                  {ofScope.map((day) => (
                    <tr className="govuk-table__row" key={`${day.date}/${day.scope}`}>
                      <th scope="row" className="govuk-table__header">
                        {dayInWords(day.date)}
                      </th>
                      <td className="govuk-table__cell">{day.reason}</td>
                      <td className="govuk-table__cell">{sourceInWords(day)}</td>
                      <td className="govuk-table__cell">
                        {day.deletable ? (
                          <button
                            type="button"
                            id={removeButtonId(day)}
                            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                            onClick={() => setRemoving(day)}
                          >
                            Remove{' '}
                            <span className="govuk-visually-hidden">
                              the closure day of {dayInWords(day.date)} ({SCOPE_LABELS[day.scope]})
                            </span>
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </section>
  );
}

/** The confirmation step of a removal: why, then remove or cancel. */
function RemoveClosureDay({
  day,
  onCancel,
  onRemoved,
}: {
  day: ClosureDay;
  onCancel: () => void;
  onRemoved: ReportChange;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [reason, setReason] = useState('');
  const { refusal, refuse, problemOf } = useFormProblems();
  const remove = useRemoveClosureDay();
  const reasonId = 'remove-reason';
  useEffect(() => {
    heading.current?.focus();
  }, []);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (remove.isPending) return;
    const why = reason.trim();
    if (!why) {
      refuse([{ fieldId: reasonId, message: 'Enter why the closure day is removed' }]);
      return;
    }
    if (why.length > CLOSURE_REASON_MAX) {
      refuse([
        { fieldId: reasonId, message: `Reason must be ${CLOSURE_REASON_MAX} characters or fewer` },
      ]);
      return;
    }
    remove.mutate(
      { date: day.date, scope: day.scope, reason: why },
      {
        onSuccess: (answer) =>
          onRemoved({
            title: `Closure day removed: ${dayInWords(day.date)} (${SCOPE_LABELS[day.scope]})`,
            body: (
              <p className="govuk-body">
                Items that span it are being recalculated: they now count it as a working day.
              </p>
            ),
            job: answer.recalculation,
          }),
        onError: (error) =>
          refuse(serverProblems(error, { reason: { id: reasonId, label: 'Reason' } })),
      },
    );
  }

  return (
    <form
      className="app-admin-confirm"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="remove-heading"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      {refusal ? <ErrorSummary key={refusal.key} problems={refusal.problems} /> : null}
      <h4 className="govuk-heading-m" id="remove-heading" ref={heading} tabIndex={-1}>
        Remove the closure day of {dayInWords(day.date)} ({SCOPE_LABELS[day.scope]})?
      </h4>
      <p className="govuk-body">It was recorded because: {day.reason}</p>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          The day becomes a working day again, and every item that spans it is recalculated.
        </strong>
      </div>
      <TextareaField
        id={reasonId}
        label="Why is it removed?"
        hint="It is kept in the audit trail."
        error={problemOf(reasonId)}
        name="reason"
        rows={2}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <div className="govuk-button-group">
        <button
          type="submit"
          className="govuk-button govuk-button--warning"
          aria-disabled={remove.isPending}
        >
          Remove the closure day
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
