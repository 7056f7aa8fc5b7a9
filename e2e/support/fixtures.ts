import { test as base, expect } from '@playwright/test';

/**
 * Every test fails if the page logs a console error or throws an uncaught exception: a broken
 * request or a React warning must not pass unnoticed. A test that provokes a failure on purpose
 * (an error state) lists the browser's own messages it expects with
 * `test.use({ expectedConsoleErrors: [/status of 500/] })`; anything else still fails it.
 */
/** The demo users the server makes with the demo data on (apps/api/src/auth/demo-users.ts). */
export const DEMO_EMAILS = {
  manager: 'manager@demo.example',
  'team-lead': 'team-lead@demo.example',
  viewer: 'viewer@demo.example',
  'data-steward': 'data-steward@demo.example',
  admin: 'admin@demo.example',
} as const;
export type DemoRole = keyof typeof DEMO_EMAILS;

export const test = base.extend<{
  failOnConsoleErrors: undefined;
  expectedConsoleErrors: RegExp[];
  /** Signed in before the test as this demo user (through the demo sign-in API); null: not. */
  signedInAs: DemoRole | null;
  signIn: undefined;
}>({
  expectedConsoleErrors: [[], { option: true }],
  signedInAs: ['manager', { option: true }],
  signIn: [
    async ({ page, signedInAs }, use) => {
      if (signedInAs) {
        // The page's own request context: the session cookie lands in the browser's cookie jar.
        const res = await page.request.post('/api/session/demo', {
          data: { email: DEMO_EMAILS[signedInAs] },
        });
        expect(res.status(), await res.text()).toBe(200);
      }
      await use(undefined);
    },
    { auto: true },
  ],
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
