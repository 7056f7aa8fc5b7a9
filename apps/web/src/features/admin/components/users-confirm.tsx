import { type ReactNode, useEffect, useId, useRef } from 'react';
import { errorMessage } from '../../../components/query-state';
import './users-confirm.css';

/**
 * Asks before a change that cannot simply be undone (disabling a user, revoking a token). It
 * takes focus when it appears; Escape or Cancel closes it.
 */
export function ConfirmPanel({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  pending,
  error,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  pending: boolean;
  error: unknown;
}) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="govuk-!-margin-bottom-6 govuk-!-padding-4 app-confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <h2 className="govuk-heading-m" id={`${id}-title`} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <div className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">Warning</span>
          {children}
        </div>
      </div>
      {error ? (
        <div className="app-load-error govuk-!-margin-bottom-4" role="alert">
          <p className="govuk-body govuk-!-margin-bottom-0">{errorMessage(error)}</p>
        </div>
      ) : null}
      <div className="govuk-button-group">
        <button
          type="button"
          className="govuk-button govuk-button--warning"
          aria-disabled={pending}
          onClick={() => {
            if (!pending) onConfirm();
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
