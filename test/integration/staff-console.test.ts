/**
 * The contact centre's staff console in headless Chromium, against the whole service running
 * locally with review on: the console on its own origin (http://localhost:<port>, as its own
 * CloudFront distribution is in AWS), the local issuer standing in for the staff pool's managed
 * login with the same authorization code flow and PKCE.
 *
 * A member of staff signs in with the keyboard alone, sees who they are and their role on every
 * screen, sees the queue (what waits at each stage, the oldest wait, the contacts oldest first with
 * their channel and proposed force and why) and signs out; the session cookie is __Host-,
 * HttpOnly, Secure, SameSite=Strict and short-lived, is gone after signing out, and neither it nor
 * any other cookie or token is ever sent to or set by the public website's origin. A form posted
 * without the session's CSRF token, or from another origin, changes nothing. axe-core finds no
 * WCAG 2.2 AA violation on any console page, and the console's Content-Security-Policy is never
 * violated.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations, tabTo, useBrowser } from '../support/browser.ts';
import { textOf, pressByKeyboard, signInByKeyboard as signInToConsole, type StaffRole } from '../support/console-browser.ts';
import { captureOutput, postJson, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';
import { flagIdentifyingDetails } from '../../functions/domain/review-flags.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';

captureOutput();
const local = useLocalStack({ review: 'on' });
const chromium = useBrowser();

const SESSION = '__Host-pac-staff-session';
const SIGN_IN = '__Host-pac-staff-sign-in';
const consoleAt = (path = '/'): string => `${local.stack.consoleUrl}${path}`;
const site = (path = '/'): string => `${local.stack.apiUrl}${path}`;

const text = textOf;

const signInByKeyboard = (page: Page, username: string, role: StaffRole): Promise<void> => signInToConsole(page, local.stack.consoleUrl, username, role);

/** Every request the context sends and every answer it gets, with their cookies, by origin. */
const watchCookies = (context: BrowserContext) => {
  const seen: { url: string; sent: string | undefined; set: string | undefined }[] = [];
  context.on('request', (request) => {
    seen.push({ url: request.url(), sent: request.headers().cookie, set: undefined });
  });
  context.on('response', (response) => {
    void response.allHeaders().then((headers) => seen.push({ url: response.url(), sent: undefined, set: headers['set-cookie'] }));
  });
  return seen;
};

describe('the staff console', () => {
  it('signs an analyst in with the keyboard alone, shows who they are, the queue as it is, and signs them out', async () => {
    // Two contacts waiting: one online, then one taken by phone.
    const online = await postJson(
      site('/reports'),
      minimalReport({ force: 'kent', narrative: 'The officer asked me for money. Email me at jo.bloggs@example.com or call 07700 900123.' }),
    );
    assert.equal(online.status, 202, online.text);
    const phone = await postJson(site('/contact-centre/reports'), minimalReport({ force: 'essex' }), await local.staffHeaders('call-agent.cal', 'call-agents'));
    assert.equal(phone.status, 202, phone.text);
    const [first, second] = [online.json().reference as string, phone.json().reference as string];

    const { context, page, problems } = await chromium.open();
    try {
      await page.goto(consoleAt('/'));
      assert.equal(await text(page, 'h1'), 'Contact centre console');
      assert.deepEqual(await axeViolations(page), [], 'the sign-in page');

      await signInByKeyboard(page, 'analyst.ann', 'analysts');
      assert.equal(await text(page, '#signed-in-as'), 'Signed in as analyst.ann (Analyst)');
      assert.equal(await text(page, 'h1'), 'The queue');

      // The contacts the router has put in review appear, oldest first.
      for (let attempt = 0; attempt < 50 && (await page.$(`tr[data-reference="${second}"]`)) === null; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        await page.reload();
      }
      const rows = await page.$$eval('#contacts tbody tr', (trs) => trs.map((tr) => (tr as unknown as { dataset: { reference: string } }).dataset.reference));
      assert.deepEqual(rows.filter((reference) => reference === first || reference === second), [first, second], 'oldest first');
      const firstRow = await text(page, `tr[data-reference="${first}"]`);
      assert.match(firstRow, /Online/);
      assert.match(firstRow, /Kent Police/);
      assert.match(await text(page, `tr[data-reference="${second}"]`), /Phone.*Essex Police/);
      assert.equal(await text(page, `tr[data-reference="${first}"] [data-flagged]`), '2', 'an e-mail address and a phone number flagged');
      const essexFlags = flagIdentifyingDetails(reportSubmissionSchema.parse(minimalReport({ force: 'essex' }))).length;
      assert.equal(await text(page, `tr[data-reference="${second}"] [data-flagged]`), String(essexFlags), 'as the review will flag them');
      assert.match(await text(page, '#stages tr[data-stage="to_sanitise"]'), new RegExp(`Contacts to sanitise ${rows.length} `));
      assert.match(await text(page, '#oldest-wait'), /The oldest contact awaiting review has waited (less than a minute|\d+ minutes?)\./);
      assert.deepEqual(await axeViolations(page), [], 'the queue');

      // The session: this origin only, never readable by script, not sent from other sites, short-lived.
      const cookies = await context.cookies();
      const session = cookies.find((cookie) => cookie.name === SESSION);
      assert.ok(session !== undefined, 'a session cookie');
      assert.equal(session.domain, 'localhost');
      assert.equal(session.path, '/');
      assert.equal(session.httpOnly, true);
      assert.equal(session.secure, true);
      assert.equal(session.sameSite, 'Strict');
      assert.ok(session.expires > Date.now() / 1000 && session.expires <= Date.now() / 1000 + 15 * 60 + 5, `expires within 15 minutes: ${session.expires}`);
      assert.equal(cookies.find((cookie) => cookie.name === SIGN_IN), undefined, 'the sign-in cookie is gone once used');
      assert.equal(await page.evaluate<string>('document.cookie'), '', 'no script can read it');

      // Signing out with the keyboard: the cookie goes, and the console asks for a sign-in again.
      await tabTo(page, '.app-signed-in__form button');
      await Promise.all([page.waitForURL(/\/signed-out$/), page.keyboard.press('Enter')]);
      assert.equal(await text(page, 'h1'), 'You have signed out');
      assert.deepEqual(await axeViolations(page), [], 'the signed-out page');
      assert.equal((await context.cookies()).find((cookie) => cookie.name === SESSION), undefined, 'no session cookie after signing out');
      const after = await page.goto(consoleAt('/queue'));
      assert.equal(after?.status(), 401);
      assert.equal(await text(page, 'h1'), 'Contact centre console', 'the sign-in page, not the queue');
      assert.deepEqual(problems, [], 'no Content-Security-Policy violation');
    } finally {
      await context.close();
    }
  });

  it('never sends a staff cookie or token to the public website, nor lets the website set one', async () => {
    const { context, page } = await chromium.open();
    const seen = watchCookies(context);
    try {
      await signInByKeyboard(page, 'supervisor.sam', 'supervisors');
      assert.ok((await context.cookies(consoleAt('/'))).some((cookie) => cookie.name === SESSION), 'signed in to the console');
      // The supervisor's screens: none of them asks the website for anything.
      for (const screen of ['/approvals', '/closures', '/answers', '/queue']) await pressByKeyboard(page, `nav a[href="${screen}"]`);

      // The public website in the same browser: its pages, a report sent through its form.
      await page.goto(site('/'));
      await page.goto(site('/report'));
      await page.goto(site('/follow-up'));
      await page.goto(site('/stats?force=kent&from=2024-01&to=2024-02')).catch(() => undefined);
      assert.deepEqual(await context.cookies(site('/')), [], 'the browser holds no cookie for the website');

      const websiteOrigin = new URL(site('/')).origin;
      const toWebsite = seen.filter((entry) => entry.url.startsWith(websiteOrigin));
      assert.ok(toWebsite.length >= 4, 'the website was visited');
      assert.deepEqual(toWebsite.filter((entry) => entry.sent !== undefined).map((entry) => `${entry.url} sent ${entry.sent}`), [], 'no cookie sent to the website');
      assert.deepEqual(toWebsite.filter((entry) => entry.set !== undefined).map((entry) => `${entry.url} set ${entry.set}`), [], 'no cookie set by the website');
      // Nor a token in any address the website was asked for (the sign-in's code or state included).
      assert.deepEqual(toWebsite.filter((entry) => /code=|state=|token|eyJ/i.test(entry.url)).map((entry) => entry.url), []);
      // The console's cookies went only to the console.
      const withSession = seen.filter((entry) => entry.sent?.includes(SESSION));
      assert.ok(withSession.length >= 5, 'the session went with each screen');
      assert.deepEqual(withSession.filter((entry) => !entry.url.startsWith(local.stack.consoleUrl)).map((entry) => entry.url), []);
      // Every cookie the console sets is __Host-: bound to the console's own host, never to a domain
      // the website could share (a Domain attribute would send it to every subdomain).
      const setByConsole = seen.filter((entry) => entry.url.startsWith(local.stack.consoleUrl) && entry.set !== undefined).flatMap((entry) => entry.set!.split('\n'));
      assert.ok(setByConsole.length >= 2, 'the sign-in and the session were set');
      assert.deepEqual(setByConsole.filter((cookie) => !cookie.startsWith('__Host-') || /;\s*domain=/i.test(cookie)), []);
      // Nor does the website keep anything of the console's in the browser's storage.
      await page.goto(site('/'));
      assert.equal(await page.evaluate<string>('JSON.stringify([localStorage.length, sessionStorage.length])'), '[0,0]', "nothing in the website's storage");
    } finally {
      await context.close();
    }
  });

  it('changes nothing for a form posted without the session\'s token, or from another origin', async () => {
    const { context, page } = await chromium.open();
    try {
      await signInByKeyboard(page, 'analyst.ava', 'analysts');
      const session = (await context.cookies()).find((cookie) => cookie.name === SESSION)!;
      const csrf = await page.getAttribute('input[name="csrf"]', 'value');
      assert.ok(csrf !== null && csrf.length >= 32);
      const post = (body: string, origin: string) =>
        fetch(consoleAt('/sign-out'), {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: `${SESSION}=${session.value}`, 'content-type': 'application/x-www-form-urlencoded', origin },
          body,
        });
      const consoleOrigin = new URL(consoleAt('/')).origin;
      assert.equal((await post('', consoleOrigin)).status, 403, 'no token');
      assert.equal((await post('csrf=not-the-token', consoleOrigin)).status, 403, 'a wrong token');
      assert.equal((await post(`csrf=${csrf}`, new URL(site('/')).origin)).status, 403, 'the right token from another origin');
      // Still signed in: none of them signed the person out.
      await page.goto(consoleAt('/queue'));
      assert.equal(await text(page, '#signed-in-as'), 'Signed in as analyst.ava (Analyst)');
      const signedOut = await post(`csrf=${csrf}`, consoleOrigin);
      assert.equal(signedOut.status, 303, 'the session\'s own post signs out');
      assert.match(signedOut.headers.get('set-cookie') ?? '', new RegExp(`^${SESSION}=; .*Max-Age=0`));
    } finally {
      await context.close();
    }
  });

  it('lets a call agent take a report by phone with the keyboard alone, and shows the reference and code to read back, once', async () => {
    const { context, page, problems } = await chromium.open();
    try {
      await signInByKeyboard(page, 'call-agent.kim', 'call-agents');
      assert.equal(await text(page, 'h1'), 'Take a report by phone');
      assert.equal(await text(page, '#signed-in-as'), 'Signed in as call-agent.kim (Call agent)');
      assert.deepEqual(await axeViolations(page), [], 'the phone report form');

      // Sent empty: what to fix, linked from the summary.
      await tabTo(page, 'form[action="/phone-report"] button[type="submit"]');
      await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
      await page.waitForSelector('.govuk-error-summary');
      assert.match(await text(page, '.govuk-error-summary'), /There is a problem/);
      assert.deepEqual(await axeViolations(page), [], 'the form with errors');

      // As the caller tells it: what happened, who, where; then the kind of wrongdoing, and anonymous.
      await tabTo(page, '#narrative');
      await page.keyboard.type('The custody sergeant took money from a prisoner\'s family to lose the evidence.');
      await tabTo(page, '#subjectRole');
      await page.keyboard.press('Space');
      await tabTo(page, '#subjectRank');
      await page.keyboard.type('Sergeant');
      await tabTo(page, '#force');
      await page.keyboard.type('Kent');
      await tabTo(page, '#categories');
      await page.keyboard.press('Space');
      await tabTo(page, '#reporterMode');
      await page.keyboard.press('Space');
      const posted: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().endsWith('/phone-report')) posted.push(request.postData() ?? '');
      });
      await tabTo(page, 'form[action="/phone-report"] button[type="submit"]');
      await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
      await page.waitForSelector('#reference');

      const reference = await text(page, '#reference');
      const code = await text(page, '#follow-up-code');
      assert.match(reference, /^PAC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      assert.match(code, /^\d{4} \d{4} \d{4} \d{4}$/);
      assert.deepEqual(await axeViolations(page), [], 'the reference and code');
      assert.deepEqual(problems, [], 'no Content-Security-Policy violation');

      // The code is the one that works, and the contact reaches the queue as a phone contact.
      const opened = await postJson(site(`/reports/${reference}/follow-up`), { code });
      assert.equal(opened.status, 200, opened.text);
      const staff = await local.staffHeaders('analyst.abe', 'analysts');
      for (let attempt = 0; attempt < 50; attempt += 1) {
        const listed = await fetch(site('/contact-centre/reviews?limit=100'), { headers: staff });
        const contacts = ((await listed.json()) as { contacts: { reference: string; channel: string; proposedForce: { name: string } }[] }).contacts;
        const found = contacts.find((contact) => contact.reference === reference);
        if (found !== undefined) {
          assert.equal(found.channel, 'phone');
          assert.equal(found.proposedForce.name, 'Kent Police');
          // The audit trail names the call agent who took it.
          const opened = await fetch(site(`/contact-centre/reviews/${reference}`), { headers: staff });
          const { audit } = (await opened.json()) as { audit: { type: string; by?: string }[] };
          assert.deepEqual(audit.find((event) => event.type === 'received'), { ...audit.find((event) => event.type === 'received'), by: 'call-agent.kim' });
          break;
        }
        assert.ok(attempt < 49, 'the phone report reaches review');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      // The same form sent again (a double press, a reload of the answer) is the same report, with a new code.
      const session = (await context.cookies()).find((cookie) => cookie.name === SESSION)!;
      const resent = await fetch(consoleAt('/phone-report'), {
        method: 'POST',
        headers: { cookie: `${SESSION}=${session.value}`, 'content-type': 'application/x-www-form-urlencoded', origin: new URL(consoleAt('/')).origin },
        body: posted.at(-1),
      });
      assert.equal(resent.status, 200);
      const again = await resent.text();
      assert.ok(again.includes(`id="reference">${reference}<`), 'the same reference');
      const newCode = /id="follow-up-code">([\d ]+)</.exec(again)?.[1];
      assert.ok(newCode !== undefined && newCode !== code, 'a new code');
      assert.equal((await postJson(site(`/reports/${reference}/follow-up`), { code: newCode })).status, 200, 'the code shown last is the one that works');

      // Shown once: the page is not kept, and going to the form again gives an empty form.
      const form = await page.goto(consoleAt('/phone-report'));
      assert.equal(form?.headers()['cache-control'], 'no-store');
      assert.equal(await page.$('#reference'), null);
    } finally {
      await context.close();
    }
  });

  it("answers only what comes through its own distribution: the API's own address is refused, whoever is signed in", async () => {
    const { consoleSession } = await import('../support/console-session.ts');
    const session = await consoleSession(local.stack.consoleUrl, 'analyst.ada', 'analysts');
    assert.equal((await fetch(consoleAt('/queue'), { headers: { Cookie: session.cookie } })).status, 200, 'through the distribution');
    const around = (path: string, init: RequestInit = {}) => fetch(`${local.stack.directConsoleUrl}${path}`, { redirect: 'manual', ...init });
    for (const [path, init] of [
      ['/', {}],
      ['/sign-in', {}],
      ['/queue', { headers: { Cookie: session.cookie } }],
      ['/sign-out', { method: 'POST', headers: { Cookie: session.cookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: local.stack.consoleUrl }, body: `csrf=${encodeURIComponent(session.csrf)}` }],
      ['/queue', { headers: { Cookie: session.cookie, 'X-Pac-Origin-Verify': 'guessed' } }],
    ] as const) {
      const answer = await around(path, init as RequestInit);
      assert.equal(answer.status, 403, path);
      assert.match(await answer.text(), /Use the console's address/, path);
      assert.equal(answer.headers.getSetCookie().length, 0, `${path}: no cookie set or cleared`);
    }
  });

  it('tells a call agent the queue is not for their role, and refuses a sign-in that did not start in this browser', async () => {
    const { context, page } = await chromium.open();
    try {
      await signInByKeyboard(page, 'call-agent.cara', 'call-agents');
      const answer = await page.goto(consoleAt('/queue'));
      assert.equal(answer?.status(), 403);
      assert.equal(await text(page, '#signed-in-as'), 'Signed in as call-agent.cara (Call agent)');
      assert.equal(await text(page, 'h1'), 'This is not open to your role');
      assert.deepEqual(await axeViolations(page), [], 'the role page');
    } finally {
      await context.close();
    }
    const forged = await fetch(consoleAt('/signed-in?code=made-up&state=made-up'), { redirect: 'manual' });
    assert.equal(forged.status, 400);
    assert.equal(forged.headers.get('set-cookie')?.includes(`${SESSION}=ey`) ?? false, false, 'no session from a return this browser did not start');
  });
});
