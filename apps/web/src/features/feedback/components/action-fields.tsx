import type { Action, ActionInput, FeedbackOptions } from '@ipo/contracts';
import { can, inScope, teamScope } from '@ipo/domain/access';
import {
  checkDateParts,
  DATE_EXAMPLE,
  type DateFormProblem,
  DateInput,
  dateErrorOf,
  dateFormProblem,
  datePartsOf,
  isoToDateParts,
} from '../../../components/forms/date-input';
import type { FormProblem } from '../../../components/forms/error-summary';
import {
  ChoiceItem,
  Choices,
  InputField,
  SelectField,
  TextareaField,
} from '../../../components/forms/field';
import { problemOf } from '../../../components/forms/form-problems';
import { accessOf } from '../../session/access';
import { useSession } from '../../session/api/session-api';

export const statusWords = {
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
} as const;

/** The fields of an action, as the forms name them and the API's errors do. */
export const ACTION_FIELDS = [
  'themeCode',
  'teamId',
  'title',
  'description',
  'owner',
  'status',
  'startedOn',
  'dueOn',
  'completedOn',
  'published',
] as const;
export type ActionField = (typeof ACTION_FIELDS)[number];

/** The id of a field's control in a form of ActionFields. */
export const actionFieldId = (idPrefix: string, field: ActionField) => `${idPrefix}-${field}`;

/** The dates of an action: each typed as day, month and year (the GOV.UK date input). */
const DATE_FIELDS = ['startedOn', 'dueOn', 'completedOn'] as const;
type DateField = (typeof DATE_FIELDS)[number];
const isDateField = (field: ActionField): field is DateField =>
  (DATE_FIELDS as readonly ActionField[]).includes(field);

/**
 * The id a problem of a field links to: the control's, or a date's day box (the server's
 * problems with a date mark the whole date).
 */
export const actionProblemId = (idPrefix: string, field: ActionField) =>
  isDateField(field) ? `${actionFieldId(idPrefix, field)}-day` : actionFieldId(idPrefix, field);

export const actionFieldLabels: Record<ActionField, string> = {
  themeCode: 'Theme',
  teamId: 'Team',
  title: 'What we did',
  description: 'Description',
  owner: 'Owner',
  status: 'Status',
  startedOn: 'Started on',
  dueOn: 'Due date',
  completedOn: 'Completed on',
  published: "Publish in 'You said, we did'",
};

export type ActionTeams = { anyOrNone: boolean; teams: { id: number; name: string }[] };

/**
 * The teams an action may be recorded for: a manager chooses any team or none (an action of the
 * whole office); a team lead one of their own teams. Null: the user may not record actions.
 */
export function useActionTeams(options: FeedbackOptions | undefined): ActionTeams | null {
  const user = useSession();
  const access = accessOf(user);
  if (!can(access, 'write-actions')) return null;
  const scope = teamScope(access, 'write-actions');
  if (scope.all) return { anyOrNone: true, teams: options?.teams ?? [] };
  return {
    anyOrNone: false,
    teams: (user?.teams ?? []).filter((team) => scope.teamIds.includes(team.id)),
  };
}

/**
 * Whether the signed-in user may change this action ('write-actions' for its team): a manager
 * any action, a team lead their own teams' only. The API decides the same way.
 */
export function useMayWriteAction(action: Pick<Action, 'teamId'>): boolean {
  const access = accessOf(useSession());
  return can(access, 'write-actions') && inScope(teamScope(access, 'write-actions'), action.teamId);
}

/**
 * What a form of ActionFields (ids from `idPrefix`) sends: the API's input, read from the form's
 * controls; or, when a date is incomplete or not a real date, its problems in the GOV.UK words
 * ('Due date must include a year'), and nothing is sent.
 */
export function actionInputOf(
  form: HTMLFormElement,
  idPrefix: string,
): { input: ActionInput } | { problems: DateFormProblem[] } {
  const data = new FormData(form);
  const text = (k: ActionField) => String(data.get(k) ?? '').trim();
  const problems: DateFormProblem[] = [];
  const dates = {} as Record<DateField, string | null>;
  for (const field of DATE_FIELDS) {
    const checked = checkDateParts(datePartsOf(data, field), actionFieldLabels[field]);
    if (checked.problem) {
      problems.push(dateFormProblem(actionFieldId(idPrefix, field), checked.problem));
    }
    dates[field] = checked.date;
  }
  if (problems.length > 0) return { problems };
  return {
    input: {
      themeCode: text('themeCode'),
      title: text('title'),
      description: text('description'),
      owner: text('owner'),
      status: text('status') as Action['status'],
      startedOn: dates.startedOn,
      dueOn: dates.dueOn,
      completedOn: dates.completedOn,
      published: data.get('published') === 'on',
      teamId: text('teamId') ? Number(text('teamId')) : null,
    },
  };
}

/**
 * The controls of an action's form, for recording one (no `action`) or changing one (prefilled
 * from `action`). `idPrefix` makes the ids unique on the page (`<idPrefix>-<field>`);
 * `problems` are the form's problems, each shown on its field.
 */
export function ActionFields({
  idPrefix,
  options,
  teams,
  action,
  defaultTheme,
  defaultTeam,
  problems,
}: {
  idPrefix: string;
  options: FeedbackOptions | undefined;
  teams: ActionTeams;
  action?: Action | undefined;
  defaultTheme?: string | undefined;
  defaultTeam?: number | undefined;
  problems?: readonly FormProblem[] | undefined;
}) {
  const id = (field: ActionField) => actionFieldId(idPrefix, field);
  /** What every control of the form has: its id, label, name and problem. */
  const field = (name: ActionField) => ({
    id: id(name),
    label: actionFieldLabels[name],
    name,
    error: problemOf(problems ?? [], id(name)),
  });
  /** A date's boxes: named `<field>-day`..., prefilled from the action, marked when wrong. */
  const date = (name: DateField, hint?: string) => (
    <DateInput
      id={id(name)}
      name={name}
      legend={actionFieldLabels[name]}
      hint={hint ? `${hint} ${DATE_EXAMPLE}` : DATE_EXAMPLE}
      defaultValue={isoToDateParts(action?.[name])}
      {...dateErrorOf(problems, id(name))}
    />
  );
  const teamChoice = action
    ? action.teamId
    : (teams.teams.find((team) => team.id === defaultTeam)?.id ??
      (teams.anyOrNone ? undefined : teams.teams[0]?.id));
  // The action's own theme and team are offered even before the options have arrived.
  const themes = options?.themes ?? [];
  const themeChoices =
    action && !themes.some((t) => t.code === action.themeCode)
      ? [{ code: action.themeCode, name: action.themeName ?? action.themeCode }, ...themes]
      : themes;
  const teamChoices =
    action?.teamId != null && !teams.teams.some((t) => t.id === action.teamId)
      ? [{ id: action.teamId, name: action.teamName ?? `Team ${action.teamId}` }, ...teams.teams]
      : teams.teams;
  return (
    <>
      <SelectField
        // Chosen again once the filter options (the themes) have arrived.
        key={`theme-${themeChoices.length}`}
        {...field('themeCode')}
        defaultValue={action?.themeCode ?? defaultTheme ?? themeChoices[0]?.code}
      >
        {themeChoices.map((t) => (
          <option key={t.code} value={t.code}>
            {t.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        // The manager's choices arrive with the filter options: chosen again once they have.
        key={`team-${teamChoices.length}`}
        {...field('teamId')}
        hint={
          teams.anyOrNone
            ? 'The team that took the action, or none for an action of the whole office.'
            : 'You can record actions for your own teams.'
        }
        defaultValue={teamChoice == null ? '' : String(teamChoice)}
      >
        {teams.anyOrNone ? <option value="">No team: the whole office</option> : null}
        {teamChoices.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </SelectField>
      <InputField {...field('title')} type="text" defaultValue={action?.title} />
      <TextareaField {...field('description')} rows={3} defaultValue={action?.description} />
      <InputField {...field('owner')} type="text" defaultValue={action?.owner} />
      <SelectField {...field('status')} defaultValue={action?.status ?? 'planned'}>
        {Object.entries(statusWords).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      {date('startedOn')}
      {date('dueOn', 'When it should be done by. Not done by then, it is shown as overdue.')}
      {date('completedOn')}
      <div className="govuk-form-group">
        <Choices type="checkbox">
          <ChoiceItem
            type="checkbox"
            id={id('published')}
            label={actionFieldLabels.published}
            name="published"
            defaultChecked={action?.published ?? false}
          />
        </Choices>
      </div>
    </>
  );
}
