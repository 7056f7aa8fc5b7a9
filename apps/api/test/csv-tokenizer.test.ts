import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type CsvRecord, CsvSyntaxError, CsvTokenizer } from '../src/imports/csv-tokenizer.js';

/** The whole text through the tokenizer, in the given chunk sizes (cycled). */
function tokenize(text: string, chunkSizes: number[] = [text.length || 1], max?: number) {
  const tokenizer = new CsvTokenizer(max);
  const records: CsvRecord[] = [];
  let at = 0;
  let k = 0;
  while (at < text.length) {
    const size = Math.max(1, chunkSizes[k++ % chunkSizes.length]!);
    records.push(...tokenizer.push(text.slice(at, at + size)));
    at += size;
  }
  records.push(...tokenizer.end());
  return records;
}

/** csv-parse as the reference, with the physical line of each record worked out from its values. */
function reference(text: string): CsvRecord[] {
  const rows = parse(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
  let line = 1;
  return rows.map((fields) => {
    const record = { line, fields };
    line += 1;
    for (const f of fields) {
      for (let i = 0; i < f.length; i++) {
        const c = f[i];
        if (c === '\n' || (c === '\r' && f[i + 1] !== '\n')) line++;
      }
    }
    return record;
  });
}

/** A CSV file of arbitrary values, each quoted when it must be (or at random when it need not). */
const csvFile = fc
  .record({
    rows: fc.array(
      fc.array(
        fc.record({
          value: fc.string({
            unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\n', '\r\n', '\r', 'é', '😀', '\t'),
            maxLength: 12,
          }),
          forceQuotes: fc.boolean(),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      { minLength: 1, maxLength: 30 },
    ),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    finalEol: fc.boolean(),
  })
  .map(({ rows, eol, finalEol }) => {
    const lines = rows.map((row) =>
      row
        .map(({ value, forceQuotes }) =>
          forceQuotes || /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value,
        )
        .join(','),
    );
    return lines.join(eol) + (finalEol ? eol : '');
  });

describe('CsvTokenizer', () => {
  test('reads what csv-parse reads, with the same physical lines, however the text is chunked', () => {
    fc.assert(
      fc.property(
        csvFile,
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1 }),
        (text, chunks) => {
          const expected = reference(text);
          expect(tokenize(text)).toEqual(expected);
          expect(tokenize(text, chunks)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('accepts and rejects the same arbitrary text as csv-parse', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ',', '"', '\n'), maxLength: 30 }),
        fc.integer({ min: 1, max: 7 }),
        (text, chunk) => {
          let expected: CsvRecord[] | 'error';
          try {
            expected = reference(text);
          } catch {
            expected = 'error';
          }
          let actual: CsvRecord[] | 'error';
          try {
            actual = tokenize(text, [chunk]);
          } catch (error) {
            if (!(error instanceof CsvSyntaxError)) throw error;
            actual = 'error';
          }
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test.each([
    ['a quote never closed', 'a,b\n1,"x\n2,3\n', 'QUOTE_NOT_CLOSED', 2],
    ['text after a closing quote', 'a,b\n1,2\n3,"x"y\n', 'TEXT_AFTER_CLOSING_QUOTE', 3],
    ['a quote inside an unquoted value', 'a,b\n1,x"y\n', 'QUOTE_IN_UNQUOTED_FIELD', 2],
    ['a record over the limit', `a,b\n1,"${'x'.repeat(50)}"\n`, 'RECORD_TOO_LONG', 2],
    ['an unclosed quote over the limit', `a,b\n1,"${'x\n'.repeat(50)}`, 'RECORD_TOO_LONG', 2],
  ])('%s: %s on the line the record starts', (_name, text, code, line) => {
    for (const chunk of [1, 3, 1000]) {
      let error: unknown;
      try {
        tokenize(text, [chunk], 40);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CsvSyntaxError);
      expect(error).toMatchObject({ code, line });
    }
  });

  test('a quoted value with line breaks moves the next record down by as many lines', () => {
    const text = 'h1,h2\r\n"a\r\nb\nc\rd",x\r\nlast,row';
    expect(tokenize(text, [2])).toEqual([
      { line: 1, fields: ['h1', 'h2'] },
      { line: 2, fields: ['a\r\nb\nc\rd', 'x'] },
      { line: 6, fields: ['last', 'row'] },
    ]);
  });

  test('blank lines are records of one empty value, and empty text gives no records', () => {
    expect(tokenize('a\n\r\n\nb')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: [''] },
      { line: 3, fields: [''] },
      { line: 4, fields: ['b'] },
    ]);
    expect(tokenize('')).toEqual([]);
  });
});
