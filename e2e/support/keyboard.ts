import type { Locator, Page } from '@playwright/test';

/**
 * Press Tab (or Shift+Tab, `key`) until `target` has focus: the keyboard-only journeys. Fails
 * after `max` presses.
 */
export async function tabTo(page: Page, target: Locator, max = 200, key = 'Tab'): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(key);
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}
