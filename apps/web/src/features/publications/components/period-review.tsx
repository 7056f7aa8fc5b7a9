import type {
  Publication,
  PublicationReviewResponse,
  PublicationReviewRow,
  PublishedValue,
} from '@ipo/contracts';
import { useRef, useState } from 'react';
import { QueryState, Skeleton } from '../../../components/query-state';
import { StatusTag } from '../../../components/status/status-tag';
import { ConfirmPanel } from '../../../components/step-panel';
import { Table } from '../../../components/table';
import { WarningText } from '../../../components/warning-text';
import { focusLater } from '../../../lib/focus';
import { formatCount, formatDateTime, formatFigure } from '../../../lib/format';
import { usePublicationReview, usePublish } from '../api/publications-api';
import { isConflict, refusalInWords, sentenceOf } from '../utils/refusals';
import { RevisionForm } from './revision-form';
import './publications.css';

/**
 * One period's review: its figures as they stand now beside those last published, each change
 * said in words, then what may be done: publish it (never published), publish a revision with
 * its reason (published, and something changed), or nothing (nothing changed, or not ended).
 */
export function PeriodReview({
  period,
  onPublished,
}: {
  period: string;
  onPublished: (publication: Publication) => void;
}) {
  const review = usePublicationReview(period);
  return (
    <QueryState
      query={review}
      what="The review of the period"
      loadingText="Loading the period's figures…"
      skeleton={<Skeleton height="30rem" />}
      headingLevel={3}
    >
      {(answer) => <Review review={answer} onPublished={onPublished} />}
    </QueryState>
  );
}

function publishedInWords(latest: Publication): string {
  return `version ${latest.version} at ${formatDateTime(latest.publishedAt)} by ${latest.publishedBy}`;
}

function Review({
  review,
  onPublished,
}: {
  review: PublicationReviewResponse;
  onPublished: (publication: Publication) => void;
}) {
  const { periodLabel, closed, latest, changedCount, rows } = review;
  const figures = rows.length === 1 ? 'figure' : 'figures';
  // A refusal because the period moved on meanwhile (409): said here, above the period as it
  // stands now (the review is read again).
  const [conflict, setConflict] = useState<string | null>(null);
  const published = (publication: Publication) => {
    setConflict(null);
    onPublished(publication);
  };
  return (
    <div className="app-publications-review">
      <h3 className="govuk-heading-m" id="review-period-heading">
        {periodLabel}
      </h3>
      {conflict ? (
        <div className="app-load-error govuk-!-margin-bottom-4" role="alert">
          <p className="govuk-body govuk-!-margin-bottom-0">
            {periodLabel} could not be published: {conflict} The figures below are as they stand
            now.
          </p>
        </div>
      ) : null}
      <p className="govuk-body" id="review-period-state">
        {!closed
          ? `${periodLabel} has not ended yet. It can be published once it has.`
          : latest === null
            ? `${periodLabel} has not been published. These are its figures as they stand now: check them before you publish them.`
            : changedCount === 0
              ? `${periodLabel} was published as ${publishedInWords(latest)}. Nothing has changed since, so there is nothing to revise.`
              : `${periodLabel} was published as ${publishedInWords(latest)}. ${changedCount} of the ${rows.length} ${figures} ${changedCount === 1 ? 'has' : 'have'} changed since: publish a revision to show the new ${changedCount === 1 ? 'figure' : 'figures'}, with the reason.`}
      </p>
      {latest ? <ChangesTable review={review} latest={latest} /> : <FiguresTable review={review} />}
      {closed && latest === null ? (
        <PublishFirst
          period={review.period}
          label={periodLabel}
          onPublished={published}
          onConflict={setConflict}
        />
      ) : null}
      {closed && latest !== null && changedCount > 0 ? (
        <RevisionForm
          period={review.period}
          label={periodLabel}
          nextVersion={latest.version + 1}
          onPublished={published}
          onConflict={setConflict}
        />
      ) : null}
    </div>
  );
}

/** A figure as the public would read it: the value, what it is based on, and its status. */
function FigureCell({
  figure,
  unit,
}: {
  figure: PublishedValue;
  unit: PublicationReviewRow['unit'];
}) {
  return (
    <td className="govuk-table__cell">
      <span className="govuk-!-display-block">
        {formatFigure({ value: figure.value, suppressed: figure.withheld }, unit)}
      </span>
      {figure.n > 0 ? (
        <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-1">
          Based on {formatCount(figure.n)}
        </span>
      ) : null}
      <StatusTag status={figure.status} />
    </td>
  );
}

/** A period never published: its figures as they stand, as they would be published. */
function FiguresTable({ review }: { review: PublicationReviewResponse }) {
  return (
    <Table
      caption={`${review.periodLabel}: the figures as they stand now`}
      columns={['Standard', 'Target', 'Result']}
      scrollLabel={`${review.periodLabel}: the figures as they stand now`}
      describedBy="review-period-state"
    >
      {review.rows.map((row) => (
        <tr className="govuk-table__row" key={row.standardCode}>
          <th scope="row" className="govuk-table__header">
            {row.title}
          </th>
          <td className="govuk-table__cell">{row.target}</td>
          <FigureCell figure={row.current} unit={row.unit} />
        </tr>
      ))}
    </Table>
  );
}

/** A published period: each figure as published and as it stands now, and whether it changed. */
function ChangesTable({
  review,
  latest,
}: {
  review: PublicationReviewResponse;
  latest: Publication;
}) {
  const caption = `${review.periodLabel}: the figures as published in version ${latest.version} and as they stand now`;
  return (
    <Table
      caption={caption}
      columns={['Standard', 'Target', `Published (version ${latest.version})`, 'Now', 'Changed']}
      scrollLabel={caption}
      describedBy="review-period-state"
    >
      {review.rows.map((row) => (
        <tr
          className={`govuk-table__row${row.changed ? ' app-publications-review__changed' : ''}`}
          key={row.standardCode}
        >
          <th scope="row" className="govuk-table__header">
            {row.title}
          </th>
          <td className="govuk-table__cell">{row.target}</td>
          {row.published ? (
            <FigureCell figure={row.published} unit={row.unit} />
          ) : (
            <td className="govuk-table__cell">Not published</td>
          )}
          <FigureCell figure={row.current} unit={row.unit} />
          <td className="govuk-table__cell">{row.changed ? 'Changed' : 'No change'}</td>
        </tr>
      ))}
    </Table>
  );
}

/** The first publication of a period: the button, then the question before it is done. */
function PublishFirst({
  period,
  label,
  onPublished,
  onConflict,
}: {
  period: string;
  label: string;
  onPublished: (publication: Publication) => void;
  onConflict: (message: string) => void;
}) {
  const [asking, setAsking] = useState(false);
  const publish = usePublish();
  const opener = useRef<HTMLButtonElement>(null);

  function cancel() {
    setAsking(false);
    publish.reset();
    focusLater(opener);
  }

  if (!asking) {
    return (
      <button type="button" className="govuk-button" ref={opener} onClick={() => setAsking(true)}>
        Publish {label}
      </button>
    );
  }
  return (
    <ConfirmPanel
      title={`Publish ${label}?`}
      headingLevel={4}
      confirmLabel={`Yes, publish ${label}`}
      pending={publish.isPending}
      pendingText={`Publishing ${label}…`}
      onCancel={cancel}
      onConfirm={() =>
        publish.mutate(
          { period },
          {
            onSuccess: (publication) => {
              setAsking(false);
              onPublished(publication);
            },
            onError: (error) => {
              if (isConflict(error)) {
                setAsking(false);
                onConflict(sentenceOf(error.message));
              }
            },
          },
        )
      }
    >
      <p className="govuk-body">
        The figures above will be shown to everyone on the public performance page, with the time
        the data stood at.
      </p>
      <WarningText>
        Published figures do not change when later data arrives. A change can only be published as a
        revision, with its reason, and the public page keeps every version.
      </WarningText>
      {publish.isError && !isConflict(publish.error) ? (
        <div className="app-load-error govuk-!-margin-bottom-4" role="alert">
          <p className="govuk-body govuk-!-margin-bottom-0">
            {label} could not be published: {refusalInWords(publish.error)}
          </p>
        </div>
      ) : null}
    </ConfirmPanel>
  );
}
