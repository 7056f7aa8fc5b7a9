import { test as base, expect } from '@playwright/test';

/**
 * Every test fails if the page logs a console error or throws an uncaught exception: a broken
 * request or a React warning must not pass unnoticed.
 */
export const test = base.extend<{ failOnConsoleErrors: undefined }>({
  failOnConsoleErrors: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') {
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
