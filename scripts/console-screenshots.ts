/**
 * Screenshots of the contact centre's staff console, each screen as its user sees it, at 1280 px
 * wide, in the project's own headless Chromium: `<outDir>/console/<screen>.png`. It signs in
 * through the local issuer's sign-in as the demo users, and first sends one report through the
 * website and takes one by phone, so that the queue has something in it, and opens the report sent
 * through the website for review (the review screen, a redaction undone, the force search). For
 * the supervisor's screens it sanitises a report through the staff API as an analyst (a token from
 * the local issuer's password grant: the issuer is where the console's sign-in goes) and proposes
 * closing another, so that there is something to approve and a closure to confirm.
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
/** The local issuer's origin: where the console's sign-in sends the browser. */
const issuerOrigin = new URL((await fetch(`${consoleUrl}/sign-in`, { redirect: 'manual' })).headers.get('location') ?? '').origin;
const staffHeaders = async (username: string, group: string): Promise<Record<string, string>> => {
  const answer = await fetch(`${issuerOrigin}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username, group }).toString(),
  });
  const { access_token: token } = (await answer.json()) as { access_token: string };
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
};
/** A report sent through the website, once the router has put it in review. */
const inReview = async (narrative: string): Promise<string> => {
  const sent = await fetch(`${site}/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ categories: ['bribery'], force: 'kent', narrative }) });
  const { reference } = (await sent.json()) as { reference: string };
  const analyst = await staffHeaders('analyst.one', 'analysts');
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if ((await fetch(`${site}/contact-centre/reviews/${reference}`, { headers: analyst })).status === 200) return reference;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${reference} did not reach review: is the stack started with REVIEW=on?`);
};
const toApprove = await inReview('My name is Jo Bloggs. PC Smith at Maidstone takes cash from dealers every Friday; call me on 07700 900123 after 6pm.');
await fetch(`${site}/contact-centre/reviews/${toApprove}/sanitised`, {
  method: 'PUT',
  headers: await staffHeaders('analyst.one', 'analysts'),
  body: JSON.stringify({ categories: ['bribery'], force: 'kent', narrative: 'The reporter says PC Smith at Maidstone takes cash from dealers every Friday; call me on 07700 900123 after 6pm.' }),
});
const toClose = await inReview('Somebody keeps phoning me about a parking fine that is not mine; nothing to do with the police.');
await fetch(`${site}/contact-centre/reviews/${toClose}/closure`, {
  method: 'POST',
  headers: await staffHeaders('analyst.one', 'analysts'),
  body: JSON.stringify({ reason: 'not_about_police', note: 'A parking dispute.' }),
});

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
  'contacts-to-approve': async (page) => {
    await signIn(page, 'supervisor.one', 'supervisors');
    await page.goto(`${consoleUrl}/approvals`);
  },
  approval: async (page) => {
    await signIn(page, 'supervisor.one', 'supervisors');
    await page.goto(`${consoleUrl}/approvals/${toApprove}`);
  },
  'approval-return-without-reason': async (page) => {
    await signIn(page, 'supervisor.one', 'supervisors');
    await page.goto(`${consoleUrl}/approvals/${toApprove}`);
    await page.click('form[action$="/return"] button[type="submit"]');
    await page.waitForSelector('.govuk-error-summary');
  },
  'approval-narrow': async (page) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await signIn(page, 'supervisor.one', 'supervisors');
    await page.goto(`${consoleUrl}/approvals/${toApprove}`);
  },
  'answers-to-approve': async (page) => {
    await signIn(page, 'supervisor.one', 'supervisors');
    await page.goto(`${consoleUrl}/answers`);
  },
  'closures-to-confirm': async (page) => {
    await signIn(page, 'supervisor.one', 'supervisors');
    await page.goto(`${consoleUrl}/closures`);
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
