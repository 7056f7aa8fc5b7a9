import { ANNOTATION_NOTE_MAX, type Annotation, type AnnotationInput } from '@ipo/contracts';
import { mayChangeAnnotation } from '@ipo/domain/access';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ErrorSummary, type FormProblem } from '../../../components/forms/error-summary';
import { InputField } from '../../../components/forms/field';
import { LoadError } from '../../../components/query-state';
import { isApiError } from '../../../lib/api-client';
import { useCan } from '../../session/access';
import { useSession } from '../../session/api/session-api';
import { useAnnotations, useDeleteAnnotation, useSaveAnnotation } from '../api/annotations-api';
import { annotationDates } from '../utils/annotations';

type AnnotationField = 'standardCode' | 'fromDate' | 'toDate' | 'note';

const fieldWords: Record<AnnotationField, string> = {
  standardCode: 'Which trends',
  fromDate: 'From',
  toDate: 'To',
  note: 'Note',
};

/** What the person typed, checked before it is sent: each problem names its field. */
function problemsIn(input: AnnotationInput): [AnnotationField, string][] {
  const problems: [AnnotationField, string][] = [];
  if (!input.fromDate) problems.push(['fromDate', 'Enter the date, or the first day of the range']);
  if (input.fromDate && input.toDate && input.toDate < input.fromDate) {
    problems.push(['toDate', 'The last day must be the same as or after the first day']);
  }
  if (!input.note) problems.push(['note', 'Enter a note']);
  else if (input.note.length > ANNOTATION_NOTE_MAX) {
    problems.push(['note', `The note must be ${ANNOTATION_NOTE_MAX} characters or fewer`]);
  }
  return problems;
}

/**
 * Adds a note to the trend, or changes one (`annotation`): a date or a range, this standard or
 * all standards, and a short note. Problems are listed in an error summary that links to their
 * fields, whether the browser or the server found them.
 */
function AnnotationForm({
  code,
  standardTitle,
  annotation,
  onDone,
}: {
  code: string;
  standardTitle: string;
  annotation?: Annotation | undefined;
  onDone: (saved: Annotation | null) => void;
}) {
  const prefix = useId();
  const ids: Record<AnnotationField, string> = {
    standardCode: `${prefix}-standard-this`,
    fromDate: `${prefix}-from`,
    toDate: `${prefix}-to`,
    note: `${prefix}-note`,
  };
  const save = useSaveAnnotation();
  const [refusal, setRefusal] = useState<{
    key: number;
    problems: FormProblem[];
    byField: Partial<Record<AnnotationField, string>>;
  } | null>(null);

  function refuse(problems: [AnnotationField | null, string][]) {
    setRefusal((last) => ({
      key: (last?.key ?? 0) + 1,
      problems: problems.map(([field, message]) => ({
        message,
        fieldId: field ? ids[field] : undefined,
      })),
      byField: Object.fromEntries(problems.filter(([field]) => field !== null)),
    }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const input: AnnotationInput = {
      standardCode: data.get('scope') === 'all' ? null : code,
      fromDate: text('fromDate'),
      note: text('note'),
      ...(text('toDate') ? { toDate: text('toDate') } : {}),
    };
    const problems = problemsIn(input);
    if (problems.length > 0) {
      refuse(problems);
      return;
    }
    save.mutate(
      { id: annotation?.id, input },
      {
        onSuccess: (saved) => {
          setRefusal(null);
          onDone(saved);
        },
        onError: (error) => {
          if (!isApiError(error)) return refuse([[null, 'Something went wrong. Try again.']]);
          const named = error.issues.filter((issue) => Object.hasOwn(ids, issue.field));
          refuse(
            named.length > 0
              ? named.map((issue) => [
                  issue.field as AnnotationField,
                  `${fieldWords[issue.field as AnnotationField]}: ${issue.message}`,
                ])
              : [[null, error.message]],
          );
        },
      },
    );
  }

  const error = (field: AnnotationField) => refusal?.byField[field];
  const scopeError = error('standardCode');
  const scope = annotation ? (annotation.standardCode === null ? 'all' : 'this') : 'this';
  return (
    <form onSubmit={submit} noValidate>
      {refusal ? <ErrorSummary key={refusal.key} problems={refusal.problems} /> : null}
      <div className={`govuk-form-group${scopeError ? ' govuk-form-group--error' : ''}`}>
        <fieldset
          className="govuk-fieldset"
          aria-describedby={scopeError ? `${prefix}-scope-error` : undefined}
        >
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
            Which trends should show it?
          </legend>
          {scopeError ? (
            <p className="govuk-error-message" id={`${prefix}-scope-error`}>
              <span className="govuk-visually-hidden">Error:</span> {scopeError}
            </p>
          ) : null}
          <div className="govuk-radios govuk-radios--small">
            <div className="govuk-radios__item">
              <input
                className="govuk-radios__input"
                id={ids.standardCode}
                name="scope"
                type="radio"
                value="this"
                defaultChecked={scope === 'this'}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={ids.standardCode}>
                This standard only ({standardTitle})
              </label>
            </div>
            <div className="govuk-radios__item">
              <input
                className="govuk-radios__input"
                id={`${prefix}-standard-all`}
                name="scope"
                type="radio"
                value="all"
                defaultChecked={scope === 'all'}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={`${prefix}-standard-all`}>
                All standards
              </label>
            </div>
          </div>
        </fieldset>
      </div>
      <InputField
        id={ids.fromDate}
        name="fromDate"
        type="date"
        label="From"
        hint="The day, or the first day of a range."
        error={error('fromDate')}
        defaultValue={annotation?.fromDate}
      />
      <InputField
        id={ids.toDate}
        name="toDate"
        type="date"
        label="To (optional)"
        hint="The last day of the range. Leave it empty to mark one day."
        error={error('toDate')}
        defaultValue={
          annotation && annotation.toDate !== annotation.fromDate ? annotation.toDate : undefined
        }
      />
      <InputField
        id={ids.note}
        name="note"
        type="text"
        label="Note"
        hint={`Up to ${ANNOTATION_NOTE_MAX} characters, such as ‘telephony outage’ or ‘new case system’.`}
        error={error('note')}
        defaultValue={annotation?.note}
        autoComplete="off"
        spellCheck
      />
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button" disabled={save.isPending}>
          {annotation ? 'Save note' : 'Add note'}
        </button>
        {annotation ? (
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            onClick={() => onDone(null)}
          >
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

function AnnotationItem({
  annotation,
  code,
  standardTitle,
  onDeleted,
}: {
  annotation: Annotation;
  code: string;
  standardTitle: string;
  onDeleted: (annotation: Annotation) => void;
}) {
  const user = useSession();
  const mayChange = mayChangeAnnotation(user, annotation);
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete'>('view');
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<{ key: number; message: string } | null>(null);
  const remove = useDeleteAnnotation();
  const confirmRef = useRef<HTMLDivElement>(null);
  const changeButton = useRef<HTMLButtonElement>(null);
  const confirmId = useId();
  const name = `‘${annotation.note}’`;
  useEffect(() => {
    if (mode === 'confirm-delete') confirmRef.current?.focus();
  }, [mode]);

  return (
    <li className="app-annotation">
      <p className="govuk-body govuk-!-margin-bottom-1">
        <strong>{annotationDates(annotation)}</strong>: {annotation.note}
        {annotation.standardCode === null ? ' (all standards)' : ''}
      </p>
      <p className="govuk-body-s govuk-!-margin-bottom-2">Added by {annotation.createdBy}</p>
      {problem ? (
        <ErrorSummary key={problem.key} problems={[{ message: problem.message }]} />
      ) : null}
      {mayChange && mode === 'edit' ? (
        <AnnotationForm
          code={code}
          standardTitle={standardTitle}
          annotation={annotation}
          onDone={(saved) => {
            setMode('view');
            if (saved) setMessage(`Note ‘${saved.note}’ saved.`);
            requestAnimationFrame(() => changeButton.current?.focus());
          }}
        />
      ) : mayChange ? (
        <div className="govuk-button-group">
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            ref={changeButton}
            onClick={() => {
              setMessage('');
              setProblem(null);
              setMode('edit');
            }}
          >
            Change <span className="govuk-visually-hidden">the note {name}</span>
          </button>
          <button
            type="button"
            className="govuk-button govuk-button--warning"
            onClick={() => {
              setMessage('');
              setMode('confirm-delete');
            }}
          >
            Delete <span className="govuk-visually-hidden">the note {name}</span>
          </button>
        </div>
      ) : null}
      {mayChange && mode === 'confirm-delete' ? (
        <section
          className="govuk-inset-text"
          ref={confirmRef}
          tabIndex={-1}
          aria-labelledby={confirmId}
        >
          <p className="govuk-body govuk-!-font-weight-bold" id={confirmId}>
            Are you sure you want to delete the note {name}?
          </p>
          <div className="govuk-button-group">
            <button
              type="button"
              className="govuk-button govuk-button--warning"
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate(annotation.id, {
                  onSuccess: () => onDeleted(annotation),
                  onError: (error) => {
                    setMode('view');
                    setProblem((last) => ({
                      key: (last?.key ?? 0) + 1,
                      message: isApiError(error) ? error.message : 'Something went wrong.',
                    }));
                  },
                })
              }
            >
              Yes, delete it
            </button>
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => setMode('view')}
            >
              No, keep it
            </button>
          </div>
        </section>
      ) : null}
      <p className="govuk-body-s" role="status">
        {message}
      </p>
    </li>
  );
}

/**
 * The notes on this standard's trend (its own and those on every standard): listed for everyone,
 * added by those who may annotate (managers, administrators), changed or deleted by their author
 * or an administrator.
 */
export function AnnotationsPanel({ code, standardTitle }: { code: string; standardTitle: string }) {
  const annotations = useAnnotations(code);
  const mayAnnotate = useCan('annotate');
  const [status, setStatus] = useState('');
  // A new form after each note added (not form.reset(): React would then hold the radios).
  const [formKey, setFormKey] = useState(0);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const headingId = useId();
  const list = annotations.data?.annotations ?? [];

  return (
    <section className="app-annotations" aria-labelledby={headingId}>
      <h3 className="govuk-heading-s" id={headingId}>
        Notes on the trend
      </h3>
      {annotations.isError ? (
        <LoadError
          what="The notes"
          error={annotations.error}
          retrying={annotations.isFetching}
          onRetry={() => annotations.refetch()}
          headingLevel={4}
        />
      ) : annotations.isPending ? (
        <p className="govuk-body">Loading the notes…</p>
      ) : list.length === 0 ? (
        <p className="govuk-body">No notes on this trend.</p>
      ) : (
        <ul className="govuk-list app-annotations__list">
          {list.map((a) => (
            <AnnotationItem
              key={a.id}
              annotation={a}
              code={code}
              standardTitle={standardTitle}
              onDeleted={(deleted) => {
                setStatus(`Note ‘${deleted.note}’ deleted.`);
                requestAnimationFrame(() => statusRef.current?.focus());
              }}
            />
          ))}
        </ul>
      )}
      <p className="govuk-body" role="status" tabIndex={-1} ref={statusRef}>
        {status}
      </p>
      {mayAnnotate ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Add a note to the trend</span>
          </summary>
          <div className="govuk-details__text">
            <p className="govuk-body">
              Mark a date or a range, such as a telephony outage or a new case system, so that
              everyone reading the trend knows about it. The note shows on the chart and in its
              table.
            </p>
            <AnnotationForm
              key={formKey}
              code={code}
              standardTitle={standardTitle}
              onDone={(saved) => {
                if (!saved) return;
                setStatus(`Note ‘${saved.note}’ added.`);
                setFormKey((k) => k + 1);
                requestAnimationFrame(() => statusRef.current?.focus());
              }}
            />
          </div>
        </details>
      ) : null}
    </section>
  );
}
