import type { DemoUserSchema } from '@ipo/contracts';
import { type FormEvent, useEffect, useId, useState } from 'react';
import type { z } from 'zod';
import { ErrorSummary, type FormProblem } from '../../../components/forms/error-summary';
import { InputField } from '../../../components/forms/field';
import { LoadError } from '../../../components/query-state';
import { isApiError } from '../../../lib/api-client';
import { Navigate, useLocation, useSearchParams } from '../../../lib/router';
import { setSessionEnding } from '../../../lib/session-store';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useDemoSignIn, useSessionQuery, useSignIn, useSignInMethods } from '../api/session-api';
import { landingPath, safeReturnTo } from '../utils/return-to';
import { rolesInWordsOf } from '../utils/roles';
import type { SignInNotice } from './require-session';

export const SIGN_IN_HEADING = 'Sign in to the service standards dashboard';

const fieldIds = { email: 'sign-in-email', password: 'sign-in-password' } as const;
type FieldName = keyof typeof fieldIds;

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * What a refused sign-in is about, as the error summary lists it: the fields the server named
 * (400), the e-mail address for a wrong e-mail or password (401), nothing in particular else
 * (429 too many attempts, no connection).
 */
function problemsOf(error: unknown, fields: boolean): FormProblem[] {
  if (!isApiError(error)) return [{ message: 'Something went wrong. Try again.' }];
  const named = fields
    ? error.issues.filter((issue): issue is typeof issue & { field: FieldName } =>
        Object.hasOwn(fieldIds, issue.field),
      )
    : [];
  if (named.length > 0) {
    return named.map((issue) => ({
      fieldId: fieldIds[issue.field],
      message: capitalised(issue.message),
    }));
  }
  if (fields && error.status === 401) return [{ fieldId: fieldIds.email, message: error.message }];
  return [{ message: error.message }];
}

/** The sign-in page: an e-mail address and password, the identity provider, the demo users. */
export function SignInPage() {
  const session = useSessionQuery();
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'));
  // Signed in (just now, or already): on to the page that sent the user here (a team lead with
  // nowhere in particular to go: their team's page).
  if (session.data) return <Navigate to={landingPath(returnTo, session.data.user)} replace />;
  return <SignIn returnTo={returnTo} />;
}

function SignIn({ returnTo }: { returnTo: string }) {
  const location = useLocation();
  const notice = (location.state as SignInNotice | null)?.notice;
  const methods = useSignInMethods();
  const signIn = useSignIn();
  const demo = useDemoSignIn();
  // Each refusal gets a new key, so that the summary takes focus again.
  const [refusal, setRefusal] = useState<{ key: number; problems: FormProblem[] } | null>(null);
  const pending = signIn.isPending || demo.isPending;
  useDocumentTitle(refusal ? 'Error: Sign in' : 'Sign in');

  // The reason the last session ended has been told (the notice above): the next redirect to
  // this page comes back to where it started.
  useEffect(() => setSessionEnding(null), []);

  function refuse(problems: FormProblem[]) {
    setRefusal((last) => ({ key: (last?.key ?? 0) + 1, problems }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const problems: FormProblem[] = [];
    if (!email) problems.push({ fieldId: fieldIds.email, message: 'Enter your e-mail address' });
    if (!password) problems.push({ fieldId: fieldIds.password, message: 'Enter your password' });
    if (problems.length > 0) {
      refuse(problems);
      return;
    }
    signIn.mutate({ email, password }, { onError: (error) => refuse(problemsOf(error, true)) });
  }

  function signInAs(email: string) {
    if (pending) return;
    demo.mutate(email, { onError: (error) => refuse(problemsOf(error, false)) });
  }

  const fieldError = (field: FieldName) =>
    refusal?.problems.find((problem) => problem.fieldId === fieldIds[field])?.message;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {refusal ? <ErrorSummary key={refusal.key} problems={refusal.problems} /> : null}
        {notice ? (
          <section className="govuk-notification-banner" aria-labelledby="notice-title">
            <div className="govuk-notification-banner__header">
              <h2 className="govuk-notification-banner__title" id="notice-title">
                Important
              </h2>
            </div>
            <div className="govuk-notification-banner__content">
              <p className="govuk-notification-banner__heading">{notice}</p>
            </div>
          </section>
        ) : null}
        <h1 className="govuk-heading-l">{SIGN_IN_HEADING}</h1>
        {methods.isPending ? (
          <p className="govuk-body" role="status">
            Loading…
          </p>
        ) : methods.isError ? (
          <LoadError
            what="The ways to sign in"
            error={methods.error}
            retrying={methods.isFetching}
            onRetry={() => void methods.refetch()}
          />
        ) : (
          <>
            {methods.data.oidc ? (
              <a
                className="govuk-button"
                href={`/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`}
                draggable={false}
              >
                Sign in with {methods.data.oidc.label}
              </a>
            ) : null}
            {methods.data.password ? (
              <>
                {methods.data.oidc ? (
                  <h2 className="govuk-heading-m">Or sign in with an e-mail address</h2>
                ) : null}
                <form onSubmit={submit} noValidate>
                  <InputField
                    id={fieldIds.email}
                    label="E-mail address"
                    name="email"
                    type="email"
                    autoComplete="username"
                    spellCheck={false}
                    error={fieldError('email')}
                  />
                  <InputField
                    id={fieldIds.password}
                    label="Password"
                    name="password"
                    type="password"
                    autoComplete="current-password"
                    error={fieldError('password')}
                  />
                  <button type="submit" className="govuk-button" aria-disabled={pending}>
                    Sign in
                  </button>
                </form>
              </>
            ) : null}
            {!methods.data.password && !methods.data.oidc && methods.data.demoUsers.length === 0 ? (
              <p className="govuk-body">
                No way to sign in is set up on this installation. Ask the dashboard’s administrator.
              </p>
            ) : null}
            <p className="govuk-body" role="status">
              {pending ? 'Signing in…' : ''}
            </p>
            {methods.data.demoUsers.length > 0 ? (
              <DemoUsers users={methods.data.demoUsers} onSignIn={signInAs} pending={pending} />
            ) : null}
          </>
        )}
      </div>
    </div>
  );
}

type DemoUser = z.infer<typeof DemoUserSchema>;

function DemoUsers({
  users,
  onSignIn,
  pending,
}: {
  users: DemoUser[];
  onSignIn: (email: string) => void;
  pending: boolean;
}) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-heading`} className="app-demo-users">
      <h2 className="govuk-heading-m" id={`${id}-heading`}>
        Try the demo
      </h2>
      <p className="govuk-body">
        The figures here are demo data. Sign in as one of these people, without a password, to see
        the dashboard as their role does.
      </p>
      <ul className="govuk-list app-demo-users__list">
        {users.map((user, i) => (
          <li key={user.email} className="app-demo-users__user">
            <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{user.name}</h3>
            <p className="govuk-body govuk-!-margin-bottom-1" id={`${id}-${i}-role`}>
              <strong>{rolesInWordsOf(user)}</strong>: {user.description}
            </p>
            <button
              type="button"
              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
              aria-describedby={`${id}-${i}-role`}
              aria-disabled={pending}
              onClick={() => onSignIn(user.email)}
            >
              Sign in as {user.name}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
