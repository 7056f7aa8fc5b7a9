import type { Theme } from '@ipo/contracts';
import { useState } from 'react';
import { QueryState, Skeleton } from '../../../components/query-state';
import { SuccessBanner } from '../../../components/success-banner';
import { Table } from '../../../components/table';
import { focusLater } from '../../../lib/focus';
import { formatCount } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useKeyed } from '../../../lib/use-keyed';
import { useTaxonomy } from '../api/themes-api';
import { AdminBreadcrumbs } from './admin-shared';
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
  const [change, showChange] = useKeyed<ThemeChange>();
  const [draft, makeTheme] = useKeyed<ThemeDraft>();

  const report = (next: ThemeChange) => {
    setEditing(null);
    showChange(next);
  };
  const cancel = () => {
    // Back to the button that opened the step.
    if (editing) focusLater(`${editing.kind}-${editing.theme.code}`);
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
        <SuccessBanner key={change.key} title={change.value.title} focus="heading">
          <p className="govuk-body">
            {change.value.retagged === 0
              ? 'No comment’s themes changed.'
              : `${formatCount(change.value.retagged)} ${change.value.retagged === 1 ? 'comment was' : 'comments were'} re-tagged.`}
          </p>
        </SuccessBanner>
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
                <Table
                  labelledBy="themes-heading"
                  columns={['Theme', 'Phrases', { label: 'Actions', hidden: true }]}
                >
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
                </Table>
              )}
            </section>
            <AddThemeForm key={draft?.key ?? 0} draft={draft?.value ?? null} onChange={report} />
            <ThemesPhrases themes={data.themes} onChange={report} onMakeTheme={makeTheme} />
          </>
        )}
      </QueryState>
    </>
  );
}
