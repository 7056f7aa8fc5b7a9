// Validation cost per work-item row: the zod schema against the fast path (imports/fast-rows.ts),
// and parseImportTimestamp against its regex reference.
//   cd apps/api && node --import tsx src/cli/bench-fast-rows.ts [rows]
import {
  ChannelSchema,
  CustomerGroupSchema,
  IMPORT_COLUMNS,
  parseImportTimestamp,
  parseImportTimestampReference,
  WorkItemImportRowSchema,
} from '@ipo/contracts';
import { fastWorkItemRow } from '../imports/fast-rows.js';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const columns = IMPORT_COLUMNS['work-items'];
const channels = ChannelSchema.options;
const groups = CustomerGroupSchema.options;
const types = ['written_enquiry', 'phone_call', 'patent_application', 'trade_mark_renewal'];
const services = ['customer-support', 'patents', 'trade-marks'];

// A deterministic mix: milliseconds or not, a team or not, completed or not.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;

// Rows are written as CSV text and split again, so the fields are substrings of a big text as
// the CSV reader gives them (not template-literal cons strings, which read slower).
const lines: string[] = [];
const from = Date.UTC(2020, 0, 1);
for (let i = 0; i < ROWS; i++) {
  const received = from + Math.floor(random() * 5 * 365 * 86_400_000);
  const withMs = random() < 0.7;
  const show = (ms: number) => {
    const iso = new Date(ms).toISOString();
    return withMs ? iso : `${iso.slice(0, 19)}Z`;
  };
  lines.push(
    [
      `WI-${String(i + 1).padStart(8, '0')}`,
      pick(types),
      pick(services),
      random() < 0.8 ? `Team ${pick(['A', 'B', 'C'])}` : '',
      pick(channels),
      pick(groups),
      show(received),
      random() < 0.9 ? show(received + Math.floor(random() * 30 * 86_400_000)) : '',
    ].join(','),
  );
}
const rows = lines
  .join('\n')
  .split('\n')
  .map((line) => line.split(','));
lines.length = 0;

const asObject = (fields: readonly string[]) => {
  const o: Record<string, string> = {};
  for (let c = 0; c < columns.length; c++) o[columns[c] as string] = fields[c] as string;
  return o;
};

function time(label: string, count: number, run: () => number) {
  run(); // warm up
  const start = performance.now();
  const ok = run();
  const ms = performance.now() - start;
  console.log(
    `${label.padEnd(40)} ${((ms * 1000) / count).toFixed(3).padStart(7)} µs/item  ${ms.toFixed(0).padStart(6)} ms  (${ok.toLocaleString('en-GB')} ok of ${count.toLocaleString('en-GB')})`,
  );
}

console.log(`${ROWS.toLocaleString('en-GB')} valid work-item rows, Node ${process.version}`);
time('zod safeParse (object built per row)', ROWS, () => {
  let ok = 0;
  for (const r of rows) if (WorkItemImportRowSchema.safeParse(asObject(r)).success) ok++;
  return ok;
});
time('fastWorkItemRow', ROWS, () => {
  let ok = 0;
  for (const r of rows) if (fastWorkItemRow(r) !== undefined) ok++;
  return ok;
});

const stamps = rows.map((r) => r[6] as string);
time('parseImportTimestampReference (regex)', ROWS, () => {
  let ok = 0;
  for (const s of stamps) if (typeof parseImportTimestampReference(s) !== 'string') ok++;
  return ok;
});
time('parseImportTimestamp (fast path)', ROWS, () => {
  let ok = 0;
  for (const s of stamps) if (typeof parseImportTimestamp(s) !== 'string') ok++;
  return ok;
});
