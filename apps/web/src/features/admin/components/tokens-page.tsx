import {
  type ApiToken,
  type CreateTokenResponse,
  IMPORT_KIND_LABELS,
  type ImportKind,
  TOKEN_NAME_PATTERN,
  TOKEN_SOURCE_PATTERN,
  type TokenState,
} from '@ipo/contracts';
import { canAny, type Permission, rolesInWords } from '@ipo/domain/access';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { ErrorSummary, type FormProblem } from '../../../components/forms/error-summary';
import { InputField } from '../../../components/forms/field';
import { NoAccessPage } from '../../../components/no-access';
import { EmptyState, QueryState, Skeleton } from '../../../components/query-state';
import { formatDateTime, formatIsoDate } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { accessOf } from '../../session/access';
import { useSession } from '../../session/api/session-api';
import { useCreateToken, useRevokeToken, useTokens } from '../api/tokens-api';
import { ConfirmPanel } from './users-confirm';
import { problemOf, serverProblems } from './users-form-problems';
import { OneTimeSecret } from './users-one-time-secret';

/** The API lets data stewards and administrators manage tokens; so does this page. */
export const TOKEN_PERMISSIONS: readonly Permission[] = ['load-data', 'administer'];

const KINDS: ImportKind[] = ['work-items', 'quality-checks', 'feedback'];

const ids = {
  name: 'token-name',
  kinds: 'token-kinds',
  source: 'token-source',
  expiresOn: 'token-expiry-day',
};

const STATE: Record<TokenState, { words: string; tag: string }> = {
  active: { words: 'Active', tag: 'govuk-tag--green' },
  expired: { words: 'Expired', tag: 'govuk-tag--grey' },
  revoked: { words: 'Revoked', tag: 'govuk-tag--red' },
};

const londonToday = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

/** Day, month and year as typed -> `YYYY-MM-DD`, or why not (all three blank: no expiry). */
export function expiryOf(
  parts: { day: string; month: string; year: string },
  today: string = londonToday(),
): { date: string | undefined } | { problem: string } {
  const day = parts.day.trim();
  const month = parts.month.trim();
  const year = parts.year.trim();
  if (!day && !month && !year) return { date: undefined };
  if (!day || !month || !year) {
    return { problem: 'The expiry date must include a day, month and year' };
  }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
    return { problem: 'The expiry date must be a real date, like 31 3 2027' };
  }
  const [d, m, y] = [Number(day), Number(month), Number(year)];
  const instant = new Date(Date.UTC(y, m - 1, d));
  if (
    instant.getUTCFullYear() !== y ||
    instant.getUTCMonth() !== m - 1 ||
    instant.getUTCDate() !== d
  ) {
    return { problem: 'The expiry date must be a real date, like 31 3 2027' };
  }
  const date = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (date < today) return { problem: 'The expiry date must be today or in the future' };
  return { date };
}

/** The last day a token works, from the instant it stops (midnight after that day, London). */
function lastDayOf(expiresAt: string): string {
  const lastMoment = new Date(Date.parse(expiresAt) - 1);
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(lastMoment);
  return formatIsoDate(day);
}

/** /admin/tokens: the ingestion tokens other systems send data with. */
export function TokensPage() {
  const allowed = canAny(accessOf(useSession()), TOKEN_PERMISSIONS);
  if (!allowed) {
    return <NoAccessPage message={`This needs the role of ${rolesInWords(TOKEN_PERMISSIONS)}.`} />;
  }
  return <Tokens />;
}

interface Notice {
  title: string;
  body: ReactNode;
}

function NoticeBanner({ notice }: { notice: Notice }) {
  const banner = useRef<HTMLDivElement>(null);
  useEffect(() => {
    banner.current?.focus();
  }, []);
  return (
    <div
      className="govuk-notification-banner govuk-notification-banner--success"
      role="alert"
      aria-labelledby="tokens-notice-title"
      tabIndex={-1}
      ref={banner}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="tokens-notice-title">
          Success
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <h3 className="govuk-notification-banner__heading">{notice.title}</h3>
        {notice.body}
      </div>
    </div>
  );
}

function createdNotice(answer: CreateTokenResponse): Notice {
  return {
    title: `Token ${answer.name} created`,
    body: (
      <>
        <p className="govuk-body">
          This is the only time the token is shown: copy it now into the system that sends data with
          it (in <code>Authorization: Bearer …</code>). Only a fingerprint of it is kept, so it
          cannot be shown again.
        </p>
        <OneTimeSecret id="tokens-new-token" label="token" value={answer.token} />
      </>
    ),
  };
}

function Tokens() {
  useDocumentTitle('Ingestion tokens');
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [notice, setNotice] = useState<{ key: number; notice: Notice } | null>(null);
  const [revoking, setRevoking] = useState<{ name: string; buttonId: string } | null>(null);

  function announce(next: Notice) {
    setNotice((current) => ({ key: (current?.key ?? 0) + 1, notice: next }));
  }

  function closeRevoke(returnFocus: boolean) {
    const opener = revoking?.buttonId;
    setRevoking(null);
    revoke.reset();
    if (returnFocus && opener) setTimeout(() => document.getElementById(opener)?.focus(), 0);
  }

  return (
    <>
      {notice ? <NoticeBanner key={notice.key} notice={notice.notice} /> : null}
      <h1 className="govuk-heading-xl">Ingestion tokens</h1>
      <p className="govuk-body-l">
        Other systems send work items, quality checks and feedback to the dashboard with a token (
        <code>POST /api/ingest/…</code>). Each token may send only the kinds of data it is given,
        optionally only for one source, until it expires or is revoked.
      </p>

      <section aria-labelledby="tokens-heading" className="govuk-!-margin-bottom-8">
        <h2 className="govuk-heading-l" id="tokens-heading">
          Tokens
        </h2>
        {revoking ? (
          <ConfirmPanel
            key={revoking.name}
            title={`Revoke the token ${revoking.name}?`}
            confirmLabel={`Yes, revoke ${revoking.name}`}
            pending={revoke.isPending}
            error={revoke.error}
            onCancel={() => closeRevoke(true)}
            onConfirm={() =>
              revoke.mutate(revoking.name, {
                onSuccess: () => {
                  const name = revoking.name;
                  closeRevoke(false);
                  announce({
                    title: `Token ${name} revoked`,
                    body: (
                      <p className="govuk-body">
                        Data sent with it is refused from now on. Create a new token if the system
                        needs one again.
                      </p>
                    ),
                  });
                },
              })
            }
          >
            Systems that send data with it will be refused from now on. This cannot be undone.
          </ConfirmPanel>
        ) : null}
        <QueryState
          query={tokens}
          what="The tokens"
          loadingText="Loading the tokens…"
          skeleton={<Skeleton height={160} />}
        >
          {(data) =>
            data.tokens.length === 0 ? (
              <EmptyState>There are no tokens yet.</EmptyState>
            ) : (
              <TokensTable
                tokens={data.tokens}
                onRevoke={(token, buttonId) => {
                  revoke.reset();
                  setRevoking({ name: token.name, buttonId });
                }}
              />
            )
          }
        </QueryState>
      </section>

      <CreateTokenForm
        onCreated={(answer) => {
          closeRevoke(false);
          announce(createdNotice(answer));
        }}
      />
    </>
  );
}

function TokensTable({
  tokens,
  onRevoke,
}: {
  tokens: readonly ApiToken[];
  onRevoke: (token: ApiToken, buttonId: string) => void;
}) {
  const caption = `Tokens (${tokens.length})`;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus (WCAG 2.1.1)
    <section className="app-table-scroll" aria-label={caption} tabIndex={0}>
      <table className="govuk-table app-data-table">
        <caption className="govuk-table__caption govuk-table__caption--s">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {['Name', 'May send', 'Source', 'Expires', 'Last used', 'State', 'Actions'].map(
              (header) => (
                <th key={header} scope="col" className="govuk-table__header">
                  {header}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {tokens.map((token, index) => {
            const buttonId = `token-revoke-${index}`;
            const kinds = token.kinds.map((k) => IMPORT_KIND_LABELS[k as ImportKind] ?? k);
            return (
              <tr key={token.name} className="govuk-table__row">
                <th scope="row" className="govuk-table__header">
                  {token.name}{' '}
                  <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
                    Created by {token.createdBy}, {formatDateTime(token.createdAt)}
                  </span>
                </th>
                <td className="govuk-table__cell">{kinds.join(', ')}</td>
                <td className="govuk-table__cell">{token.source ?? 'Any'}</td>
                <td className="govuk-table__cell">
                  {token.expiresAt ? `At the end of ${lastDayOf(token.expiresAt)}` : 'Never'}
                </td>
                <td className="govuk-table__cell">
                  {token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}
                </td>
                <td className="govuk-table__cell">
                  <strong className={`govuk-tag ${STATE[token.state].tag}`}>
                    {STATE[token.state].words}
                  </strong>
                  {token.state === 'revoked' && token.revokedAt ? (
                    <span className="govuk-body-s govuk-!-display-block govuk-!-margin-bottom-0">
                      {formatDateTime(token.revokedAt)}
                    </span>
                  ) : null}
                </td>
                <td className="govuk-table__cell">
                  {token.state === 'revoked' ? null : (
                    <button
                      type="button"
                      id={buttonId}
                      className="govuk-link app-link-button"
                      onClick={() => onRevoke(token, buttonId)}
                    >
                      Revoke <span className="govuk-visually-hidden">the token {token.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (answer: CreateTokenResponse) => void }) {
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [kinds, setKinds] = useState<ImportKind[]>([...KINDS]);
  const [source, setSource] = useState('');
  const [expiry, setExpiry] = useState({ day: '', month: '', year: '' });
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [attempt, setAttempt] = useState(0);

  function refuse(found: FormProblem[]) {
    setProblems(found);
    setAttempt((n) => n + 1);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (create.isPending) return;
    const found: FormProblem[] = [];
    const trimmedName = name.trim();
    if (!trimmedName) found.push({ message: 'Enter a name for the token', fieldId: ids.name });
    else if (!TOKEN_NAME_PATTERN.test(trimmedName)) {
      found.push({
        message:
          'The name must be 1 to 64 letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit',
        fieldId: ids.name,
      });
    }
    if (kinds.length === 0) {
      found.push({ message: 'Select at least one kind of data', fieldId: ids.kinds });
    }
    const trimmedSource = source.trim();
    if (trimmedSource && !TOKEN_SOURCE_PATTERN.test(trimmedSource)) {
      found.push({
        message:
          'The source must be lower-case letters, digits, dots, dashes or underscores, like crm',
        fieldId: ids.source,
      });
    }
    const expiresOn = expiryOf(expiry);
    if ('problem' in expiresOn) found.push({ message: expiresOn.problem, fieldId: ids.expiresOn });
    if (found.length || 'problem' in expiresOn) {
      refuse(found);
      return;
    }
    setProblems([]);
    create.mutate(
      {
        name: trimmedName,
        kinds,
        ...(trimmedSource ? { source: trimmedSource } : {}),
        ...(expiresOn.date ? { expiresOn: expiresOn.date } : {}),
      },
      {
        onSuccess: (answer) => {
          setName('');
          setKinds([...KINDS]);
          setSource('');
          setExpiry({ day: '', month: '', year: '' });
          onCreated(answer);
        },
        onError: (error) => refuse(serverProblems(error, ids)),
      },
    );
  }

  const kindsError = problemOf(problems, ids.kinds);
  const expiryError = problemOf(problems, ids.expiresOn);
  const part = (key: 'day' | 'month' | 'year', label: string, width: 2 | 4) => (
    <div className="govuk-date-input__item">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-date-input__label" htmlFor={`token-expiry-${key}`}>
          {label}
        </label>
        <input
          className={`govuk-input govuk-date-input__input govuk-input--width-${width}${expiryError ? ' govuk-input--error' : ''}`}
          id={`token-expiry-${key}`}
          name={`expiry-${key}`}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={expiry[key]}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setExpiry((current) => ({ ...current, [key]: value }));
          }}
        />
      </div>
    </div>
  );

  return (
    <section aria-labelledby="create-token-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-l" id="create-token-heading">
        Create a token
      </h2>
      {problems.length > 0 ? <ErrorSummary key={attempt} problems={problems} /> : null}
      <form onSubmit={submit} noValidate>
        <InputField
          id={ids.name}
          label="Name"
          labelSize="s"
          hint="The system that will use it, such as crm-nightly. Names are unique."
          name="name"
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={problemOf(problems, ids.name)}
        />
        <div className={`govuk-form-group${kindsError ? ' govuk-form-group--error' : ''}`}>
          <fieldset
            className="govuk-fieldset"
            aria-describedby={
              kindsError ? 'token-kinds-hint token-kinds-error' : 'token-kinds-hint'
            }
          >
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
              What it may send
            </legend>
            <div id="token-kinds-hint" className="govuk-hint">
              Select every kind of data the system sends.
            </div>
            {kindsError ? (
              <p className="govuk-error-message" id="token-kinds-error">
                <span className="govuk-visually-hidden">Error:</span> {kindsError}
              </p>
            ) : null}
            <div
              className="govuk-checkboxes govuk-checkboxes--small"
              data-module="govuk-checkboxes"
            >
              {KINDS.map((kind, index) => {
                const inputId = index === 0 ? ids.kinds : `${ids.kinds}-${kind}`;
                return (
                  <div className="govuk-checkboxes__item" key={kind}>
                    <input
                      className="govuk-checkboxes__input"
                      id={inputId}
                      name="kinds"
                      type="checkbox"
                      value={kind}
                      checked={kinds.includes(kind)}
                      onChange={(event) => {
                        const on = event.currentTarget.checked;
                        setKinds((current) =>
                          on
                            ? KINDS.filter((k) => k === kind || current.includes(k))
                            : current.filter((k) => k !== kind),
                        );
                      }}
                    />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor={inputId}>
                      {IMPORT_KIND_LABELS[kind]}
                    </label>
                  </div>
                );
              })}
            </div>
          </fieldset>
        </div>
        <InputField
          id={ids.source}
          label="Source (optional)"
          labelSize="s"
          hint="The source its rows must carry, such as crm. Leave blank to allow any source."
          name="source"
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={source}
          onChange={(event) => setSource(event.currentTarget.value)}
          error={problemOf(problems, ids.source)}
        />
        <div className={`govuk-form-group${expiryError ? ' govuk-form-group--error' : ''}`}>
          <fieldset
            className="govuk-fieldset"
            aria-describedby={
              expiryError ? 'token-expiry-hint token-expiry-error' : 'token-expiry-hint'
            }
          >
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
              Last day it works (optional)
            </legend>
            <div id="token-expiry-hint" className="govuk-hint">
              For example, 31 3 2027. It stops working at midnight at the end of that day, London
              time. Leave blank for a token that works until it is revoked.
            </div>
            {expiryError ? (
              <p className="govuk-error-message" id="token-expiry-error">
                <span className="govuk-visually-hidden">Error:</span> {expiryError}
              </p>
            ) : null}
            <div className="govuk-date-input" id="token-expiry">
              {part('day', 'Day', 2)}
              {part('month', 'Month', 2)}
              {part('year', 'Year', 4)}
            </div>
          </fieldset>
        </div>
        <button type="submit" className="govuk-button" aria-disabled={create.isPending}>
          Create token
        </button>
        <p className="govuk-body" role="status">
          {create.isPending ? 'Creating the token…' : ''}
        </p>
      </form>
    </section>
  );
}
