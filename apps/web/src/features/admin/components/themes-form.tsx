import type { Theme } from '@ipo/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ErrorSummary } from '../../../components/forms/error-summary';
import { InputField, TextareaField } from '../../../components/forms/field';
import { isApiError } from '../../../lib/api-client';
import { useCreateTheme, useDeleteTheme, useUpdateTheme } from '../api/themes-api';
import { serverProblems, useFormProblems } from './admin-form-kit';
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
  const { refusal, refuse, clear, problemOf } = useFormProblems();
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
        {refusal ? <ErrorSummary key={refusal.key} problems={refusal.problems} /> : null}
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
        <button type="submit" className="govuk-button" aria-disabled={create.isPending}>
          Add the theme
        </button>
        <p className="govuk-body" role="status">
          {create.isPending ? 'Adding the theme and re-tagging the comments…' : ''}
        </p>
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
  const { refusal, refuse, problemOf } = useFormProblems();
  const update = useUpdateTheme();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);

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
    <form
      className="app-admin-confirm"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`change-${theme.code}-heading`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      {refusal ? <ErrorSummary key={refusal.key} problems={refusal.problems} /> : null}
      <h3
        className="govuk-heading-m"
        id={`change-${theme.code}-heading`}
        ref={heading}
        tabIndex={-1}
      >
        Change the theme ‘{theme.name}’
      </h3>
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
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button" aria-disabled={update.isPending}>
          Save the theme
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <p className="govuk-body" role="status">
        {update.isPending ? 'Saving the theme and re-tagging the comments…' : ''}
      </p>
    </form>
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
  const { refusal, refuse } = useFormProblems();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);

  function onConfirm() {
    if (remove.isPending) return;
    remove.mutate(theme.code, {
      onSuccess: (answer) =>
        onDone({ title: `Theme ‘${theme.name}’ retired`, retagged: answer.retagged }),
      onError: (error) => refuse(serverProblems(error, {})),
    });
  }

  return (
    <section
      className="app-admin-confirm"
      aria-labelledby={`retire-${theme.code}-heading`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      {refusal ? <ErrorSummary key={refusal.key} problems={refusal.problems} /> : null}
      <h3
        className="govuk-heading-m"
        id={`retire-${theme.code}-heading`}
        ref={heading}
        tabIndex={-1}
      >
        Retire the theme ‘{theme.name}’?
      </h3>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          Comments are no longer tagged with it, and its figures are gone. A theme that actions
          refer to cannot be retired.
        </strong>
      </div>
      <div className="govuk-button-group">
        <button
          type="button"
          className="govuk-button govuk-button--warning"
          aria-disabled={remove.isPending}
          onClick={onConfirm}
        >
          Retire the theme
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <p className="govuk-body" role="status">
        {remove.isPending ? 'Retiring the theme and re-tagging the comments…' : ''}
      </p>
    </section>
  );
}
