import { MAX_COMMENT_LENGTH } from '@ipo/contracts';
import { describe, expect, test } from 'vitest';
import { LEFT_OUT, leaveOutOverLongValues } from '../src/imports/rejected-rows.js';

const columns = ['source_ref', 'team', 'comment'];
const long = 'x'.repeat(MAX_COMMENT_LENGTH + 1);

describe('leaveOutOverLongValues (the rejected-rows CSV)', () => {
  test('keeps a row without over-long values as it is', () => {
    const fields = ['A', 'Team', 'c'.repeat(MAX_COMMENT_LENGTH)];
    const errors = [{ column: 'team', reason: 'unknown' }];
    const kept = leaveOutOverLongValues(columns, fields, errors);
    expect(kept.fields).toBe(fields);
    expect(kept.errors).toEqual(errors);
  });

  test('a value over the limit only with its padding is kept', () => {
    const fields = ['A', '', `  ${'c'.repeat(MAX_COMMENT_LENGTH)}  `];
    expect(leaveOutOverLongValues(columns, fields, []).fields).toBe(fields);
  });

  test("leaves an over-long value out and adds so to its column's error", () => {
    const fields = ['A', 'Team', long];
    const errors = [
      { column: 'team', reason: 'unknown team' },
      { column: 'comment', reason: 'is 10,001 characters long; the limit is 10,000' },
    ];
    expect(leaveOutOverLongValues(columns, fields, errors)).toEqual({
      fields: ['A', 'Team', ''],
      errors: [
        { column: 'team', reason: 'unknown team' },
        {
          column: 'comment',
          reason: `is 10,001 characters long; the limit is 10,000 (${LEFT_OUT})`,
        },
      ],
    });
    // The caller's row is not changed.
    expect(fields[2]).toBe(long);
  });

  test('says so in an error of its own when the column had none (a row of the wrong width)', () => {
    const errors = [{ column: null, reason: 'has 4 values; the header has 3 columns' }];
    expect(leaveOutOverLongValues(columns, [long, 'Team', long], errors)).toEqual({
      fields: ['', 'Team', ''],
      errors: [
        errors[0],
        { column: 'source_ref', reason: `is 10,001 characters long: ${LEFT_OUT}` },
        { column: 'comment', reason: `is 10,001 characters long: ${LEFT_OUT}` },
      ],
    });
  });
});
