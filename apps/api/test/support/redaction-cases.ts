import { REDACTED } from '../../src/feedback/redact.js';

/** Personal data that must never be stored: [text, the fragment that must disappear, marker]. */
export const PERSONAL_CASES: [string, string, string][] = [
  ['Email me at sam.taylor@example.com please', 'sam.taylor@example.com', REDACTED.email],
  ['j.patel+ipo@mail.example.co.uk wrote', 'j.patel+ipo@mail.example.co.uk', REDACTED.email],
  ['(contact: A.N.Other@Example.ORG)', 'A.N.Other@Example.ORG', REDACTED.email],
  // The address ends after the letters of the last label that starts with two of them.
  ['mail sam@example.com123 now', 'sam@example.com', REDACTED.email],
  [
    'to first.last@sub-domain.example.co.uk.',
    'first.last@sub-domain.example.co.uk',
    REDACTED.email,
  ],
  ['v2@mail.example.org2.x9', 'v2@mail.example.org', REDACTED.email],
  // A second '@': the address is what follows the first.
  ['ref x@y.z@example.com here', 'y.z@example.com', REDACTED.email],
  ['Please call me back on 07700 900461.', '07700 900461', REDACTED.phone],
  ['mobile 07700900461', '07700900461', REDACTED.phone],
  ['mobile 07700-900-461 after 5', '07700-900-461', REDACTED.phone],
  ['mobile 07700  900461 today', '07700  900461', REDACTED.phone],
  ['ring (0161) 496-0000', '(0161) 496-0000', REDACTED.phone],
  ['My number is +44 20 7946 0018 if anyone wants to discuss.', '+44 20 7946 0018', REDACTED.phone],
  ['ring +44 (0)20 7946 0018', '+44 (0)20 7946 0018', REDACTED.phone],
  ['text +447700900461', '+447700900461', REDACTED.phone],
  ['+44-7700-900-461 is mine', '+44-7700-900-461', REDACTED.phone],
  ['Ring 0161 496 0000 during the day.', '0161 496 0000', REDACTED.phone],
  ['office (020) 7946 0018', '(020) 7946 0018', REDACTED.phone],
  ['landline 01632 960001,', '01632 960001', REDACTED.phone],
  ['Write to me at 10 Concept House, Newport NP10 8QQ.', 'NP10 8QQ', REDACTED.postcode],
  ['postcode SW1A 1AA', 'SW1A 1AA', REDACTED.postcode],
  ['in M1 1AE today', 'M1 1AE', REDACTED.postcode],
  ['lives at np108qq', 'np108qq', REDACTED.postcode],
  ['EC1A1BB London', 'EC1A1BB', REDACTED.postcode],
  ['My NI number is QQ 12 34 56 C in case you need it.', 'QQ 12 34 56 C', REDACTED.ni],
  ['NI: AB123456C', 'AB123456C', REDACTED.ni],
  ['ni no qq123456c.', 'qq123456c', REDACTED.ni],
  [
    'I paid twice with card 4929 1234 5678 9012, please refund one.',
    '4929 1234 5678 9012',
    REDACTED.card,
  ],
  ['card 4111-1111-1111-1111 charged', '4111-1111-1111-1111', REDACTED.card],
  ['card 4111111111111111 charged', '4111111111111111', REDACTED.card],
  ['amex 3782 822463 10005', '3782 822463 10005', REDACTED.card],
  ['maestro 6759649826438453', '6759649826438453', REDACTED.card],
];

/** Text customers legitimately write that must survive unchanged. */
export const SURVIVING_CASES: string[] = [
  'My reply took longer than the 10 working days promised.',
  'trade mark UK00003412345 was examined',
  'patent GB2401234.5 is still waiting',
  'I filed on 12/03/2025 and heard nothing.',
  'I filed on 2025-03-12 and heard nothing.',
  'The fee was £170 and then £1,250.00 for renewal.',
  'I called at 09:30 and again at 14:05.',
  'Form TM3 was confusing.',
  'I applied in class 9 and 42.',
  'Design number 6012345 and application 1234567890123 (not a card).',
  'Reference 0123 4567 was on my letter.',
  'In Q3 2nd week things got better.',
  'Between 2025-03-12 2025-03-19 nothing happened.',
  'Order number 20250312093045 arrived.',
  'We waited 45 minutes, 3 times.',
  'A 20% rise in fees, up 1,250 on last year.',
  // Not e-mail addresses: no local part, no two-letter label after a dot, an empty label.
  'Ask @example.com or reply to a@b.c about it.',
  'Version 1.2.3@4.5.6 and x@y..com and me@home',
];
