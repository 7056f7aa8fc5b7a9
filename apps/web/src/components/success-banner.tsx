import { type ReactNode, useId } from 'react';
import { useFocusOnMount } from '../lib/focus';

/** What was just done, to say in a SuccessBanner: its heading and what follows from it. */
export interface SuccessNotice {
  title: string;
  body: ReactNode;
}

/**
 * The GOV.UK success banner: what was just done (its heading) and what follows from it. It takes
 * focus when it appears, so that it is heard: the whole banner, announced as an alert
 * (`focus="banner"`), or its heading (`focus="heading"`); without `focus` it is only shown. Give
 * it a new `key` for each thing done, so that each takes focus.
 */
export function SuccessBanner({
  title,
  children,
  focus,
}: {
  title: ReactNode;
  children?: ReactNode;
  focus?: 'banner' | 'heading';
}) {
  const id = useId();
  const banner = useFocusOnMount<HTMLDivElement>();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <div
      className="govuk-notification-banner govuk-notification-banner--success"
      {...(focus === 'banner'
        ? { role: 'alert', 'aria-labelledby': `${id}-title`, tabIndex: -1, ref: banner }
        : {})}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={`${id}-title`}>
          Success
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <h3
          className="govuk-notification-banner__heading"
          {...(focus === 'heading' ? { tabIndex: -1, ref: heading } : {})}
        >
          {title}
        </h3>
        {children}
      </div>
    </div>
  );
}
