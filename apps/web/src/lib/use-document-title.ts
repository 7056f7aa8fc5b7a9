import { useLayoutEffect } from 'react';

export const siteTitle = 'Service standards – Intellectual Property Office';

/** GOV.UK pattern: '<page> – <service> – <organisation>'; the home page uses the site title. */
export function useDocumentTitle(pageTitle?: string): void {
  // Set as the page commits (not after it paints): the title never lags behind the heading, for
  // screen readers that announce it and for tests that read both.
  useLayoutEffect(() => {
    document.title = pageTitle ? `${pageTitle} – ${siteTitle}` : siteTitle;
  }, [pageTitle]);
}
