import { MAX_COMMENT_LENGTH, MAX_REPORTED_ERRORS } from '@ipo/contracts';
import { describe, expect, test } from 'vitest';
import { feedback, workItems } from '../src/imports/kinds.js';
import { LEFT_OUT, MAX_REJECTED_ROWS_IN_CSV, Rejections } from '../src/imports/rejected-rows.js';

// An import's rejected rows alone, without a file or a database: counts, the errors reported and
// the rejected-rows CSV (runImport's tests cover them inside whole imports).

const row = (ref: string) => [
  ref,
  'written_enquiry',
  'customer-support',
  '',
  'fax',
  'individual',
  '2025-07-01T09:30:00Z',
  '',
];
const channel = { column: 'channel', reason: 'unknown channel "fax"' };

describe('Rejections', () => {
  test('counts rows and errors, reports errors with their line, and keeps no rows for all-or-nothing', () => {
    const r = new Rejections(workItems, 'all-or-nothing');
    r.add(2, row('WI-1'), [channel, { column: 'team', reason: 'too long' }]);
    r.add(5, row('WI-2'), [channel]);
    expect([r.rows, r.errorCount]).toEqual([2, 3]);
    expect(r.errors).toEqual([
      { line: 2, ...channel },
      { line: 2, column: 'team', reason: 'too long' },
      { line: 5, ...channel },
    ]);
    expect(r.csv()).toBeNull();
  });

  test('reports at most MAX_REPORTED_ERRORS errors but counts them all', () => {
    const r = new Rejections(workItems, 'all-or-nothing');
    for (let line = 2; line < MAX_REPORTED_ERRORS + 12; line++) r.add(line, row('WI'), [channel]);
    expect(r.errors).toHaveLength(MAX_REPORTED_ERRORS);
    expect(r.errorCount).toBe(MAX_REPORTED_ERRORS + 10);
    expect(r.rows).toBe(MAX_REPORTED_ERRORS + 10);
  });

  test('repeats join the errors in line order, and their rows the CSV in valid-only mode', () => {
    const r = new Rejections(workItems, 'valid-only');
    r.add(3, row('WI-3'), [channel]);
    const repeat = (line: number) => ({
      line,
      problem: { column: 'source_ref', reason: 'repeated' },
      fields: () => row('WI-1').with(4, 'email'),
    });
    r.addRepeats([repeat(2), repeat(4)], 2);
    expect(r.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 'source_ref'],
      [3, 'channel'],
      [4, 'source_ref'],
    ]);
    expect([r.rows, r.errorCount, r.truncated]).toEqual([3, 3, false]);
    expect(r.csv()?.split('\r\n').slice(0, 4)).toEqual([
      'source_ref,work_type,service,team,channel,customer_group,received_at,completed_at,line,error',
      'WI-1,written_enquiry,customer-support,,email,individual,2025-07-01T09:30:00Z,,2,source_ref: repeated',
      'WI-3,written_enquiry,customer-support,,fax,individual,2025-07-01T09:30:00Z,,3,"channel: unknown channel ""fax"""',
      'WI-1,written_enquiry,customer-support,,email,individual,2025-07-01T09:30:00Z,,4,source_ref: repeated',
    ]);
  });

  test('keeps at most MAX_REJECTED_ROWS_IN_CSV rows for the CSV and says it is cut short', () => {
    const r = new Rejections(workItems, 'valid-only');
    for (let line = 2; line < MAX_REJECTED_ROWS_IN_CSV + 3; line++)
      r.add(line, row('WI'), [channel]);
    expect(r.rows).toBe(MAX_REJECTED_ROWS_IN_CSV + 1);
    expect(r.truncated).toBe(true);
    // A header, the rows kept, and the final line break.
    expect(r.csv()?.split('\r\n')).toHaveLength(MAX_REJECTED_ROWS_IN_CSV + 2);
  });

  test('the CSV redacts comments and leaves out an over-long value', () => {
    const r = new Rejections(feedback, 'valid-only');
    const fields = [
      'FB-1',
      '2025-07-01T09:30:00Z',
      'customer-support',
      '',
      'online',
      'individual',
      '9',
      'general',
      'Call me on 07700 900123',
    ];
    r.add(2, fields, [{ column: 'satisfaction', reason: 'must be 1 to 5' }]);
    r.add(3, fields.with(8, 'c'.repeat(MAX_COMMENT_LENGTH + 1)), [
      { column: 'comment', reason: 'too long' },
    ]);
    const csv = r.csv() ?? '';
    expect(csv).not.toContain('07700 900123');
    expect(csv).not.toContain('c'.repeat(MAX_COMMENT_LENGTH + 1));
    expect(csv).toContain(`comment: too long (${LEFT_OUT})`);
  });
});
