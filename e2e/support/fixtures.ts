import { test as base, expect } from '@playwright/test';

/**
 * Every test fails if the page logs a console error or throws an uncaught exception: a broken
 * request or a React warning must not pass unnoticed. A test that provokes a failure on purpose
 * (an error state) lists the browser's own messages it expects with
 * `test.use({ expectedConsoleErrors: [/status of 500/] })`; anything else still fails it.
 */
export const test = base.extend<{
  failOnConsoleErrors: undefined;
  expectedConsoleErrors: RegExp[];
}>({
  expectedConsoleErrors: [[], { option: true }],
  failOnConsoleErrors: [
    async ({ page, expectedConsoleErrors }, use) => {
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') {
          if (expectedConsoleErrors.some((pattern) => pattern.test(message.text()))) return;
          const { url, lineNumber } = message.location();
          problems.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`);
        }
      });
      page.on('pageerror', (error) => {
        problems.push(`uncaught exception: ${error.stack ?? error.message}`);
      });
      await use(undefined);
      expect(problems, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
