/**
 * What the staff console's browser tests do alike (test/integration/staff-console*.test.ts): read
 * an element's text, sign in with the keyboard alone, follow a link or button with the keyboard,
 * and wait for a contact to reach the queue.
 */
import type { Page } from 'playwright-core';
import { tabTo } from './browser.ts';

export type StaffRole = 'call-agents' | 'analysts' | 'supervisors';

/** An element's text, its white space collapsed; '' when there is no such element. */
export const textOf = async (page: Page, selector: string): Promise<string> => {
  const element = await page.$(selector);
  return element === null ? '' : ((await element.textContent()) ?? '').replace(/\s+/g, ' ').trim();
};

/**
 * Signs in from the console's front page with the keyboard alone: Tab to "Sign in", Enter; at the
 * sign-in, type the username, Tab to the role and choose it with the arrow keys, Tab to the button,
 * Enter; the console moves on to the person's first screen by itself.
 */
export const signInByKeyboard = async (page: Page, consoleUrl: string, username: string, role: StaffRole): Promise<void> => {
  await page.goto(`${consoleUrl}/`);
  await tabTo(page, 'a.govuk-button--start');
  await Promise.all([page.waitForURL(/\/oauth2\/authorize/), page.keyboard.press('Enter')]);
  await tabTo(page, '#username');
  await page.keyboard.type(username);
  // The radios are one stop: Tab reaches the one checked (analysts), the arrows move the choice.
  await tabTo(page, 'input[name="group"]:checked');
  const order: StaffRole[] = ['call-agents', 'analysts', 'supervisors'];
  const steps = order.indexOf(role) - order.indexOf('analysts');
  for (let i = 0; i < Math.abs(steps); i += 1) await page.keyboard.press(steps > 0 ? 'ArrowDown' : 'ArrowUp');
  await tabTo(page, 'button[type="submit"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(role === 'call-agents' ? /\/phone-report$/ : /\/queue$/);
};

/** Tab to a link or button and press Enter, waiting for the page it leads to; gives its status. */
export const pressByKeyboard = async (page: Page, selector: string, options?: { backwards?: boolean }): Promise<number | undefined> => {
  await tabTo(page, selector, options);
  const [answer] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await page.waitForLoadState('load');
  return answer?.status();
};

/** Reloads the queue until the contact is listed (the router puts it in review asynchronously). */
export const waitForContact = async (page: Page, reference: string): Promise<void> => {
  for (let attempt = 0; attempt < 50 && (await page.$(`a[href="/review/${reference}"]`)) === null; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    await page.reload();
  }
};

/** What a sighted reader sees of an element: its text without the parts only a screen reader hears. */
export const seenText = async (page: Page, selector: string): Promise<string> =>
  page.$eval(selector, (element) => {
    const copy = element.cloneNode(true) as typeof element;
    for (const hidden of copy.querySelectorAll('.govuk-visually-hidden')) hidden.remove();
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
