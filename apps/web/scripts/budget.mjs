/**
 * The initial-download budget of the dashboard's landing page (`/`): the JavaScript and CSS the
 * browser needs before it can draw the scorecard (the entry chunk, every chunk it imports
 * statically, and their stylesheets), gzipped as the server sends them. Chunks loaded later with
 * `import()` (charts, other pages, response validation) are not counted here; `pnpm bench:web`
 * reports everything a page downloads.
 *
 * `node scripts/budget.mjs` checks the last build (`vite build`, with its manifest) and exits 1
 * when over budget; `--json` prints the figures for other scripts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const JS_BUDGET_BYTES = 100 * 1024;
export const CSS_BUDGET_BYTES = 25 * 1024;

/** @param {string} distDir */
export function initialAssets(distDir) {
  /** @type {Record<string, {file: string, imports?: string[], css?: string[], isEntry?: boolean}>} */
  const manifest = JSON.parse(readFileSync(path.join(distDir, '.vite/manifest.json'), 'utf8'));
  const entry = manifest['index.html'];
  if (!entry) throw new Error('The build manifest has no index.html entry');
  const js = new Set();
  const css = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || js.has(chunk.file)) return;
    js.add(chunk.file);
    for (const c of chunk.css ?? []) css.add(c);
    for (const i of chunk.imports ?? []) visit(i);
  };
  visit('index.html');
  const size = (file) => gzipSync(readFileSync(path.join(distDir, file))).length;
  const jsFiles = [...js].map((file) => ({ file, gzipBytes: size(file) }));
  const cssFiles = [...css].map((file) => ({ file, gzipBytes: size(file) }));
  const sum = (files) => files.reduce((a, f) => a + f.gzipBytes, 0);
  return {
    jsFiles,
    cssFiles,
    jsBytes: sum(jsFiles),
    cssBytes: sum(cssFiles),
    jsBudgetBytes: JS_BUDGET_BYTES,
    cssBudgetBytes: CSS_BUDGET_BYTES,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const distDir = fileURLToPath(new URL('../dist', import.meta.url));
  const figures = initialAssets(distDir);
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } else {
    const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
    for (const f of [...figures.jsFiles, ...figures.cssFiles]) {
      process.stdout.write(`  ${f.file.padEnd(44)} ${kb(f.gzipBytes)}\n`);
    }
    const lines = [
      ['JavaScript', figures.jsBytes, JS_BUDGET_BYTES],
      ['CSS', figures.cssBytes, CSS_BUDGET_BYTES],
    ];
    let over = false;
    for (const [what, bytes, budget] of lines) {
      const ok = bytes <= budget;
      over ||= !ok;
      process.stdout.write(
        `Initial ${what} for /: ${kb(bytes)} gzipped, budget ${kb(budget)}: ${ok ? 'within' : 'OVER'}\n`,
      );
    }
    if (over) process.exit(1);
  }
}
