export function Footer() {
  return (
    <footer className="govuk-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <p className="govuk-body-s govuk-!-margin-bottom-0">
              Intellectual Property Office: monitoring of the customer service standards in our
              customer charter.
            </p>
          </div>
          <div className="govuk-footer__meta-item">
            <p className="govuk-body-s govuk-!-margin-bottom-0">© Crown copyright</p>
          </div>
        </div>
      </div>
    </footer>
  );
}
