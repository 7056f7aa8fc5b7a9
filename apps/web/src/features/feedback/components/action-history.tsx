import type { Action, ActionChange, ActionHistoryEvent } from '@ipo/contracts';
import { useState } from 'react';
import { QueryState, Skeleton } from '../../../components/query-state';
import { Table } from '../../../components/table';
import { formatDateTime, formatIsoDate } from '../../../lib/format';
import { useActionHistory } from '../api/actions-api';
import { statusWords } from './action-fields';

/** The fields of a change, in words (the history names them as the API's answer does). */
const fieldWords: Record<string, string> = {
  title: 'What we did',
  description: 'Description',
  themeName: 'Theme',
  teamName: 'Team',
  owner: 'Owner',
  status: 'Status',
  startedOn: 'Started on',
  dueOn: 'Due date',
  completedOn: 'Completed on',
  published: 'Published',
};

const kindWords: Record<ActionHistoryEvent['kind'], string> = {
  create: 'Recorded',
  update: 'Changed',
  delete: 'Deleted',
};

const DATE_FIELDS = new Set(['startedOn', 'dueOn', 'completedOn']);

/** A value as a person reads it: 'In progress', '31 March 2026', 'Yes', 'none'. */
export function valueInWords(field: string, value: ActionChange['before']): string {
  if (value === null || value === '') return 'none';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field === 'status' && value in statusWords) {
    return statusWords[value as keyof typeof statusWords];
  }
  if (DATE_FIELDS.has(field) && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return formatIsoDate(value);
  }
  return String(value);
}

function HistoryEvent({ event }: { event: ActionHistoryEvent }) {
  const when = formatDateTime(event.at);
  return (
    <li className="app-action-history__event">
      <p className="govuk-body govuk-!-margin-bottom-1">
        <strong>{kindWords[event.kind]}</strong> by {event.actor} at {when}
      </p>
      {event.changes.length > 0 ? (
        <Table
          className="app-action-history__table"
          caption={`${kindWords[event.kind]} by ${event.actor} at ${when}: what changed`}
          captionHidden
          columns={['Field', 'Before', 'After']}
        >
          {event.changes.map((change) => (
            <tr key={change.field} className="govuk-table__row">
              <th scope="row" className="govuk-table__header">
                {fieldWords[change.field] ?? change.field}
              </th>
              <td className="govuk-table__cell">{valueInWords(change.field, change.before)}</td>
              <td className="govuk-table__cell">{valueInWords(change.field, change.after)}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </li>
  );
}

function HistoryList({ action }: { action: Action }) {
  const history = useActionHistory(action.id, true);
  return (
    <QueryState
      query={history}
      what="The history"
      loadingText="Loading the history…"
      skeleton={<Skeleton height={80} />}
      headingLevel={4}
    >
      {(data) =>
        data.events.length === 0 ? (
          <p className="govuk-body">No changes recorded.</p>
        ) : (
          <ol className="govuk-list app-action-history">
            {data.events.map((event) => (
              <HistoryEvent key={event.id} event={event} />
            ))}
          </ol>
        )
      }
    </QueryState>
  );
}

/**
 * 'History' (a GOV.UK details): who recorded the action and each change since, with when and
 * what changed (the field, before and after). The history is asked for when it is first opened.
 */
export function ActionHistory({ action }: { action: Action }) {
  const [opened, setOpened] = useState(false);
  return (
    <details
      className="govuk-details govuk-!-margin-bottom-0"
      onToggle={(event) => {
        if (event.currentTarget.open) setOpened(true);
      }}
    >
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">
          History<span className="govuk-visually-hidden"> of ‘{action.title}’</span>
        </span>
      </summary>
      <div className="govuk-details__text">{opened ? <HistoryList action={action} /> : null}</div>
    </details>
  );
}
