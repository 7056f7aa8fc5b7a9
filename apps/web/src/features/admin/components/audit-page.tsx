import type { AuditEventView } from '@ipo/contracts';
import type { FormEvent } from 'react';
import {
  checkDateParts,
  DATE_EXAMPLE,
  DateInput,
  dateErrorOf,
  dateFormProblem,
  datePartsOf,
  isoToDateParts,
} from '../../../components/forms/date-input';
import { ErrorSummary, type FormProblem } from '../../../components/forms/error-summary';
import { InputField } from '../../../components/forms/field';
import {
  problemOf,
  serverProblems,
  useFormProblems,
} from '../../../components/forms/form-problems';
import { EmptyState, errorMessage, QueryState, Skeleton } from '../../../components/query-state';
import { Table } from '../../../components/table';
import { isApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { Link, useSearchParams } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { type AuditFilters, auditCsvUrl, useAuditTrail } from '../api/audit-api';
import { summariseDetails } from './audit-details';

const ids = { actor: 'audit-actor', kind: 'audit-kind', from: 'audit-from', to: 'audit-to' };
/** What the server's refusals link to: a date's day box (the whole date is marked). */
const serverIds = { ...ids, from: `${ids.from}-day`, to: `${ids.to}-day` };
const FILTER_KEYS = ['actor', 'kind', 'from', 'to'] as const;
/** The dates, typed as day, month and year: their legends, which their problems start with. */
const DATE_LEGENDS = { from: 'Date from', to: 'Date to' } as const;

const positive = (value: string | null | undefined): number | undefined => {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : undefined;
};

/**
 * Everything the page shows is in its URL: the filters, the page (`before`: the id the page
 * starts below) and the pages newer than it (`newer`: their `before`s, oldest last), so Newer
 * can go back the way Older came and any view can be shared as a link.
 */
function readUrl(params: URLSearchParams) {
  const filters: AuditFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filters[key] = value;
  }
  const before = positive(params.get('before'));
  const newer = (params.get('newer') ?? '')
    .split(',')
    .map((value) => positive(value))
    .filter((n): n is number => n !== undefined);
  return { filters, before, newer };
}

function searchOf(filters: AuditFilters, before?: number, newer: readonly number[] = []): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (before) params.set('before', String(before));
  if (before && newer.length) params.set('newer', newer.join(','));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** /admin/audit: the audit trail, filtered and paged, and its CSV. */
export function AuditPage() {
  useDocumentTitle('Audit trail');
  const [params, setParams] = useSearchParams();
  const { filters, before, newer } = readUrl(params);
  const trail = useAuditTrail(filters, before);
  const { refusal, refuse, clear } = useFormProblems();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next: AuditFilters = {};
    const found: FormProblem[] = [];
    for (const key of FILTER_KEYS) {
      if (key === 'from' || key === 'to') {
        // 'Date from must include a year', 'Date to must be a real date'.
        const checked = checkDateParts(datePartsOf(data, key), DATE_LEGENDS[key]);
        if (checked.problem) found.push(dateFormProblem(ids[key], checked.problem));
        else if (checked.date) next[key] = checked.date;
        continue;
      }
      const value = String(data.get(key) ?? '').trim();
      if (value) next[key] = value;
    }
    if (next.from && next.to && next.from > next.to) {
      found.push(
        dateFormProblem(ids.to, {
          message: 'Date to must be the same as or after date from',
          parts: ['day', 'month', 'year'],
        }),
      );
    }
    if (found.length) {
      refuse(found);
      return;
    }
    clear();
    // New filters start from the newest events.
    setParams(new URLSearchParams(searchOf(next)));
  }

  // Filters the server refused (a date out of range, say), named against their fields.
  const refused = trail.isError && isApiError(trail.error) && trail.error.status === 400;
  const shownProblems =
    refusal?.problems ?? (refused ? serverProblems(trail.error, serverIds) : []);
  const older = trail.data?.nextBefore ?? null;
  const newerSearch = before
    ? searchOf(filters, newer[newer.length - 1], newer.slice(0, -1))
    : null;
  const filterKey = searchOf(filters);
  const filterField = (key: 'actor' | 'kind', label: string, hint: string) => (
    <div className="govuk-grid-column-one-half">
      <InputField
        id={ids[key]}
        label={label}
        labelSize="s"
        hint={hint}
        name={key}
        type="text"
        autoComplete="off"
        spellCheck={false}
        defaultValue={filters[key] ?? ''}
        error={problemOf(shownProblems, ids[key])}
      />
    </div>
  );
  const dateField = (key: 'from' | 'to') => (
    <div className="govuk-grid-column-one-half">
      <DateInput
        id={ids[key]}
        name={key}
        legend={DATE_LEGENDS[key]}
        hint={`London date, inclusive. ${DATE_EXAMPLE}`}
        defaultValue={isoToDateParts(filters[key])}
        {...dateErrorOf(shownProblems, ids[key])}
      />
    </div>
  );

  return (
    <>
      {shownProblems.length > 0 ? (
        <ErrorSummary key={`${refusal?.key ?? 0}-${filterKey}`} problems={shownProblems} />
      ) : null}
      <h1 className="govuk-heading-xl">Audit trail</h1>
      <p className="govuk-body-l">
        Every change made to the dashboard’s data and settings, and every sign-in: who made it, when
        (London time), from which address and in which request. Newest first.
      </p>

      <form onSubmit={submit} noValidate key={filterKey} className="govuk-!-margin-bottom-6">
        <h2 className="govuk-heading-m">Filter the events</h2>
        <div className="govuk-grid-row">
          {filterField(
            'actor',
            'Who',
            "An e-mail address, or API token followed by a token's name",
          )}
          {filterField(
            'kind',
            'What',
            'An action such as user.update, or its first part such as user',
          )}
        </div>
        <div className="govuk-grid-row">
          {dateField('from')}
          {dateField('to')}
        </div>
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button">
            Apply filters
          </button>
          <Link className="govuk-link" to="/admin/audit">
            Clear filters
          </Link>
        </div>
      </form>

      <section aria-labelledby="audit-events-heading">
        <h2 className="govuk-heading-m" id="audit-events-heading">
          Events
        </h2>
        <p className="govuk-body">
          <a className="govuk-link" href={auditCsvUrl(filters)} download="audit-trail.csv">
            Download CSV{' '}
            <span className="govuk-visually-hidden">of every event matching these filters</span>
          </a>{' '}
          (every matching event, up to 50,000)
        </p>
        {refused ? (
          <p className="govuk-body">
            The filters could not be applied: {errorMessage(trail.error)}
          </p>
        ) : (
          <QueryState
            query={trail}
            what="The audit trail"
            loadingText="Loading the audit trail…"
            skeleton={<Skeleton height={320} />}
            headingLevel={3}
          >
            {(data) =>
              data.events.length === 0 ? (
                <EmptyState>No events match these filters.</EmptyState>
              ) : (
                <div aria-busy={trail.isFetching}>
                  <AuditTable events={data.events} />
                  {before || older ? (
                    <nav
                      className="govuk-pagination govuk-pagination--block"
                      aria-label="Pages of events"
                    >
                      {newerSearch !== null ? (
                        <PageLink direction="prev" to={`/admin/audit${newerSearch}`} />
                      ) : null}
                      {older ? (
                        <PageLink
                          direction="next"
                          to={`/admin/audit${searchOf(filters, older, before ? [...newer, before] : [])}`}
                        />
                      ) : null}
                    </nav>
                  ) : null}
                </div>
              )
            }
          </QueryState>
        )}
      </section>
    </>
  );
}

const PAGE_LINKS = {
  prev: {
    words: 'Newer',
    path: 'm6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z',
  },
  next: {
    words: 'Older',
    path: 'm8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z',
  },
} as const;

/** A GOV.UK pagination link: newer events (prev) or older ones (next). */
function PageLink({ direction, to }: { direction: 'prev' | 'next'; to: string }) {
  const { words, path } = PAGE_LINKS[direction];
  return (
    <div className={`govuk-pagination__${direction}`}>
      <Link className="govuk-link govuk-pagination__link" to={to} rel={direction}>
        <svg
          className={`govuk-pagination__icon govuk-pagination__icon--${direction}`}
          xmlns="http://www.w3.org/2000/svg"
          height="13"
          width="15"
          aria-hidden="true"
          focusable="false"
          viewBox="0 0 15 13"
        >
          <path d={path} />
        </svg>
        <span className="govuk-pagination__link-title">
          {words} <span className="govuk-visually-hidden">events</span>
        </span>
      </Link>
    </div>
  );
}

function AuditTable({ events }: { events: readonly AuditEventView[] }) {
  const caption = `Audit events, newest first (${events.length} on this page)`;
  return (
    <Table
      caption={caption}
      scrollLabel={caption}
      className="app-data-table"
      columns={['Time (London)', 'Who', 'What', 'Changed', 'Request', 'Address', 'Details']}
    >
      {events.map((event) => (
        <tr key={event.id} className="govuk-table__row">
          <th scope="row" className="govuk-table__header">
            {formatDateTime(event.at)}
          </th>
          <td className="govuk-table__cell">{event.actor}</td>
          <td className="govuk-table__cell">{event.action}</td>
          <td className="govuk-table__cell">
            {event.entity}
            {event.entityId ? ` ${event.entityId}` : ''}
          </td>
          <td className="govuk-table__cell">
            {event.requestId ? <code>{event.requestId}</code> : '–'}
          </td>
          <td className="govuk-table__cell">{event.address ?? '–'}</td>
          <td className="govuk-table__cell">{summariseDetails(event.details)}</td>
        </tr>
      ))}
    </Table>
  );
}
