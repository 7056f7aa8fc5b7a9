import { ANNOTATION_NOTE_MAX, type Annotation, type AnnotationInput } from '@ipo/contracts';
import { mayChangeAnnotation } from '@ipo/domain/access';
import { type FormEvent, useId, useRef, useState } from 'react';
import {
  checkDateParts,
  DATE_EXAMPLE,
  DateInput,
  dateErrorOf,
  dateFormProblem,
  datePartsOf,
  isoToDateParts,
} from '../../../components/forms/date-input';
import type { FormProblem } from '../../../components/forms/error-summary';
import { ChoiceItem, Choices, Fieldset, InputField } from '../../../components/forms/field';
import { FormButtons } from '../../../components/forms/form-buttons';
import { serverProblems, useFormProblems } from '../../../components/forms/form-problems';
import { QueryState, Skeleton } from '../../../components/query-state';
import { ConfirmPanel } from '../../../components/step-panel';
import { focusLater } from '../../../lib/focus';
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

/**
 * What the person typed, checked before it is sent: each problem names its field. The dates are
 * typed as day, month and year (GOV.UK date input): 'The first day must include a year'.
 */
function readAnnotation(
  data: FormData,
  code: string,
  ids: Record<AnnotationField, string>,
): { input: AnnotationInput } | { problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const from = checkDateParts(
    datePartsOf(data, 'fromDate'),
    'The first day',
    'Enter the date, or the first day of the range',
  );
  const to = checkDateParts(datePartsOf(data, 'toDate'), 'The last day');
  if (from.problem) problems.push(dateFormProblem(ids.fromDate, from.problem));
  if (to.problem) problems.push(dateFormProblem(ids.toDate, to.problem));
  if (from.date && to.date && to.date < from.date) {
    problems.push(
      dateFormProblem(ids.toDate, {
        message: 'The last day must be the same as or after the first day',
        parts: ['day', 'month', 'year'],
      }),
    );
  }
  const note = String(data.get('note') ?? '').trim();
  for (const [field, message] of noteProblems(note)) {
    problems.push({ fieldId: ids[field], message });
  }
  if (problems.length > 0 || !from.date) return { problems };
  return {
    input: {
      standardCode: data.get('scope') === 'all' ? null : code,
      fromDate: from.date,
      note,
      ...(to.date ? { toDate: to.date } : {}),
    },
  };
}

/** The note's problems. */
function noteProblems(note: string): [AnnotationField, string][] {
  const problems: [AnnotationField, string][] = [];
  if (!note) problems.push(['note', 'Enter a note']);
  else if (note.length > ANNOTATION_NOTE_MAX) {
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
  const { summary, refusal, refuse, clear, problemOf } = useFormProblems();
  // The server's problems with a date link to its day box and mark the whole date.
  const serverFields = Object.fromEntries(
    Object.entries(ids).map(([field, id]) => [
      field,
      {
        id: field === 'fromDate' || field === 'toDate' ? `${id}-day` : id,
        label: `${fieldWords[field as AnnotationField]}:`,
      },
    ]),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    const read = readAnnotation(new FormData(event.currentTarget), code, ids);
    if ('problems' in read) {
      refuse(read.problems);
      return;
    }
    save.mutate(
      { id: annotation?.id, input: read.input },
      {
        onSuccess: (saved) => {
          clear();
          onDone(saved);
        },
        onError: (error) => refuse(serverProblems(error, serverFields)),
      },
    );
  }

  const error = (field: AnnotationField) => problemOf(ids[field]);
  const scope = annotation ? (annotation.standardCode === null ? 'all' : 'this') : 'this';
  return (
    <form onSubmit={submit} noValidate>
      {summary}
      <Fieldset
        id={`${prefix}-scope`}
        legend="Which trends should show it?"
        error={error('standardCode')}
      >
        <Choices type="radio">
          <ChoiceItem
            type="radio"
            id={ids.standardCode}
            label={`This standard only (${standardTitle})`}
            name="scope"
            value="this"
            defaultChecked={scope === 'this'}
          />
          <ChoiceItem
            type="radio"
            id={`${prefix}-standard-all`}
            label="All standards"
            name="scope"
            value="all"
            defaultChecked={scope === 'all'}
          />
        </Choices>
      </Fieldset>
      <DateInput
        id={ids.fromDate}
        name="fromDate"
        legend="From"
        hint={`The day, or the first day of a range. ${DATE_EXAMPLE}`}
        defaultValue={isoToDateParts(annotation?.fromDate)}
        {...dateErrorOf(refusal?.problems, ids.fromDate)}
      />
      <DateInput
        id={ids.toDate}
        name="toDate"
        legend="To (optional)"
        hint={`The last day of the range. Leave it empty to mark one day. ${DATE_EXAMPLE}`}
        defaultValue={isoToDateParts(
          annotation && annotation.toDate !== annotation.fromDate ? annotation.toDate : undefined,
        )}
        {...dateErrorOf(refusal?.problems, ids.toDate)}
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
      <FormButtons
        label={annotation ? 'Save note' : 'Add note'}
        pending={save.isPending}
        onCancel={annotation ? () => onDone(null) : undefined}
      />
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
  const problem = useFormProblems();
  const remove = useDeleteAnnotation();
  const changeButton = useRef<HTMLButtonElement>(null);
  const name = `‘${annotation.note}’`;

  return (
    <li className="app-annotation">
      <p className="govuk-body govuk-!-margin-bottom-1">
        <strong>{annotationDates(annotation)}</strong>: {annotation.note}
        {annotation.standardCode === null ? ' (all standards)' : ''}
      </p>
      <p className="govuk-body-s govuk-!-margin-bottom-2">Added by {annotation.createdBy}</p>
      {problem.summary}
      {mayChange && mode === 'edit' ? (
        <AnnotationForm
          code={code}
          standardTitle={standardTitle}
          annotation={annotation}
          onDone={(saved) => {
            setMode('view');
            if (saved) setMessage(`Note ‘${saved.note}’ saved.`);
            focusLater(changeButton);
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
              problem.clear();
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
        <ConfirmPanel
          title={`Are you sure you want to delete the note ${name}?`}
          confirmLabel="Yes, delete it"
          cancelLabel="No, keep it"
          pending={remove.isPending}
          onConfirm={() =>
            remove.mutate(annotation.id, {
              onSuccess: () => onDeleted(annotation),
              onError: (error) => {
                setMode('view');
                problem.refuse(serverProblems(error, {}));
              },
            })
          }
          onCancel={() => setMode('view')}
        />
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

  return (
    <section className="app-annotations" aria-labelledby={headingId}>
      <h3 className="govuk-heading-s" id={headingId}>
        Notes on the trend
      </h3>
      <QueryState
        query={annotations}
        what="The notes"
        loadingText="Loading the notes…"
        skeleton={<Skeleton height={48} />}
        headingLevel={4}
      >
        {(data) =>
          data.annotations.length === 0 ? (
            <p className="govuk-body">No notes on this trend.</p>
          ) : (
            <ul className="govuk-list app-annotations__list">
              {data.annotations.map((a) => (
                <AnnotationItem
                  key={a.id}
                  annotation={a}
                  code={code}
                  standardTitle={standardTitle}
                  onDeleted={(deleted) => {
                    setStatus(`Note ‘${deleted.note}’ deleted.`);
                    focusLater(statusRef);
                  }}
                />
              ))}
            </ul>
          )
        }
      </QueryState>
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
                focusLater(statusRef);
              }}
            />
          </div>
        </details>
      ) : null}
    </section>
  );
}
