import type { Random } from './random.js';

export type Channel = 'phone' | 'email' | 'post' | 'online';
export type CustomerGroup = 'individual' | 'small_business' | 'large_business' | 'attorney';

/** How long an item takes, in the unit its standard measures. */
export type Turnaround =
  | { kind: 'seconds'; seconds: number }
  | { kind: 'working_days'; days: number }
  | { kind: 'calendar_days'; days: number };

export interface TurnaroundContext {
  random: Random;
  /** Day number of the received date (days since 1970-01-01). */
  day: number;
  month: number;
  team: string;
  /** Received in the last 100 days of the data: the current story applies. */
  recent: boolean;
}

export interface WorkProfile {
  workType: string;
  service: string;
  prefix: string;
  /** Items received per working day at scale 1, before seasonal shape. */
  perWorkingDay: number;
  /** Arrivals on a non-working day as a share of a working day's (0: only when the office is open). */
  closedDayShare: number;
  /** 'office': 09:00-17:00 only (telephony); 'extended': 07:00-22:00 (online and post). */
  hours: 'office' | 'extended';
  channels: readonly (readonly [Channel, number])[];
  groups: readonly (readonly [CustomerGroup, number])[];
  teams: readonly (readonly [string, number])[];
  turnaround(ctx: TurnaroundContext): Turnaround;
}

const EXAM_GROUPS = [
  ['attorney', 55],
  ['small_business', 20],
  ['large_business', 15],
  ['individual', 10],
] as const;
const ENQUIRY_GROUPS = [
  ['individual', 40],
  ['small_business', 30],
  ['large_business', 10],
  ['attorney', 20],
] as const;
const ONLINE_MOSTLY = [
  ['online', 90],
  ['post', 10],
] as const;

/** Day numbers of the demo story periods (see README 'Stories in the demo data'). */
export const STORY = {
  /** Calls slipped in Q3 2025-26 (October to December 2025): staff shortage on the phones. */
  callsSlipFrom: Date.UTC(2025, 9, 1) / 86_400_000,
  callsSlipTo: Date.UTC(2025, 11, 31) / 86_400_000,
  /** The trade mark examination team that is consistently slower. */
  slowTeam: 'Examination Team C',
  /** Complaints and written enquiries slip in the last 100 days of the data (the 'now' story). */
  recentDays: 100,
  /** The customer group that is less satisfied than the rest. */
  lessSatisfiedGroup: 'individual' as CustomerGroup,
};

const inCallsSlip = (day: number) => day >= STORY.callsSlipFrom && day <= STORY.callsSlipTo;

export const WORK_PROFILES: WorkProfile[] = [
  {
    workType: 'phone_call',
    service: 'customer-support',
    prefix: 'CALL',
    perWorkingDay: 1000,
    closedDayShare: 0,
    hours: 'office',
    channels: [['phone', 1]],
    groups: ENQUIRY_GROUPS,
    teams: [
      ['Contact Centre Newport', 65],
      ['Contact Centre London', 35],
    ],
    turnaround: ({ random, day }) => {
      // P(wait <= 60 s) = 1 - exp(-60 / mean): about 98% normally, about 82% during the slip.
      const monday = ((day + 3) % 7) + 1 === 1;
      const mean = (inCallsSlip(day) ? 35 : 15) * (monday ? 1.25 : 1);
      return { kind: 'seconds', seconds: Math.round(3 + random.exponential(mean)) };
    },
  },
  {
    workType: 'written_enquiry',
    service: 'customer-support',
    prefix: 'ENQ',
    perWorkingDay: 100,
    closedDayShare: 0.2,
    hours: 'extended',
    channels: [
      ['email', 80],
      ['post', 20],
    ],
    groups: ENQUIRY_GROUPS,
    teams: [
      ['Written Enquiries Newport', 70],
      ['Written Enquiries London', 30],
    ],
    turnaround: ({ random, recent }) => ({
      kind: 'working_days',
      // Lately a little slower: about 94% within 5 working days against a 95% target ('near').
      days: random.weighted([
        [0, recent ? 20 : 24],
        [1, 26],
        [2, 20],
        [3, 13],
        [4, 8],
        [5, 5],
        [6, recent ? 3 : 2],
        [7, recent ? 1.6 : 1.2],
        [9, recent ? 1.2 : 0.8],
      ] as const),
    }),
  },
  {
    workType: 'tm_examination',
    service: 'trade-marks',
    prefix: 'TM',
    perWorkingDay: 450,
    closedDayShare: 0.15,
    hours: 'extended',
    channels: ONLINE_MOSTLY,
    groups: EXAM_GROUPS,
    teams: [
      ['Examination Team A', 36],
      ['Examination Team B', 36],
      [STORY.slowTeam, 28],
    ],
    turnaround: ({ random, team }) => {
      // Team C works about two days behind the others, and its 90th percentile hovers at 10.
      const slow = team === STORY.slowTeam;
      const days = (slow ? 3.2 : 1.5) + random.exponential(slow ? 2.9 : 2.2);
      return { kind: 'working_days', days: Math.round(days) };
    },
  },
  {
    workType: 'tm_intl_examination',
    service: 'trade-marks',
    prefix: 'WO',
    perWorkingDay: 60,
    closedDayShare: 0.05,
    hours: 'extended',
    channels: [['online', 1]],
    groups: EXAM_GROUPS,
    teams: [['International Team', 1]],
    turnaround: ({ random }) => ({
      kind: 'working_days',
      days: Math.round(2.5 + random.exponential(2)),
    }),
  },
  {
    workType: 'design_examination',
    service: 'designs',
    prefix: 'DES',
    perWorkingDay: 90,
    closedDayShare: 0.15,
    hours: 'extended',
    channels: ONLINE_MOSTLY,
    groups: [
      ['small_business', 35],
      ['individual', 25],
      ['attorney', 25],
      ['large_business', 15],
    ],
    teams: [['Designs Examination', 1]],
    turnaround: ({ random }) => ({
      kind: 'working_days',
      days: Math.round(1 + random.exponential(1.8)),
    }),
  },
  {
    workType: 'design_intl_examination',
    service: 'designs',
    prefix: 'DM',
    perWorkingDay: 15,
    closedDayShare: 0.05,
    hours: 'extended',
    channels: [['online', 1]],
    groups: EXAM_GROUPS,
    teams: [['Designs International', 1]],
    turnaround: ({ random }) => ({
      kind: 'working_days',
      days: Math.round(2 + random.exponential(2)),
    }),
  },
  {
    workType: 'patent_preliminary_examination',
    service: 'patents',
    prefix: 'GB-PE',
    perWorkingDay: 45,
    closedDayShare: 0.1,
    hours: 'extended',
    channels: ONLINE_MOSTLY,
    groups: EXAM_GROUPS,
    teams: [
      ['Formalities Group 1', 50],
      ['Formalities Group 2', 50],
    ],
    turnaround: ({ random }) => ({
      kind: 'working_days',
      days: Math.round(8 + random.exponential(4.5)),
    }),
  },
  {
    workType: 'patent_search',
    service: 'patents',
    prefix: 'GB-SR',
    perWorkingDay: 30,
    closedDayShare: 0.1,
    hours: 'extended',
    channels: ONLINE_MOSTLY,
    groups: EXAM_GROUPS,
    teams: [
      ['Search and Examination Group 1', 50],
      ['Search and Examination Group 2', 50],
    ],
    turnaround: ({ random }) => ({
      kind: 'calendar_days',
      days: Math.round(60 + random.exponential(48)),
    }),
  },
  {
    workType: 'patent_acceleration',
    service: 'patents',
    prefix: 'GB-AC',
    perWorkingDay: 5,
    closedDayShare: 0.05,
    hours: 'extended',
    channels: [['online', 1]],
    groups: EXAM_GROUPS,
    teams: [['Search and Examination Group 1', 1]],
    turnaround: ({ random }) => ({
      kind: 'calendar_days',
      days: Math.round(10 + random.exponential(18)),
    }),
  },
  {
    workType: 'complaint',
    service: 'customer-experience',
    prefix: 'CMP',
    perWorkingDay: 5,
    closedDayShare: 0.1,
    hours: 'extended',
    channels: [
      ['email', 55],
      ['online', 25],
      ['post', 10],
      ['phone', 10],
    ],
    groups: ENQUIRY_GROUPS,
    teams: [['Complaints Team', 1]],
    turnaround: ({ random, recent }) => ({
      kind: 'working_days',
      // The current story: complaints have slipped in the last few months (about 83% in time).
      days: Math.round(2 + random.exponential(recent ? 4.6 : 3.2)),
    }),
  },
];

/** Demand by month (January first): quieter in August and at Christmas, busier in Q4. */
export const SEASONAL = [1.1, 1.05, 1.1, 0.95, 1, 1, 0.95, 0.85, 1, 1.05, 1, 0.8];

/** Demand by weekday (Monday first). */
export const WEEKDAY = [1.2, 1.05, 1, 0.95, 0.85, 1, 1];

export const QUALITY_SAMPLED: Record<string, { rate: number; pass: number; errors: string[] }> = {
  tm_examination: {
    rate: 0.03,
    pass: 0.962,
    errors: ['Classification', 'Objection not raised', 'Wrong absolute grounds', 'Letter quality'],
  },
  design_examination: {
    rate: 0.05,
    pass: 0.97,
    errors: ['Representation accepted in error', 'Formalities missed'],
  },
  patent_search: {
    rate: 0.08,
    pass: 0.925,
    errors: ['Search incomplete', 'Classification', 'Citation missed'],
  },
  patent_preliminary_examination: {
    rate: 0.06,
    pass: 0.935,
    errors: ['Formalities missed', 'Fee check wrong'],
  },
};
