import type { Theme } from '@ipo/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { InputField, TextareaField } from '../../../components/forms/field';
import { FormButtons } from '../../../components/forms/form-buttons';
import { serverProblems, useFormProblems } from '../../../components/forms/form-problems';
import { ConfirmPanel, StepPanel } from '../../../components/step-panel';
import { WarningText } from '../../../components/warning-text';
import { isApiError } from '../../../lib/api-client';
import { useCreateTheme, useDeleteTheme, useUpdateTheme } from '../api/themes-api';
import {
  codeOf,
  phrasesOf,
  type ReportThemeChange,
  type ThemeDraft,
  themeProblems,
} from './themes-shared';

const addIds = { name: 'theme-name', code: 'theme-code', phrases: 'theme-phrases' };

/** A new theme; started from a draft when a found phrase is to make one. */
export function AddThemeForm({
  draft,
  onChange,
}: {
  draft: ThemeDraft | null;
  onChange: ReportThemeChange;
}) {
  const [name, setName] = useState(draft?.name ?? '');
  const [code, setCode] = useState(draft?.code ?? '');
  const [phrases, setPhrases] = useState(draft?.phrases.join('\n') ?? '');
  const { summary, refuse, clear, problemOf } = useFormProblems();
  const create = useCreateTheme();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    // Started from a phrase: the user is taken here to finish it.
    if (draft) heading.current?.focus();
  }, [draft]);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    const theme = {
      name: name.trim(),
      code: (code.trim() || codeOf(name)).trim(),
      phrases: phrasesOf(phrases),
    };
    const problems = themeProblems(addIds, theme);
    if (problems.length > 0) {
      refuse(problems);
      return;
    }
    create.mutate(theme, {
      onSuccess: (answer) => {
        clear();
        setName('');
        setCode('');
        setPhrases('');
        onChange({
          title: `Theme ‘${answer.theme?.name ?? theme.name}’ added`,
          retagged: answer.retagged,
        });
      },
      onError: (error) => {
        if (isApiError(error) && error.status === 409) {
          refuse([{ fieldId: addIds.code, message: `${error.message}: choose another code` }]);
          return;
        }
        refuse(
          serverProblems(error, {
            name: { id: addIds.name, label: 'Name' },
            code: { id: addIds.code, label: 'Code' },
            phrases: { id: addIds.phrases, label: 'Each phrase' },
          }),
        );
      },
    });
  }

  return (
    <section aria-labelledby="add-theme-heading" className="govuk-!-margin-bottom-9">
      <h2 className="govuk-heading-l" id="add-theme-heading" ref={heading} tabIndex={-1}>
        Add a theme
      </h2>
      <form onSubmit={onSubmit} noValidate>
        {summary}
        <InputField
          id={addIds.name}
          label="Name"
          hint="As figures and charts show it, such as Renewal deadlines"
          error={problemOf(addIds.name)}
          name="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <InputField
          id={addIds.code}
          label="Code"
          hint={`Lower-case words joined by hyphens. Leave it empty to use ${
            codeOf(name) ? `‘${codeOf(name)}’` : 'one made from the name'
          }. It cannot be changed later.`}
          error={problemOf(addIds.code)}
          name="code"
          spellCheck={false}
          className="govuk-!-width-one-half"
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
        <PhrasesField
          id={addIds.phrases}
          error={problemOf(addIds.phrases)}
          value={phrases}
          onChange={setPhrases}
        />
        <FormButtons
          label="Add the theme"
          pending={create.isPending}
          pendingText="Adding the theme and re-tagging the comments…"
        />
      </form>
    </section>
  );
}

function PhrasesField({
  id,
  error,
  value,
  onChange,
}: {
  id: string;
  error: string | undefined;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextareaField
      id={id}
      label="Phrases"
      hint="One a line. A comment is about the theme when it uses one of them; word endings do not matter (wait, waiting and waited match alike)."
      error={error}
      name="phrases"
      rows={5}
      spellCheck={false}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** Renaming a theme or changing its phrases. */
export function ChangeThemeForm({
  theme,
  onDone,
  onCancel,
}: {
  theme: Theme;
  onDone: ReportThemeChange;
  onCancel: () => void;
}) {
  const ids = {
    name: `change-${theme.code}-name`,
    phrases: `change-${theme.code}-phrases`,
  };
  const [name, setName] = useState(theme.name);
  const [phrases, setPhrases] = useState(theme.phrases.join('\n'));
  const { summary, refuse, problemOf } = useFormProblems();
  const update = useUpdateTheme();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (update.isPending) return;
    const change = { name: name.trim(), phrases: phrasesOf(phrases) };
    const problems = themeProblems(ids, change);
    if (problems.length > 0) {
      refuse(problems);
      return;
    }
    update.mutate(
      { code: theme.code, ...change },
      {
        onSuccess: (answer) =>
          onDone({
            title: `Theme ‘${answer.theme?.name ?? change.name}’ changed`,
            retagged: answer.retagged,
          }),
        onError: (error) =>
          refuse(
            serverProblems(error, {
              name: { id: ids.name, label: 'Name' },
              phrases: { id: ids.phrases, label: 'Each phrase' },
            }),
          ),
      },
    );
  }

  return (
    <StepPanel
      title={`Change the theme ‘${theme.name}’`}
      headingLevel={3}
      summary={summary}
      onCancel={onCancel}
      onSubmit={onSubmit}
    >
      <InputField
        id={ids.name}
        label="Name"
        error={problemOf(ids.name)}
        name="name"
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <PhrasesField
        id={ids.phrases}
        error={problemOf(ids.phrases)}
        value={phrases}
        onChange={setPhrases}
      />
      <FormButtons
        label="Save the theme"
        pending={update.isPending}
        pendingText="Saving the theme and re-tagging the comments…"
        onCancel={onCancel}
      />
    </StepPanel>
  );
}

/** The confirmation step of retiring (deleting) a theme. */
export function RetireTheme({
  theme,
  onDone,
  onCancel,
}: {
  theme: Theme;
  onDone: ReportThemeChange;
  onCancel: () => void;
}) {
  const remove = useDeleteTheme();
  return (
    <ConfirmPanel
      title={`Retire the theme ‘${theme.name}’?`}
      headingLevel={3}
      confirmLabel="Retire the theme"
      pending={remove.isPending}
      pendingText="Retiring the theme and re-tagging the comments…"
      error={remove.error}
      onCancel={onCancel}
      onConfirm={() =>
        remove.mutate(theme.code, {
          onSuccess: (answer) =>
            onDone({ title: `Theme ‘${theme.name}’ retired`, retagged: answer.retagged }),
        })
      }
    >
      <WarningText>
        Comments are no longer tagged with it, and its figures are gone. A theme that actions refer
        to cannot be retired.
      </WarningText>
    </ConfirmPanel>
  );
}
