import fc from 'fast-check';

// Timestamp texts for the import contract's property tests: the contracts' own (parseImportTimestamp)
// and the API's fast row paths (apps/api/test/fast-rows.test.ts).

const pad2 = (n: number) => String(n).padStart(2, '0');
const pad4 = (n: number) => String(n).padStart(4, '0');

/** Timestamp texts: mostly of the common shapes, with every field at and past its edges. */
export const timestampText = fc.oneof(
  {
    arbitrary: fc
      .record({
        year: fc.oneof(
          fc.integer({ min: 2000, max: 2069 }),
          fc.constantFrom(1900, 1999, 2000, 2024, 2069, 2070, 0, 4, 9999),
        ),
        month: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 2, 13, 99)),
        day: fc.oneof(fc.integer({ min: 1, max: 28 }), fc.constantFrom(0, 29, 30, 31, 32)),
        hour: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.constantFrom(24, 99)),
        minute: fc.oneof(fc.integer({ min: 0, max: 59 }), fc.constantFrom(60)),
        second: fc.option(fc.oneof(fc.integer({ min: 0, max: 59 }), fc.constantFrom(60)), {
          nil: undefined,
          freq: 5,
        }),
        fraction: fc.option(fc.stringMatching(/^\d{1,10}$/), { nil: undefined, freq: 2 }),
        zone: fc.oneof(
          { arbitrary: fc.constant('Z'), weight: 6 },
          {
            arbitrary: fc.constantFrom(
              '',
              '+01:00',
              '+0100',
              '-0530',
              '-05:30',
              '+14:00',
              '+14:59',
              '+15:00',
              '-00:00',
              '+01:60',
              '+1:00',
              '+01:0',
              '+010',
              '+01000',
              '+0100Z',
              '+01:00Z',
              '+01:000',
              'z',
              'Z ',
              'ZZ',
            ),
            weight: 3,
          },
        ),
        sep: fc.constantFrom('T', 'T', 'T', 'T', 't', ' '),
        lead: fc.constantFrom('', '', '', '', '', ' ', '\t'),
      })
      .map(
        (p) =>
          `${p.lead}${pad4(p.year)}-${pad2(p.month)}-${pad2(p.day)}${p.sep}${pad2(p.hour)}:${pad2(p.minute)}` +
          (p.second === undefined
            ? ''
            : `:${pad2(p.second)}${p.fraction === undefined ? '' : `.${p.fraction}`}`) +
          p.zone,
      ),
    weight: 8,
  },
  // near misses: the characters of a timestamp in any order
  {
    arbitrary: fc.string({
      unit: fc.constantFrom(...'0123456789-T:Z+.'.split('')),
      minLength: 14,
      maxLength: 38,
    }),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom(
      '2024-02-29T12:00:00Z',
      '2023-02-29T12:00:00Z',
      '2025-02-30T00:00:00Z',
      '2025-04-31T00:00:00Z',
      '2025-07-01T24:00:00Z',
      '2025-07-01',
      '2025-07-01T09:30',
      '2025-07-01T09:30:00',
      '2025-07-01T09:30:00.123',
      '2000-01-01T00:00:00+14:00',
      '2069-12-31T23:59:59.999-14:59',
      '1999-12-31T23:59:59Z',
      '2070-01-01T00:00:00Z',
      '2025-07-01T09:30:00.1234567890Z',
      '',
    ),
    weight: 1,
  },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
);

/** An ordinary (common-shape, valid) timestamp in the import years, and its instant. */
export const ordinaryTimestamp = fc
  .record({
    ms: fc.integer({ min: Date.UTC(2000, 0, 2), max: Date.UTC(2069, 11, 30) }),
    shape: fc.constantFrom('ms', 'seconds', 'minutes', 'fraction', 'offset'),
    fraction: fc.stringMatching(/^\d{1,9}$/),
    offset: fc.record({
      sign: fc.constantFrom('+', '-'),
      hours: fc.integer({ min: 0, max: 14 }),
      minutes: fc.integer({ min: 0, max: 59 }),
      colon: fc.boolean(),
    }),
  })
  .map(({ ms, shape, fraction, offset }) => {
    const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
    switch (shape) {
      case 'ms':
        return iso;
      case 'seconds':
        return `${iso.slice(0, 19)}Z`;
      case 'minutes':
        return `${iso.slice(0, 16)}Z`;
      case 'fraction':
        return `${iso.slice(0, 19)}.${fraction}Z`;
      default: {
        const minutes = (offset.sign === '-' ? -1 : 1) * (offset.hours * 60 + offset.minutes);
        const local = new Date(ms + minutes * 60_000).toISOString();
        const hh = pad2(offset.hours);
        const mm = pad2(offset.minutes);
        return `${local.slice(0, 23)}${offset.sign}${hh}${offset.colon ? ':' : ''}${mm}`;
      }
    }
  });
