/**
 * A phone report's whole journey through the staff console in headless Chromium, against the
 * whole service running locally with review on, by the keyboard alone, with two different people
 * for every two-person step:
 *
 * - call agent cal takes a report by phone naming Kent, in which the caller gives their name and
 *   a number to ring back;
 * - analyst ann opens it from the queue, keeps the suggested redactions (the name and the number
 *   replaced by placeholders), saves the sanitised version, and chooses the force by searching the
 *   registry;
 * - supervisor sue opens its approval and returns it once with a reason;
 * - ann sanitises it again, taking out what sue asked for;
 * - sue approves it, and Kent's queue (fauxqs) holds exactly one notification of it, with the
 *   sanitised text and none of the caller's details.
 *
 * The audit trail names each person for their step. axe-core finds no WCAG 2.2 AA violation on
 * any screen visited, and the console's Content-Security-Policy is never violated.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { ForceNotification } from '../../functions/domain/entities/force-messages.ts';
import { axeViolations, tabTo, useBrowser } from '../support/browser.ts';
import { textOf, waitForContact, signInByKeyboard as signInToConsole, type StaffRole, pressByKeyboard } from '../support/console-browser.ts';
import { captureOutput, notificationsFor, send, useLocalStack } from '../support/local-stack.ts';

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
const SANITISED_AGAIN = 'The custody sergeant at Maidstone is said to take cash from a dealer to lose evidence every Friday.';
const RETURN_REASON = 'Take out "ring me back after six" and the placeholder for the name: both say someone called us.';

const text = textOf;

/** What a sighted reader sees of an element: its text without the parts only a screen reader hears. */
const seen = async (page: Page, selector: string): Promise<string> =>
  page.$eval(selector, (element) => {
    const copy = element.cloneNode(true) as typeof element;
    for (const hidden of copy.querySelectorAll('.govuk-visually-hidden')) hidden.remove();
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });

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
      await press(page, '#save-sanitised');
      assert.match(page.url(), new RegExp(`/review/${reference}\\?done=sanitised$`));
      assert.match(await text(page, '#sanitised-by'), /^Saved by analyst\.ann at /);
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
      assert.deepEqual(await axeViolations(boss), [], 'returned');
      assert.deepEqual(await notificationsFor(local.sqs, local.queueUrl(KENT_QUEUE), reference, { timeoutMs: 1_000, settleMs: 0 }), [], 'nothing sent yet');

      // ── Ann again, from the queue: the sanitised version written anew as asked, and saved. ──
      await press(page, 'a[href="/queue"]', { backwards: true });
      await waitForContact(page, reference);
      await press(page, `a[href="/review/${reference}"]`);
      assert.equal(await text(page, '#sanitised-by'), '', 'nothing sanitised now it is returned');
      assert.match(await text(page, '#proposed-force'), /^Kent Police/, 'the force chosen is kept');
      assert.equal(await page.inputValue('#sanitised-narrative'), WITH_SUGGESTED_REDACTIONS, 'started again from the suggested redactions');
      assert.deepEqual(await axeViolations(page), [], 'the review screen, returned');
      await tabTo(page, '#sanitised-narrative');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(SANITISED_AGAIN);
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
