import {
  type Division,
  DivisionSchema,
  type Standard,
  THRESHOLD_MAXIMA,
  type ThresholdUnit,
  ThresholdUnitSchema,
  type UpdateStandardBody,
  type UpdateStandardResponse,
} from '@ipo/contracts';
import { type FormEvent, useState } from 'react';
import type { FormProblem } from '../../../components/forms/error-summary';
import { InputField, SelectField } from '../../../components/forms/field';
import { FormButtons } from '../../../components/forms/form-buttons';
import { serverProblems, useFormProblems } from '../../../components/forms/form-problems';
import { SuccessBanner } from '../../../components/success-banner';
import { WarningText } from '../../../components/warning-text';
import { formatCount } from '../../../lib/format';
import { quantityInWords } from '../../../lib/wording';
import { useUpdateStandard } from '../api/standards-admin-api';
import { ReasonField, reasonProblem } from './admin-shared';
import { RecalculationProgress } from './recalculation-progress';
import { DIVISION_LABELS } from './standards-units';

export const ruleFieldIds = {
  thresholdValue: 'rules-threshold',
  thresholdUnit: 'rules-unit',
  division: 'rules-division',
  minimumSample: 'rules-sample',
  reason: 'rules-reason',
} as const;

const serverFields = {
  thresholdValue: { id: ruleFieldIds.thresholdValue, label: 'Threshold' },
  thresholdUnit: { id: ruleFieldIds.thresholdUnit, label: 'Unit' },
  division: { id: ruleFieldIds.division, label: 'Working days of' },
  minimumSample: { id: ruleFieldIds.minimumSample, label: 'Minimum sample' },
  reason: { id: ruleFieldIds.reason, label: 'Reason' },
  body: { id: ruleFieldIds.minimumSample, label: 'The change' },
};

const UNIT_LABELS: Record<ThresholdUnit, string> = {
  seconds: 'Seconds',
  working_days: 'Working days',
  calendar_days: 'Calendar days',
  calendar_months: 'Calendar months',
};

const FIELD_WORDS: Record<string, string> = {
  thresholdValue: 'Threshold',
  thresholdUnit: 'Threshold unit',
  division: 'Working days of',
  minimumSample: 'Minimum sample',
};

function valueInWords(field: string, value: number | string | null): string {
  if (value === null) return 'none';
  if (field === 'division') return DIVISION_LABELS[value as Division] ?? String(value);
  if (field === 'thresholdUnit') return UNIT_LABELS[value as ThresholdUnit] ?? String(value);
  return typeof value === 'number' ? formatCount(value) : value;
}

/** 'Threshold changed from 10 to 5; Minimum sample changed from 30 to 50.' */
function changesInWords(changes: UpdateStandardResponse['changes']): string {
  return Object.entries(changes)
    .map(
      ([field, c]) =>
        `${FIELD_WORDS[field] ?? field} changed from ${valueInWords(field, c.from)} to ${valueInWords(field, c.to)}`,
    )
    .join('; ');
}

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null);

/**
 * The threshold, division and minimum sample (PATCH /api/admin/standards/:code). A threshold or
 * division change recalculates every item of the standard: its progress is shown while it runs.
 */
export function ThresholdForm({ standard }: { standard: Standard }) {
  const [values, setValues] = useState({
    thresholdValue: standard.threshold ? String(standard.threshold.value) : '',
    thresholdUnit: standard.threshold?.unit ?? 'working_days',
    division: standard.division,
    minimumSample: String(standard.minimumSample),
    reason: '',
  });
  const { summary, refuse, clear, problemOf } = useFormProblems();
  const update = useUpdateStandard(standard.code);
  const [answer, setAnswer] = useState<UpdateStandardResponse | null>(null);

  const timeliness = standard.kind === 'timeliness';
  const unitFixed = standard.measure === 'percentile_turnaround';

  function check(): UpdateStandardBody | FormProblem[] {
    const problems: FormProblem[] = [];
    const body: UpdateStandardBody = {};
    if (standard.threshold) {
      const value = wholeNumber(values.thresholdValue);
      const unit = values.thresholdUnit as ThresholdUnit;
      const max = THRESHOLD_MAXIMA[unit];
      if (!values.thresholdValue.trim()) {
        problems.push({ fieldId: ruleFieldIds.thresholdValue, message: 'Enter the threshold' });
      } else if (value === null) {
        problems.push({
          fieldId: ruleFieldIds.thresholdValue,
          message: 'Threshold must be a whole number',
        });
      } else if (value > max) {
        problems.push({
          fieldId: ruleFieldIds.thresholdValue,
          message: `Threshold must be no more than ${quantityInWords(max, unit)}`,
        });
      } else {
        if (value !== standard.threshold.value) body.thresholdValue = value;
        if (unit !== standard.threshold.unit) body.thresholdUnit = unit;
      }
    }
    if (timeliness && values.division !== standard.division) body.division = values.division;
    const sample = wholeNumber(values.minimumSample);
    if (!values.minimumSample.trim()) {
      problems.push({ fieldId: ruleFieldIds.minimumSample, message: 'Enter the minimum sample' });
    } else if (sample === null || sample < 1 || sample > 1_000_000) {
      problems.push({
        fieldId: ruleFieldIds.minimumSample,
        message: 'Minimum sample must be a whole number from 1 to 1,000,000',
      });
    } else if (sample !== standard.minimumSample) {
      body.minimumSample = sample;
    }
    const reason = values.reason.trim();
    const reasonWrong = reasonProblem(reason, 'Enter why the rules change');
    if (reasonWrong) problems.push({ fieldId: ruleFieldIds.reason, message: reasonWrong });
    if (problems.length > 0) return problems;
    if (Object.keys(body).length === 0) {
      return [
        {
          fieldId: standard.threshold ? ruleFieldIds.thresholdValue : ruleFieldIds.minimumSample,
          message: 'Change the threshold, the working days or the minimum sample: nothing changed',
        },
      ];
    }
    return { ...body, reason };
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (update.isPending) return;
    const checked = check();
    if (Array.isArray(checked)) {
      refuse(checked);
      return;
    }
    setAnswer(null);
    update.mutate(checked, {
      onSuccess: (result) => {
        clear();
        setValues((v) => ({ ...v, reason: '' }));
        setAnswer(result);
      },
      onError: (error) => refuse(serverProblems(error, serverFields)),
    });
  }

  return (
    <section aria-labelledby="rules-form-heading" className="govuk-!-margin-bottom-9">
      <h2 className="govuk-heading-l" id="rules-form-heading">
        {timeliness
          ? 'Change the threshold, working days or minimum sample'
          : standard.threshold
            ? 'Change the threshold or minimum sample'
            : 'Change the minimum sample'}
      </h2>
      {answer ? (
        <SuccessBanner
          focus="heading"
          title={
            answer.recalculation
              ? `Saved: ${changesInWords(answer.changes)}. It applies when the recalculation has finished.`
              : `Saved: ${changesInWords(answer.changes)}.`
          }
        />
      ) : null}
      {answer?.recalculation ? (
        <RecalculationProgress key={answer.recalculation.id} job={answer.recalculation} />
      ) : null}
      <form onSubmit={onSubmit} noValidate>
        {summary}
        {standard.threshold || timeliness ? (
          <WarningText>
            Changing the threshold or the working days recalculates every item of this standard. The
            figures keep the old rules until the recalculation has finished.
          </WarningText>
        ) : null}
        {standard.threshold ? (
          <>
            <InputField
              id={ruleFieldIds.thresholdValue}
              label="Threshold"
              hint="An item within this long counts as on time (a whole number)"
              error={problemOf(ruleFieldIds.thresholdValue)}
              name="thresholdValue"
              type="text"
              inputMode="numeric"
              className="govuk-input--width-5"
              value={values.thresholdValue}
              onChange={(event) => {
                const thresholdValue = event.target.value;
                setValues((v) => ({ ...v, thresholdValue }));
              }}
            />
            {unitFixed ? (
              <p className="govuk-body">
                Unit: working days (this standard measures a percentile of working days).
              </p>
            ) : (
              <SelectField
                id={ruleFieldIds.thresholdUnit}
                label="Unit"
                error={problemOf(ruleFieldIds.thresholdUnit)}
                name="thresholdUnit"
                value={values.thresholdUnit}
                onChange={(event) => {
                  const thresholdUnit = ThresholdUnitSchema.parse(event.target.value);
                  setValues((v) => ({ ...v, thresholdUnit }));
                }}
              >
                {ThresholdUnitSchema.options.map((unit) => (
                  <option key={unit} value={unit}>
                    {UNIT_LABELS[unit]}
                  </option>
                ))}
              </SelectField>
            )}
          </>
        ) : null}
        {timeliness ? (
          <SelectField
            id={ruleFieldIds.division}
            label="Working days of"
            hint="The bank holidays of this part of the UK are not working days"
            error={problemOf(ruleFieldIds.division)}
            name="division"
            value={values.division}
            onChange={(event) => {
              const division = DivisionSchema.parse(event.target.value);
              setValues((v) => ({ ...v, division }));
            }}
          >
            {DivisionSchema.options.map((division) => (
              <option key={division} value={division}>
                {DIVISION_LABELS[division]}
              </option>
            ))}
          </SelectField>
        ) : null}
        <InputField
          id={ruleFieldIds.minimumSample}
          label="Minimum sample"
          hint="A period with fewer items than this is flagged as low volume"
          error={problemOf(ruleFieldIds.minimumSample)}
          name="minimumSample"
          type="text"
          inputMode="numeric"
          className="govuk-input--width-5"
          value={values.minimumSample}
          onChange={(event) => {
            const minimumSample = event.target.value;
            setValues((v) => ({ ...v, minimumSample }));
          }}
        />
        <ReasonField
          id={ruleFieldIds.reason}
          hint="Why the rules change. It is kept in the audit trail."
          error={problemOf(ruleFieldIds.reason)}
          value={values.reason}
          onChange={(reason) => setValues((v) => ({ ...v, reason }))}
        />
        <FormButtons label="Save the rules" pending={update.isPending} pendingText="Saving…" />
      </form>
    </section>
  );
}
