import type { MouseEvent } from 'react';
import { useFocusOnMount } from '../../lib/focus';

/** One problem: its message, and the id of the field it is about (when it is about one). */
export interface FormProblem {
  message: string;
  fieldId?: string | undefined;
}

/** Focus the field itself: following the fragment alone would only scroll to it. */
function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string) {
  const field = document.getElementById(fieldId);
  if (!field) return;
  event.preventDefault();
  field.focus();
  field.scrollIntoView?.({ block: 'center' });
}

/**
 * The GOV.UK error summary: 'There is a problem' and each problem, linked to its field. It takes
 * focus when it appears, so keyboard and screen reader users start from it; give it a new `key`
 * each time the form is refused, so that it takes focus again.
 */
export function ErrorSummary({ problems }: { problems: readonly FormProblem[] }) {
  const summary = useFocusOnMount<HTMLDivElement>();
  return (
    <div className="govuk-error-summary" ref={summary} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {problems.map((problem) => (
              <li key={`${problem.fieldId ?? ''}:${problem.message}`}>
                {problem.fieldId ? (
                  <a
                    href={`#${problem.fieldId}`}
                    onClick={(event) => focusField(event, problem.fieldId as string)}
                  >
                    {problem.message}
                  </a>
                ) : (
                  problem.message
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
