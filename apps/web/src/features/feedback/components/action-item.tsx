import type { Action, FeedbackOptions } from '@ipo/contracts';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ErrorSummary, type FormProblem } from '../../../components/forms/error-summary';
import { isApiError } from '../../../lib/api-client';
import { formatIsoDate } from '../../../lib/format';
import { useDeleteAction } from '../api/actions-api';
import { useSaveAction } from '../api/feedback-api';
import {
  ACTION_FIELDS,
  type ActionField,
  ActionFields,
  type ActionTeams,
  actionFieldLabels,
  actionInputOf,
  statusWords,
  todayInLondon,
  useMayWriteAction,
} from './action-fields';
import { ActionHistory } from './action-history';

const statusTagColours: Record<Action['status'], string> = {
  planned: 'govuk-tag--grey',
  in_progress: 'govuk-tag--blue',
  done: 'govuk-tag--green',
};

/** The status as a tag with its words: never its colour alone. */
export function ActionStatus({ action }: { action: Action }) {
  return (
    <strong className={`govuk-tag ${statusTagColours[action.status]}`}>
      {statusWords[action.status]}
    </strong>
  );
}

/** The input that leaves an action as it is (the API's PUT replaces every field). */
function inputOf(action: Action) {
  return {
    themeCode: action.themeCode,
    title: action.title,
    description: action.description,
    owner: action.owner,
    status: action.status,
    startedOn: action.startedOn,
    completedOn: action.completedOn,
    dueOn: action.dueOn,
    published: action.published,
    teamId: action.teamId,
  };
}

/** A refusal as the error summary lists it: each field the server named, or its message. */
function problemsOf(error: unknown, fieldId: (field: ActionField) => string): FormProblem[] {
  if (!isApiError(error)) return [{ message: 'Something went wrong. Try again.' }];
  const named = error.issues.filter((issue): issue is typeof issue & { field: ActionField } =>
    (ACTION_FIELDS as readonly string[]).includes(issue.field),
  );
  if (named.length === 0) return [{ message: error.message }];
  return named.map((issue) => ({
    fieldId: fieldId(issue.field),
    message: `${actionFieldLabels[issue.field]}: ${issue.message}`,
  }));
}

function EditActionForm({
  action,
  options,
  teams,
  onDone,
}: {
  action: Action;
  options: FeedbackOptions | undefined;
  teams: ActionTeams;
  onDone: (saved: Action | null) => void;
}) {
  const idPrefix = `${useId()}-edit`;
  const fieldId = (field: ActionField) => `${idPrefix}-${field}`;
  const save = useSaveAction();
  const heading = useRef<HTMLHeadingElement>(null);
  const [refusal, setRefusal] = useState<{ key: number; problems: FormProblem[] } | null>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(
      { id: action.id, input: actionInputOf(event.currentTarget) },
      {
        onSuccess: (saved) => onDone(saved),
        onError: (error) =>
          setRefusal((last) => ({
            key: (last?.key ?? 0) + 1,
            problems: problemsOf(error, fieldId),
          })),
      },
    );
  }

  const errors: Partial<Record<ActionField, string>> = {};
  for (const problem of refusal?.problems ?? []) {
    const field = ACTION_FIELDS.find((f) => fieldId(f) === problem.fieldId);
    if (field) errors[field] = problem.message;
  }

  return (
    <form onSubmit={submit} noValidate>
      <h4 className="govuk-heading-s" tabIndex={-1} ref={heading}>
        Change ‘{action.title}’
      </h4>
      {refusal ? <ErrorSummary key={refusal.key} problems={refusal.problems} /> : null}
      <ActionFields
        idPrefix={idPrefix}
        options={options}
        teams={teams}
        action={action}
        errors={errors}
      />
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button" disabled={save.isPending}>
          Save changes
        </button>
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          onClick={() => onDone(null)}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * One action: what, who owns it, for which team, when it is due (and 'Overdue' in words), its
 * status as a tag, and its history. Those who may write actions for its team ('write-actions';
 * a team lead: their own teams) also see Edit, Mark as done and Delete.
 */
export function ActionItem({
  action,
  options,
  teams,
  onDeleted,
}: {
  action: Action;
  options: FeedbackOptions | undefined;
  /** The teams the user may record actions for; null when they may not record any. */
  teams: ActionTeams | null;
  onDeleted: (action: Action) => void;
}) {
  const mayWrite = useMayWriteAction(action) && teams !== null;
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete'>('view');
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<{ key: number; message: string } | null>(null);
  const close = useSaveAction();
  const remove = useDeleteAction();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const confirmId = useId();
  const name = `‘${action.title}’`;

  useEffect(() => {
    if (mode === 'confirm-delete') confirmRef.current?.focus();
  }, [mode]);

  const refuse = (error: unknown) =>
    setProblem((last) => ({
      key: (last?.key ?? 0) + 1,
      message: isApiError(error) ? error.message : 'Something went wrong. Try again.',
    }));

  function markDone() {
    setProblem(null);
    setMessage('');
    close.mutate(
      {
        id: action.id,
        input: { ...inputOf(action), status: 'done', completedOn: todayInLondon() },
      },
      {
        onSuccess: (saved) => setMessage(`Action ‘${saved.title}’ marked as done.`),
        onError: refuse,
      },
    );
  }

  function confirmDelete() {
    setProblem(null);
    remove.mutate(action.id, {
      onSuccess: () => onDeleted(action),
      onError: (error) => {
        setMode('view');
        refuse(error);
      },
    });
  }

  return (
    <li className="app-action">
      <section className="govuk-summary-card" aria-labelledby={headingId}>
        <div className="govuk-summary-card__title-wrapper">
          <h3 className="govuk-summary-card__title" id={headingId} ref={titleRef} tabIndex={-1}>
            {action.title}
          </h3>
        </div>
        <div className="govuk-summary-card__content">
          {problem ? (
            <ErrorSummary key={problem.key} problems={[{ message: problem.message }]} />
          ) : null}
          {mode === 'edit' && teams ? (
            <EditActionForm
              action={action}
              options={options}
              teams={teams}
              onDone={(saved) => {
                setMode('view');
                if (saved) {
                  setMessage(`Action ‘${saved.title}’ saved.`);
                  // After the next paint: the form is gone, the title is there again.
                  requestAnimationFrame(() => titleRef.current?.focus());
                } else {
                  requestAnimationFrame(() => editButton.current?.focus());
                }
              }}
            />
          ) : (
            <>
              <dl className="govuk-summary-list">
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Status</dt>
                  <dd className="govuk-summary-list__value">
                    <ActionStatus action={action} />
                  </dd>
                </div>
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Owner</dt>
                  <dd className="govuk-summary-list__value">{action.owner}</dd>
                </div>
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Team</dt>
                  <dd className="govuk-summary-list__value">
                    {action.teamName ?? 'The whole office'}
                  </dd>
                </div>
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Due date</dt>
                  <dd className="govuk-summary-list__value">
                    {action.dueOn ? formatIsoDate(action.dueOn) : 'None set'}
                    {action.overdue ? (
                      <>
                        {' '}
                        <strong className="govuk-tag govuk-tag--red">Overdue</strong>
                      </>
                    ) : null}
                  </dd>
                </div>
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Theme</dt>
                  <dd className="govuk-summary-list__value">
                    {action.themeName ?? action.themeCode}
                  </dd>
                </div>
                {action.startedOn ? (
                  <div className="govuk-summary-list__row">
                    <dt className="govuk-summary-list__key">Started on</dt>
                    <dd className="govuk-summary-list__value">{formatIsoDate(action.startedOn)}</dd>
                  </div>
                ) : null}
                {action.completedOn ? (
                  <div className="govuk-summary-list__row">
                    <dt className="govuk-summary-list__key">Completed on</dt>
                    <dd className="govuk-summary-list__value">
                      {formatIsoDate(action.completedOn)}
                    </dd>
                  </div>
                ) : null}
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Published</dt>
                  <dd className="govuk-summary-list__value">
                    {action.published ? "Yes, in 'You said, we did'" : 'No'}
                  </dd>
                </div>
              </dl>
              {mayWrite ? (
                <div className="govuk-button-group">
                  <button
                    type="button"
                    className="govuk-button govuk-button--secondary"
                    ref={editButton}
                    onClick={() => {
                      setMessage('');
                      setProblem(null);
                      setMode('edit');
                    }}
                  >
                    Edit <span className="govuk-visually-hidden">{name}</span>
                  </button>
                  {action.status === 'done' ? null : (
                    <button
                      type="button"
                      className="govuk-button"
                      disabled={close.isPending}
                      onClick={markDone}
                    >
                      Mark as done <span className="govuk-visually-hidden">{name}</span>
                    </button>
                  )}
                  <button
                    type="button"
                    className="govuk-button govuk-button--warning"
                    ref={deleteButton}
                    onClick={() => {
                      setMessage('');
                      setMode('confirm-delete');
                    }}
                  >
                    Delete <span className="govuk-visually-hidden">{name}</span>
                  </button>
                </div>
              ) : null}
              {mayWrite && mode === 'confirm-delete' ? (
                <section
                  className="govuk-inset-text app-action-confirm"
                  ref={confirmRef}
                  tabIndex={-1}
                  aria-labelledby={confirmId}
                >
                  <p className="govuk-body govuk-!-font-weight-bold" id={confirmId}>
                    Are you sure you want to delete the action {name}?
                  </p>
                  <p className="govuk-body">
                    It is removed from the list and from 'You said, we did'. Its history stays in
                    the audit trail.
                  </p>
                  <div className="govuk-button-group">
                    <button
                      type="button"
                      className="govuk-button govuk-button--warning"
                      disabled={remove.isPending}
                      onClick={confirmDelete}
                    >
                      Yes, delete it
                    </button>
                    <button
                      type="button"
                      className="govuk-button govuk-button--secondary"
                      onClick={() => {
                        setMode('view');
                        requestAnimationFrame(() => deleteButton.current?.focus());
                      }}
                    >
                      No, keep it
                    </button>
                  </div>
                </section>
              ) : null}
            </>
          )}
          <p className="govuk-body govuk-!-margin-bottom-2" role="status">
            {message}
          </p>
          <ActionHistory action={action} />
        </div>
      </section>
    </li>
  );
}
