import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fromDayNumber } from '@ipo/domain';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue = string | number | boolean | Date | null;

const NEEDS_ESCAPE = /[\\\t\n\r]/;

const MS_PER_DAY = 86_400_000;
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const dayText = new Map<number, string>();

/**
 * `date.toISOString()`, several times faster: imports write two timestamps per row, and the
 * few thousand distinct days are formatted once.
 */
export function isoInstant(date: Date): string {
  const ms = date.getTime();
  const day = Math.floor(ms / MS_PER_DAY);
  if (!(day >= 0 && day < 100 * 366)) return date.toISOString(); // before 1970, after 2069, NaN
  let text = dayText.get(day);
  if (text === undefined) {
    text = fromDayNumber(day);
    dayText.set(day, text);
  }
  let rest = ms - day * MS_PER_DAY;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${text}T${PAD2[hours]}:${PAD2[minutes]}:${PAD2[seconds]}.${PAD3[rest - seconds * 1000]}Z`;
}

/** A value in PostgreSQL's COPY text format. */
export function copyText(value: CopyValue): string {
  if (typeof value === 'string') {
    if (!NEEDS_ESCAPE.test(value)) return value;
  } else {
    if (value === null) return '\\N';
    if (value instanceof Date) return isoInstant(value);
    if (typeof value === 'boolean') return value ? 't' : 'f';
    return String(value);
  }
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** A row of values as one line of COPY text, without the line break. */
export function copyLine(values: readonly CopyValue[]): string {
  return values.map(copyText).join('\t');
}

/** Rows written for a COPY a block at a time (COPY text here, binary in copy-binary.ts). */
export interface CopyRowWriter {
  write(values: readonly CopyValue[]): void;
  /** The rows written since the last call, as one block. */
  take(): string | Buffer;
  /** Rows written since the last take. */
  readonly rows: number;
}

/** Rows as COPY text: a block is one string of lines. */
export class TextRowWriter implements CopyRowWriter {
  private lines: string[] = [];

  write(values: readonly CopyValue[]): void {
    this.lines.push(copyLine(values));
  }

  take(): string {
    const block = this.lines.length ? `${this.lines.join('\n')}\n` : '';
    this.lines = [];
    return block;
  }

  get rows(): number {
    return this.lines.length;
  }
}

/**
 * Streams rows into a table with COPY, in batches of lines, without holding them all in memory.
 * Returns the number of rows written. Runs on the caller's client, so inside its transaction.
 */
export async function copyRows<T>(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: Iterable<T> | AsyncIterable<T>,
  toValues: (row: T) => CopyValue[],
): Promise<number> {
  let count = 0;
  async function* lines() {
    let batch: string[] = [];
    for await (const row of rows) {
      batch.push(copyLine(toValues(row)));
      count++;
      if (batch.length === 2000) {
        yield `${batch.join('\n')}\n`;
        batch = [];
      }
    }
    if (batch.length) yield `${batch.join('\n')}\n`;
  }
  const sql = `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
  await pipeline(Readable.from(lines()), client.query(copyFrom(sql)));
  return count;
}

/**
 * Runs a bulk load into an empty table with its secondary indexes and foreign keys dropped, then
 * restores them with the exact definitions they had: building an index, or validating a foreign
 * key, once over the whole table is several times faster than doing it row by row. Runs inside
 * the caller's transaction, so a failure restores everything. A table that already has rows is
 * loaded as it is.
 */
export async function withBulkLoad<T>(
  client: pg.ClientBase,
  table: string,
  load: () => Promise<T>,
): Promise<T> {
  const { rows: nonEmpty } = await client.query(`SELECT 1 FROM ${table} LIMIT 1`);
  if (nonEmpty.length > 0) return load();
  const { rows: foreignKeys } = await client.query<{ name: string; definition: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
      WHERE conrelid = $1::regclass AND contype = 'f'`,
    [table],
  );
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename = $1
        AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass)`,
    [table],
  );
  // Emptying the table in this transaction lets COPY skip the WAL where wal_level is minimal.
  await client.query(`TRUNCATE ${table}`);
  for (const f of foreignKeys)
    await client.query(`ALTER TABLE ${table} DROP CONSTRAINT "${f.name}"`);
  for (const i of indexes) await client.query(`DROP INDEX "${i.indexname}"`);
  const result = await load();
  await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  for (const i of indexes) await client.query(i.indexdef);
  for (const f of foreignKeys) {
    await client.query(`ALTER TABLE ${table} ADD CONSTRAINT "${f.name}" ${f.definition}`);
  }
  return result;
}
