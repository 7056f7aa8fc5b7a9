import { type FormEvent, useEffect, useState } from 'react';
import { SelectField } from '../../../components/forms/field';
import { QueryState, Skeleton } from '../../../components/query-state';
import { SuccessBanner } from '../../../components/success-banner';
import { londonYearMonth } from '../../../lib/periods';
import { useSearchParams } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useKeyed } from '../../../lib/use-keyed';
import { useClosureDays } from '../api/closure-days-api';
import { AdminBreadcrumbs } from './admin-shared';
import { ClosureDaysAddForm } from './closure-days-add-form';
import { ClosureDaysCalendar } from './closure-days-calendar';
import { ClosureDaysImport } from './closure-days-import';
import type { ClosureChange } from './closure-days-labels';
import { RecalculationProgress } from './recalculation-progress';

/** The years offered: a few either side of this one, and the one shown. */
function yearOptions(current: number, shown: number): number[] {
  const years = new Set<number>();
  for (let y = current - 3; y <= current + 3; y++) years.add(y);
  years.add(shown);
  return [...years].sort((a, b) => a - b);
}

/**
 * /admin/closure-days: the closure calendar of a year by nation (bank holidays built in, days
 * loaded from GOV.UK, days recorded here), with a day added or removed, and the GOV.UK
 * bank-holidays.json file loaded from a file chosen here. Each change shows the recalculation
 * that follows it.
 */
export function ClosureDaysPage() {
  useDocumentTitle('Closure days');
  const [params, setParams] = useSearchParams();
  const currentYear = londonYearMonth().year;
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2069 ? asked : currentYear;
  const [chosenYear, setChosenYear] = useState(String(year));
  const days = useClosureDays(year);
  // Each change has its own key, so its banner and progress start afresh.
  const [change, report] = useKeyed<ClosureChange>();

  useEffect(() => setChosenYear(String(year)), [year]);

  function showYear(event: FormEvent) {
    event.preventDefault();
    setParams({ year: chosenYear });
  }

  return (
    <>
      <AdminBreadcrumbs trail={[]} />
      <h1 className="govuk-heading-xl">Closure days</h1>
      <p className="govuk-body-l">
        Days the office is closed are not working days: items that span them take a day less. Bank
        holidays of each nation are built in; record other closures here.
      </p>

      {change ? (
        <section aria-label="The last change" key={change.key}>
          <SuccessBanner title={change.value.title} focus="heading">
            {change.value.body}
          </SuccessBanner>
          {change.value.job ? <RecalculationProgress job={change.value.job} /> : null}
        </section>
      ) : null}

      <form onSubmit={showYear} className="govuk-!-margin-bottom-6" noValidate>
        <SelectField
          id="closure-year"
          label="Year"
          labelSize="s"
          name="year"
          value={chosenYear}
          onChange={(event) => setChosenYear(event.target.value)}
        >
          {yearOptions(currentYear, year).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Show closure days
        </button>
      </form>

      <QueryState
        query={days}
        what="The closure days"
        loadingText={`Loading the closure days of ${year}…`}
        skeleton={<Skeleton height="30rem" />}
      >
        {(data) => <ClosureDaysCalendar year={year} days={data.closureDays} onChange={report} />}
      </QueryState>

      <ClosureDaysAddForm onChange={report} />
      <ClosureDaysImport onChange={report} />
    </>
  );
}
