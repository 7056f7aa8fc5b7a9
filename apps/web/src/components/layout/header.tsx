import { NavLink, useMatch } from 'react-router';

const navigation = [
  { to: '/', label: 'Scorecard' },
  { to: '/standards', label: 'Standards' },
  { to: '/feedback', label: 'Feedback' },
  { to: '/imports', label: 'Imports' },
] as const;

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

export function Header() {
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
            <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
              <ul className="govuk-service-navigation__list">
                {navigation.map((item) => (
                  <ServiceNavigationItem key={item.to} to={item.to} label={item.label} />
                ))}
              </ul>
            </nav>
          </div>
        </div>
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
