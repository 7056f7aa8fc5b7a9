import type { MouseEvent } from 'react';

/**
 * GOV.UK skip link. Focus is moved by hand rather than by following the fragment, so the router
 * does not treat `#main-content` as a navigation and the target reliably receives focus.
 */
export function SkipLink({ targetId }: { targetId: string }) {
  function skip(event: MouseEvent<HTMLAnchorElement>) {
    const target = document.getElementById(targetId);
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView?.();
  }

  return (
    <a href={`#${targetId}`} className="govuk-skip-link" onClick={skip}>
      Skip to main content
    </a>
  );
}
