import { useEffect } from 'react';

export const siteTitle = 'Service standards – Intellectual Property Office';

/** GOV.UK pattern: '<page> – <service> – <organisation>'; the home page uses the site title. */
export function useDocumentTitle(pageTitle?: string): void {
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} – ${siteTitle}` : siteTitle;
  }, [pageTitle]);
}
