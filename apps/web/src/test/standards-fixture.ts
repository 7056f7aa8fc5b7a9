import type { Standard, StandardsResponse } from '@ipo/contracts';

const service = {
  patents: { code: 'patents', name: 'Patents' },
  tradeMarks: { code: 'trade-marks', name: 'Trade Marks' },
  designs: { code: 'designs', name: 'Designs' },
  support: { code: 'customer-support', name: 'Customer Support Centre' },
  experience: { code: 'customer-experience', name: 'Customer Experience' },
};

function target(value: number, tolerance = 0.02): NonNullable<Standard['target']> {
  return { value, tolerance, effectiveFrom: '2025-04-01', effectiveTo: null, reason: 'Seeded' };
}

export function buildStandard(overrides: Partial<Standard> & Pick<Standard, 'code'>): Standard {
  return {
    title: `Standard ${overrides.code}`,
    description: '',
    kind: 'timeliness',
    measure: 'within_threshold_share',
    service: service.support,
    workTypes: [],
    threshold: { value: 5, unit: 'working_days' },
    percentile: null,
    division: 'england_and_wales',
    minimumSample: 30,
    target: target(0.9),
    ...overrides,
  };
}

/** The seeded catalogue of docs/standards-catalogue.md, in a deliberately mixed order. */
export const catalogue: Standard[] = [
  buildStandard({
    code: 'csat',
    title: 'Customers satisfied with our service',
    kind: 'satisfaction',
    measure: 'satisfied_share',
    service: null,
    threshold: null,
    target: target(0.85),
  }),
  buildStandard({
    code: 'csc-calls',
    title: 'Answer calls within 60 seconds',
    threshold: { value: 60, unit: 'seconds' },
  }),
  buildStandard({
    code: 'quality-tm',
    title: 'Trade mark and designs examination quality',
    kind: 'accuracy',
    measure: 'pass_rate',
    service: service.tradeMarks,
    threshold: null,
    target: target(0.95),
  }),
  buildStandard({
    code: 'csc-written',
    title: 'Reply to written enquiries within 5 working days',
  }),
  ...(
    [
      ['tm-exam', 'Examine trade mark applications within 10 working days', service.tradeMarks],
      [
        'tm-intl-exam',
        'Examine international trade mark designations within 10 working days',
        service.tradeMarks,
      ],
      ['designs-exam', 'Examine design applications within 10 working days', service.designs],
      [
        'designs-intl-exam',
        'Examine international design designations within 10 working days',
        service.designs,
      ],
    ] as const
  ).map(([code, title, serviceOf]) =>
    buildStandard({
      code,
      title,
      service: serviceOf,
      measure: 'percentile_turnaround',
      percentile: 90,
      threshold: { value: 10, unit: 'working_days' },
      target: target(10, 1),
    }),
  ),
  buildStandard({
    code: 'patent-prelim',
    title: 'Preliminary examination within 20 working days of filing',
    service: service.patents,
    threshold: { value: 20, unit: 'working_days' },
  }),
  buildStandard({
    code: 'patent-search',
    title: 'Search report within 6 months of request',
    service: service.patents,
    threshold: { value: 6, unit: 'calendar_months' },
  }),
  buildStandard({
    code: 'patent-accelerated',
    title: 'Decide acceleration requests within 2 months',
    service: service.patents,
    threshold: { value: 2, unit: 'calendar_months' },
  }),
  buildStandard({
    code: 'complaints',
    title: 'Reply in full to complaints within 10 working days',
    service: service.experience,
    threshold: { value: 10, unit: 'working_days' },
  }),
  buildStandard({
    code: 'quality-patents',
    title: 'Patent search and examination quality',
    kind: 'accuracy',
    measure: 'pass_rate',
    service: service.patents,
    threshold: null,
  }),
];

export const catalogueResponse: StandardsResponse = { standards: catalogue };
