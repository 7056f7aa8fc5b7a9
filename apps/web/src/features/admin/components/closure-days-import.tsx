import type { ClosureImportResponse } from '@ipo/contracts';
import { type FormEvent, useState } from 'react';
import { InputField } from '../../../components/forms/field';
import { FormButtons } from '../../../components/forms/form-buttons';
import { serverProblems, useFormProblems } from '../../../components/forms/form-problems';
import { isApiError } from '../../../lib/api-client';
import { formatCount } from '../../../lib/format';
import { useImportBankHolidays } from '../api/closure-days-api';
import { dayInWords, type ReportChange, SCOPE_LABELS } from './closure-days-labels';

export const importFileId = 'closure-file';

/** The server takes JSON bodies up to 1 MB; GOV.UK's file is about 30 KB. */
const MAX_BYTES = 1024 * 1024;

function readText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

function outcome(answer: ClosureImportResponse) {
  const known = `${formatCount(answer.alreadyKnown)} ${answer.alreadyKnown === 1 ? 'was' : 'were'} known already`;
  if (answer.added === 0) {
    return {
      title: 'No new bank holidays: the file has none the dashboard does not know',
      body: <p className="govuk-body">Of the file’s bank holidays, {known}. Nothing changed.</p>,
    };
  }
  const shown = answer.addedDays.slice(0, 20);
  return {
    title: `${formatCount(answer.added)} new bank ${answer.added === 1 ? 'holiday' : 'holidays'} added from the GOV.UK file`,
    body: (
      <>
        <p className="govuk-body">
          {answer.divisions
            .filter((d) => d.added > 0)
            .map((d) => `${SCOPE_LABELS[d.division]}: ${formatCount(d.added)}`)
            .join('; ')}
          . Of the others, {known}.
        </p>
        <ul className="govuk-list govuk-list--bullet">
          {shown.map((d) => (
            <li key={`${d.date}/${d.scope}`}>
              {dayInWords(d.date)} ({SCOPE_LABELS[d.scope]}): {d.reason}
            </li>
          ))}
        </ul>
        {answer.addedDays.length > shown.length ? (
          <p className="govuk-body">
            And {formatCount(answer.addedDays.length - shown.length)} more.
          </p>
        ) : null}
      </>
    ),
  };
}

/**
 * GOV.UK's bank-holidays.json, chosen from this computer: the browser reads it and sends its JSON
 * (the server may have no internet to fetch it itself).
 */
export function ClosureDaysImport({ onChange }: { onChange: ReportChange }) {
  const [file, setFile] = useState<File | null>(null);
  const [reading, setReading] = useState(false);
  const { summary, refuse, clear, problemOf } = useFormProblems();
  const load = useImportBankHolidays();
  const pending = reading || load.isPending;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const problem = (message: string) => refuse([{ fieldId: importFileId, message }]);
    if (!file) return problem('Select the bank-holidays.json file from GOV.UK');
    if (!/\.json$/i.test(file.name)) return problem('The file must be a JSON file (ending .json)');
    if (file.size > MAX_BYTES) return problem('The file must be smaller than 1 MB');
    let json: unknown;
    setReading(true);
    try {
      json = JSON.parse(await readText(file));
    } catch {
      return problem('The file must be the bank-holidays.json file from GOV.UK: it is not JSON');
    } finally {
      setReading(false);
    }
    load.mutate(json, {
      onSuccess: (answer) => {
        clear();
        onChange({ ...outcome(answer), job: answer.recalculation });
      },
      onError: (error) => {
        if (isApiError(error) && error.status === 400) {
          const details = error.issues.map((i) =>
            i.field ? `${i.field} ${i.message}` : i.message,
          );
          return problem(
            `The file is not a GOV.UK bank holidays file${details.length ? `: ${details.slice(0, 3).join('; ')}` : ''}`,
          );
        }
        refuse(serverProblems(error, {}));
      },
    });
  }

  return (
    <section aria-labelledby="import-closure-heading" className="govuk-!-margin-bottom-9">
      <h2 className="govuk-heading-l" id="import-closure-heading">
        Load the GOV.UK bank holidays
      </h2>
      <p className="govuk-body">
        GOV.UK publishes the bank holidays of each nation, a year or two ahead, at{' '}
        <code>https://www.gov.uk/bank-holidays.json</code>. Save that file on a computer with
        internet access, then choose it here. Days the dashboard already knows are left as they are.
      </p>
      <form onSubmit={onSubmit} noValidate>
        {summary}
        <InputField
          id={importFileId}
          label="GOV.UK bank holidays file"
          hint="The file bank-holidays.json, as GOV.UK publishes it"
          error={problemOf(importFileId)}
          name="file"
          type="file"
          accept=".json,application/json"
          onChange={(event) => setFile(event.currentTarget.files?.[0] ?? null)}
        />
        <FormButtons
          label="Load the bank holidays"
          pending={pending}
          pendingText="Loading the bank holidays…"
        />
      </form>
    </section>
  );
}
