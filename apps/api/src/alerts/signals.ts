/** What the rest of the API tells the alerts about (decision 14). */
export interface AlertSignals {
  /** Data changed (an import, an ingestion batch, a recalculation): evaluate the rules soon. */
  dataChanged(reason: string): void;
}

/** For a process without the job queue (tests, ALERTS=off): nothing happens. */
export const NO_ALERT_SIGNALS: AlertSignals = { dataChanged: () => {} };
