import { useState } from 'react';
import './one-time-secret.css';

/**
 * A secret the server shows only once (a first password, an ingestion token): the text itself,
 * selectable, and a button that copies it, with the outcome announced in words.
 */
export function OneTimeSecret({
  id,
  label,
  value,
}: {
  id: string;
  /** 'password', 'token': 'Copy the password', 'The password has been copied'. */
  label: string;
  value: string;
}) {
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <div className="govuk-!-margin-bottom-4">
      <p className="govuk-body govuk-!-margin-bottom-2">
        <span className="govuk-visually-hidden">The {label}: </span>
        <code id={id} className="app-secret">
          {value}
        </code>
      </p>
      <button
        type="button"
        className="govuk-button govuk-button--secondary govuk-!-margin-bottom-2"
        onClick={() => void copy()}
      >
        Copy the {label}
      </button>
      <p className="govuk-body-s" role="status">
        {copied === 'copied'
          ? `The ${label} has been copied.`
          : copied === 'failed'
            ? `The ${label} could not be copied: select it and copy it yourself.`
            : ''}
      </p>
    </div>
  );
}
