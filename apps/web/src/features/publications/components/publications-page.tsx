import type { Publication } from '@ipo/contracts';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { SelectField } from '../../../components/forms/field';
import { SuccessBanner } from '../../../components/success-banner';
import { useSearchParams } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useKeyed } from '../../../lib/use-keyed';
import { usePublications } from '../api/publications-api';
import { publishablePeriods } from '../utils/period-choices';
import { PeriodReview } from './period-review';
import { PublicationsList } from './publications-list';

/**
 * /publications (managers): review a period that has ended, its figures now beside those last
 * published, and publish it (or a revision, with its reason); then every publication made.
 * The period under review is in the address (`?period=2026-10`), so it can be shared.
 */
export function PublicationsPage() {
  useDocumentTitle('Publish performance');
  const [notice, announce] = useKeyed<Publication>();
  return (
    <>
      {notice ? <PublishedBanner key={notice.key} publication={notice.value} /> : null}
      <h1 className="govuk-heading-xl">Publish performance</h1>
      <p className="govuk-body-l">
        Sign off a month or a quarter once it has ended. Its figures then appear on the{' '}
        {/* Served by the server as plain pages, not by the dashboard: a plain link. */}
        <a className="govuk-link" href="/performance">
          public performance page
        </a>{' '}
        as they stood, and do not change when later data arrives.
      </p>
      <p className="govuk-body">
        When later data changes a published figure, the review below shows it, and you can publish a
        revision with its reason. The public page marks revised figures and keeps every version.
        Every publication is recorded in the audit trail.
      </p>
      <ReviewSection onPublished={announce} />
      <PublicationsList />
    </>
  );
}

function PublishedBanner({ publication }: { publication: Publication }) {
  const { periodLabel, version, period } = publication;
  return (
    <SuccessBanner
      focus="banner"
      title={
        version > 1
          ? `The revision of ${periodLabel} has been published (version ${version})`
          : `${periodLabel} has been published`
      }
    >
      <p className="govuk-body">
        Its figures are now on the public performance page and will not change when later data
        arrives.{' '}
        <a className="govuk-notification-banner__link" href={`/performance/${period}`}>
          See {periodLabel} on the public page
        </a>
        .
      </p>
    </SuccessBanner>
  );
}

const PERIOD_ID = 'review-period';

function ReviewSection({ onPublished }: { onPublished: (publication: Publication) => void }) {
  const [params, setParams] = useSearchParams();
  const reviewing = params.get('period');
  const choices = useMemo(() => publishablePeriods(), []);
  const [choice, setChoice] = useState(reviewing ?? choices.months[0]?.id ?? '');
  const publications = usePublications();
  // Back and forward move between reviews: the select follows.
  useEffect(() => {
    if (reviewing) setChoice(reviewing);
  }, [reviewing]);

  // Each period's latest version, to say beside it in the list which are published.
  const published = new Map<string, Publication>();
  for (const p of publications.data?.publications ?? []) {
    if (p.current) published.set(p.period, p);
  }
  const optionLabel = (id: string, label: string) => {
    const latest = published.get(id);
    if (!latest) return label;
    return latest.version > 1
      ? `${label} (published, version ${latest.version})`
      : `${label} (published)`;
  };
  const known = [...choices.months, ...choices.quarters].some((option) => option.id === choice);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setParams({ period: choice });
  }

  return (
    <section aria-labelledby="review-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-l" id="review-heading">
        Review a period
      </h2>
      <form onSubmit={onSubmit} noValidate>
        <SelectField
          id={PERIOD_ID}
          name="period"
          label="Period"
          labelSize="s"
          hint="A month, or a quarter of the financial year, that has ended"
          value={choice}
          onChange={(event) => setChoice(event.target.value)}
        >
          {known ? null : <option value={choice}>{choice}</option>}
          <optgroup label="Months">
            {choices.months.map((option) => (
              <option key={option.id} value={option.id}>
                {optionLabel(option.id, option.label)}
              </option>
            ))}
          </optgroup>
          <optgroup label="Quarters of the financial year">
            {choices.quarters.map((option) => (
              <option key={option.id} value={option.id}>
                {optionLabel(option.id, option.label)}
              </option>
            ))}
          </optgroup>
        </SelectField>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Review the figures
        </button>
      </form>
      {reviewing ? (
        // A new period starts its review afresh (its question or revision form closed).
        <PeriodReview key={reviewing} period={reviewing} onPublished={onPublished} />
      ) : null}
    </section>
  );
}
