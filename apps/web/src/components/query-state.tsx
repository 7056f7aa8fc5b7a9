import type { CSSProperties, ReactNode } from 'react';
import { isApiError } from '../lib/api-client';
import { NoAccess } from './no-access';

/** A grey block the size of what is loading, so nothing moves when the data arrives. */
export function Skeleton({
  height,
  width = '100%',
  className = '',
}: {
  height: CSSProperties['height'];
  width?: CSSProperties['width'];
  className?: string;
}) {
  return (
    <div className={`app-skeleton ${className}`} style={{ height, width }} aria-hidden="true" />
  );
}

export function errorMessage(error: unknown): string {
  return isApiError(error) ? error.message : 'Something went wrong.';
}

/** The server refused the request to this user (403): asking again will not help. */
export function isForbidden(error: unknown): boolean {
  return isApiError(error) && error.status === 403;
}

/**
 * A failed request: what failed, the server's message, and a way to ask again; or, when the
 * server refused it to this user (403), that they do not have access and the role it needs.
 */
export function LoadError({
  what,
  error,
  retrying,
  onRetry,
  headingLevel = 2,
}: {
  /** 'The scorecard', 'The trend': '<what> could not be loaded'. */
  what: string;
  error: unknown;
  retrying: boolean;
  onRetry: () => void;
  headingLevel?: 2 | 3 | 4;
}) {
  const Heading = `h${headingLevel}` as const;
  if (isForbidden(error)) {
    return <NoAccess message={errorMessage(error)} headingLevel={headingLevel} />;
  }
  return (
    <div className="app-load-error-block">
      <div className="app-load-error" role="alert">
        <Heading className="govuk-heading-s">{what} could not be loaded</Heading>
        <p className="govuk-body">{errorMessage(error)}</p>
      </div>
      <button
        type="button"
        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2"
        onClick={onRetry}
      >
        Try again
      </button>
      <p className="govuk-body-s" role="status">
        {retrying ? 'Trying again…' : ''}
      </p>
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <div className="govuk-inset-text app-empty">{children}</div>;
}

/** What QueryState reads from a TanStack query (or anything shaped like one). */
export interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  isError: boolean;
  isFetching: boolean;
  refetch: () => unknown;
}

/**
 * The three states every query has, in one place: a skeleton of the final height while loading
 * (announced once through a status message), the error with a retry, or the content.
 */
export function QueryState<T>({
  query,
  what,
  loadingText,
  skeleton,
  headingLevel,
  children,
}: {
  query: QueryLike<T>;
  what: string;
  loadingText: string;
  skeleton: ReactNode;
  headingLevel?: 2 | 3 | 4;
  children: (data: T) => ReactNode;
}) {
  const { data, error, isPending, isError, isFetching, refetch } = query;
  return (
    <div className="app-query-state" aria-busy={isPending || (isError && isFetching)}>
      {isPending ? (
        <>
          <p className="govuk-visually-hidden" role="status">
            {loadingText}
          </p>
          {skeleton}
        </>
      ) : isError ? (
        <LoadError
          what={what}
          error={error}
          retrying={isFetching}
          onRetry={() => void refetch()}
          headingLevel={headingLevel}
        />
      ) : (
        children(data as T)
      )}
    </div>
  );
}
