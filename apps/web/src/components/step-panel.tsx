import { type FormEvent, type ReactNode, useId } from 'react';
import { useFocusOnMount } from '../lib/focus';
import { FormButtons } from './forms/form-buttons';
import { errorMessage } from './query-state';
import './step-panel.css';

/**
 * A step opened in place, beside what it is about: a question before a change, or a small form
 * for one row. It is named by its title and takes focus when it appears (its heading; the panel
 * itself when the title is a question in bold rather than a heading); Escape closes it, as its
 * Cancel does. With `onSubmit` it is the form itself.
 */
export function StepPanel({
  title,
  headingLevel,
  summary,
  onCancel,
  onSubmit,
  children,
}: {
  title: ReactNode;
  /** The title's heading level; none: a question in bold inside something with its own heading. */
  headingLevel?: 2 | 3 | 4 | undefined;
  /** The error summary of a refusal, first in the panel. */
  summary?: ReactNode;
  onCancel: () => void;
  onSubmit?: ((event: FormEvent<HTMLFormElement>) => void) | undefined;
  children: ReactNode;
}) {
  const titleId = useId();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const panel = useFocusOnMount<HTMLFormElement>();
  const Heading = headingLevel ? (`h${headingLevel}` as const) : null;
  const props = {
    className: 'app-step-panel',
    'aria-labelledby': titleId,
    onKeyDown: (event: { key: string }) => {
      if (event.key === 'Escape') onCancel();
    },
    ...(Heading ? {} : { ref: panel, tabIndex: -1 }),
  };
  const content = (
    <>
      {summary}
      {Heading ? (
        <Heading className="govuk-heading-m" id={titleId} ref={heading} tabIndex={-1}>
          {title}
        </Heading>
      ) : (
        <p className="govuk-body govuk-!-font-weight-bold" id={titleId}>
          {title}
        </p>
      )}
      {children}
    </>
  );
  return onSubmit ? (
    <form {...props} onSubmit={onSubmit} noValidate>
      {content}
    </form>
  ) : (
    <section {...props}>{content}</section>
  );
}

/**
 * The question asked before a change that cannot simply be undone (disabling a user, revoking a
 * token, deleting an action): what it does (the children, a WarningText), why it failed if it
 * did, then the answer and Cancel.
 */
export function ConfirmPanel({
  title,
  headingLevel,
  summary,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  pending,
  pendingText,
  error,
}: {
  title: ReactNode;
  headingLevel?: 2 | 3 | 4 | undefined;
  summary?: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string | undefined;
  onConfirm: () => void;
  onCancel: () => void;
  pending: boolean;
  pendingText?: string | undefined;
  /** The change's failure, said in the panel. */
  error?: unknown;
}) {
  return (
    <StepPanel title={title} headingLevel={headingLevel} summary={summary} onCancel={onCancel}>
      {children}
      {error ? (
        <div className="app-load-error govuk-!-margin-bottom-4" role="alert">
          <p className="govuk-body govuk-!-margin-bottom-0">{errorMessage(error)}</p>
        </div>
      ) : null}
      <FormButtons
        label={confirmLabel}
        warning
        pending={pending}
        pendingText={pendingText}
        onClick={onConfirm}
        onCancel={onCancel}
        cancelLabel={cancelLabel}
      />
    </StepPanel>
  );
}
