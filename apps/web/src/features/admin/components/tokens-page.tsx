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
import { type FormEvent, useState } from 'react';
import {
  DateInput,
  type DateParts,
  emptyDate,
  readDateParts,
} from '../../../components/forms/date-input';
import type { FormProblem } from '../../../components/forms/error-summary';
import { ChoiceItem, Choices, Fieldset, InputField } from '../../../components/forms/field';
import { FormButtons } from '../../../components/forms/form-buttons';
import { serverProblems, useFormProblems } from '../../../components/forms/form-problems';
import { NoAccessPage } from '../../../components/no-access';
import { EmptyState, QueryState, Skeleton } from '../../../components/query-state';
import { ConfirmPanel } from '../../../components/step-panel';
import { SuccessBanner, type SuccessNotice } from '../../../components/success-banner';
import { Table } from '../../../components/table';
import { WarningText } from '../../../components/warning-text';
import { londonDate } from '../../../lib/dates';
import { focusLater } from '../../../lib/focus';
import { formatDateTime, formatIsoDate } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useKeyed } from '../../../lib/use-keyed';
import { accessOf } from '../../session/access';
import { useSession } from '../../session/api/session-api';
import { useCreateToken, useRevokeToken, useTokens } from '../api/tokens-api';
import { OneTimeSecret } from './one-time-secret';

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

const REAL_DATE = 'The expiry date must be a real date, like 31 3 2027';

/** Day, month and year as typed -> `YYYY-MM-DD`, or why not (all three blank: no expiry). */
export function expiryOf(
  parts: DateParts,
  today: string = londonDate(),
): { date: string | undefined } | { problem: string } {
  const reading = readDateParts(parts);
  switch (reading.kind) {
    case 'empty':
      return { date: undefined };
    case 'incomplete':
      return { problem: 'The expiry date must include a day, month and year' };
    case 'not-real':
      return { problem: REAL_DATE };
    case 'date':
      return reading.date < today
        ? { problem: 'The expiry date must be today or in the future' }
        : { date: reading.date };
  }
}

/** The last day a token works, from the instant it stops (midnight after that day, London). */
function lastDayOf(expiresAt: string): string {
  return formatIsoDate(londonDate(new Date(Date.parse(expiresAt) - 1)));
}

/** /admin/tokens: the ingestion tokens other systems send data with. */
export function TokensPage() {
  const allowed = canAny(accessOf(useSession()), TOKEN_PERMISSIONS);
  if (!allowed) {
    return <NoAccessPage message={`This needs the role of ${rolesInWords(TOKEN_PERMISSIONS)}.`} />;
  }
  return <Tokens />;
}

function createdNotice(answer: CreateTokenResponse): SuccessNotice {
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
  const [notice, announce] = useKeyed<SuccessNotice>();
  const [revoking, setRevoking] = useState<{ name: string; buttonId: string } | null>(null);

  function closeRevoke(returnFocus: boolean) {
    const opener = revoking?.buttonId;
    setRevoking(null);
    revoke.reset();
    if (returnFocus && opener) focusLater(opener);
  }

  return (
    <>
      {notice ? (
        <SuccessBanner key={notice.key} title={notice.value.title} focus="banner">
          {notice.value.body}
        </SuccessBanner>
      ) : null}
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
            headingLevel={2}
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
            <WarningText>
              Systems that send data with it will be refused from now on. This cannot be undone.
            </WarningText>
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
    <Table
      caption={caption}
      scrollLabel={caption}
      className="app-data-table"
      columns={['Name', 'May send', 'Source', 'Expires', 'Last used', 'State', 'Actions']}
    >
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
    </Table>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (answer: CreateTokenResponse) => void }) {
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [kinds, setKinds] = useState<ImportKind[]>([...KINDS]);
  const [source, setSource] = useState('');
  const [expiry, setExpiry] = useState<DateParts>(emptyDate);
  const { summary, refuse, clear, problemOf } = useFormProblems();

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
    clear();
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
          setExpiry(emptyDate);
          onCreated(answer);
        },
        onError: (error) => refuse(serverProblems(error, ids)),
      },
    );
  }

  return (
    <section aria-labelledby="create-token-heading" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-l" id="create-token-heading">
        Create a token
      </h2>
      {summary}
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
          error={problemOf(ids.name)}
        />
        <Fieldset
          id={ids.kinds}
          legend="What it may send"
          hint="Select every kind of data the system sends."
          error={problemOf(ids.kinds)}
        >
          <Choices type="checkbox">
            {KINDS.map((kind, index) => (
              <ChoiceItem
                key={kind}
                type="checkbox"
                id={index === 0 ? ids.kinds : `${ids.kinds}-${kind}`}
                label={IMPORT_KIND_LABELS[kind]}
                name="kinds"
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
            ))}
          </Choices>
        </Fieldset>
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
          error={problemOf(ids.source)}
        />
        <DateInput
          id="token-expiry"
          legend="Last day it works (optional)"
          hint="For example, 31 3 2027. It stops working at midnight at the end of that day, London time. Leave blank for a token that works until it is revoked."
          error={problemOf(ids.expiresOn)}
          value={expiry}
          onChange={setExpiry}
        />
        <FormButtons
          label="Create token"
          pending={create.isPending}
          pendingText="Creating the token…"
        />
      </form>
    </section>
  );
}
