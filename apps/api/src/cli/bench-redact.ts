/**
 * pnpm --filter @ipo/api bench:redact: times redaction (and the whole comment pipeline:
 * redaction, themes, sentiment) of each adversarial input of the redaction corpus, and of
 * ordinary text, at 10,000 to 80,000 characters. Linear time shows as an 80k/40k ratio of about
 * 2; quadratic time as about 4. `--before` also times the patterns redaction used before it was
 * made linear (referenceRedact; several minutes). Prints figures; asserts nothing (each output is
 * checked, though: a wrong redaction is reported).
 */
import { parseArgs } from 'node:util';
import { DEFAULT_THEMES } from '../feedback/default-taxonomy.js';
import { redactPersonalData } from '../feedback/redact.js';
import {
  ADVERSARIAL_CORPUS,
  ORDINARY_TEXT,
  referenceRedact,
} from '../feedback/redaction-corpus.js';
import { applyFeedbackText, compileTaxonomy } from '../feedback/text.js';

const usage = `Usage: pnpm --filter @ipo/api bench:redact [--sizes 10000,20000,40000,80000] [--before]

Times redactPersonalData and applyFeedbackText on each adversarial input and on ordinary text
at each size, and prints milliseconds (the fastest of several runs: the machine's other work only
ever adds time) and the ratio of the two largest sizes (about 2 for linear time). --before also
times the regular expressions redaction used before (quadratic: minutes at 80,000 characters).`;

/** Collects garbage before each run, when node runs with --expose-gc (the package script
 * does), so that a collection of the previous run's strings is not timed. */
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});

/** The fastest of several runs of `fn`, in milliseconds: at least 15 runs and 200 ms, at most
 * 40 runs; a single run when one takes over 2 s. */
function time(fn: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  let spent = 0;
  for (let runs = 0; runs < 40 && (runs < 15 || spent < 200) && !(spent > 2000); runs++) {
    collectGarbage();
    const t = performance.now();
    fn();
    const ms = performance.now() - t;
    best = Math.min(best, ms);
    spent += ms;
  }
  return best;
}

function main() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000,20000,40000,80000' },
      before: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const sizes = values.sizes.split(',').map(Number);
  if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 100)) {
    process.stderr.write(`${usage}\n`);
    process.exit(1);
  }
  const taxonomy = compileTaxonomy(DEFAULT_THEMES);
  const inputs: { name: string; text(size: number): string; redacted?(size: number): string }[] = [
    ...ADVERSARIAL_CORPUS,
    ORDINARY_TEXT,
  ];
  const [last, previous] = [sizes.at(-1) as number, sizes.at(-2) as number];
  const k = (n: number) => `${n / 1000}k`;
  const header = [
    'input'.padEnd(46),
    ...sizes.map((s) => `${k(s)} ms`.padStart(10)),
    `${k(last)}/${k(previous)}`.padStart(9),
  ].join(' ');

  // Warm up the patterns and the JIT on every input once.
  for (const input of inputs) applyFeedbackText(input.text(sizes[0] as number), taxonomy);

  const tables: [string, (text: string) => void][] = [
    ['redactPersonalData', (text) => void redactPersonalData(text)],
    [
      'applyFeedbackText (redaction, themes, sentiment)',
      (text) => void applyFeedbackText(text, taxonomy),
    ],
  ];
  if (values.before) {
    tables.unshift([
      'before: the regular expressions redaction used (referenceRedact)',
      (text) => void referenceRedact(text),
    ]);
  }
  for (const [title, fn] of tables) {
    process.stdout.write(`\n${title}\n${header}\n`);
    for (const input of inputs) {
      const ms = sizes.map((size) => {
        const text = input.text(size);
        const expected = input.redacted?.(size);
        if (expected !== undefined && redactPersonalData(text) !== expected) {
          process.stdout.write(`  WRONG OUTPUT: ${input.name} at ${size} characters\n`);
        }
        return time(() => fn(text));
      });
      const ratio = (ms.at(-1) as number) / (ms.at(-2) as number);
      process.stdout.write(
        `${[
          input.name.padEnd(46),
          ...ms.map((m) => m.toFixed(2).padStart(10)),
          ratio.toFixed(2).padStart(9),
        ].join(' ')}\n`,
      );
    }
  }
}

main();
