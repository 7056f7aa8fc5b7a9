import type { Theme } from '@ipo/contracts';
import { useEffect, useRef, useState } from 'react';
import { QueryState, Skeleton } from '../../../components/query-state';
import { formatCount } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useTaxonomy } from '../api/themes-api';
import { AdminBreadcrumbs } from './admin-form-kit';
import { AddThemeForm, ChangeThemeForm, RetireTheme } from './themes-form';
import { ThemesPhrases } from './themes-phrases';
import type { ThemeChange, ThemeDraft } from './themes-shared';
import './admin-pages.css';

type Editing = { kind: 'change' | 'retire'; theme: Theme } | null;

/**
 * /admin/themes: the taxonomy comments are tagged with (add, rename, change phrases, retire),
 * each change saying how many stored comments it re-tagged; and phrases found in comments that
 * no theme covers, to add to a theme or to make a new one from.
 */
export function ThemesPage() {
  useDocumentTitle('Feedback themes');
  const taxonomy = useTaxonomy();
  const [editing, setEditing] = useState<Editing>(null);
  const [change, setChange] = useState<(ThemeChange & { key: number }) | null>(null);
  const [draft, setDraft] = useState<{ key: number; draft: ThemeDraft } | null>(null);
  const banner = useRef<HTMLParagraphElement>(null);
  const returnTo = useRef<string | null>(null);

  useEffect(() => {
    if (change) banner.current?.focus();
  }, [change]);
  useEffect(() => {
    if (editing === null && returnTo.current) {
      document.getElementById(returnTo.current)?.focus();
      returnTo.current = null;
    }
  }, [editing]);

  const report = (next: ThemeChange) => {
    setEditing(null);
    setChange((last) => ({ ...next, key: (last?.key ?? 0) + 1 }));
  };
  const cancel = () => {
    if (editing) returnTo.current = `${editing.kind}-${editing.theme.code}`;
    setEditing(null);
  };

  return (
    <>
      <AdminBreadcrumbs trail={[]} />
      <h1 className="govuk-heading-xl">Feedback themes</h1>
      <p className="govuk-body-l">
        Comments are tagged with a theme when they use one of its phrases. Every change here re-tags
        every stored comment at once.
      </p>

      {change ? (
        <div
          className="govuk-notification-banner govuk-notification-banner--success"
          key={change.key}
        >
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading" ref={banner} tabIndex={-1}>
              {change.title}
            </p>
            <p className="govuk-body">
              {change.retagged === 0
                ? 'No comment’s themes changed.'
                : `${formatCount(change.retagged)} ${change.retagged === 1 ? 'comment was' : 'comments were'} re-tagged.`}
            </p>
          </div>
        </div>
      ) : null}

      <QueryState
        query={taxonomy}
        what="The themes"
        loadingText="Loading the themes…"
        skeleton={<Skeleton height="30rem" />}
      >
        {(data) => (
          <>
            <section aria-labelledby="themes-heading" className="govuk-!-margin-bottom-9">
              <h2 className="govuk-heading-l" id="themes-heading">
                Themes
              </h2>
              {editing?.kind === 'change' ? (
                <ChangeThemeForm
                  key={editing.theme.code}
                  theme={editing.theme}
                  onDone={report}
                  onCancel={cancel}
                />
              ) : null}
              {editing?.kind === 'retire' ? (
                <RetireTheme
                  key={editing.theme.code}
                  theme={editing.theme}
                  onDone={report}
                  onCancel={cancel}
                />
              ) : null}
              {data.themes.length === 0 ? (
                <p className="govuk-body">There are no themes yet. Add one below.</p>
              ) : (
                <table className="govuk-table" aria-labelledby="themes-heading">
                  <thead className="govuk-table__head">
                    <tr className="govuk-table__row">
                      <th scope="col" className="govuk-table__header">
                        Theme
                      </th>
                      <th scope="col" className="govuk-table__header">
                        Phrases
                      </th>
                      <th scope="col" className="govuk-table__header">
                        <span className="govuk-visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody className="govuk-table__body">
                    {data.themes.map((theme) => (
                      <tr className="govuk-table__row" key={theme.code}>
                        <th scope="row" className="govuk-table__header">
                          {theme.name}
                          <span className="govuk-body-s govuk-!-display-block">{theme.code}</span>
                        </th>
                        <td className="govuk-table__cell app-admin-phrases-list">
                          {theme.phrases.join(', ')}
                        </td>
                        <td className="govuk-table__cell">
                          <div className="govuk-button-group govuk-!-margin-bottom-0">
                            <button
                              type="button"
                              id={`change-${theme.code}`}
                              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-1"
                              onClick={() => setEditing({ kind: 'change', theme })}
                            >
                              Change <span className="govuk-visually-hidden">{theme.name}</span>
                            </button>
                            <button
                              type="button"
                              id={`retire-${theme.code}`}
                              className="govuk-button govuk-button--warning govuk-!-margin-bottom-1"
                              onClick={() => setEditing({ kind: 'retire', theme })}
                            >
                              Retire <span className="govuk-visually-hidden">{theme.name}</span>
                            </button>
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <AddThemeForm key={draft?.key ?? 0} draft={draft?.draft ?? null} onChange={report} />
            <ThemesPhrases
              themes={data.themes}
              onChange={report}
              onMakeTheme={(next) =>
                setDraft((last) => ({ key: (last?.key ?? 0) + 1, draft: next }))
              }
            />
          </>
        )}
      </QueryState>
    </>
  );
}
