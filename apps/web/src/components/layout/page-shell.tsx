import type { ReactNode } from 'react';
import { Footer } from './footer';
import { Header } from './header';
import { SkipLink } from './skip-link';

export const mainContentId = 'main-content';

/** The GOV.UK page template: skip link, header, one `main` landmark, footer. */
export function PageShell({ children }: { children: ReactNode }) {
  return (
    <>
      <SkipLink targetId={mainContentId} />
      <Header />
      <div className="govuk-width-container">
        {/* tabIndex -1 so the skip link can move focus here; the class hides the outline then. */}
        <main
          className="govuk-main-wrapper govuk-skip-link-focused-element"
          id={mainContentId}
          tabIndex={-1}
        >
          {children}
        </main>
      </div>
      <Footer />
    </>
  );
}
