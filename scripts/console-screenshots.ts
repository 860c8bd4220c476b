/**
 * Screenshots of the contact centre's staff console, each screen as its user sees it, at 1280 px
 * wide, in the project's own headless Chromium: `<outDir>/console/<screen>.png`. It signs in
 * through the local issuer's sign-in as the demo users, and first sends one report through the
 * website and takes one by phone, so that the queue has something in it, and opens the report sent
 * through the website for review (the review screen, a redaction undone, the force search).
 *
 *   REVIEW=on npm start                                  # in another terminal
 *   node scripts/console-screenshots.ts [consoleUrl] [siteUrl] [outDir]
 *
 * consoleUrl defaults to http://localhost:3001 and siteUrl to http://127.0.0.1:3000 (npm start's),
 * outDir to screenshots/.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Page } from 'playwright-core';

const consoleUrl = process.argv[2] ?? 'http://localhost:3001';
const site = process.argv[3] ?? 'http://127.0.0.1:3000';
const outDir = path.join(path.resolve(process.argv[4] ?? 'screenshots'), 'console');

const signIn = async (page: Page, username: string, group: string): Promise<void> => {
  await page.goto(`${consoleUrl}/sign-in`);
  await page.fill('#username', username);
  await page.check(`#role-${group}`);
  await page.click('button[type="submit"]');
  await page.waitForURL(/\/(queue|phone-report)$/);
};

const sent = await fetch(`${site}/reports`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    categories: ['bribery'],
    force: 'kent',
    narrative: 'The officer at the front desk asked me for £200 to make my brother\'s case go away. Call me on 07700 900123.',
  }),
});

const { reference } = (await sent.json()) as { reference: string };

/** The analyst's review of the report sent above, once the router has put it in review. */
const openReview = async (page: Page): Promise<void> => {
  await signIn(page, 'analyst.one', 'analysts');
  for (let attempt = 0; attempt < 50 && (await page.$(`a[href="/review/${reference}"]`)) === null; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    await page.reload();
  }
  await page.click(`a[href="/review/${reference}"]`);
  await page.waitForSelector('#sanitised-narrative');
};

const screens: Record<string, (page: Page) => Promise<void>> = {
  'sign-in': async (page) => {
    await page.goto(`${consoleUrl}/`);
  },
  'phone-report-form': async (page) => {
    await signIn(page, 'call-agent.one', 'call-agents');
  },
  'phone-report-with-errors': async (page) => {
    await signIn(page, 'call-agent.one', 'call-agents');
    await page.click('form[action="/phone-report"] button[type="submit"]');
    await page.waitForSelector('.govuk-error-summary');
  },
  'phone-report-taken': async (page) => {
    await signIn(page, 'call-agent.one', 'call-agents');
    await page.fill('#narrative', 'The custody sergeant took money from a prisoner\'s family to lose the evidence.');
    await page.selectOption('#force', 'essex');
    await page.check('#categories');
    await page.check('#reporterMode');
    await page.click('form[action="/phone-report"] button[type="submit"]');
    await page.waitForSelector('#reference');
  },
  queue: async (page) => {
    await signIn(page, 'analyst.one', 'analysts');
  },
  review: openReview,
  'review-redaction-undone': async (page) => {
    await openReview(page);
    await page.uncheck('#remove-1');
    await page.click('#apply-choices');
    await page.waitForSelector('#sanitised-narrative');
  },
  'review-force-search': async (page) => {
    await openReview(page);
    await page.click('#choose-force');
    await page.fill('#search', 'Kent');
    await page.click('#search-forces');
    await page.waitForURL(/search=Kent/);
  },
  'signed-out': async (page) => {
    await signIn(page, 'supervisor.one', 'supervisors');
    await page.click('.app-signed-in__form button');
    await page.waitForURL(/\/signed-out$/);
  },
};

const unwanted = new Set(['--single-process', '--no-zygote', '--disable-web-security', '--allow-running-insecure-content']);
const browser = await playwright.launch({
  executablePath: await chromium.executablePath(),
  args: [...chromium.args.filter((arg) => !unwanted.has(arg)), '--disable-gpu'],
  headless: true,
});
try {
  await mkdir(outDir, { recursive: true });
  for (const [name, reach] of Object.entries(screens)) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await reach(page);
    const file = path.join(outDir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
    await context.close();
  }
} finally {
  await browser.close();
}
