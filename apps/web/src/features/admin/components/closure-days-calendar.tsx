import type { ClosureDay } from '@ipo/contracts';
import { useState } from 'react';
import { serverProblems, useFormProblems } from '../../../components/forms/form-problems';
import { ConfirmPanel } from '../../../components/step-panel';
import { Table } from '../../../components/table';
import { WarningText } from '../../../components/warning-text';
import { focusLater } from '../../../lib/focus';
import { useRemoveClosureDay } from '../api/closure-days-api';
import { ReasonField, reasonProblem } from './admin-shared';
import { dayInWords, type ReportChange, SCOPE_LABELS, SCOPE_ORDER } from './closure-days-labels';

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
                  // Back to the button that opened the question.
                  focusLater(removeButtonId(removing));
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
              <Table
                labelledBy={headingId}
                columns={['Date', 'Reason', 'Source', { label: 'Action', hidden: true }]}
              >
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
              </Table>
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
  const [reason, setReason] = useState('');
  const { summary, refuse, problemOf } = useFormProblems();
  const remove = useRemoveClosureDay();
  const reasonId = 'remove-reason';

  function onConfirm() {
    const why = reason.trim();
    const problem = reasonProblem(why, 'Enter why the closure day is removed');
    if (problem) {
      refuse([{ fieldId: reasonId, message: problem }]);
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
    <ConfirmPanel
      title={`Remove the closure day of ${dayInWords(day.date)} (${SCOPE_LABELS[day.scope]})?`}
      headingLevel={4}
      summary={summary}
      confirmLabel="Remove the closure day"
      pending={remove.isPending}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <p className="govuk-body">It was recorded because: {day.reason}</p>
      <WarningText>
        The day becomes a working day again, and every item that spans it is recalculated.
      </WarningText>
      <ReasonField
        id={reasonId}
        label="Why is it removed?"
        hint="It is kept in the audit trail."
        rows={2}
        error={problemOf(reasonId)}
        value={reason}
        onChange={setReason}
      />
    </ConfirmPanel>
  );
}
