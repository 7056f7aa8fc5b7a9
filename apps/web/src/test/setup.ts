import '@testing-library/jest-dom/vitest';
import { format } from 'node:util';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';

// Pages with many queries render in several passes; under a loaded CI machine 1s is too tight.
configure({ asyncUtilTimeout: 4000 });

/**
 * Every test fails if it logs to console.error, as the end-to-end tier does: React's warnings
 * (an update outside act(...), a list without keys, an invalid DOM property), a failed request
 * reported by a component, jsdom's "not implemented" errors. The messages are still printed, and
 * the failure quotes them. A test that provokes an error on purpose silences the ones it expects
 * with `vi.spyOn(console, 'error').mockImplementation(() => {})` (restored after the test).
 */
const printError = console.error;
const logged: string[] = [];
function recordError(...args: unknown[]) {
  logged.push(format(...args));
  printError(...args);
}

beforeEach(() => {
  logged.length = 0;
  console.error = recordError;
});

// Vitest globals are off, so Testing Library cannot register its own cleanup. It runs before the
// check, so that errors logged while unmounting count too.
afterEach(() => {
  cleanup();
  console.error = printError;
  if (logged.length > 0) {
    const messages = logged.splice(0).map((m, i) => `${i + 1}. ${m}`);
    throw new Error(`The test logged ${messages.length} console error(s):\n${messages.join('\n')}`);
  }
});

// jsdom has no layout: charts size themselves with ResizeObserver, which it lacks.
if (!('ResizeObserver' in globalThis)) {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
}

// jsdom predates the HTML <search> element and makes it an HTMLUnknownElement, for which React
// logs "The tag <search> is unrecognized in this browser"; browsers know it. Only that tag is
// given its browsers' class name, so a misspelt tag still fails the test that renders it.
const createElement = Document.prototype.createElement;
Document.prototype.createElement = function (
  this: Document,
  ...args: Parameters<Document['createElement']>
) {
  const element = createElement.apply(this, args);
  if (args[0].toLowerCase() === 'search' && !('HTMLSearchElement' in globalThis)) {
    Object.defineProperty(element, Symbol.toStringTag, { value: 'HTMLElement' });
  }
  return element;
} as Document['createElement'];
