/**
 * pnpm --filter @ipo/api bench:london: the cost of one call of londonDateFromMs (the London date
 * of every imported timestamp) in nanoseconds, on a million instants in time order (as an import
 * meets them) and in random order, with londonDate (from a Date) and Intl beside it. Prints
 * figures; asserts nothing, but checks every answer against Intl on a sample and stops if one
 * is wrong.
 */
import { parseArgs } from 'node:util';
import { londonDate, londonDateFromMs } from '@ipo/domain';

const usage = `Usage: pnpm --filter @ipo/api bench:london [--calls 1000000] [--runs 7]

Times londonDateFromMs on --calls instants over 2024 (in time order, then shuffled), londonDate
on Date objects, and Intl.DateTimeFormat for comparison, and prints nanoseconds per call: the
fastest of --runs runs (the machine's other work only ever adds time) and the median.`;

const intl = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** A seeded PRNG (mulberry32), so that every run shuffles the same way. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Nanoseconds per call of each run of `fn` over `n` inputs; `fn` returns a checksum. */
function time(n: number, runs: number, fn: () => number): { best: number; median: number } {
  const perCall: number[] = [];
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    sink += fn();
    perCall.push(((performance.now() - t) * 1e6) / n);
  }
  if (sink === 0) throw new Error('nothing was computed');
  perCall.sort((a, b) => a - b);
  return { best: perCall[0] as number, median: perCall[Math.floor(perCall.length / 2)] as number };
}

function main() {
  const { values } = parseArgs({
    options: {
      calls: { type: 'string', default: '1000000' },
      runs: { type: 'string', default: '7' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const n = Number(values.calls);
  const runs = Number(values.runs);
  if (!Number.isInteger(n) || n < 1000 || !Number.isInteger(runs) || runs < 1) {
    process.stderr.write(`${usage}\n`);
    process.exit(1);
  }

  // About a million instants over 2024, every 31 seconds: both changes of the clocks included.
  const start = Date.UTC(2024, 0, 1);
  const step = Math.floor((366 * 86_400_000) / n);
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = start + i * step;
  const shuffled = Float64Array.from(sorted);
  const random = prng(20240101);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as number, shuffled[i] as number];
  }
  const dates = Array.from(sorted, (ms) => new Date(ms));

  // Every answer the benchmark times is right: a sample of 10,000 against Intl.
  for (let i = 0; i < n; i += Math.max(1, Math.floor(n / 10_000))) {
    const ms = sorted[i] as number;
    const expected = intl.format(new Date(ms));
    if (londonDateFromMs(ms) !== expected) {
      throw new Error(`${new Date(ms).toISOString()}: ${londonDateFromMs(ms)}, Intl ${expected}`);
    }
  }

  const rows: [string, number, () => number][] = [
    [
      'londonDateFromMs, in time order',
      n,
      () => {
        let s = 0;
        for (let i = 0; i < n; i++) s += londonDateFromMs(sorted[i] as number).length;
        return s;
      },
    ],
    [
      'londonDateFromMs, random order',
      n,
      () => {
        let s = 0;
        for (let i = 0; i < n; i++) s += londonDateFromMs(shuffled[i] as number).length;
        return s;
      },
    ],
    [
      'londonDate(Date), in time order',
      n,
      () => {
        let s = 0;
        for (let i = 0; i < n; i++) s += londonDate(dates[i] as Date).length;
        return s;
      },
    ],
  ];
  // Intl is about a thousand times slower: a tenth of the calls is enough to time it.
  const intlCalls = Math.max(1000, Math.floor(n / 10));
  rows.push([
    'Intl.DateTimeFormat, in time order (comparison)',
    intlCalls,
    () => {
      let s = 0;
      for (let i = 0; i < intlCalls; i++) s += intl.format(dates[i] as Date).length;
      return s;
    },
  ]);

  process.stdout.write(
    `${n.toLocaleString('en-GB')} instants over 2024, ${runs} runs each; node ${process.version}\n`,
  );
  process.stdout.write(
    `${'calls'.padEnd(48)} ${'ns/call best'.padStart(13)} ${'median'.padStart(9)}\n`,
  );
  for (const [name, calls, fn] of rows) {
    fn(); // warm up the JIT and the caches
    const { best, median } = time(calls, runs, fn);
    process.stdout.write(
      `${name.padEnd(48)} ${best.toFixed(1).padStart(13)} ${median.toFixed(1).padStart(9)}\n`,
    );
  }
}

main();
