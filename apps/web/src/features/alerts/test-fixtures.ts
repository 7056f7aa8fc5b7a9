import {
  ALERT_RULE_CODES,
  ALERT_RULE_LABELS,
  type AlertNotification,
  type AlertSubscriptionResponse,
} from '@ipo/contracts';

// What the tests of the notifications, alert settings and admin alerts pages share: answers
// shaped as the API's contracts (packages/contracts/src/alerts.ts) describe them.

export function notification(overrides: Partial<AlertNotification> = {}): AlertNotification {
  return {
    id: 5,
    event: 'opened',
    rule: 'missed',
    sentence:
      'Calls answered within 5 minutes missed its target in October 2025: 81.2% against 90% (n = 1,204).',
    title: 'Calls answered within 5 minutes',
    periodLabel: 'October 2025',
    path: '/standards/csc-calls?period=2025-10',
    createdAt: '2025-11-03T07:15:00.000Z',
    readAt: null,
    ...overrides,
  };
}

/** The choices the API offers a manager (every team, the report pack) or a team lead. */
export function choices(
  who: 'manager' | 'team-lead',
  overrides: Partial<AlertSubscriptionResponse['choices']> = {},
): AlertSubscriptionResponse['choices'] {
  return {
    rules: ALERT_RULE_CODES.map((code) => ({ code, label: ALERT_RULE_LABELS[code] })),
    standards: [
      { code: 'csc-calls', title: 'Calls answered within 5 minutes' },
      { code: 'patent-search', title: 'Patent searches issued on time' },
      { code: 'csc-satisfaction', title: 'Customer satisfaction' },
    ],
    teams:
      who === 'manager'
        ? [
            { id: 3, name: 'Contact Centre Newport' },
            { id: 9, name: 'Examination Team C' },
            { id: 12, name: 'Examination Team A' },
          ]
        : [
            { id: 3, name: 'Contact Centre Newport' },
            { id: 9, name: 'Examination Team C' },
          ],
    allTeams: who === 'manager',
    monthlyReport: who === 'manager',
    email: true,
    ...overrides,
  };
}
