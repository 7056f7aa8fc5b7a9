import {
  type Standard,
  type StandardDetailResponse,
  type TargetPreviewBody,
  type TargetPreviewResponse,
  THRESHOLD_MAXIMA,
} from '@ipo/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import {
  DateInput,
  type DateParts,
  emptyDate,
  parseDateParts,
} from '../../../components/forms/date-input';
import type { FormProblem } from '../../../components/forms/error-summary';
import { Field } from '../../../components/forms/field';
import { FormButtons } from '../../../components/forms/form-buttons';
import { serverProblems, useFormProblems } from '../../../components/forms/form-problems';
import { StatusTag } from '../../../components/status/status-tag';
import { SuccessBanner } from '../../../components/success-banner';
import { formatIsoDate } from '../../../lib/format';
import { useSession } from '../../session/api/session-api';
import { useAddTargetVersion, usePreviewTargetVersion } from '../api/standards-admin-api';
import { numberOf, ReasonField, reasonProblem } from './admin-shared';
import { TargetPreview } from './standards-target-preview';
import {
  storedOf,
  targetValueInWords,
  toleranceInWords,
  typedOf,
  unitOfMeasure,
} from './standards-units';

export const targetFieldIds = {
  target: 'target-value',
  tolerance: 'target-tolerance',
  effectiveFrom: 'target-from',
  reason: 'target-reason',
} as const;

const DATE_LABEL = 'Date the target takes effect';

/** How the server names the fields, for its refusals. */
const serverFields = {
  target: { id: targetFieldIds.target, label: 'Target' },
  tolerance: { id: targetFieldIds.tolerance, label: 'Tolerance' },
  effectiveFrom: { id: `${targetFieldIds.effectiveFrom}-day`, label: DATE_LABEL },
  reason: { id: targetFieldIds.reason, label: 'Reason' },
};

interface Values {
  target: string;
  tolerance: string;
  effectiveFrom: DateParts;
  reason: string;
}

type Step =
  | { kind: 'edit' }
  | { kind: 'preview'; body: TargetPreviewBody; reason: string; preview: TargetPreviewResponse }
  | { kind: 'done'; body: TargetPreviewBody; preview: TargetPreviewResponse };

/**
 * A new target version in three steps: the form, a preview of what it changes (the last 12
 * months' status now and with it), and the confirmation that stores it.
 */
export function TargetVersionForm({
  standard,
  detail,
}: {
  standard: Standard;
  detail: StandardDetailResponse;
}) {
  const unit = unitOfMeasure(standard.measure);
  const user = useSession();
  const blank = (): Values => ({
    target: '',
    tolerance: standard.target ? typedOf(standard.target.tolerance, unit) : '',
    effectiveFrom: emptyDate,
    reason: '',
  });
  const [values, setValues] = useState<Values>(blank);
  const [step, setStep] = useState<Step>({ kind: 'edit' });
  const { summary, refuse, clear, problemOf } = useFormProblems();
  const preview = usePreviewTargetVersion(standard.code);
  const add = useAddTargetVersion(standard.code);
  const heading = useRef<HTMLHeadingElement>(null);
  const returning = useRef(false);

  useEffect(() => {
    if (step.kind === 'edit' && returning.current) {
      returning.current = false;
      heading.current?.focus();
    }
  }, [step.kind]);

  const latest = detail.targets.at(-1)?.effectiveFrom ?? null;

  function check(): { body: TargetPreviewBody; reason: string } | FormProblem[] {
    const problems: FormProblem[] = [];
    const days = unit === 'working_days';
    const target = numberOf(values.target);
    if (!values.target.trim()) {
      problems.push({ fieldId: targetFieldIds.target, message: 'Enter the target' });
    } else if (target === null) {
      problems.push({ fieldId: targetFieldIds.target, message: 'Target must be a number' });
    } else if (
      days ? target <= 0 || target > THRESHOLD_MAXIMA.working_days : target <= 0 || target > 100
    ) {
      problems.push({
        fieldId: targetFieldIds.target,
        message: days
          ? `Target must be more than 0 and no more than ${THRESHOLD_MAXIMA.working_days} working days`
          : 'Target must be more than 0% and no more than 100%',
      });
    }
    const tolerance = numberOf(values.tolerance);
    if (!values.tolerance.trim()) {
      problems.push({ fieldId: targetFieldIds.tolerance, message: 'Enter the tolerance' });
    } else if (tolerance === null) {
      problems.push({ fieldId: targetFieldIds.tolerance, message: 'Tolerance must be a number' });
    } else if (
      days
        ? tolerance < 0 || tolerance > THRESHOLD_MAXIMA.working_days
        : tolerance < 0 || tolerance >= 100
    ) {
      problems.push({
        fieldId: targetFieldIds.tolerance,
        message: days
          ? `Tolerance must be 0 or more and no more than ${THRESHOLD_MAXIMA.working_days} working days`
          : 'Tolerance must be 0 or more and less than 100 percentage points',
      });
    }
    const date = parseDateParts(
      values.effectiveFrom,
      DATE_LABEL,
      'Enter the date the target takes effect',
    );
    const dateId = `${targetFieldIds.effectiveFrom}-day`;
    if (date.problem !== null) {
      problems.push({ fieldId: dateId, message: date.problem });
    } else if (latest !== null && date.date <= latest) {
      problems.push({
        fieldId: dateId,
        message: `${DATE_LABEL} must be after ${formatIsoDate(latest)}, when the latest target took effect`,
      });
    }
    const reason = values.reason.trim();
    const reasonWrong = reasonProblem(reason, 'Enter why the target changes');
    if (reasonWrong) problems.push({ fieldId: targetFieldIds.reason, message: reasonWrong });
    if (problems.length > 0 || target === null || tolerance === null || date.date === null) {
      return problems;
    }
    return {
      body: {
        effectiveFrom: date.date,
        target: storedOf(target, unit),
        tolerance: storedOf(tolerance, unit),
      },
      reason,
    };
  }

  function onPreview(event: FormEvent) {
    event.preventDefault();
    if (preview.isPending) return;
    const checked = check();
    if (Array.isArray(checked)) {
      refuse(checked);
      return;
    }
    preview.mutate(checked.body, {
      onSuccess: (answer) => {
        clear();
        setStep({ kind: 'preview', body: checked.body, reason: checked.reason, preview: answer });
      },
      onError: (error) => refuse(serverProblems(error, serverFields)),
    });
  }

  function onConfirm() {
    if (step.kind !== 'preview' || add.isPending) return;
    add.mutate(
      {
        ...step.body,
        reason: step.reason,
        changedBy: user?.name ?? user?.email ?? 'an administrator',
      },
      {
        onSuccess: () => {
          clear();
          setValues(blank());
          setStep({ kind: 'done', body: step.body, preview: step.preview });
        },
        onError: (error) => {
          const problems = serverProblems(error, serverFields);
          // A field refused (a version added meanwhile): back to the form, saying why.
          if (problems.some((problem) => problem.fieldId)) {
            returning.current = true;
            setStep({ kind: 'edit' });
          }
          refuse(problems);
        },
      },
    );
  }

  function backToForm() {
    returning.current = true;
    setStep({ kind: 'edit' });
  }

  const days = unit === 'working_days';

  return (
    <section aria-labelledby="target-form-heading" className="govuk-!-margin-bottom-9">
      <h2 className="govuk-heading-l" id="target-form-heading" ref={heading} tabIndex={-1}>
        Add a target version
      </h2>

      {step.kind === 'done' ? (
        <Done
          step={step}
          unit={unit}
          onAnother={() => {
            add.reset();
            backToForm();
          }}
        />
      ) : null}

      {step.kind === 'preview' ? (
        <TargetPreview
          preview={step.preview}
          reason={step.reason}
          summary={summary}
          pending={add.isPending}
          onConfirm={onConfirm}
          onChange={backToForm}
        />
      ) : null}

      {step.kind === 'edit' ? (
        <form onSubmit={onPreview} noValidate>
          {summary}
          <p className="govuk-body">
            A new version takes effect on its date; the version in force before it ends the day
            before. Periods are judged against the version in force on their first day. You will see
            what it changes before you confirm it.
          </p>
          <NumberField
            id={targetFieldIds.target}
            label={days ? 'Target (working days)' : 'Target'}
            hint={
              days
                ? `The ${standard.percentile ?? 90}th percentile of working days taken must be at most this, such as 10`
                : 'The share that must meet the standard, as a percentage, such as 95'
            }
            suffix={days ? 'days' : '%'}
            error={problemOf(targetFieldIds.target)}
            value={values.target}
            onChange={(target) => setValues((v) => ({ ...v, target }))}
          />
          <NumberField
            id={targetFieldIds.tolerance}
            label={days ? 'Tolerance (working days)' : 'Tolerance (percentage points)'}
            hint={
              days
                ? 'How many working days over the target still count as near target, such as 1'
                : 'How far below the target still counts as near target, such as 2 (a 95% target is near from 93%)'
            }
            suffix={days ? 'days' : 'points'}
            error={problemOf(targetFieldIds.tolerance)}
            value={values.tolerance}
            onChange={(tolerance) => setValues((v) => ({ ...v, tolerance }))}
          />
          <DateInput
            id={targetFieldIds.effectiveFrom}
            legend={DATE_LABEL}
            hint={
              latest
                ? `After ${formatIsoDate(latest)}, when the latest target took effect. For example, 1 4 2027`
                : 'For example, 1 4 2027'
            }
            error={problemOf(`${targetFieldIds.effectiveFrom}-day`)}
            value={values.effectiveFrom}
            onChange={(effectiveFrom) => setValues((v) => ({ ...v, effectiveFrom }))}
          />
          <ReasonField
            id={targetFieldIds.reason}
            hint="Why the target changes. It is shown in the target history."
            error={problemOf(targetFieldIds.reason)}
            value={values.reason}
            onChange={(reason) => setValues((v) => ({ ...v, reason }))}
          />
          <FormButtons
            label="Preview the change"
            pending={preview.isPending}
            pendingText="Working out what the new target changes…"
          />
        </form>
      ) : null}
    </section>
  );
}

/** A GOV.UK text input for a number, with its unit after it. */
function NumberField({
  id,
  label,
  hint,
  suffix,
  error,
  value,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  suffix: string;
  error: string | undefined;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {({ invalid, ...wiring }) => (
        <div className="govuk-input__wrapper">
          <input
            {...wiring}
            className={`govuk-input govuk-input--width-5${invalid ? ' govuk-input--error' : ''}`}
            name={id}
            type="text"
            inputMode="decimal"
            spellCheck={false}
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
          <div className="govuk-input__suffix" aria-hidden="true">
            {suffix}
          </div>
        </div>
      )}
    </Field>
  );
}

function Done({
  step,
  unit,
  onAnother,
}: {
  step: Extract<Step, { kind: 'done' }>;
  unit: ReturnType<typeof unitOfMeasure>;
  onAnother: () => void;
}) {
  const last = step.preview.periods.at(-1);
  return (
    <SuccessBanner
      focus="heading"
      title={`New target saved: ${targetValueInWords(step.body.target, unit)} from ${formatIsoDate(step.body.effectiveFrom)}`}
    >
      <p className="govuk-body">
        Tolerance {toleranceInWords(step.body.tolerance, unit)}. It is in the target history above,
        and the scorecard judges periods from {formatIsoDate(step.body.effectiveFrom)} against it.
      </p>
      {last ? (
        <p className="govuk-body">
          {last.period.label} on the scorecard: <StatusTag status={last.proposedStatus} />
        </p>
      ) : null}
      <button type="button" className="govuk-button govuk-button--secondary" onClick={onAnother}>
        Add another target version
      </button>
    </SuccessBanner>
  );
}
