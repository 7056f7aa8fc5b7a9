import type { Channel, CustomerGroup } from './demo-profiles.js';
import { STORY } from './demo-profiles.js';
import type { Random } from './random.js';

export interface FeedbackDraft {
  service: string;
  team: string;
  channel: Channel;
  customerGroup: CustomerGroup;
  score: number | null;
  type: 'compliment' | 'complaint' | 'suggestion' | 'general';
  comment: string | null;
}

const SERVICE_MIX = [
  ['customer-support', 45],
  ['trade-marks', 25],
  ['patents', 15],
  ['designs', 10],
  ['customer-experience', 5],
] as const;

const TEAMS: Record<string, readonly (readonly [string, number])[]> = {
  'customer-support': [
    ['Contact Centre Newport', 45],
    ['Contact Centre London', 25],
    ['Written Enquiries Newport', 20],
    ['Written Enquiries London', 10],
  ],
  'trade-marks': [
    ['Examination Team A', 35],
    ['Examination Team B', 35],
    [STORY.slowTeam, 30],
  ],
  patents: [
    ['Formalities Group 1', 30],
    ['Formalities Group 2', 30],
    ['Search and Examination Group 1', 20],
    ['Search and Examination Group 2', 20],
  ],
  designs: [['Designs Examination', 1]],
  'customer-experience': [['Complaints Team', 1]],
};

const CHANNELS: Record<string, readonly (readonly [Channel, number])[]> = {
  'customer-support': [
    ['phone', 60],
    ['email', 30],
    ['online', 10],
  ],
  'customer-experience': [
    ['email', 60],
    ['online', 30],
    ['post', 10],
  ],
};
const DEFAULT_CHANNELS = [
  ['online', 80],
  ['email', 15],
  ['post', 5],
] as const;

const GROUPS = [
  ['individual', 35],
  ['small_business', 30],
  ['large_business', 10],
  ['attorney', 25],
] as const;

// Comment fragments by theme. The theme taxonomy itself is the feedback explorer's job; these
// give it varied, realistic wording to find.
const POSITIVE: Record<string, string[]> = {
  staff: [
    'The adviser was really helpful and explained everything clearly.',
    'Staff on the phone were patient and knew exactly what to do.',
    'Thank you to the examiner who called me to sort out the problem.',
    'Very friendly and knowledgeable team, I could not have asked for more.',
  ],
  online: [
    'The online service was quick and easy to use.',
    'Filing online took ten minutes, much easier than I expected.',
    'Tracking my application online was simple.',
  ],
  guidance: [
    'The guidance on GOV.UK answered my question before I had to call.',
    'Clear letters, I understood what to do next.',
  ],
  speed: [
    'My application was examined faster than I expected.',
    'Got a reply to my email within two days, brilliant.',
    'Quick decision on my acceleration request, thank you.',
  ],
};

const NEGATIVE: Record<string, string[]> = {
  waiting: [
    'I was waiting on the phone for over 20 minutes before anyone answered.',
    'Long wait to get through on the phone, I gave up twice.',
    'Hold times on the helpline are far too long.',
    'Waiting on the phone for ages just to ask a simple question.',
  ],
  online: [
    'The online form timed out and I lost everything I had typed.',
    'The website kept crashing when I tried to pay.',
    'Could not upload my drawings, the online service gave an error.',
  ],
  fees: [
    'The fees are confusing and I paid the wrong amount.',
    'Renewal fees seem very high for a small business.',
  ],
  guidance: [
    'The guidance is full of jargon and hard to follow.',
    'The examination report did not explain what I needed to change.',
    'I could not find clear guidance on classifying my goods and services.',
  ],
  delay: [
    'Still no decision after weeks, nobody tells me what is happening.',
    'My reply took much longer than the 5 working days promised.',
    'I had to chase my complaint twice before getting an answer.',
  ],
};

const SUGGESTIONS = [
  'It would help to have a call-back option instead of waiting on hold.',
  'Please add a progress tracker to the online service.',
  'A short video explaining the classification of goods would help.',
  'Could you send reminders by text before renewal deadlines?',
];

// Personal data customers sometimes type into free text. All values are reserved for fiction or
// documentation (example.* domains, Ofcom drama numbers, the 'QQ' NI prefix, test card numbers),
// and every one is redacted before the comment is stored.
const PERSONAL = [
  'You can email me at sam.taylor@example.com if you need more.',
  'Please call me back on 07700 900461.',
  'My number is +44 20 7946 0018 if anyone wants to discuss.',
  'Write to me at 10 Concept House, Newport NP10 8QQ.',
  'My NI number is QQ 12 34 56 C in case you need it.',
  'I paid twice with card 4929 1234 5678 9012, please refund one.',
  'Contact j.patel@example.org about my application.',
  'Ring 0161 496 0000 during the day.',
];

/**
 * One feedback response. `callsStrained` is true in weeks when the calls standard slipped, when
 * customer-support comments about waiting on the phone roughly double; `drift` moves the chance
 * of being satisfied with the month (a point or two either way).
 */
export function draftFeedback(random: Random, callsStrained: boolean, drift = 0): FeedbackDraft {
  const service = random.weighted(SERVICE_MIX);
  const team = random.weighted(TEAMS[service] ?? [['General', 1]]);
  const channel = random.weighted(CHANNELS[service] ?? DEFAULT_CHANNELS);
  const customerGroup = random.weighted(GROUPS);

  // Satisfied (4 or 5) about 90% of the time; individuals about 10 points lower; customer
  // support lower while the phones were struggling.
  let pSatisfied = 0.905 + drift;
  if (customerGroup === STORY.lessSatisfiedGroup) pSatisfied -= 0.11;
  if (callsStrained && service === 'customer-support') pSatisfied -= 0.09;
  if (team === STORY.slowTeam) pSatisfied -= 0.03;
  const noScore = random.chance(0.04);
  const satisfied = random.chance(pSatisfied);
  const score = noScore
    ? null
    : satisfied
      ? random.chance(0.6)
        ? 5
        : 4
      : random.weighted([
          [1, 25],
          [2, 35],
          [3, 40],
        ] as const);

  const positive = noScore ? random.chance(0.5) : satisfied;
  const type = positive
    ? random.weighted([
        ['compliment', 30],
        ['general', 60],
        ['suggestion', 10],
      ] as const)
    : random.weighted([
        ['complaint', 40],
        ['general', 40],
        ['suggestion', 20],
      ] as const);

  let comment: string | null = null;
  if (random.chance(0.7)) {
    if (type === 'suggestion') {
      comment = random.pick(SUGGESTIONS);
    } else if (positive) {
      comment = random.pick(POSITIVE[random.pick(Object.keys(POSITIVE))] ?? []);
    } else {
      const waitingWeight = service === 'customer-support' ? (callsStrained ? 60 : 25) : 5;
      const theme = random.weighted([
        ['waiting', waitingWeight],
        ['online', 20],
        ['fees', 10],
        ['guidance', 20],
        ['delay', 20],
      ] as const);
      comment = random.pick(NEGATIVE[theme] ?? []);
    }
    if (random.chance(0.04)) comment = `${comment} ${random.pick(PERSONAL)}`;
  }
  return { service, team, channel, customerGroup, score, type, comment };
}

export const FEEDBACK_TEAMS = TEAMS;
