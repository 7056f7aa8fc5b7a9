import type { FeedbackPhrases, Theme } from '@ipo/contracts';
import { type FormEvent, useEffect, useState } from 'react';
import { SelectField } from '../../../components/forms/field';
import { FormButtons } from '../../../components/forms/form-buttons';
import { serverProblems, useFormProblems } from '../../../components/forms/form-problems';
import { QueryState, Skeleton } from '../../../components/query-state';
import { formatCount, formatIsoDate } from '../../../lib/format';
import { sentence } from '../../../lib/wording';
import { usePhrases, useUpdateTheme } from '../api/themes-api';
import { codeOf, PHRASES_MAX, type ReportThemeChange, type ThemeDraft } from './themes-shared';

const RANGES = [
  { months: 1, label: 'The last complete month' },
  { months: 3, label: 'The last 3 months' },
  { months: 12, label: 'The last 12 months' },
] as const;

type Phrase = FeedbackPhrases['phrases'][number];

/**
 * Phrase discovery: frequent phrases (word stems) in comments that no theme covers, each with
 * sample comments, to add to a theme or to make a new one from.
 */
export function ThemesPhrases({
  themes,
  onChange,
  onMakeTheme,
}: {
  themes: Theme[];
  onChange: ReportThemeChange;
  onMakeTheme: (draft: ThemeDraft) => void;
}) {
  const [months, setMonths] = useState<number>(3);
  const [chosen, setChosen] = useState<number>(3);
  const phrases = usePhrases(months);

  return (
    <section aria-labelledby="phrases-heading" className="govuk-!-margin-bottom-9">
      <h2 className="govuk-heading-l" id="phrases-heading">
        Phrases no theme covers
      </h2>
      <p className="govuk-body">
        Phrases used in 10 or more comments that no theme’s phrases cover, most used first. They are
        word stems (‘renew deadlin’ stands for renewal deadline, renewing deadlines…).
      </p>
      <form
        noValidate
        className="govuk-!-margin-bottom-6"
        onSubmit={(event) => {
          event.preventDefault();
          setMonths(chosen);
        }}
      >
        <SelectField
          id="phrases-range"
          label="Comments from"
          labelSize="s"
          name="months"
          value={String(chosen)}
          onChange={(event) => setChosen(Number(event.target.value))}
        >
          {RANGES.map((r) => (
            <option key={r.months} value={r.months}>
              {r.label}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="govuk-button govuk-button--secondary">
          Show phrases
        </button>
      </form>
      <QueryState
        query={phrases}
        what="The phrases"
        loadingText="Finding phrases in the comments…"
        skeleton={<Skeleton height="20rem" />}
      >
        {(data) => (
          <>
            <p className="govuk-body">
              {formatCount(data.comments)} comments from {formatIsoDate(data.range.from)} to{' '}
              {formatIsoDate(data.range.to)}.
            </p>
            {data.phrases.length === 0 ? (
              <p className="govuk-body">
                No phrase is used in 10 or more of these comments without a theme covering it.
              </p>
            ) : (
              <ol className="govuk-list app-admin-phrases-list">
                {data.phrases.map((p, i) => (
                  <PhraseItem
                    key={p.phrase}
                    index={i}
                    phrase={p}
                    themes={themes}
                    onChange={onChange}
                    onMakeTheme={onMakeTheme}
                  />
                ))}
              </ol>
            )}
          </>
        )}
      </QueryState>
    </section>
  );
}

function PhraseItem({
  index,
  phrase,
  themes,
  onChange,
  onMakeTheme,
}: {
  index: number;
  phrase: Phrase;
  themes: Theme[];
  onChange: ReportThemeChange;
  onMakeTheme: (draft: ThemeDraft) => void;
}) {
  const [adding, setAdding] = useState(false);
  const id = `phrase-${index}`;
  return (
    <li className="app-admin-phrase">
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1" id={`${id}-heading`}>
        ‘{phrase.phrase}’
      </h3>
      <p className="govuk-body-s">
        Used in {formatCount(phrase.count)} {phrase.count === 1 ? 'comment' : 'comments'}
      </p>
      <p className="govuk-body govuk-!-margin-bottom-1">
        {phrase.examples.length === 1 ? 'A comment using it:' : 'Comments using it:'}
      </p>
      {phrase.examples.map((example) => (
        <blockquote className="govuk-body app-admin-quote" key={example}>
          {example}
        </blockquote>
      ))}
      {adding ? (
        <AddToTheme
          id={id}
          phrase={phrase.phrase}
          themes={themes}
          onDone={(change) => {
            setAdding(false);
            onChange(change);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <div className="govuk-button-group">
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            aria-describedby={`${id}-heading`}
            onClick={() => setAdding(true)}
          >
            Add to a theme
          </button>
          <button
            type="button"
            className="govuk-button govuk-button--secondary"
            aria-describedby={`${id}-heading`}
            onClick={() =>
              onMakeTheme({
                // 'renew deadlin' -> 'Renew deadlin': a name to start from (the user edits it).
                name: sentence(phrase.phrase),
                code: codeOf(phrase.phrase),
                phrases: [phrase.phrase],
              })
            }
          >
            Make a new theme
          </button>
        </div>
      )}
    </li>
  );
}

/** Which theme takes the phrase: it is appended to the theme's phrases (PUT). */
function AddToTheme({
  id,
  phrase,
  themes,
  onDone,
  onCancel,
}: {
  id: string;
  phrase: string;
  themes: Theme[];
  onDone: ReportThemeChange;
  onCancel: () => void;
}) {
  const selectId = `${id}-theme`;
  const [code, setCode] = useState('');
  const { summary, refuse, problemOf } = useFormProblems();
  const update = useUpdateTheme();
  useEffect(() => {
    document.getElementById(selectId)?.focus();
  }, [selectId]);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (update.isPending) return;
    const theme = themes.find((t) => t.code === code);
    if (!theme) {
      refuse([{ fieldId: selectId, message: 'Select the theme to add the phrase to' }]);
      return;
    }
    if (theme.phrases.length >= PHRASES_MAX) {
      refuse([
        {
          fieldId: selectId,
          message: `‘${theme.name}’ has ${PHRASES_MAX} phrases already: choose another theme`,
        },
      ]);
      return;
    }
    update.mutate(
      { code: theme.code, phrases: [...theme.phrases, phrase] },
      {
        onSuccess: (answer) =>
          onDone({
            title: `‘${phrase}’ added to the theme ‘${theme.name}’`,
            retagged: answer.retagged,
          }),
        onError: (error) => refuse(serverProblems(error, {})),
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="govuk-!-margin-top-4">
      {summary}
      <SelectField
        id={selectId}
        label={`Theme to add ‘${phrase}’ to`}
        labelSize="s"
        error={problemOf(selectId)}
        name="theme"
        value={code}
        onChange={(event) => setCode(event.target.value)}
      >
        <option value="">Choose a theme</option>
        {themes.map((t) => (
          <option key={t.code} value={t.code}>
            {t.name}
          </option>
        ))}
      </SelectField>
      <FormButtons
        label="Add the phrase"
        pending={update.isPending}
        pendingText="Adding the phrase and re-tagging the comments…"
        onCancel={onCancel}
      />
    </form>
  );
}
