import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { copyLine, isoInstant } from '../src/db/copy.js';
import {
  BinaryRowWriter,
  type BinaryType,
  COPY_BINARY_HEADER,
  COPY_BINARY_TRAILER,
} from '../src/db/copy-binary.js';
import { createEmptyDatabase } from './support/database.js';

let db: Awaited<ReturnType<typeof createEmptyDatabase>>;
let client: pg.Client;

beforeAll(async () => {
  db = await createEmptyDatabase();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(
    'CREATE TABLE copied (i int, t text, n double precision, b boolean, at timestamptz(3))',
  );
});
afterAll(async () => {
  await client?.end();
  await db?.drop();
});

test('values written as COPY lines come back from PostgreSQL unchanged', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          t: fc.option(
            fc.string({
              unit: fc.constantFrom('a', '\\', '\t', '\n', '\r', 'N', '"', ',', 'é', '😀', '\\N'),
              maxLength: 12,
            }),
          ),
          n: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })),
          b: fc.option(fc.boolean()),
          at: fc.option(
            fc.date({
              min: new Date('2000-01-01T00:00:00Z'),
              max: new Date('2069-12-31T00:00:00Z'),
              noInvalidDate: true,
            }),
          ),
        }),
        { minLength: 1, maxLength: 20 },
      ),
      async (rows) => {
        await client.query('TRUNCATE copied');
        const text = rows.map((r, i) => `${copyLine([i, r.t, r.n, r.b, r.at])}\n`).join('');
        await pipeline(Readable.from([text]), client.query(copyFrom('COPY copied FROM STDIN')));
        const back = await client.query('SELECT t, n, b, at FROM copied ORDER BY i');
        expect(back.rows).toEqual(
          rows.map((r) => ({
            t: r.t,
            n: r.n === null ? null : r.n === 0 ? 0 : r.n,
            b: r.b,
            at: r.at,
          })),
        );
      },
    ),
    { numRuns: 100 },
  );
});

test('isoInstant formats every instant exactly as toISOString', () => {
  fc.assert(
    fc.property(
      fc.date({
        min: new Date('1960-01-01T00:00:00Z'),
        max: new Date('2080-12-31T23:59:59.999Z'),
        noInvalidDate: true,
      }),
      (date) => {
        expect(isoInstant(date)).toBe(date.toISOString());
      },
    ),
    { numRuns: 20_000 },
  );
  for (const text of [
    '2069-12-31T23:59:59.999Z',
    '2070-01-01T00:00:00.000Z',
    '1970-01-01T00:00:00.000Z',
    '2024-02-29T12:00:00.005Z',
  ]) {
    expect(isoInstant(new Date(text))).toBe(text);
  }
});

test('rows written in binary COPY format come back from PostgreSQL unchanged', async () => {
  await client.query(`CREATE TYPE colour AS ENUM ('red', 'green')`);
  await client.query(
    `CREATE TABLE copied_binary (i int4, t text, e colour, s int2, f float8, b boolean, d date,
       at timestamptz(3))`,
  );
  const types: BinaryType[] = [
    'int4',
    'text',
    'text',
    'int2',
    'float8',
    'bool',
    'date',
    'timestamptz',
  ];
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          t: fc.option(
            fc.string({
              unit: fc.constantFrom('a', '\\', '\t', '\n', 'é', '😀', ','),
              maxLength: 12,
            }),
          ),
          e: fc.option(fc.constantFrom('red', 'green')),
          s: fc.option(fc.integer({ min: -32768, max: 32767 })),
          f: fc.option(fc.double({ noNaN: true })),
          b: fc.option(fc.boolean()),
          d: fc.option(
            fc
              .date({
                min: new Date('1990-01-01T00:00:00Z'),
                max: new Date('2080-12-31T00:00:00Z'),
                noInvalidDate: true,
              })
              .map((x) => x.toISOString().slice(0, 10)),
          ),
          at: fc.option(
            fc.date({
              min: new Date('1960-01-01T00:00:00Z'),
              max: new Date('2080-12-31T00:00:00Z'),
              noInvalidDate: true,
            }),
          ),
        }),
        { minLength: 1, maxLength: 30 },
      ),
      fc.integer({ min: 1, max: 7 }),
      async (rows, blockEvery) => {
        await client.query('TRUNCATE copied_binary');
        const writer = new BinaryRowWriter(types);
        const blocks: Buffer[] = [COPY_BINARY_HEADER];
        rows.forEach((r, i) => {
          writer.write([i, r.t, r.e, r.s, r.f, r.b, r.d, r.at]);
          if (i % blockEvery === 0) blocks.push(writer.take());
        });
        blocks.push(writer.take(), COPY_BINARY_TRAILER);
        await pipeline(
          Readable.from(blocks),
          client.query(copyFrom('COPY copied_binary FROM STDIN (FORMAT binary)')),
        );
        const back = await client.query(
          `SELECT t, e::text AS e, s, f, b, to_char(d, 'YYYY-MM-DD') AS d, at FROM copied_binary ORDER BY i`,
        );
        // Binary float8 is exact: even -0 comes back as -0.
        expect(back.rows).toEqual(rows);
      },
    ),
    { numRuns: 100 },
  );
});
