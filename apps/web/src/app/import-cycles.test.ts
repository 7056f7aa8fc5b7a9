import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * No module of the web app imports, directly or through others, a module that imports it back:
 * a section does not import the page that renders it. Type-only imports count too, since they
 * tie the files together just the same.
 */
const src = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The relative modules a file imports: `from '...'`, `import '...'` and `import('...')`. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/\bfrom\s+['"](\.[^'"]+)['"]/g),
    ...text.matchAll(/\bimport\s*\(?\s*['"](\.[^'"]+)['"]/g),
  ].map((match) => match[1] as string);
  return specifiers.flatMap((specifier) => {
    const base = resolve(dirname(file), specifier);
    const found = [
      base,
      `${base}.ts`,
      `${base}.tsx`,
      join(base, 'index.ts'),
      join(base, 'index.tsx'),
    ]
      .filter((candidate) => existsSync(candidate) && statSync(candidate).isFile())
      .slice(0, 1);
    return found;
  });
}

/** Groups of files that reach each other through imports (Tarjan's strongly connected components). */
function importCycles(files: string[], edges: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const dep of edges.get(file) ?? []) {
      if (!index.has(dep)) {
        visit(dep);
        low.set(file, Math.min(low.get(file)!, low.get(dep)!));
      } else if (onStack.has(dep)) {
        low.set(file, Math.min(low.get(file)!, index.get(dep)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || edges.get(file)?.includes(file)) cycles.push(group.sort());
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return cycles;
}

describe('imports', () => {
  it('finds a circle when there is one', () => {
    const edges = new Map([
      ['page', ['section', 'header']],
      ['section', ['page']],
      ['header', []],
    ]);
    expect(importCycles(['page', 'section', 'header'], edges)).toEqual([['page', 'section']]);
  });

  it('there is no circle in apps/web/src', () => {
    const files = sourceFiles(src);
    expect(files.length).toBeGreaterThan(50);
    const edges = new Map(files.map((file) => [file, importsOf(file)]));
    const cycles = importCycles(files, edges).map((group) =>
      group.map((file) => relative(src, file)),
    );
    expect(cycles).toEqual([]);
  });
});
