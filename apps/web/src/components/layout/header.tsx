import type { Permission } from '@ipo/domain/access';
import { can } from '@ipo/domain/access';
import { NotificationsLink } from '../../features/alerts/components/notifications-link';
import { accessOf } from '../../features/session/access';
import { useSession, useSignOut } from '../../features/session/api/session-api';
import { rolesInWordsOf } from '../../features/session/utils/roles';
import { NavLink, useMatch } from '../../lib/router';
import { errorMessage } from '../query-state';

const navigation: { to: string; label: string; permission: Permission }[] = [
  { to: '/', label: 'Scorecard', permission: 'read-figures' },
  { to: '/standards', label: 'Standards', permission: 'read-figures' },
  { to: '/feedback', label: 'Feedback', permission: 'read-figures' },
  { to: '/publications', label: 'Publications', permission: 'publish' },
  { to: '/imports', label: 'Imports', permission: 'load-data' },
  { to: '/admin', label: 'Administration', permission: 'administer' },
];

function ServiceNavigationItem({ to, label }: { to: string; label: string }) {
  const active = useMatch({ path: to, end: true }) !== null;
  return (
    <li
      className={`govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}`}
    >
      {/* NavLink sets aria-current="page"; the strong keeps the state visible without CSS. */}
      <NavLink to={to} end className="govuk-service-navigation__link">
        {active ? (
          <strong className="govuk-service-navigation__active-fallback">{label}</strong>
        ) : (
          label
        )}
      </NavLink>
    </li>
  );
}

/** Who is signed in, and the way out. */
function Account() {
  const user = useSession();
  const signOut = useSignOut();
  if (!user) return null;
  return (
    <div className="govuk-width-container app-account">
      <p className="govuk-body-s app-account__who">
        Signed in as <strong>{user.name}</strong>{' '}
        <span className="app-account__roles">({rolesInWordsOf(user)})</span>
      </p>
      <NotificationsLink />
      <button
        type="button"
        className="govuk-link app-link-button govuk-body-s app-account__sign-out"
        aria-disabled={signOut.isPending}
        onClick={() => {
          if (!signOut.isPending) signOut.mutate();
        }}
      >
        Sign out
      </button>
      {signOut.isError ? (
        <p className="govuk-error-message govuk-!-margin-bottom-0 app-account__error" role="alert">
          <span className="govuk-visually-hidden">Error:</span> You could not be signed out:{' '}
          {errorMessage(signOut.error)}
        </p>
      ) : null}
    </div>
  );
}

export function Header() {
  const user = useSession();
  // The pages a user may use; none before they have signed in.
  const items = [
    // A team lead's own page, first: where their sign-in lands.
    ...(user?.roles.includes('team-lead') ? [{ to: '/my-team', label: 'My team' }] : []),
    ...navigation.filter((item) => can(accessOf(user), item.permission)),
  ];
  return (
    <header className="app-header">
      <div className="govuk-generic-header">
        <div className="govuk-generic-header__container govuk-width-container">
          <div className="govuk-generic-header__logo">
            <a href="/" className="govuk-generic-header__homepage-link">
              Intellectual Property Office
            </a>
          </div>
        </div>
      </div>
      <section aria-label="Service information" className="govuk-service-navigation">
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container">
            <span className="govuk-service-navigation__service-name">
              <span className="govuk-service-navigation__text">Service standards dashboard</span>
            </span>
            {items.length > 0 ? (
              <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
                <ul className="govuk-service-navigation__list">
                  {items.map((item) => (
                    <ServiceNavigationItem key={item.to} to={item.to} label={item.label} />
                  ))}
                </ul>
              </nav>
            ) : null}
          </div>
        </div>
        <Account />
      </section>
      <div className="govuk-phase-banner govuk-width-container">
        <p className="govuk-phase-banner__content">
          <strong className="govuk-tag govuk-phase-banner__content__tag">Alpha</strong>
          <span className="govuk-phase-banner__text">
            This is a new service. Figures are for monitoring the customer charter and are not
            official statistics.
          </span>
        </p>
      </div>
    </header>
  );
}
