/**
 * The staff console's journeys in headless Chromium, against the whole service running locally
 * with review on, by the keyboard alone, with two different people for every two-person step.
 *
 * First, before anything is sent (each test file has tables of its own, so every list starts
 * empty): each list says plainly that nothing waits, and the error pages a member of staff can
 * reach (a sign-in that cannot be used, a form whose token has gone stale, a contact that is not
 * there, a screen not for their role) are as accessible as the rest.
 *
 * A phone report's whole journey:
 * - call agent cal takes a report by phone naming Kent, in which the caller gives their name and
 *   a number to ring back;
 * - analyst ann opens it from the queue, keeps the suggested redactions (the name and the number
 *   replaced by placeholders), changes a few words of her own, saves the sanitised version, and
 *   chooses the force by searching the registry;
 * - supervisor sue opens its approval and returns it once with a reason;
 * - ann finds her returned draft in the text box, and edits it, taking out what sue asked for;
 * - sue approves it, and Kent's queue (fauxqs) holds exactly one notification of it, with the
 *   sanitised text and none of the caller's details.
 *
 * A closure's whole journey:
 * - analyst ann proposes closing a contact, with its reason, on its review screen;
 * - ann, who is also a supervisor, cannot confirm her own proposal: the closures screen refuses it
 *   plainly and nothing changes;
 * - supervisor sol confirms it on the closures screen; the contact is closed, the trail names ann
 *   as proposer and sol as the one who closed it, and no force's queue holds anything of it.
 *
 * The audit trail names each person for their step. axe-core finds no WCAG 2.2 AA violation on
 * any screen visited, and the console's Content-Security-Policy is never violated.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { ForceNotification } from '../../functions/domain/entities/force-messages.ts';
import { axeViolations, tabTo, useBrowser } from '../support/browser.ts';
import { textOf, seenText, waitForContact, signInByKeyboard as signInToConsole, type StaffRole, pressByKeyboard } from '../support/console-browser.ts';
import { captureOutput, notificationsFor, postJson, receiveAll, send, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';
import { consoleProblemPage } from '../../functions/pages/console/pages.ts';

captureOutput();
const local = useLocalStack({ review: 'on' });
const chromium = useBrowser();

const KENT_QUEUE = 'pac-local-reports-kent.fifo';
const consoleAt = (path = '/'): string => `${local.stack.consoleUrl}${path}`;
const api = (path: string): string => `${local.stack.apiUrl}${path}`;

const CALLER_SAYS =
  'My name is Jo Bloggs. The custody sergeant at Maidstone takes cash from a dealer to lose evidence every Friday. Ring me back on 07700 900123 after six.';
const WITH_SUGGESTED_REDACTIONS =
  '[name or description removed]. The custody sergeant at Maidstone takes cash from a dealer to lose evidence every Friday. Ring me back on [phone number removed] after six.';
/** Ann's first draft: the suggested redactions, and a change of her own (said, not found). */
const FIRST_DRAFT =
  '[name or description removed]. The custody sergeant at Maidstone is said to take cash from a dealer to lose evidence every Friday. Ring me back on [phone number removed] after six.';
const CUT_FROM_THE_START = '[name or description removed]. ';
const CUT_FROM_THE_END = ' Ring me back on [phone number removed] after six.';
const SANITISED_AGAIN = 'The custody sergeant at Maidstone is said to take cash from a dealer to lose evidence every Friday.';
const RETURN_REASON = 'Take out "ring me back after six" and the placeholder for the name: both say someone called us.';

const text = textOf;

const seen = seenText;

const signInByKeyboard = (page: Page, username: string, role: StaffRole): Promise<void> => signInToConsole(page, local.stack.consoleUrl, username, role);

const press = pressByKeyboard;


interface ReviewView {
  status: string;
  sanitised: { by: string; content: { narrative: string } } | null;
  returned: { by: string; reason: string } | null;
  audit: { type: string; by?: string; detail: Record<string, unknown> }[];
}

const reviewOf = async (reference: string): Promise<ReviewView> =>
  (await send(api(`/contact-centre/reviews/${reference}`), { method: 'GET', headers: await local.staffHeaders('analyst.abe', 'analysts') })).json<ReviewView>();

describe('the console with nothing waiting, and its error pages', () => {
  // First in this file: its tables are its own and nothing has been sent yet, so every list is empty.
  it('says plainly on every list that nothing waits, and its error pages are as accessible as its screens', async () => {
    const analyst = await chromium.open();
    try {
      const { page, problems } = analyst;
      await signInByKeyboard(page, 'analyst.ann', 'analysts');
      assert.equal(await text(page, '#no-contacts'), 'No contact is waiting for review.');
      assert.match(await text(page, '#oldest-wait'), /No contact is waiting for review\./);
      assert.deepEqual(await axeViolations(page), [], 'the queue, empty');
      await press(page, 'nav a[href="/questions"]');
      assert.equal(await text(page, '#no-questions'), 'No question is waiting to be relayed.');
      assert.deepEqual(await axeViolations(page), [], 'questions to relay, none');
      await press(page, 'nav a[href="/answers-to-sanitise"]');
      assert.equal(await text(page, '#no-answers'), 'No answer is waiting to be sanitised.');
      assert.deepEqual(await axeViolations(page), [], 'answers to sanitise, none');

      // A contact that is not there (a mistyped address, a reference from an old note).
      assert.equal((await page.goto(consoleAt('/review/PAC-AAAA-AAAA')))?.status(), 404);
      assert.equal(await text(page, 'h1'), 'Page not found');
      assert.equal(await text(page, '#signed-in-as'), 'Signed in as analyst.ann (Analyst)');
      assert.deepEqual(await axeViolations(page), [], 'page not found');
      // A screen that is not for the role.
      assert.equal((await page.goto(consoleAt('/approvals')))?.status(), 403);
      assert.equal(await text(page, 'h1'), 'This is not open to your role');
      assert.deepEqual(await axeViolations(page), [], 'not for an analyst');

      // A form whose token no longer matches the session (a page left open across sessions): refused, nothing changed.
      await page.goto(consoleAt('/queue'));
      await page.evaluate(`document.querySelector('.app-signed-in__form input[name="csrf"]').value = 'a-token-from-another-session'`);
      assert.equal(await press(page, '.app-signed-in__form button'), 403);
      assert.equal(await text(page, 'h1'), 'That form had expired');
      assert.deepEqual(await axeViolations(page), [], 'a stale form');
      await page.goto(consoleAt('/queue'));
      assert.equal(await text(page, '#signed-in-as'), 'Signed in as analyst.ann (Analyst)', 'still signed in');
      assert.deepEqual(problems, [], 'no Content-Security-Policy violation');
    } finally {
      await analyst.context.close();
    }

    const supervisor = await chromium.open();
    try {
      const { page } = supervisor;
      await signInByKeyboard(page, 'supervisor.sue', 'supervisors');
      await press(page, 'nav a[href="/approvals"]');
      assert.equal(await text(page, '#none-to-approve'), 'No sanitised contact is waiting for approval.');
      assert.deepEqual(await axeViolations(page), [], 'contacts to approve, none');
      await press(page, 'nav a[href="/closures"]');
      assert.equal(await text(page, '#no-closures'), 'No closure is waiting to be confirmed.');
      assert.deepEqual(await axeViolations(page), [], 'closures to confirm, none');
      await press(page, 'nav a[href="/answers"]');
      assert.equal(await text(page, '#no-answers'), 'No sanitised answer is waiting for approval.');
      assert.deepEqual(await axeViolations(page), [], 'answers to approve, none');
    } finally {
      await supervisor.context.close();
    }

    const visitor = await chromium.open();
    try {
      const { page, context } = visitor;
      // The local issuer's sign-in, which stands in for the staff pool's managed login.
      await page.goto(consoleAt('/'));
      await press(page, 'a.govuk-button--start');
      assert.match(page.url(), /\/oauth2\/authorize/);
      assert.deepEqual(await axeViolations(page), [], "the local issuer's sign-in");
      // The page between the sign-in and the first screen moves on at once (a meta refresh), too
      // fast to check: the move on is held back (aborted, so the page stays), and the page checked.
      const held: string[] = [];
      await context.route(consoleAt('/queue'), async (route) => {
        held.push(route.request().url());
        await route.abort('aborted');
      });
      await tabTo(page, '#username');
      await page.keyboard.type('supervisor.sue');
      await tabTo(page, 'input[name="group"]:checked');
      await page.keyboard.press('ArrowDown');
      await tabTo(page, 'button[type="submit"]');
      await Promise.all([page.waitForURL(/\/signed-in\?/), page.keyboard.press('Enter')]);
      await page.waitForLoadState('load');
      for (let attempt = 0; attempt < 50 && held.length === 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(held, [consoleAt('/queue')], 'it moved on to the queue');
      assert.match(page.url(), /\/signed-in\?/);
      assert.equal(await text(page, 'h1'), 'You are signed in');
      assert.deepEqual(await axeViolations(page), [], 'signed in, moving on');
      await context.unroute(consoleAt('/queue'));
      // A return from the sign-in that this browser did not start.
      assert.equal((await page.goto(consoleAt('/signed-in?code=made-up&state=made-up')))?.status(), 400);
      assert.equal(await text(page, 'h1'), 'You could not be signed in');
      assert.deepEqual(await axeViolations(page), [], 'a sign-in that cannot be used');
      // The console's own problem page (an answer 500) cannot be caused from outside: its markup is
      // served at the console's origin, with the console's stylesheet, and checked.
      await context.route(consoleAt('/a-problem'), (route) => route.fulfill({ status: 500, contentType: 'text/html; charset=utf-8', body: consoleProblemPage() }));
      assert.equal((await page.goto(consoleAt('/a-problem')))?.status(), 500);
      assert.equal(await text(page, 'h1'), 'Sorry, there is a problem with the console');
      assert.equal(await page.evaluate<string>(`getComputedStyle(document.querySelector('h1')).fontWeight`), '700', "styled by the console's stylesheet");
      assert.deepEqual(await axeViolations(page), [], 'the problem page');
    } finally {
      await visitor.context.close();
    }
  });
});

describe("a phone report's journey through the staff console", () => {
  it('is taken by a call agent, sanitised with the suggested redactions and its force chosen by an analyst, returned once and then approved by a supervisor, and reaches the force sanitised', async () => {
    // ── The call agent takes the report by phone. ──
    const agent = await chromium.open();
    let reference: string;
    try {
      const { page, problems } = agent;
      await signInByKeyboard(page, 'call-agent.cal', 'call-agents');
      assert.equal(await text(page, 'h1'), 'Take a report by phone');
      assert.equal(await text(page, '#signed-in-as'), 'Signed in as call-agent.cal (Call agent)');
      assert.deepEqual(await axeViolations(page), [], 'the phone report form');
      await tabTo(page, '#narrative');
      await page.keyboard.type(CALLER_SAYS);
      await tabTo(page, '#subjectRole');
      await page.keyboard.press('Space');
      await tabTo(page, '#subjectRank');
      await page.keyboard.type('Custody sergeant');
      await tabTo(page, '#force');
      await page.keyboard.type('Kent');
      await tabTo(page, '#categories');
      await page.keyboard.press('Space');
      await tabTo(page, '#reporterMode');
      await page.keyboard.press('Space');
      await tabTo(page, 'form[action="/phone-report"] button[type="submit"]');
      await Promise.all([page.waitForLoadState('load'), page.keyboard.press('Enter')]);
      await page.waitForSelector('#reference');
      reference = await text(page, '#reference');
      assert.match(reference, /^PAC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      assert.match(await text(page, '#follow-up-code'), /^\d{4} \d{4} \d{4} \d{4}$/);
      assert.deepEqual(await axeViolations(page), [], 'the reference and code');
      assert.deepEqual(problems, [], 'no Content-Security-Policy violation for the call agent');
    } finally {
      await agent.context.close();
    }

    // ── Analyst ann: from the queue, the suggested redactions kept, saved; the force chosen by a search. ──
    const analyst = await chromium.open();
    const supervisor = await chromium.open();
    try {
      const { page } = analyst;
      await signInByKeyboard(page, 'analyst.ann', 'analysts');
      await waitForContact(page, reference);
      assert.match(await text(page, `tr[data-reference="${reference}"]`), /Phone.*Kent Police/);
      assert.equal(await text(page, `tr[data-reference="${reference}"] [data-flagged]`), '2', 'the name and the number flagged');
      assert.deepEqual(await axeViolations(page), [], 'the queue');

      await press(page, `a[href="/review/${reference}"]`);
      assert.equal(await text(page, 'h1'), reference);
      assert.equal(await text(page, '#channel'), 'Phone');
      assert.equal(await text(page, '#flag-count'), '2');
      assert.equal(await text(page, 'mark[data-kind="phone"]'), 'Flagged phone number: 07700 900123');
      assert.match(await text(page, 'mark[data-kind="self_identification"]'), /My name is Jo Bloggs/);
      assert.equal(await page.inputValue('#sanitised-narrative'), WITH_SUGGESTED_REDACTIONS, 'every suggested redaction made');
      assert.deepEqual(await axeViolations(page), [], 'the review screen');
      // A change of her own: "takes" becomes "is said to take".
      await tabTo(page, '#sanitised-narrative');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(FIRST_DRAFT);
      await press(page, '#save-sanitised');
      assert.match(page.url(), new RegExp(`/review/${reference}\\?done=sanitised$`));
      assert.match(await text(page, '#sanitised-by'), /^Saved by analyst\.ann on \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}\.$/);
      assert.deepEqual(await axeViolations(page), [], 'the review screen, saved');

      await press(page, '#choose-force');
      assert.equal(await text(page, 'h1'), 'Choose the force');
      assert.deepEqual(await axeViolations(page), [], 'the force screen');
      await tabTo(page, '#search');
      await page.keyboard.type('Kent');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      assert.match(page.url(), /\/force\?search=Kent$/);
      assert.deepEqual(await page.$$eval('input[name="force"]', (inputs) => inputs.map((input) => (input as unknown as { value: string }).value)), ['kent']);
      assert.deepEqual(await axeViolations(page), [], 'the force screen, searched');
      await tabTo(page, 'input[name="force"]');
      await page.keyboard.press('Space');
      await tabTo(page, '#reason');
      await page.keyboard.type('The custody suite is at Maidstone, in Kent.');
      await press(page, '#choose');
      assert.match(page.url(), new RegExp(`/review/${reference}\\?done=force$`));
      assert.match(await text(page, '#proposed-force'), /^Kent Police/);

      // ── Supervisor sue: the approval, returned once with a reason. ──
      const boss = supervisor.page;
      await signInByKeyboard(boss, 'supervisor.sue', 'supervisors');
      await press(boss, 'nav a[href="/approvals"]');
      assert.match(await text(boss, `#to-approve tr[data-reference="${reference}"]`), /Kent Police.*analyst\.ann/);
      assert.deepEqual(await axeViolations(boss), [], 'contacts to approve');
      await press(boss, `a[href="/approvals/${reference}"]`);
      assert.equal(await text(boss, 'h1'), 'Approve the sanitised version');
      assert.match(await text(boss, '#proposed-force'), /Kent Police/);
      assert.equal(await boss.$('#details-left-in'), null, 'no flagged detail left in');
      assert.match(await text(boss, '[data-field="/narrative"] [data-side="sanitised"]'), /Ring me back on \[added: \[phone number removed\]\] after six\.$/);
      assert.match(await text(boss, '[data-field="/narrative"] [data-side="original"]'), /\[removed: 07700 900123\]/, 'the number marked as taken out');
      assert.deepEqual(await axeViolations(boss), [], 'the approval screen');
      await tabTo(boss, '#reason');
      await boss.keyboard.type(RETURN_REASON);
      await press(boss, 'form[action$="/return"] button[type="submit"]');
      assert.equal(await text(boss, 'h1'), 'Returned to the analyst');
      assert.match(await text(boss, '.govuk-panel__body'), new RegExp(`^${reference} is back with the analyst, with your reason$`));
      assert.deepEqual(await axeViolations(boss), [], 'returned');
      assert.deepEqual(await notificationsFor(local.sqs, local.queueUrl(KENT_QUEUE), reference, { timeoutMs: 1_000, settleMs: 0 }), [], 'nothing sent yet');

      // ── Ann again, from the queue: her draft offered back, edited as asked, and saved. ──
      await press(page, 'a[href="/queue"]', { backwards: true });
      await waitForContact(page, reference);
      await press(page, `a[href="/review/${reference}"]`);
      assert.equal(await text(page, '#sanitised-by'), '', 'nothing sanitised now it is returned');
      assert.match(await text(page, '#proposed-force'), /^Kent Police/, 'the force chosen is kept');
      assert.equal(await text(page, '#returned-title'), 'Returned to the analyst');
      assert.equal(await page.inputValue('#sanitised-narrative'), FIRST_DRAFT, 'the draft returned, her own change kept, not the suggestions again');
      assert.deepEqual(await axeViolations(page), [], 'the review screen, returned');
      // Edited, not typed again: the sentence sue asked about cut from the end, the placeholder from the start.
      await tabTo(page, '#sanitised-narrative');
      await page.keyboard.press('Control+End');
      for (let i = 0; i < CUT_FROM_THE_END.length; i += 1) await page.keyboard.press('Backspace');
      await page.keyboard.press('Control+Home');
      for (let i = 0; i < CUT_FROM_THE_START.length; i += 1) await page.keyboard.press('Delete');
      assert.equal(await page.inputValue('#sanitised-narrative'), SANITISED_AGAIN);
      await press(page, '#save-sanitised');
      assert.match(page.url(), new RegExp(`/review/${reference}\\?done=sanitised$`));
      assert.equal(await page.inputValue('#sanitised-narrative'), SANITISED_AGAIN);
      assert.deepEqual(await axeViolations(page), [], 'the review screen, saved again');

      // ── Sue approves the new version. ──
      await boss.goto(consoleAt(`/approvals/${reference}`));
      assert.match(await text(boss, '#returned-before'), /By supervisor\.sue, .*: Take out "ring me back after six"/);
      assert.equal(await seen(boss, '[data-field="/narrative"] [data-side="sanitised"]'), SANITISED_AGAIN, 'the new version is the one to approve');
      assert.deepEqual(await axeViolations(boss), [], 'the approval screen, second version');
      await press(boss, 'form[action$="/approval"] button[type="submit"]');
      assert.equal(await text(boss, 'h1'), 'Approved and sent');
      assert.match(await text(boss, '.govuk-panel__body'), new RegExp(`${reference} has gone to Kent Police`));
      assert.deepEqual(await axeViolations(boss), [], 'approved');
      assert.deepEqual(analyst.problems, [], 'no Content-Security-Policy violation for the analyst');
      assert.deepEqual(supervisor.problems, [], 'no Content-Security-Policy violation for the supervisor');
    } finally {
      await analyst.context.close();
      await supervisor.context.close();
    }

    // ── Kent's queue: exactly one notification, the sanitised text, nothing of the caller. ──
    const [notification, ...more] = await notificationsFor(local.sqs, local.queueUrl(KENT_QUEUE), reference);
    assert.ok(notification !== undefined, 'the force is told');
    assert.equal(more.length, 0, 'told once');
    const body = JSON.parse(notification.Body!) as ForceNotification;
    assert.equal(body.narrative, SANITISED_AGAIN);
    for (const detail of ['Jo Bloggs', 'Bloggs', '07700', '900123', 'Ring me back', 'removed]']) {
      assert.ok(!notification.Body!.includes(detail), `nothing of the caller: ${detail}`);
    }

    // ── The trail: each step by its own person, the sanitiser never the approver. ──
    const contact = await reviewOf(reference);
    assert.equal(contact.status, 'disseminated', 'with the force');
    const by = (type: string) => contact.audit.filter((event) => event.type === type).map((event) => event.by);
    assert.deepEqual(by('received'), ['call-agent.cal']);
    assert.deepEqual(by('sanitised'), ['analyst.ann', 'analyst.ann']);
    assert.deepEqual(by('force_chosen'), ['analyst.ann']);
    assert.deepEqual(by('returned'), ['supervisor.sue']);
    assert.deepEqual(by('approved'), ['supervisor.sue']);
  });
});

/** Every force's queue (and its dead letters) in fauxqs, by name. */
const forceQueues = (): [string, string][] => [...local.stack.queueUrls].filter(([name]) => name.startsWith('pac-local-reports-'));

describe("a closure's journey through the staff console", () => {
  it('is proposed with its reason by an analyst, refused to the proposer, and confirmed by a different supervisor on the closures screen: closed, and no force receives it', async () => {
    const sent = await postJson(
      api('/reports'),
      minimalReport({ force: 'kent', narrative: 'A man keeps phoning me about a parking fine on a car I sold last year. Nothing to do with the police.' }),
    );
    assert.equal(sent.status, 202, sent.text);
    const reference = sent.json().reference as string;
    const NOTE = 'A private parking dispute: no officer or member of police staff is named.';

    // ── Analyst ann proposes closing it, with its reason, from the review screen. ──
    const analyst = await chromium.open();
    try {
      const { page, problems } = analyst;
      await signInByKeyboard(page, 'analyst.ann', 'analysts');
      await waitForContact(page, reference);
      await press(page, `a[href="/review/${reference}"]`);
      assert.equal(await text(page, 'h1'), reference);
      assert.equal(await page.$('#closure-proposed'), null, 'no closure proposed yet');
      // The reasons are one group: Tab reaches the first, the arrows move the choice.
      await tabTo(page, '#reason');
      await page.keyboard.press('Space');
      assert.equal(await page.isChecked('input[name="reason"][value="not_about_police"]'), true);
      await tabTo(page, '#note');
      await page.keyboard.type(NOTE);
      await press(page, '#propose-closure');
      assert.match(page.url(), new RegExp(`/review/${reference}\\?done=closure$`));
      assert.match(await text(page, '.govuk-notification-banner'), /The closure is proposed\. A supervisor who did not propose it must confirm it\./);
      assert.match(await text(page, '#closure-proposed-by'), /^analyst\.ann$/);
      assert.equal(await text(page, '#closure-reason'), 'Not about the police', 'in the words the closures screen uses');
      assert.equal(await text(page, '#closure-note'), NOTE);
      assert.equal(await page.$('#propose-closure'), null, 'not offered again');
      assert.deepEqual(await axeViolations(page), [], 'the review screen, closure proposed');
      assert.deepEqual(problems, [], 'no Content-Security-Policy violation for the analyst');
    } finally {
      await analyst.context.close();
    }
    const proposed = await reviewOf(reference);
    assert.equal(proposed.status, 'awaiting_review', 'nothing closes on a proposal');

    // ── Ann again, as a supervisor too (someone in both groups): her own proposal is not hers to confirm. ──
    const proposer = await chromium.open();
    try {
      const { page } = proposer;
      await signInByKeyboard(page, 'analyst.ann', 'supervisors');
      assert.equal(await text(page, '#signed-in-as'), 'Signed in as analyst.ann (Supervisor)');
      await press(page, 'nav a[href="/closures"]');
      assert.equal(await text(page, 'h1'), 'Closures to confirm');
      assert.match(await text(page, `#closures tr[data-reference="${reference}"]`), /analyst\.ann \(you: another supervisor must confirm it\)/);
      assert.deepEqual(await axeViolations(page), [], 'closures to confirm, her own listed');
      assert.equal(await press(page, `form[action="/closures/${reference}/confirmation"] button`), 403);
      assert.match(await text(page, '.govuk-error-summary'), /You proposed closing this contact, so you cannot confirm it\. Another supervisor must confirm it\./);
      assert.match(await page.title(), /^Error: /);
      assert.ok((await page.$(`#closures tr[data-reference="${reference}"]`)) !== null, 'still waiting to be confirmed');
      assert.deepEqual(await axeViolations(page), [], 'the refusal');
    } finally {
      await proposer.context.close();
    }
    const refused = await reviewOf(reference);
    assert.equal(refused.status, 'awaiting_review', 'the refusal changed nothing');
    assert.deepEqual(refused.audit.filter((event) => event.type === 'closed'), []);

    // ── Supervisor sol, a different person, confirms it on the closures screen. ──
    const supervisor = await chromium.open();
    try {
      const { page, problems } = supervisor;
      await signInByKeyboard(page, 'supervisor.sol', 'supervisors');
      await press(page, 'nav a[href="/closures"]');
      const row = await text(page, `#closures tr[data-reference="${reference}"]`);
      assert.match(row, new RegExp(`Not about the police ?${NOTE.replace(/[.:]/g, '\\$&')} analyst\\.ann `));
      assert.ok(!row.includes('(you'), 'not his own');
      assert.deepEqual(await axeViolations(page), [], 'closures to confirm');
      assert.equal(await press(page, `form[action="/closures/${reference}/confirmation"] button`), 200);
      assert.match(await text(page, '#closed'), new RegExp(`${reference} is closed\\. No force will receive it\\.`));
      assert.equal(await page.$(`#closures tr[data-reference="${reference}"]`), null, 'no longer listed');
      assert.deepEqual(await axeViolations(page), [], 'closed');
      // Gone from the queue too.
      await press(page, 'nav a[href="/queue"]');
      assert.equal(await page.$(`tr[data-reference="${reference}"]`), null, 'not in the queue');
      assert.deepEqual(problems, [], 'no Content-Security-Policy violation for the supervisor');
    } finally {
      await supervisor.context.close();
    }

    // ── The staff API and the store: closed, by sol, proposed by ann; no force reference given. ──
    const closed = await reviewOf(reference);
    assert.equal(closed.status, 'closed');
    const by = (type: string) => closed.audit.filter((event) => event.type === type).map((event) => [event.by, event.detail.reason, event.detail.proposedBy]);
    assert.deepEqual(by('closure_proposed'), [['analyst.ann', 'not_about_police', undefined]]);
    assert.deepEqual(by('closed'), [['supervisor.sol', 'not_about_police', 'analyst.ann']]);
    assert.deepEqual(closed.audit.filter((event) => ['approved', 'disseminated', 'sent'].includes(event.type)), [], 'never approved nor sent');
    const stored = (await local.scanTable()).find((item) => item.PK === `REPORT#${reference}` && item.SK === 'REPORT');
    assert.equal(stored?.status, 'closed', 'closed in the store');
    assert.deepEqual(stored?.forceReferences ?? {}, {}, 'no force was given a reference for it');

    // ── No force's queue holds anything of it. ──
    const queues = forceQueues();
    assert.ok(queues.length >= 40, `every force's queue: ${queues.length}`);
    // A force's message carries only that force's reference, never the reporter's: what would give
    // this contact away is its words.
    const reached: string[] = [];
    for (const [name, url] of queues) {
      for (const message of await receiveAll(local.sqs, url)) if (message.Body?.includes(reference) || message.Body?.includes('a car I sold last year')) reached.push(name);
    }
    assert.deepEqual(reached, [], 'nothing reached any force');
  });
});
