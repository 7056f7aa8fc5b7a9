/**
 * The IPO's customer service standards (docs/standards-catalogue.md), seeded into every
 * database. Targets are a starting point: administrators change them as target versions.
 */
export interface CatalogueService {
  code: string;
  name: string;
}
export interface CatalogueWorkType {
  code: string;
  name: string;
  service: string;
}
export interface CatalogueStandard {
  code: string;
  title: string;
  description: string;
  service: string | null;
  kind: 'timeliness' | 'accuracy' | 'satisfaction';
  measure: 'within_threshold_share' | 'percentile_turnaround' | 'pass_rate' | 'satisfied_share';
  workTypes: string[];
  threshold: {
    value: number;
    unit: 'seconds' | 'working_days' | 'calendar_days' | 'calendar_months';
  } | null;
  percentile: number | null;
  /** Share for proportion measures; working days for percentile_turnaround. */
  target: number;
  /** Share points, or working days for percentile_turnaround (measurement.md defaults). */
  tolerance: number;
  targetReason: string;
}

export const SERVICES: CatalogueService[] = [
  { code: 'patents', name: 'Patents' },
  { code: 'trade-marks', name: 'Trade Marks' },
  { code: 'designs', name: 'Designs' },
  { code: 'customer-support', name: 'Customer Support Centre' },
  { code: 'customer-experience', name: 'Customer Experience' },
  { code: 'tribunal', name: 'Tribunal' },
];

export const WORK_TYPES: CatalogueWorkType[] = [
  { code: 'phone_call', name: 'Phone call', service: 'customer-support' },
  { code: 'written_enquiry', name: 'Written enquiry', service: 'customer-support' },
  { code: 'tm_examination', name: 'Trade mark examination', service: 'trade-marks' },
  {
    code: 'tm_intl_examination',
    name: 'International trade mark examination',
    service: 'trade-marks',
  },
  { code: 'design_examination', name: 'Design examination', service: 'designs' },
  {
    code: 'design_intl_examination',
    name: 'International design examination',
    service: 'designs',
  },
  {
    code: 'patent_preliminary_examination',
    name: 'Patent preliminary examination',
    service: 'patents',
  },
  { code: 'patent_search', name: 'Patent search', service: 'patents' },
  { code: 'patent_acceleration', name: 'Patent acceleration request', service: 'patents' },
  { code: 'complaint', name: 'Complaint', service: 'customer-experience' },
];

const DEFAULT_REASON = 'Default seeded where the IPO publishes a standard but no target share';
const PUBLISHED = 'Published IPO customer service standard';

export const STANDARDS: CatalogueStandard[] = [
  {
    code: 'csc-calls',
    title: 'Answer calls within 60 seconds',
    description: 'Calls to the Customer Support Centre answered by an adviser within 60 seconds.',
    service: 'customer-support',
    kind: 'timeliness',
    measure: 'within_threshold_share',
    workTypes: ['phone_call'],
    threshold: { value: 60, unit: 'seconds' },
    percentile: null,
    target: 0.9,
    tolerance: 0.02,
    targetReason: DEFAULT_REASON,
  },
  {
    code: 'csc-written',
    title: 'Reply to written enquiries within 5 working days',
    description:
      'Emails and letters to the Customer Support Centre answered within 5 working days.',
    service: 'customer-support',
    kind: 'timeliness',
    measure: 'within_threshold_share',
    workTypes: ['written_enquiry'],
    threshold: { value: 5, unit: 'working_days' },
    percentile: null,
    target: 0.9,
    tolerance: 0.02,
    targetReason: DEFAULT_REASON,
  },
  {
    code: 'tm-exam',
    title: 'Examine trade mark applications within 10 working days',
    description: '90% of new UK trade mark applications examined within 10 working days.',
    service: 'trade-marks',
    kind: 'timeliness',
    measure: 'percentile_turnaround',
    workTypes: ['tm_examination'],
    threshold: { value: 10, unit: 'working_days' },
    percentile: 90,
    target: 10,
    tolerance: 1,
    targetReason: PUBLISHED,
  },
  {
    code: 'tm-intl-exam',
    title: 'Examine international trade mark designations within 10 working days',
    description: '90% of international designations of the UK examined within 10 working days.',
    service: 'trade-marks',
    kind: 'timeliness',
    measure: 'percentile_turnaround',
    workTypes: ['tm_intl_examination'],
    threshold: { value: 10, unit: 'working_days' },
    percentile: 90,
    target: 10,
    tolerance: 1,
    targetReason: PUBLISHED,
  },
  {
    code: 'designs-exam',
    title: 'Examine design applications within 10 working days',
    description: '90% of new UK design applications examined within 10 working days.',
    service: 'designs',
    kind: 'timeliness',
    measure: 'percentile_turnaround',
    workTypes: ['design_examination'],
    threshold: { value: 10, unit: 'working_days' },
    percentile: 90,
    target: 10,
    tolerance: 1,
    targetReason: PUBLISHED,
  },
  {
    code: 'designs-intl-exam',
    title: 'Examine international design designations within 10 working days',
    description: '90% of international design designations examined within 10 working days.',
    service: 'designs',
    kind: 'timeliness',
    measure: 'percentile_turnaround',
    workTypes: ['design_intl_examination'],
    threshold: { value: 10, unit: 'working_days' },
    percentile: 90,
    target: 10,
    tolerance: 1,
    targetReason: PUBLISHED,
  },
  {
    code: 'patent-prelim',
    title: 'Preliminary examination within 20 working days of filing',
    description: 'Patent preliminary examination reports issued within 20 working days of filing.',
    service: 'patents',
    kind: 'timeliness',
    measure: 'within_threshold_share',
    workTypes: ['patent_preliminary_examination'],
    threshold: { value: 20, unit: 'working_days' },
    percentile: null,
    target: 0.9,
    tolerance: 0.02,
    targetReason: DEFAULT_REASON,
  },
  {
    code: 'patent-search',
    title: 'Search report within 6 months of request',
    description: 'Patent search reports issued within 6 months of the search request.',
    service: 'patents',
    kind: 'timeliness',
    measure: 'within_threshold_share',
    workTypes: ['patent_search'],
    threshold: { value: 6, unit: 'calendar_months' },
    percentile: null,
    target: 0.9,
    tolerance: 0.02,
    targetReason: PUBLISHED,
  },
  {
    code: 'patent-accelerated',
    title: 'Decide acceleration requests within 2 months',
    description:
      'Requests for accelerated processing of a patent application decided within 2 months.',
    service: 'patents',
    kind: 'timeliness',
    measure: 'within_threshold_share',
    workTypes: ['patent_acceleration'],
    threshold: { value: 2, unit: 'calendar_months' },
    percentile: null,
    target: 0.9,
    tolerance: 0.02,
    targetReason: PUBLISHED,
  },
  {
    code: 'complaints',
    title: 'Reply in full to complaints within 10 working days',
    description: 'Complaints answered in full within 10 working days of receipt.',
    service: 'customer-experience',
    kind: 'timeliness',
    measure: 'within_threshold_share',
    workTypes: ['complaint'],
    threshold: { value: 10, unit: 'working_days' },
    percentile: null,
    target: 0.9,
    tolerance: 0.02,
    targetReason: DEFAULT_REASON,
  },
  {
    code: 'quality-tm',
    title: 'Trade mark and designs examination quality',
    description: 'Quality checks of trade mark and design examinations that pass.',
    service: 'trade-marks',
    kind: 'accuracy',
    measure: 'pass_rate',
    workTypes: ['tm_examination', 'design_examination'],
    threshold: null,
    percentile: null,
    target: 0.95,
    tolerance: 0.02,
    targetReason: DEFAULT_REASON,
  },
  {
    code: 'quality-patents',
    title: 'Patent search and examination quality',
    description: 'Quality checks of patent searches and preliminary examinations that pass.',
    service: 'patents',
    kind: 'accuracy',
    measure: 'pass_rate',
    workTypes: ['patent_search', 'patent_preliminary_examination'],
    threshold: null,
    percentile: null,
    target: 0.9,
    tolerance: 0.02,
    targetReason: DEFAULT_REASON,
  },
  {
    code: 'csat',
    title: 'Customers satisfied with our service',
    description: 'Feedback responses scoring 4 or 5 on the 1 to 5 satisfaction scale.',
    service: null,
    kind: 'satisfaction',
    measure: 'satisfied_share',
    workTypes: [],
    threshold: null,
    percentile: null,
    target: 0.85,
    tolerance: 0.02,
    targetReason: 'Ministerial target',
  },
];

/** The date the seeded targets take effect: the start of the earliest financial year of data. */
export const CATALOGUE_EFFECTIVE_FROM = '2020-04-01';
