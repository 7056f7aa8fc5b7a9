import type {
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from 'react';

/** What every GOV.UK form field has around its control. */
export interface FieldProps {
  /** The control's id; its hint and error message take `<id>-hint` and `<id>-error`. */
  id: string;
  label: ReactNode;
  /** The GOV.UK label size (bold): 's' in filters, 'm' as a question; none for body text. */
  labelSize?: 's' | 'm' | 'l' | 'xl' | undefined;
  hint?: ReactNode;
  /** The error to show; the form group and the control are marked as in error while there is one. */
  error?: string | null | undefined;
  /** Classes added to the form group's. */
  groupClassName?: string | undefined;
}

/** What the control inside a Field must carry. */
export interface FieldControl {
  id: string;
  /** The hint, then the error message, as the control's description. */
  'aria-describedby': string | undefined;
  invalid: boolean;
}

function classes(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(' ');
}

/**
 * A GOV.UK form group: the label, the hint, the error message and the control, wired by ids (the
 * label names the control, the hint and error describe it). `children` renders the control with
 * the props it is given. SelectField, InputField and TextareaField cover the usual controls.
 */
export function Field({
  id,
  label,
  labelSize,
  hint,
  error,
  groupClassName,
  children,
}: FieldProps & { children: (control: FieldControl) => ReactNode }) {
  return (
    <div
      className={classes('govuk-form-group', error && 'govuk-form-group--error', groupClassName)}
    >
      <label
        className={classes('govuk-label', labelSize && `govuk-label--${labelSize}`)}
        htmlFor={id}
      >
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      {children({ id, 'aria-describedby': describedBy(id, hint, error), invalid: Boolean(error) })}
    </div>
  );
}

/** What describes a field's control or fieldset: its hint, then its error message. */
function describedBy(id: string, hint: ReactNode, error: string | null | undefined) {
  return classes(hint ? `${id}-hint` : null, error ? `${id}-error` : null) || undefined;
}

/** A field's hint (`<id>-hint`) and its GOV.UK error message (`<id>-error`), when it has them. */
function HintAndError({
  id,
  hint,
  error,
}: {
  id: string;
  hint: ReactNode;
  error: string | null | undefined;
}) {
  return (
    <>
      {hint ? (
        <div className="govuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="govuk-error-message" id={`${id}-error`}>
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
    </>
  );
}

/**
 * A GOV.UK form group of several controls (checkboxes, radios, a date's boxes): a fieldset whose
 * legend asks the question, described by the hint and the error message (`<id>-hint`,
 * `<id>-error`). The error summary links to the first control, which carries its own id.
 */
export function Fieldset({
  id,
  legend,
  hint,
  error,
  groupClassName,
  children,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
  /** Classes added to the form group's. */
  groupClassName?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div
      className={classes('govuk-form-group', error && 'govuk-form-group--error', groupClassName)}
    >
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <HintAndError id={id} hint={hint} error={error} />
        {children}
      </fieldset>
    </div>
  );
}

type ChoiceType = 'checkbox' | 'radio';
const choiceClass = (type: ChoiceType) =>
  type === 'checkbox' ? 'govuk-checkboxes' : 'govuk-radios';

/** The small GOV.UK checkboxes or radios around ChoiceItems. */
export function Choices({ type, children }: { type: ChoiceType; children: ReactNode }) {
  const base = choiceClass(type);
  return <div className={`${base} ${base}--small`}>{children}</div>;
}

/** One GOV.UK checkbox or radio: the control, its label and, when there is one, its hint. */
export function ChoiceItem({
  type,
  id,
  label,
  hint,
  hintId = `${id}-hint`,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'id' | 'className'> & {
  type: ChoiceType;
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The hint's id: `<id>-hint` unless told. */
  hintId?: string;
}) {
  const base = choiceClass(type);
  return (
    <div className={`${base}__item`}>
      <input
        {...input}
        className={`${base}__input`}
        id={id}
        type={type}
        aria-describedby={hint ? hintId : undefined}
      />
      <label className={`govuk-label ${base}__label`} htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={hintId} className={`govuk-hint ${base}__hint`}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}

/** Splits a field's props from its control's. */
function fieldProps<T extends FieldProps>({
  id,
  label,
  labelSize,
  hint,
  error,
  groupClassName,
  ...control
}: T): [FieldProps, Omit<T, keyof FieldProps>] {
  return [{ id, label, labelSize, hint, error, groupClassName }, control];
}

export type SelectFieldProps = FieldProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>;

/** A GOV.UK select with its label, hint and error. The options are its children. */
export function SelectField(props: SelectFieldProps) {
  const [field, { className, ...select }] = fieldProps(props);
  return (
    <Field {...field}>
      {({ invalid, ...wiring }) => (
        <select
          {...select}
          {...wiring}
          className={classes('govuk-select', invalid && 'govuk-select--error', className)}
        />
      )}
    </Field>
  );
}

export type InputFieldProps = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>;

/** A GOV.UK text input (text, date, search...) or, with type 'file', a file upload. */
export function InputField(props: InputFieldProps) {
  const [field, { className, ...input }] = fieldProps(props);
  const base = input.type === 'file' ? 'govuk-file-upload' : 'govuk-input';
  return (
    <Field {...field}>
      {({ invalid, ...wiring }) => (
        <input
          {...input}
          {...wiring}
          className={classes(base, invalid && `${base}--error`, className)}
        />
      )}
    </Field>
  );
}

export type TextareaFieldProps = FieldProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>;

/** A GOV.UK textarea with its label, hint and error. */
export function TextareaField(props: TextareaFieldProps) {
  const [field, { className, ...textarea }] = fieldProps(props);
  return (
    <Field {...field}>
      {({ invalid, ...wiring }) => (
        <textarea
          {...textarea}
          {...wiring}
          className={classes('govuk-textarea', invalid && 'govuk-textarea--error', className)}
        />
      )}
    </Field>
  );
}
