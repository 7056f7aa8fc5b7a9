import { PUBLICATION_REASON_MAX, type Publication } from '@ipo/contracts';
import { type FormEvent, useState } from 'react';
import type { FormProblem } from '../../../components/forms/error-summary';
import { InputField } from '../../../components/forms/field';
import { FormButtons } from '../../../components/forms/form-buttons';
import { serverProblems, useFormProblems } from '../../../components/forms/form-problems';
import { usePublish } from '../api/publications-api';
import { isConflict, sentenceOf } from '../utils/refusals';

export const REASON_ID = 'revision-reason';

/** How the server names the fields, for its refusals. */
const serverFields = { reason: REASON_ID, period: 'review-period' };

/**
 * The server's refusals as problems: a rule the reason breaks ('must be one line') is said of the
 * field by name; an instruction ('enter why...') stands as it is.
 */
function refusalProblems(error: unknown): FormProblem[] {
  return serverProblems(error, serverFields).map((problem) =>
    problem.fieldId === REASON_ID && problem.message.startsWith('Must ')
      ? { ...problem, message: `Reason for the revision m${problem.message.slice(1)}` }
      : problem,
  );
}

/** What is wrong with the reason typed, or null when it will do (the server checks it too). */
export function revisionReasonProblem(reason: string): string | null {
  const why = reason.trim();
  if (!why) return 'Enter the reason for the revision';
  if (why.length > PUBLICATION_REASON_MAX) {
    return `Reason for the revision must be ${PUBLICATION_REASON_MAX} characters or fewer`;
  }
  return null;
}

/**
 * A revision of a published period: a new version with the figures as they stand now and the
 * reason, which the public page shows beside them. The reason is required.
 */
export function RevisionForm({
  period,
  label,
  nextVersion,
  onPublished,
  onConflict,
}: {
  period: string;
  label: string;
  nextVersion: number;
  onPublished: (publication: Publication) => void;
  onConflict: (message: string) => void;
}) {
  const [reason, setReason] = useState('');
  const { summary, refuse, clear, problemOf } = useFormProblems();
  const publish = usePublish();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (publish.isPending) return;
    const problem = revisionReasonProblem(reason);
    if (problem) {
      refuse([{ fieldId: REASON_ID, message: problem }]);
      return;
    }
    publish.mutate(
      { period, reason: reason.trim() },
      {
        onSuccess: (publication) => {
          clear();
          setReason('');
          onPublished(publication);
        },
        onError: (error) => {
          if (isConflict(error)) {
            clear();
            onConflict(sentenceOf(error.message));
            return;
          }
          refuse(refusalProblems(error));
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="revision-heading">
      {summary}
      <h4 className="govuk-heading-s" id="revision-heading">
        Publish a revision (version {nextVersion})
      </h4>
      <p className="govuk-body">
        The public page will show the figures as they stand now, marked as revised, with the reason
        below. The earlier versions stay on it.
      </p>
      <InputField
        id={REASON_ID}
        name="reason"
        label="Reason for the revision"
        hint="Shown on the public page beside the revised figures, such as: late returns from one team were imported"
        error={problemOf(REASON_ID)}
        type="text"
        spellCheck
        autoComplete="off"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <FormButtons
        label={`Publish the revision of ${label}`}
        pending={publish.isPending}
        pendingText={`Publishing the revision of ${label}…`}
      />
    </form>
  );
}
