import { describe, expect, test } from 'vitest';
import { csvCell, toCsv } from '../src/csv.js';

describe('csvCell', () => {
  test.each([
    ['plain', 'plain'],
    ['with, comma', '"with, comma"'],
    ['with "quotes"', '"with ""quotes"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://x","click")', `"'=HYPERLINK(""http://x"",""click"")"`],
    ['+44 20 7946 0018', "'+44 20 7946 0018"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    // Full-width forms of the formula characters.
    ['\uFF1DHYPERLINK("http://x")', `"'\uFF1DHYPERLINK(""http://x"")"`],
    ['\uFF0B44 20 7946 0018', "'\uFF0B44 20 7946 0018"],
    ['\uFF0D1+1', "'\uFF0D1+1"],
    ['\uFF20SUM(A1)', "'\uFF20SUM(A1)"],
    // A leading tab, carriage return or line feed hides a formula on the next line.
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', `"'\r=1+1"`],
    ['\n=1+1', `"'\n=1+1"`],
    ['\r\n=1+1', `"'\r\n=1+1"`],
    // Only at the start: inside a cell they are text.
    ['a=1', 'a=1'],
    ['x\uFF1Dy', 'x\uFF1Dy'],
    ['Mr \uFF20home', 'Mr \uFF20home'],
    [' padded ', '" padded "'],
    [0.9, '0.9'],
    [-3, '-3'],
    [null, ''],
    [true, 'true'],
  ])('%j -> %s', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
});

test('toCsv writes a header and CRLF lines', () => {
  const csv = toCsv(
    [
      { header: 'period', value: (r: { p: string; v: number }) => r.p },
      { header: 'value', value: (r) => r.v },
    ],
    [
      { p: '2025-07', v: 0.9 },
      { p: '2025-08', v: 0.85 },
    ],
  );
  expect(csv).toBe('period,value\r\n2025-07,0.9\r\n2025-08,0.85\r\n');
});
