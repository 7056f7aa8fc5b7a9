import {
  IMPORT_COLUMNS,
  IMPORT_KIND_LABELS,
  type ImportKind,
  type ImportMode,
  type ImportResult,
} from '@ipo/contracts';
import { type FormEvent, type RefObject, useEffect, useId, useMemo, useRef, useState } from 'react';
import { InputField } from '../../../components/forms/field';
import { isApiError } from '../../../lib/api-client';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useUploadImport } from '../api/upload-import';
import { ImportHistory } from './import-history';
import './imports.css';

const KINDS: ImportKind[] = ['work-items', 'quality-checks', 'feedback'];
const fmt = (n: number) => n.toLocaleString('en-GB');

export function ImportsPage() {
  useDocumentTitle('Import data');
  const [kind, setKind] = useState<ImportKind>('work-items');
  const [mode, setMode] = useState<ImportMode>('all-or-nothing');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const lastAnnounced = useRef(-1);
  const errorSummary = useRef<HTMLDivElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const upload = useUploadImport();
  const id = useId();

  useEffect(() => {
    if (fileError) errorSummary.current?.focus();
  }, [fileError]);
  useEffect(() => {
    if (upload.data || upload.error) resultHeading.current?.focus();
  }, [upload.data, upload.error]);

  function onProgress(sent: number) {
    const percent = Math.round(sent * 100);
    setProgress(percent);
    // Announce every quarter, not every event, so a screen reader is not flooded.
    const quarter = Math.floor(percent / 25);
    if (quarter !== lastAnnounced.current) {
      lastAnnounced.current = quarter;
      setAnnouncement(
        percent >= 100
          ? 'File sent. Checking and importing the rows…'
          : `Sending the file: ${percent}%`,
      );
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setFileError('Choose a CSV file to import');
      return;
    }
    if (!/\.csv$/i.test(file.name)) {
      setFileError('The file must be a CSV file (ending .csv)');
      return;
    }
    setFileError(null);
    lastAnnounced.current = -1;
    setProgress(0);
    setAnnouncement('Sending the file: 0%');
    upload.mutate(
      { kind, mode, file, onProgress },
      {
        onSettled: () => {
          setProgress(null);
          setAnnouncement('');
        },
      },
    );
  }

  const fileId = `${id}-file`;
  return (
    <>
      {fileError && (
        <div
          className="govuk-error-summary"
          data-module="govuk-error-summary"
          ref={errorSummary}
          tabIndex={-1}
        >
          <div role="alert">
            <h2 className="govuk-error-summary__title">There is a problem</h2>
            <div className="govuk-error-summary__body">
              <ul className="govuk-list govuk-error-summary__list">
                <li>
                  <a href={`#${fileId}`}>{fileError}</a>
                </li>
              </ul>
            </div>
          </div>
        </div>
      )}
      <h1 className="govuk-heading-xl">Import data</h1>
      <p className="govuk-body-l">
        Send a CSV file of work items, quality checks or customer feedback. Rows already imported
        are updated; importing the same file twice changes nothing.
      </p>

      <form onSubmit={onSubmit} noValidate>
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
              What does the file hold?
            </legend>
            <div className="govuk-radios" data-module="govuk-radios">
              {KINDS.map((k) => (
                <div className="govuk-radios__item" key={k}>
                  <input
                    className="govuk-radios__input"
                    id={`${id}-kind-${k}`}
                    name="kind"
                    type="radio"
                    value={k}
                    checked={kind === k}
                    onChange={() => setKind(k)}
                    aria-describedby={`${id}-kind-${k}-hint`}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={`${id}-kind-${k}`}>
                    {IMPORT_KIND_LABELS[k]}
                  </label>
                  <div id={`${id}-kind-${k}-hint`} className="govuk-hint govuk-radios__hint">
                    Columns: <code className="app-code">{IMPORT_COLUMNS[k].join(',')}</code>
                  </div>
                </div>
              ))}
            </div>
          </fieldset>
        </div>

        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
              If some rows have errors
            </legend>
            <div className="govuk-radios" data-module="govuk-radios">
              <div className="govuk-radios__item">
                <input
                  className="govuk-radios__input"
                  id={`${id}-mode-all`}
                  name="mode"
                  type="radio"
                  checked={mode === 'all-or-nothing'}
                  onChange={() => setMode('all-or-nothing')}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={`${id}-mode-all`}>
                  Import nothing and list the errors
                </label>
              </div>
              <div className="govuk-radios__item">
                <input
                  className="govuk-radios__input"
                  id={`${id}-mode-valid`}
                  name="mode"
                  type="radio"
                  checked={mode === 'valid-only'}
                  onChange={() => setMode('valid-only')}
                  aria-describedby={`${id}-mode-valid-hint`}
                />
                <label className="govuk-label govuk-radios__label" htmlFor={`${id}-mode-valid`}>
                  Import the valid rows only
                </label>
                <div id={`${id}-mode-valid-hint`} className="govuk-hint govuk-radios__hint">
                  You can download the rejected rows, fix them and send them again.
                </div>
              </div>
            </div>
          </fieldset>
        </div>

        <InputField
          id={fileId}
          label="CSV file"
          labelSize="m"
          hint="UTF-8, comma separated, with a header row. Timestamps need Z or an offset, such as 2025-07-01T09:30:00Z."
          error={fileError}
          name="file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />

        <button type="submit" className="govuk-button" disabled={upload.isPending}>
          Import the file
        </button>
      </form>

      <div className="govuk-!-margin-bottom-6">
        {progress !== null && (
          <>
            <label className="govuk-label" htmlFor={`${id}-progress`}>
              Upload progress
            </label>
            <progress id={`${id}-progress`} max={100} value={progress} className="app-progress">
              {progress}%
            </progress>
          </>
        )}
        <p className="govuk-body" role="status" aria-live="polite">
          {announcement}
        </p>
      </div>

      {upload.error && (
        <div className="app-load-error" role="alert">
          <h2 className="govuk-heading-m" ref={resultHeading} tabIndex={-1}>
            The file could not be imported
          </h2>
          <p className="govuk-body">{uploadErrorMessage(upload.error)}</p>
        </div>
      )}
      {upload.data && <ImportOutcome result={upload.data} headingRef={resultHeading} />}

      <ImportHistory />
    </>
  );
}

/** Why the upload failed; with no answer at all, most likely the server is not running. */
function uploadErrorMessage(error: Error): string {
  if (!isApiError(error)) return 'Something went wrong.';
  return error.kind === 'network'
    ? 'The file could not be sent: is the server running?'
    : error.message;
}

function ImportOutcome({
  result,
  headingRef,
}: {
  result: ImportResult;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const applied = result.status === 'applied';
  const download = useDownloadUrl(result.rejectedCsv);
  return (
    <section aria-labelledby="import-result-heading" className="govuk-!-margin-bottom-8">
      <div
        className={
          applied
            ? 'govuk-notification-banner govuk-notification-banner--success'
            : 'app-load-error'
        }
      >
        <h2 className="govuk-heading-m" id="import-result-heading" ref={headingRef} tabIndex={-1}>
          {applied ? 'File imported' : 'The file was not imported'}
        </h2>
        <p className="govuk-body">{result.message}</p>
        <ul className="govuk-list">
          <li>Rows read: {fmt(result.rows.total)}</li>
          <li>Added: {fmt(result.rows.inserted)}</li>
          <li>Updated: {fmt(result.rows.updated)}</li>
          <li>Unchanged: {fmt(result.rows.unchanged)}</li>
          <li>Rejected: {fmt(result.rows.rejected)}</li>
        </ul>
        {result.teamsCreated.length > 0 && (
          <p className="govuk-body">
            New teams: {result.teamsCreated.map((t) => `${t.name} (${t.service})`).join(', ')}
          </p>
        )}
        {download && (
          <p className="govuk-body">
            <a className="govuk-link" href={download} download="rejected-rows.csv">
              Download the rejected rows (CSV, {fmt(result.rows.rejected)}{' '}
              {result.rows.rejected === 1 ? 'row' : 'rows'})
            </a>
            {result.rejectedCsvTruncated ? ' (the first 100,000 only)' : ''}
          </p>
        )}
      </div>
      {result.errors.length > 0 && (
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">
            Errors
            {result.errorCount > result.errors.length
              ? ` (the first ${fmt(result.errors.length)} of ${fmt(result.errorCount)})`
              : ''}
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Line
              </th>
              <th scope="col" className="govuk-table__header">
                Column
              </th>
              <th scope="col" className="govuk-table__header">
                Reason
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {result.errors.map((e, i) => (
              <tr className="govuk-table__row" key={`${e.line}-${e.column}-${i}`}>
                <td className="govuk-table__cell govuk-table__cell--numeric">
                  {e.line === 0 ? 'file' : e.line}
                </td>
                <td className="govuk-table__cell">{e.column ?? '–'}</td>
                <td className="govuk-table__cell">{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A link target for the rejected-rows CSV: an object URL, released when no longer shown. */
function useDownloadUrl(csv: string | null): string | null {
  const url = useMemo(() => {
    if (csv === null) return null;
    if (typeof URL.createObjectURL === 'function') {
      return URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    }
    return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
  }, [csv]);
  useEffect(
    () => () => {
      if (url?.startsWith('blob:')) URL.revokeObjectURL(url);
    },
    [url],
  );
  return url;
}
