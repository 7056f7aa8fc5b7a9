import type {
  AlertFrequency,
  AlertRuleCode,
  AlertSubscription,
  AlertSubscriptionResponse,
} from '@ipo/contracts';
import { type FormEvent, useState } from 'react';
import type { FormProblem } from '../../../components/forms/error-summary';
import { ChoiceItem, Choices, Fieldset } from '../../../components/forms/field';
import { serverProblems, useFormProblems } from '../../../components/forms/form-problems';
import { QueryState, Skeleton } from '../../../components/query-state';
import { SuccessBanner, type SuccessNotice } from '../../../components/success-banner';
import { Link } from '../../../lib/router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useKeyed } from '../../../lib/use-keyed';
import { listInWords } from '../../../lib/wording';
import { useSaveSubscription, useSubscription, useUnsubscribe } from '../api/subscription-api';
import { countOf, FREQUENCY_WORDS, RULE_NAMES } from '../words';

export const SUBSCRIPTION_TITLE = 'Your alerts';

const FREQUENCIES: AlertFrequency[] = ['immediate', 'daily', 'weekly'];

/** The ids of the controls the error summary links to (the first control of each group). */
const ids = {
  rules: 'alerts-rules',
  standards: 'alerts-standards',
  standardCodes: 'alerts-standard-codes',
  teams: 'alerts-teams',
  teamIds: 'alerts-team-ids',
  channels: 'alerts-channels',
  frequency: 'alerts-frequency',
  monthlyReport: 'alerts-monthly-report',
};

type TeamsMode = 'all' | 'chosen' | 'none';

/** The form as the user fills it in. */
interface Draft {
  rules: AlertRuleCode[];
  allStandards: boolean;
  standardCodes: string[];
  teams: TeamsMode;
  teamIds: number[];
  frequency: AlertFrequency;
  email: boolean;
  inApp: boolean;
  monthlyReport: boolean;
}

/** The form's start: the saved subscription, or (not subscribed) every rule and standard. */
function draftOf({ subscription: s, choices }: AlertSubscriptionResponse): Draft {
  if (!s) {
    return {
      rules: choices.rules.map((r) => r.code),
      allStandards: true,
      standardCodes: [],
      // A team lead hears of their own teams; a manager starts with the office-wide alerts.
      teams: choices.allTeams || choices.teams.length === 0 ? 'none' : 'chosen',
      teamIds: choices.allTeams ? [] : choices.teams.map((t) => t.id),
      frequency: 'immediate',
      email: choices.email,
      inApp: true,
      monthlyReport: false,
    };
  }
  return {
    rules: s.rules,
    allStandards: s.allStandards,
    standardCodes: s.standardCodes,
    teams: s.allTeams ? 'all' : s.teamIds.length > 0 ? 'chosen' : 'none',
    teamIds: s.teamIds,
    frequency: s.frequency,
    email: s.email,
    inApp: s.inApp,
    monthlyReport: s.monthlyReport,
  };
}

/** What the form asks the API for, or the problems to fix first. */
function subscriptionOf(
  draft: Draft,
  choices: AlertSubscriptionResponse['choices'],
): { subscription: AlertSubscription } | { problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  const report = choices.monthlyReport && draft.monthlyReport;
  if (draft.rules.length === 0 && !report) {
    problems.push({
      message: choices.monthlyReport
        ? 'Select at least one kind of alert, or the monthly report pack'
        : 'Select at least one kind of alert',
      fieldId: ids.rules,
    });
  }
  if (!draft.allStandards && draft.standardCodes.length === 0) {
    problems.push({ message: 'Select at least one standard', fieldId: ids.standardCodes });
  }
  const teamIds = draft.teams === 'chosen' ? draft.teamIds : [];
  if (choices.allTeams && draft.teams === 'chosen' && teamIds.length === 0) {
    problems.push({ message: 'Select at least one team', fieldId: ids.teamIds });
  }
  if (draft.rules.length > 0 && !draft.email && !draft.inApp) {
    problems.push({
      message: 'Select how to tell you: by e-mail, in the dashboard or both',
      fieldId: ids.channels,
    });
  }
  if (problems.length > 0) return { problems };
  return {
    subscription: {
      rules: draft.rules,
      allStandards: draft.allStandards,
      standardCodes: draft.allStandards ? [] : draft.standardCodes,
      allTeams: draft.teams === 'all',
      teamIds,
      frequency: draft.frequency,
      email: draft.email,
      inApp: draft.inApp,
      monthlyReport: report,
    },
  };
}

/** 'By e-mail immediately and in the dashboard.' */
function howInWords(s: AlertSubscription): string {
  const ways = [
    ...(s.email ? [`by e-mail ${FREQUENCY_WORDS[s.frequency].inSentence}`] : []),
    ...(s.inApp ? ['in the dashboard'] : []),
  ];
  return ways.length > 0 ? listInWords(ways) : 'nowhere';
}

function savedNotice(s: AlertSubscription, first: boolean): SuccessNotice {
  const alerts =
    s.rules.length > 0
      ? `You will hear of ${countOf(s.rules.length, 'kind')} of alert ${howInWords(s)}.`
      : 'You will get no alerts.';
  return {
    title: first ? 'You are subscribed to alerts' : 'Your alert settings are saved',
    body: (
      <p className="govuk-body">
        {alerts}
        {s.monthlyReport ? ' The monthly report pack will be e-mailed to you.' : ''}{' '}
        <Link className="govuk-notification-banner__link" to="/notifications">
          Go to your notifications
        </Link>
      </p>
    ),
  };
}

/** A checkbox list's new value: `value` added (in the order of `all`) or taken out. */
function toggled<T>(all: readonly T[], current: readonly T[], value: T, on: boolean): T[] {
  return on
    ? all.filter((v) => v === value || current.includes(v))
    : current.filter((v) => v !== value);
}

/** /notifications/settings: the user's own alert subscription (managers and team leads). */
export function SubscriptionPage() {
  useDocumentTitle(SUBSCRIPTION_TITLE);
  const subscription = useSubscription();
  const [notice, announce] = useKeyed<SuccessNotice>();
  return (
    <>
      {notice ? (
        <SuccessBanner key={notice.key} title={notice.value.title} focus="banner">
          {notice.value.body}
        </SuccessBanner>
      ) : null}
      <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
        <ol className="govuk-breadcrumbs__list">
          <li className="govuk-breadcrumbs__list-item">
            <Link className="govuk-breadcrumbs__link" to="/notifications">
              Notifications
            </Link>
          </li>
        </ol>
      </nav>
      <h1 className="govuk-heading-xl">{SUBSCRIPTION_TITLE}</h1>
      <p className="govuk-body-l">
        Choose what the dashboard tells you about, and how: by e-mail, in your notifications, or
        both.
      </p>
      <QueryState
        query={subscription}
        what="Your alert settings"
        loadingText="Loading your alert settings…"
        skeleton={<Skeleton height={480} />}
      >
        {(data) => <SubscriptionForm data={data} onDone={announce} />}
      </QueryState>
    </>
  );
}

function SubscriptionForm({
  data,
  onDone,
}: {
  data: AlertSubscriptionResponse;
  onDone: (notice: SuccessNotice) => void;
}) {
  const { choices } = data;
  const subscribed = data.subscription !== null;
  const save = useSaveSubscription();
  const unsubscribe = useUnsubscribe();
  // The choices stay as they are after saving or unsubscribing: saving them again subscribes.
  const [draft, setDraft] = useState<Draft>(() => draftOf(data));
  const { summary, refuse, clear, problemOf } = useFormProblems();
  const change = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const pending = save.isPending || unsubscribe.isPending;
  const ruleCodes = choices.rules.map((r) => r.code);
  const standardCodes = choices.standards.map((s) => s.code);
  const teamIds = choices.teams.map((t) => t.id);
  // A team lead's teams are a plain list (theirs only); a manager may also choose every team.
  const teamsField = choices.allTeams ? ids.teams : ids.teamIds;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    const result = subscriptionOf(draft, choices);
    if ('problems' in result) {
      refuse(result.problems);
      return;
    }
    clear();
    save.mutate(result.subscription, {
      onSuccess: (answer) => {
        if (answer.subscription) onDone(savedNotice(answer.subscription, !subscribed));
      },
      onError: (error) =>
        refuse(
          serverProblems(error, {
            rules: ids.rules,
            allStandards: ids.standards,
            standardCodes: draft.allStandards ? ids.standards : ids.standardCodes,
            allTeams: teamsField,
            teamIds: choices.allTeams && draft.teams !== 'chosen' ? ids.teams : ids.teamIds,
            email: ids.channels,
            inApp: ids.channels,
            frequency: ids.frequency,
            monthlyReport: ids.monthlyReport,
          }),
        ),
    });
  }

  function leave() {
    if (pending) return;
    clear();
    unsubscribe.mutate(undefined, {
      onSuccess: () =>
        onDone({
          title: 'You are unsubscribed from alerts',
          body: (
            <p className="govuk-body">
              You will get no more alerts by e-mail or in the dashboard. Your choices are still in
              the form: save them to subscribe again.
            </p>
          ),
        }),
      onError: (error) => refuse(serverProblems(error, {})),
    });
  }

  return (
    <>
      {summary}
      <div className="govuk-inset-text">
        {subscribed
          ? 'You are subscribed to alerts. Change your choices and save them, or unsubscribe.'
          : 'You are not subscribed to alerts. Check the choices below and save them to subscribe.'}
      </div>
      <form onSubmit={submit} noValidate>
        <Fieldset
          id={`${ids.rules}-group`}
          legend="Which alerts"
          hint="Select every kind of alert you want. Each alert is also sent when it clears."
          error={problemOf(ids.rules)}
        >
          <Choices type="checkbox">
            {choices.rules.map((rule, index) => (
              <ChoiceItem
                key={rule.code}
                type="checkbox"
                id={index === 0 ? ids.rules : `${ids.rules}-${rule.code}`}
                label={RULE_NAMES[rule.code]}
                hint={rule.label}
                name="rules"
                value={rule.code}
                checked={draft.rules.includes(rule.code)}
                onChange={(event) =>
                  change({
                    rules: toggled(ruleCodes, draft.rules, rule.code, event.currentTarget.checked),
                  })
                }
              />
            ))}
          </Choices>
        </Fieldset>

        <Fieldset
          id={`${ids.standards}-group`}
          legend="About which standards"
          hint="Alerts about a data source or a feedback theme come whichever standards you choose."
          error={problemOf(ids.standards) ?? problemOf(ids.standardCodes)}
        >
          <Choices type="radio">
            <ChoiceItem
              type="radio"
              id={ids.standards}
              label="Every standard"
              name="allStandards"
              value="all"
              checked={draft.allStandards}
              onChange={() => change({ allStandards: true })}
            />
            <ChoiceItem
              type="radio"
              id={`${ids.standards}-chosen`}
              label="Only the standards I choose"
              name="allStandards"
              value="chosen"
              checked={!draft.allStandards}
              onChange={() => change({ allStandards: false })}
            />
            {draft.allStandards ? null : (
              <div className="govuk-radios__conditional">
                <Fieldset id={`${ids.standardCodes}-group`} legend="Standards">
                  <Choices type="checkbox">
                    {choices.standards.map((standard, index) => (
                      <ChoiceItem
                        key={standard.code}
                        type="checkbox"
                        id={
                          index === 0 ? ids.standardCodes : `${ids.standardCodes}-${standard.code}`
                        }
                        label={standard.title}
                        name="standardCodes"
                        value={standard.code}
                        checked={draft.standardCodes.includes(standard.code)}
                        onChange={(event) =>
                          change({
                            standardCodes: toggled(
                              standardCodes,
                              draft.standardCodes,
                              standard.code,
                              event.currentTarget.checked,
                            ),
                          })
                        }
                      />
                    ))}
                  </Choices>
                </Fieldset>
              </div>
            )}
          </Choices>
        </Fieldset>

        <TeamsField
          choices={choices}
          draft={draft}
          change={change}
          teamIds={teamIds}
          error={problemOf(ids.teams) ?? problemOf(ids.teamIds)}
        />

        <Fieldset
          id={`${ids.channels}-group`}
          legend="How to tell you"
          error={problemOf(ids.channels)}
        >
          <Choices type="checkbox">
            <ChoiceItem
              type="checkbox"
              id={ids.channels}
              label="By e-mail"
              hint={
                choices.email
                  ? 'To the address you sign in with.'
                  : 'The dashboard cannot send e-mail at present: until it can, you will see alerts in the dashboard only.'
              }
              name="email"
              checked={draft.email}
              onChange={(event) => change({ email: event.currentTarget.checked })}
            />
            <ChoiceItem
              type="checkbox"
              id={`${ids.channels}-in-app`}
              label="In the dashboard"
              hint="In your notifications, with the unread count at the top of every page."
              name="inApp"
              checked={draft.inApp}
              onChange={(event) => change({ inApp: event.currentTarget.checked })}
            />
          </Choices>
        </Fieldset>

        <Fieldset
          id={`${ids.frequency}-group`}
          legend="How often to e-mail you"
          hint="Your notifications in the dashboard show each alert as it happens."
          error={problemOf(ids.frequency)}
        >
          <Choices type="radio">
            {FREQUENCIES.map((frequency, index) => (
              <ChoiceItem
                key={frequency}
                type="radio"
                id={index === 0 ? ids.frequency : `${ids.frequency}-${frequency}`}
                label={FREQUENCY_WORDS[frequency].label}
                hint={FREQUENCY_WORDS[frequency].hint}
                name="frequency"
                value={frequency}
                checked={draft.frequency === frequency}
                onChange={() => change({ frequency })}
              />
            ))}
          </Choices>
        </Fieldset>

        {choices.monthlyReport ? (
          <Fieldset
            id={`${ids.monthlyReport}-group`}
            legend="The monthly report pack"
            error={problemOf(ids.monthlyReport)}
          >
            <Choices type="checkbox">
              <ChoiceItem
                type="checkbox"
                id={ids.monthlyReport}
                label="E-mail me the monthly report pack"
                hint="The board's report pack, on a set working day after each month ends."
                name="monthlyReport"
                checked={draft.monthlyReport}
                onChange={(event) => change({ monthlyReport: event.currentTarget.checked })}
              />
            </Choices>
          </Fieldset>
        ) : null}

        <div className="govuk-button-group">
          <button type="submit" className="govuk-button" aria-disabled={pending}>
            {subscribed ? 'Save your alert settings' : 'Subscribe'}
          </button>
          {subscribed ? (
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              aria-disabled={pending}
              onClick={leave}
            >
              Unsubscribe from every alert
            </button>
          ) : null}
        </div>
        <p className="govuk-body" role="status">
          {save.isPending
            ? 'Saving your alert settings…'
            : unsubscribe.isPending
              ? 'Unsubscribing…'
              : ''}
        </p>
      </form>
    </>
  );
}

/**
 * Which teams: a manager hears of every team, the teams they choose or none (the office-wide
 * alerts only); a team lead chooses among their own teams (the API allows no other).
 */
function TeamsField({
  choices,
  draft,
  change,
  teamIds,
  error,
}: {
  choices: AlertSubscriptionResponse['choices'];
  draft: Draft;
  change: (patch: Partial<Draft>) => void;
  teamIds: number[];
  error: string | undefined;
}) {
  const hint =
    'Satisfaction alerts can be about one team as well as the whole office. Office-wide alerts come whichever teams you choose.';
  const teamBoxes = (
    <Choices type="checkbox">
      {choices.teams.map((team, index) => (
        <ChoiceItem
          key={team.id}
          type="checkbox"
          id={index === 0 ? ids.teamIds : `${ids.teamIds}-${team.id}`}
          label={team.name}
          name="teamIds"
          value={String(team.id)}
          checked={draft.teamIds.includes(team.id)}
          onChange={(event) => {
            const next = toggled(teamIds, draft.teamIds, team.id, event.currentTarget.checked);
            change(
              choices.allTeams
                ? { teamIds: next }
                : { teamIds: next, teams: next.length > 0 ? 'chosen' : 'none' },
            );
          }}
        />
      ))}
    </Choices>
  );
  if (!choices.allTeams) {
    if (choices.teams.length === 0) {
      return (
        <div className="govuk-form-group">
          <h2 className="govuk-heading-s govuk-!-margin-bottom-1">About which teams</h2>
          <p className="govuk-body">
            You lead no team at present, so you hear of the office-wide alerts only.
          </p>
        </div>
      );
    }
    return (
      <Fieldset
        id={`${ids.teamIds}-group`}
        legend="About which of your teams"
        hint={`${hint} Leave them all unticked for the office-wide alerts only.`}
        error={error}
      >
        {teamBoxes}
      </Fieldset>
    );
  }
  const modes: { value: TeamsMode; label: string }[] = [
    { value: 'none', label: 'No team: the office-wide alerts only' },
    { value: 'all', label: 'Every team' },
    { value: 'chosen', label: 'Only the teams I choose' },
  ];
  return (
    <Fieldset id={`${ids.teams}-group`} legend="About which teams" hint={hint} error={error}>
      <Choices type="radio">
        {modes.map((mode, index) => (
          <ChoiceItem
            key={mode.value}
            type="radio"
            id={index === 0 ? ids.teams : `${ids.teams}-${mode.value}`}
            label={mode.label}
            name="teams"
            value={mode.value}
            checked={draft.teams === mode.value}
            onChange={() => change({ teams: mode.value })}
          />
        ))}
        {draft.teams === 'chosen' ? (
          <div className="govuk-radios__conditional">
            <Fieldset id={`${ids.teamIds}-group`} legend="Teams">
              {teamBoxes}
            </Fieldset>
          </div>
        ) : null}
      </Choices>
    </Fieldset>
  );
}
