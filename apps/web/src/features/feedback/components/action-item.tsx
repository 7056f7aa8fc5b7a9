import type { Action, FeedbackOptions } from '@ipo/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { FormButtons } from '../../../components/forms/form-buttons';
import { serverProblems, useFormProblems } from '../../../components/forms/form-problems';
import { ConfirmPanel, StepPanel } from '../../../components/step-panel';
import { SummaryList } from '../../../components/table';
import { WarningText } from '../../../components/warning-text';
import { londonDate } from '../../../lib/dates';
import { focusLater } from '../../../lib/focus';
import { formatIsoDate } from '../../../lib/format';
import { useDeleteAction } from '../api/actions-api';
import { useSaveAction } from '../api/feedback-api';
import {
  ACTION_FIELDS,
  ActionFields,
  type ActionTeams,
  actionFieldLabels,
  actionInputOf,
  actionProblemId,
  statusWords,
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

/** The fields as the server names them in its refusals, labelled 'Completed on: …'. */
const serverFieldsOf = (idPrefix: string) =>
  Object.fromEntries(
    ACTION_FIELDS.map((field) => [
      field,
      { id: actionProblemId(idPrefix, field), label: `${actionFieldLabels[field]}:` },
    ]),
  );

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
  const save = useSaveAction();
  const { summary, refusal, refuse } = useFormProblems();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.isPending) return;
    // A date typed incompletely, or not a real date, is said so and nothing is sent.
    const read = actionInputOf(event.currentTarget, idPrefix);
    if ('problems' in read) {
      refuse(read.problems);
      return;
    }
    save.mutate(
      { id: action.id, input: read.input },
      {
        onSuccess: (saved) => onDone(saved),
        onError: (error) => refuse(serverProblems(error, serverFieldsOf(idPrefix))),
      },
    );
  }

  return (
    <StepPanel
      title={`Change ‘${action.title}’`}
      headingLevel={4}
      summary={summary}
      onCancel={() => onDone(null)}
      onSubmit={submit}
    >
      <ActionFields
        idPrefix={idPrefix}
        options={options}
        teams={teams}
        action={action}
        problems={refusal?.problems}
      />
      <FormButtons label="Save changes" pending={save.isPending} onCancel={() => onDone(null)} />
    </StepPanel>
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
  const problem = useFormProblems();
  const close = useSaveAction();
  const remove = useDeleteAction();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  const name = `‘${action.title}’`;

  const refuse = (error: unknown) => problem.refuse(serverProblems(error, {}));

  function markDone() {
    problem.clear();
    setMessage('');
    close.mutate(
      {
        id: action.id,
        input: { ...inputOf(action), status: 'done', completedOn: londonDate() },
      },
      {
        onSuccess: (saved) => setMessage(`Action ‘${saved.title}’ marked as done.`),
        onError: refuse,
      },
    );
  }

  function confirmDelete() {
    problem.clear();
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
          {problem.summary}
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
                  focusLater(titleRef);
                } else {
                  focusLater(editButton);
                }
              }}
            />
          ) : (
            <>
              <SummaryList
                rows={[
                  ['Status', <ActionStatus key="status" action={action} />],
                  ['Owner', action.owner],
                  ['Team', action.teamName ?? 'The whole office'],
                  [
                    'Due date',
                    <>
                      {action.dueOn ? formatIsoDate(action.dueOn) : 'None set'}
                      {action.overdue ? (
                        <>
                          {' '}
                          <strong className="govuk-tag govuk-tag--red">Overdue</strong>
                        </>
                      ) : null}
                    </>,
                  ],
                  ['Theme', action.themeName ?? action.themeCode],
                  action.startedOn ? ['Started on', formatIsoDate(action.startedOn)] : null,
                  action.completedOn ? ['Completed on', formatIsoDate(action.completedOn)] : null,
                  ['Published', action.published ? "Yes, in 'You said, we did'" : 'No'],
                ]}
              />
              {mayWrite ? (
                <div className="govuk-button-group">
                  <button
                    type="button"
                    className="govuk-button govuk-button--secondary"
                    ref={editButton}
                    onClick={() => {
                      setMessage('');
                      problem.clear();
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
                <ConfirmPanel
                  title={`Are you sure you want to delete the action ${name}?`}
                  confirmLabel="Yes, delete it"
                  cancelLabel="No, keep it"
                  pending={remove.isPending}
                  onConfirm={confirmDelete}
                  onCancel={() => {
                    setMode('view');
                    focusLater(deleteButton);
                  }}
                >
                  <WarningText>
                    It is removed from the list and from 'You said, we did'. Its history stays in
                    the audit trail.
                  </WarningText>
                </ConfirmPanel>
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
