/**
 * A form's buttons: the one that sends it, Cancel beside it when the form can be closed, and the
 * status line that says it is being sent (when `pendingText` is given). The button is never
 * disabled while the form is sent, so that it keeps focus: it is `aria-disabled`, and a click
 * then does nothing (a submit handler checks its own pending state too).
 */
export function FormButtons({
  label,
  pending,
  pendingText,
  onCancel,
  cancelLabel = 'Cancel',
  warning = false,
  onClick,
}: {
  label: string;
  pending: boolean;
  /** Said while the form is sent: 'Saving the theme…'. */
  pendingText?: string | undefined;
  onCancel?: (() => void) | undefined;
  cancelLabel?: string | undefined;
  /** A change that cannot simply be undone: a red button. */
  warning?: boolean | undefined;
  /** A button outside a form (a question's answer): what it does, instead of submitting. */
  onClick?: (() => void) | undefined;
}) {
  const send = (
    <button
      type={onClick ? 'button' : 'submit'}
      className={warning ? 'govuk-button govuk-button--warning' : 'govuk-button'}
      aria-disabled={pending}
      onClick={
        onClick
          ? () => {
              if (!pending) onClick();
            }
          : undefined
      }
    >
      {label}
    </button>
  );
  return (
    <>
      {onCancel ? (
        <div className="govuk-button-group">
          {send}
          <button type="button" className="govuk-button govuk-button--secondary" onClick={onCancel}>
            {cancelLabel}
          </button>
        </div>
      ) : (
        send
      )}
      {pendingText === undefined ? null : (
        <p className="govuk-body" role="status">
          {pending ? pendingText : ''}
        </p>
      )}
    </>
  );
}
