import { CLOSURE_REASON_MAX } from '@ipo/contracts';
import { TextareaField } from '../../../components/forms/field';
import { Link } from '../../../lib/router';

// What the administration pages share beyond the forms of components/forms: the way back up,
// numbers typed in a box, and the reason each change is made for.

/** A number typed in a box ('95', ' 2.5 '), or null when it is not one. */
export function numberOf(text: string): number | null {
  const t = text.trim();
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  return Number(t);
}

/**
 * What is wrong with the reason typed for a change (it is kept with the change): `whenEmpty`
 * ('Enter why the rules change') when there is none, or that it is too long; null when it will do.
 */
export function reasonProblem(reason: string, whenEmpty: string): string | null {
  const why = reason.trim();
  if (!why) return whenEmpty;
  if (why.length > CLOSURE_REASON_MAX) {
    return `Reason must be ${CLOSURE_REASON_MAX} characters or fewer`;
  }
  return null;
}

/** The box for the reason of a change (what `reasonProblem` checks). */
export function ReasonField({
  id,
  label = 'Reason',
  hint,
  rows = 3,
  error,
  value,
  onChange,
}: {
  id: string;
  label?: string;
  hint: string;
  rows?: number;
  error: string | undefined;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextareaField
      id={id}
      label={label}
      hint={hint}
      error={error}
      name="reason"
      rows={rows}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** The way back up: Administration, then the page's parents. */
export function AdminBreadcrumbs({ trail }: { trail: { to: string; label: string }[] }) {
  return (
    <nav className="govuk-breadcrumbs" aria-label="Breadcrumb">
      <ol className="govuk-breadcrumbs__list">
        {[{ to: '/admin', label: 'Administration' }, ...trail].map((crumb) => (
          <li className="govuk-breadcrumbs__list-item" key={crumb.to}>
            <Link className="govuk-breadcrumbs__link" to={crumb.to}>
              {crumb.label}
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
