import type { ThemeDef } from './text.js';

/**
 * The taxonomy a new database starts with (written by migration 0004_feedback_explorer; a test
 * checks the two agree). Administrators edit it through /api/feedback/themes/taxonomy, which
 * re-tags every stored comment. Phrases are matched by their stems as consecutive words, so
 * 'wait' covers waited, waiting and waits.
 */
export const DEFAULT_THEMES: readonly ThemeDef[] = [
  {
    code: 'waiting-times',
    name: 'Waiting times',
    phrases: ['wait', 'on hold', 'hold time', 'get through', 'queue', 'call back', 'callback'],
  },
  {
    code: 'online-services',
    name: 'Online services',
    phrases: ['online', 'website', 'web site', 'upload', 'tracker', 'tracking', 'digital'],
  },
  {
    code: 'fees',
    name: 'Fees',
    phrases: ['fee', 'pay', 'paid', 'payment', 'refund', 'cost', 'price', 'charge'],
  },
  {
    code: 'helpful-staff',
    name: 'Helpful staff',
    phrases: [
      'helpful',
      'staff',
      'adviser',
      'advisor',
      'examiner',
      'friendly',
      'knowledgeable',
      'patient',
    ],
  },
  {
    code: 'clarity-of-guidance',
    name: 'Clarity of guidance',
    phrases: [
      'guidance',
      'jargon',
      'explain',
      'clear',
      'clearly',
      'confusing',
      'understood',
      'hard to follow',
      'video',
    ],
  },
  {
    code: 'it-problems',
    name: 'IT problems',
    phrases: [
      'crash',
      'error',
      'timed out',
      'time out',
      'lost everything',
      'not working',
      'broken',
    ],
  },
  {
    code: 'speed-of-decision',
    name: 'Speed of decision',
    phrases: [
      'decision',
      'faster',
      'quick',
      'slow',
      'delay',
      'took longer',
      'much longer',
      'within two days',
    ],
  },
  {
    code: 'keeping-informed',
    name: 'Keeping customers informed',
    phrases: ['nobody tells', 'chase', 'progress', 'reminder', 'what is happening', 'update'],
  },
  {
    code: 'classification',
    name: 'Classifying goods and services',
    phrases: ['classification', 'classifying', 'classify', 'goods and services'],
  },
];
