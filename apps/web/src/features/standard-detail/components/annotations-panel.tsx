import { ANNOTATION_NOTE_MAX, type Annotation, type AnnotationInput } from '@ipo/contracts';
import { mayChangeAnnotation } from '@ipo/domain/access';
import { type FormEvent, useId, useRef, useState } from 'react';
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
  const { summary, refuse, clear, problemOf } = useFormProblems();
  const serverFields = Object.fromEntries(
    Object.entries(ids).map(([field, id]) => [
      field,
      { id, label: `${fieldWords[field as AnnotationField]}:` },
    ]),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
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
      refuse(problems.map(([field, message]) => ({ fieldId: ids[field], message })));
      return;
    }
    save.mutate(
      { id: annotation?.id, input },
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
