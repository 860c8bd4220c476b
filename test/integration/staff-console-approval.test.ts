/**
 * The supervisor's screens of the staff console in headless Chromium, against the whole service
 * running locally with review on, with two different people for every two-person step, and the
 * keyboard alone:
 *
 * - analyst A sanitises a contact through the staff API, leaving the reporter's phone number in;
 *   supervisor B sees the original and the sanitised version side by side with the differences
 *   marked and the number called out, returns it once with a reason (none given first: asked
 *   for), A sanitises again through the API, B approves, and the force's queue (fauxqs) receives
 *   the sanitised text only;
 * - a supervisor who sanitised a contact themselves is refused its approval, plainly;
 * - the proposer of a closure cannot confirm it; another supervisor can;
 * - a reporter's answer to a force's question, taken by phone and sanitised by an analyst through
 *   the staff API, is shown side by side with the reporter's words, refused to the supervisor who
 *   sanitised it, approved by another, and reaches the force.
 *
 * axe-core finds no WCAG 2.2 AA violation on any of these screens.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { ForceNotification } from '../../functions/domain/entities/force-messages.ts';
import { axeViolations, tabTo, useBrowser } from '../support/browser.ts';
import { textOf, signInByKeyboard as signInToConsole, pressByKeyboard } from '../support/console-browser.ts';
import { captureOutput, eventually, notificationsFor, postJson, send, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

captureOutput();
const local = useLocalStack({ review: 'on' });
const chromium = useBrowser();

const KENT_QUEUE = 'pac-local-reports-kent.fifo';
const consoleAt = (path = '/'): string => `${local.stack.consoleUrl}${path}`;
const api = (path: string): string => `${local.stack.apiUrl}${path}`;

const ORIGINAL = 'My name is Jo Bloggs. PC Smith at Maidstone takes cash from dealers every Friday; call me on 07700 900123 after 6pm.';
const FIRST_DRAFT = 'The reporter says PC Smith at Maidstone takes cash from dealers every Friday; call me on 07700 900123 after 6pm.';
const SECOND_DRAFT = 'A PC at Maidstone is said to take cash from drug dealers every Friday.';

const text = textOf;

const signInByKeyboard = (page: Page, username: string): Promise<void> => signInToConsole(page, local.stack.consoleUrl, username, 'supervisors');

const press = pressByKeyboard;

const as = (username: string, ...groups: string[]) => local.staffHeaders(username, ...groups);
const put = async (path: string, body: unknown, headers: Record<string, string>) =>
  send(api(path), { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** A contact sent online, waiting in review. */
/** Each contact's follow-up code, as its reporter holds it (a caller reads it out to answer by phone). */
const followUpCodes = new Map<string, string>();

const contactInReview = async (narrative: string): Promise<string> => {
  const sent = await postJson(api('/reports'), minimalReport({ force: 'kent', narrative }));
  assert.equal(sent.status, 202, sent.text);
  const reference = sent.json().reference as string;
  followUpCodes.set(reference, sent.json().followUpCode as string);
  await eventually(async () => {
    const found = await send(api(`/contact-centre/reviews/${reference}`), { method: 'GET', headers: await as('analyst.amy', 'analysts') });
    return found.status === 200 ? true : undefined;
  });
  return reference;
};

const sanitiseAs = async (reference: string, narrative: string, username: string, ...groups: string[]) => {
  const written = await put(`/contact-centre/reviews/${reference}/sanitised`, { categories: ['bribery'], force: 'kent', narrative }, await as(username, ...groups));
  assert.equal(written.status, 200, written.text);
};

describe("the supervisor's screens", () => {
  it('shows a supervisor the differences and a detail left in, returns the contact once with a reason, then approves the next version, which reaches the force', async () => {
    const reference = await contactInReview(ORIGINAL);
    await sanitiseAs(reference, FIRST_DRAFT, 'analyst.amy', 'analysts');

    const { context, page, problems } = await chromium.open();
    try {
      await signInByKeyboard(page, 'supervisor.sue');
      assert.equal(await text(page, '#signed-in-as'), 'Signed in as supervisor.sue (Supervisor)');
      await press(page, 'nav a[href="/approvals"]');
      assert.equal(await text(page, 'h1'), 'Contacts to approve');
      assert.match(await text(page, `#to-approve tr[data-reference="${reference}"]`), /Kent Police.*analyst\.amy/);
      assert.deepEqual(await axeViolations(page), [], 'contacts to approve');

      await press(page, `a[href="/approvals/${reference}"]`);
      assert.equal(await text(page, 'h1'), 'Approve the sanitised version');
      assert.match(await text(page, '#proposed-force'), /Kent Police/);
      // The phone number left in is called out at the top.
      assert.match(await text(page, '#details-left-in'), /still in the sanitised version/);
      assert.match(await text(page, '#details-left-in [data-kind="phone"]'), /“07700 900123” \(phone number\) in what happened/);
      // The differences: what was taken out is struck through in the original, what was written in underlined in the sanitised.
      assert.equal(await text(page, '[data-field="/narrative"] [data-side="original"] del'), '[removed: My name is Jo Bloggs.]');
      assert.equal(await text(page, '[data-field="/narrative"] [data-side="sanitised"] ins'), '[added: The reporter says]');
      assert.match(await text(page, '[data-field="/narrative"] [data-side="sanitised"]'), /07700 900123 after 6pm\.$/);
      assert.deepEqual(await axeViolations(page), [], 'the approval screen');
      // Side by side on a wide screen; the sanitised under the original on a narrow one.
      const boxes = async () => {
        const original = await page.$('[data-field="/narrative"] [data-side="original"]');
        const sanitised = await page.$('[data-field="/narrative"] [data-side="sanitised"]');
        return [(await original!.boundingBox())!, (await sanitised!.boundingBox())!] as const;
      };
      const [left, right] = await boxes();
      assert.ok(right.x > left.x + left.width - 1 && Math.abs(right.y - left.y) < 2, 'side by side');
      await page.setViewportSize({ width: 375, height: 800 });
      const [above, below] = await boxes();
      assert.ok(below.y >= above.y + above.height && Math.abs(below.x - above.x) < 2, 'one above the other');
      assert.deepEqual(await axeViolations(page), [], 'the approval screen, narrow');
      await page.setViewportSize({ width: 1024, height: 800 });
      assert.equal(await page.$$eval('form[method="post"] input[name="csrf"]', (inputs) => inputs.length), 3, 'every form carries the token (sign-out, approve, return)');

      // Returned with no reason: asked for one.
      await press(page, 'form[action$="/return"] button[type="submit"]');
      assert.match(await text(page, '.govuk-error-summary'), /There is a problem.*Say why it goes back to the analyst/);
      assert.match(await page.title(), /^Error: /);
      assert.deepEqual(await axeViolations(page), [], 'the approval screen with an error');
      await tabTo(page, '#reason');
      await page.keyboard.type('The phone number and "the reporter says" still point to the reporter.');
      await press(page, 'form[action$="/return"] button[type="submit"]');
      assert.equal(await text(page, 'h1'), 'Returned to the analyst');
      assert.deepEqual(await axeViolations(page), [], 'returned');

      // With the analysts: nothing to approve, and the trail says who returned it and why.
      const contact = (await send(api(`/contact-centre/reviews/${reference}`), { method: 'GET', headers: await as('analyst.amy', 'analysts') })).json<{
        sanitised: unknown;
        returned: { by: string; reason: string; draft: { by: string; content: { narrative: string } } };
        audit: { type: string; by?: string; detail: { reason?: string } }[];
      }>();
      assert.equal(contact.sanitised, null);
      assert.deepEqual(
        [contact.returned.by, contact.returned.reason, contact.returned.draft.by, contact.returned.draft.content.narrative],
        ['supervisor.sue', 'The phone number and "the reporter says" still point to the reporter.', 'analyst.amy', FIRST_DRAFT],
        'the analysts see why, and the draft returned',
      );
      const returned = contact.audit.find((event) => event.type === 'returned');
      assert.equal(returned?.by, 'supervisor.sue');
      assert.match(returned?.detail.reason ?? '', /^The phone number/);
      assert.deepEqual(await notificationsFor(local.sqs, local.queueUrl(KENT_QUEUE), reference, { timeoutMs: 1_000, settleMs: 0 }), []);

      // Looked at again while it is back with the analysts: nothing to approve yet, and no button.
      await page.goto(consoleAt(`/approvals/${reference}`));
      assert.equal(await text(page, 'h1'), 'Nothing to approve yet');
      assert.equal(await text(page, '#nothing-to-approve'), 'There is nothing to approve: the contact is waiting for an analyst to sanitise it.');
      assert.equal(await page.$('form[action$="/approval"]'), null);
      assert.deepEqual(await axeViolations(page), [], 'the approval screen, back with the analysts');

      // A sanitises again; B, who returned it, approves it.
      await sanitiseAs(reference, SECOND_DRAFT, 'analyst.amy', 'analysts');
      await page.goto(consoleAt(`/approvals/${reference}`));
      assert.equal(await page.$('#details-left-in'), null, 'nothing left in');
      assert.match(await text(page, '#returned-before'), /By supervisor\.sue, .*: The phone number/);
      await press(page, 'form[action$="/approval"] button[type="submit"]');
      assert.equal(await text(page, 'h1'), 'Approved and sent');
      assert.match(await text(page, '.govuk-panel__body'), new RegExp(`${reference} has gone to Kent Police`));
      assert.deepEqual(await axeViolations(page), [], 'approved');
      // Looked at again (a second tab, the back button): nothing left to decide, and no button to press.
      await page.goto(consoleAt(`/approvals/${reference}`));
      assert.equal(await text(page, '#nothing-to-approve'), 'There is nothing to decide: this contact is already with its force.');
      assert.equal(await page.$('form[action$="/approval"]'), null);
      assert.deepEqual(await axeViolations(page), [], 'the approval screen, already approved');
      assert.deepEqual(problems, [], 'no Content-Security-Policy violation');

      const [notification, ...more] = await notificationsFor(local.sqs, local.queueUrl(KENT_QUEUE), reference);
      assert.equal(more.length, 0);
      const body = JSON.parse(notification!.Body!) as ForceNotification;
      assert.equal(body.narrative, SECOND_DRAFT);
      assert.ok(!notification!.Body!.includes('Bloggs') && !notification!.Body!.includes('07700'), 'nothing of the reporter');
    } finally {
      await context.close();
    }
  });

  it("refuses a supervisor the approval, or the return, of their own sanitisation, and says so plainly", async () => {
    const reference = await contactInReview('An officer at Ashford custody suite sells information to a local gang.');
    await sanitiseAs(reference, 'An officer at a custody suite in Kent is said to sell information to a gang.', 'supervisor.sid', 'analysts', 'supervisors');
    const { context, page } = await chromium.open();
    try {
      await signInByKeyboard(page, 'supervisor.sid');
      await page.goto(consoleAt(`/approvals/${reference}`));
      await tabTo(page, 'form[action$="/approval"] button[type="submit"]');
      const [answer] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      assert.equal(answer?.status(), 403);
      assert.match(await text(page, '.govuk-error-summary'), /You wrote the sanitised version of this contact, so you cannot approve it\. Another supervisor must approve it\./);
      assert.deepEqual(await axeViolations(page), [], 'the refusal');
      await tabTo(page, '#reason');
      await page.keyboard.type('Too vague.');
      await press(page, 'form[action$="/return"] button[type="submit"]');
      assert.match(await text(page, '.govuk-error-summary'), /you cannot return it/);
    } finally {
      await context.close();
    }
    assert.deepEqual(await notificationsFor(local.sqs, local.queueUrl(KENT_QUEUE), reference, { timeoutMs: 1_000, settleMs: 0 }), []);
  });

  it('lets a supervisor other than the proposer confirm a closure, and not the proposer', async () => {
    const reference = await contactInReview('Somebody keeps phoning me about a parking fine that is not mine, not about the police at all.');
    const proposed = await postJson(api(`/contact-centre/reviews/${reference}/closure`), { reason: 'not_about_police', note: 'A parking dispute.' }, await as('supervisor.pia', 'supervisors'));
    assert.equal(proposed.status, 200, proposed.text);

    const proposer = await chromium.open();
    try {
      const { page } = proposer;
      await signInByKeyboard(page, 'supervisor.pia');
      await press(page, 'nav a[href="/closures"]');
      assert.equal(await text(page, 'h1'), 'Closures to confirm');
      assert.match(await text(page, `#closures tr[data-reference="${reference}"]`), /Not about the police ?A parking dispute\. supervisor\.pia \(you: another supervisor must confirm it\)/);
      assert.deepEqual(await axeViolations(page), [], 'closures to confirm');
      await tabTo(page, `form[action="/closures/${reference}/confirmation"] button`);
      const [answer] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      assert.equal(answer?.status(), 403);
      assert.match(await text(page, '.govuk-error-summary'), /You proposed closing this contact, so you cannot confirm it\. Another supervisor must confirm it\./);
      assert.deepEqual(await axeViolations(page), [], 'the refusal');
    } finally {
      await proposer.context.close();
    }

    const other = await chromium.open();
    try {
      const { page } = other;
      await signInByKeyboard(page, 'supervisor.sol');
      await page.goto(consoleAt('/closures'));
      await press(page, `form[action="/closures/${reference}/confirmation"] button`);
      assert.match(await text(page, '#closed'), new RegExp(`${reference} is closed\\. No force will receive it\\.`));
      assert.equal(await page.$(`#closures tr[data-reference="${reference}"]`), null, 'no longer listed');
      assert.deepEqual(await axeViolations(page), [], 'closed');
    } finally {
      await other.context.close();
    }
    const contact = (await send(api(`/contact-centre/reviews/${reference}`), { method: 'GET', headers: await as('analyst.amy', 'analysts') })).json<{
      status: string;
      audit: { type: string; by?: string }[];
    }>();
    assert.equal(contact.status, 'closed');
    assert.equal(contact.audit.find((event) => event.type === 'closed')?.by, 'supervisor.sol');
  });

  it('is for supervisors only, and changes nothing for a post without the session token', async () => {
    const reference = await contactInReview('The desk sergeant at Canterbury takes money to lose parking tickets.');
    await sanitiseAs(reference, 'A sergeant in Kent is said to take money to cancel parking tickets.', 'analyst.amy', 'analysts');
    const { context, page } = await chromium.open();
    try {
      await signInByKeyboard(page, 'supervisor.sue');
      const session = (await context.cookies()).find((cookie) => cookie.name === '__Host-pac-staff-session')!;
      const posted = await fetch(consoleAt(`/approvals/${reference}/approval`), {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: `${session.name}=${session.value}`, 'content-type': 'application/x-www-form-urlencoded', origin: new URL(consoleAt('/')).origin },
        body: 'csrf=not-the-token',
      });
      assert.equal(posted.status, 403);
      assert.match(await posted.text(), /That form had expired/);
    } finally {
      await context.close();
    }
    assert.deepEqual(await notificationsFor(local.sqs, local.queueUrl(KENT_QUEUE), reference, { timeoutMs: 1_000, settleMs: 0 }), []);
    const analyst = await chromium.open();
    try {
      await analyst.page.goto(consoleAt('/'));
      await tabTo(analyst.page, 'a.govuk-button--start');
      await Promise.all([analyst.page.waitForURL(/\/oauth2\/authorize/), analyst.page.keyboard.press('Enter')]);
      await tabTo(analyst.page, '#username');
      await analyst.page.keyboard.type('analyst.amy');
      await tabTo(analyst.page, 'button[type="submit"]');
      await analyst.page.keyboard.press('Enter');
      await analyst.page.waitForURL(/\/queue$/);
      const answer = await analyst.page.goto(consoleAt(`/approvals/${reference}`));
      assert.equal(answer?.status(), 403);
      assert.equal(await text(analyst.page, 'h1'), 'This is not open to your role');
    } finally {
      await analyst.context.close();
    }
  });

  it("shows a reporter's answer beside its sanitised version, refuses it to the supervisor who sanitised it, and sends it to the force when another approves", async () => {
    const reference = await contactInReview('The sergeant at Dover takes payments from a taxi firm to ignore complaints.');
    await sanitiseAs(reference, 'A sergeant at Dover is said to take payments from a taxi firm to ignore complaints.', 'analyst.amy', 'analysts');
    const approved = await postJson(api(`/contact-centre/reviews/${reference}/approval`), {}, await as('supervisor.sam', 'supervisors'));
    assert.equal(approved.status, 200, approved.text);
    await notificationsFor(local.sqs, local.queueUrl(KENT_QUEUE), reference);
    const kentReference = await local.forceReference(reference, 'kent');
    const asked = await postJson(api(`/force/reports/${kentReference}/questions`), { question: 'Which taxi firm?' }, await local.forceHeaders('kent'));
    assert.equal(asked.status, 201, asked.text);
    const questionId = asked.json().questionId as string;
    const relayed = await postJson(api(`/contact-centre/reviews/${reference}/questions/${questionId}/relay`), {}, await as('analyst.amy', 'analysts'));
    assert.equal(relayed.status, 200, relayed.text);
    const ANSWER = 'Castle Cabs. I drive for them, ring me on 07700 900987.';
    const SANITISED_ANSWER = 'Castle Cabs.';
    const recorded = await postJson(api(`/contact-centre/reports/${reference}/questions/${questionId}/answers`), { code: followUpCodes.get(reference), answer: ANSWER }, await as('call-agent.cal', 'call-agents'));
    assert.equal(recorded.status, 202, recorded.text);
    const answerId = recorded.json().id as string;

    const own = await chromium.open();
    try {
      const { page } = own;
      await signInByKeyboard(page, 'supervisor.sid');
      // Not sanitised yet: the caller's words, and nothing to approve.
      await page.goto(consoleAt(`/answers/${reference}/${answerId}`));
      assert.equal(await text(page, 'h1'), 'Nothing to approve yet');
      assert.equal(await text(page, '#nothing-to-approve'), 'There is nothing to approve: it is waiting for an analyst to sanitise it.');
      assert.equal(await page.$('form[action$="/approval"]'), null);
      assert.deepEqual(await axeViolations(page), [], 'an answer not sanitised yet');
      const sanitised = await put(`/contact-centre/reviews/${reference}/answers/${answerId}/sanitised`, { text: SANITISED_ANSWER }, await as('supervisor.sid', 'analysts', 'supervisors'));
      assert.equal(sanitised.status, 200, sanitised.text);
      await press(page, 'nav a[href="/answers"]');
      assert.equal(await text(page, 'h1'), 'Answers to approve');
      assert.match(await text(page, `#answers tr[data-answer="${answerId}"]`), /Answer to a question.*supervisor\.sid/);
      assert.deepEqual(await axeViolations(page), [], 'answers to approve');
      await press(page, `a[href="/answers/${reference}/${answerId}"]`);
      assert.equal(await text(page, 'h1'), 'Approve the answer');
      assert.equal(await text(page, '#question'), 'Which taxi firm?');
      assert.equal(await text(page, '[data-side="original"] del'), '[removed: I drive for them, ring me on 07700 900987.]');
      assert.equal(await text(page, '[data-side="sanitised"]'), SANITISED_ANSWER);
      assert.deepEqual(await axeViolations(page), [], 'an answer to approve');
      await tabTo(page, 'form[action$="/approval"] button[type="submit"]');
      const [answer] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      assert.equal(answer?.status(), 403);
      assert.match(await text(page, '.govuk-error-summary'), /You sanitised this answer, so you cannot approve it\. Another supervisor must approve it\./);
      assert.deepEqual(await axeViolations(page), [], 'the refusal');
    } finally {
      await own.context.close();
    }

    const other = await chromium.open();
    try {
      const { page } = other;
      await signInByKeyboard(page, 'supervisor.sue');
      await page.goto(consoleAt(`/answers/${reference}/${answerId}`));
      await press(page, 'form[action$="/approval"] button[type="submit"]');
      assert.equal(await text(page, 'h1'), 'Answer approved and sent');
      assert.deepEqual(await axeViolations(page), [], 'answer approved');
      await page.goto(consoleAt(`/answers/${reference}/${answerId}`));
      assert.equal(await text(page, '#already-approved'), 'This answer is approved.');
      assert.equal(await page.$('form[action$="/approval"]'), null, 'nothing left to press');
      assert.deepEqual(await axeViolations(page), [], 'an answer already approved');
    } finally {
      await other.context.close();
    }
    // An analyst who opens it to sanitise, from an old list: already approved, nothing to change.
    const analyst = await chromium.open();
    try {
      const { page } = analyst;
      await signInToConsole(page, local.stack.consoleUrl, 'analyst.amy', 'analysts');
      await page.goto(consoleAt(`/answers-to-sanitise/${reference}/${answerId}`));
      assert.equal(await text(page, '#already-approved'), 'This answer is already approved: there is nothing to sanitise.');
      assert.equal(await page.$('#text'), null, 'nothing to edit');
      assert.deepEqual(await axeViolations(page), [], 'an answer to sanitise, already approved');
    } finally {
      await analyst.context.close();
    }
    const [message, ...more] = await notificationsFor(local.sqs, local.queueUrl(KENT_QUEUE), reference);
    assert.equal(more.length, 0);
    const sent = JSON.parse(message!.Body!) as Record<string, unknown>;
    assert.deepEqual([sent.type, sent.reference, sent.answer], ['report.answer', kentReference, SANITISED_ANSWER]);
    assert.ok(!message!.Body!.includes('07700'), "nothing of the reporter's own words");
  });

  it('offers the same return on the staff API: a reason required, never by the analyst who sanitised it', async () => {
    const reference = await contactInReview('The inspector at Folkestone lets a friend off drink-driving every month.');
    await sanitiseAs(reference, 'An inspector at Folkestone is said to let a friend off drink-driving.', 'supervisor.sid', 'analysts', 'supervisors');
    const url = api(`/contact-centre/reviews/${reference}/return`);
    const noReason = await postJson(url, { reason: '  ' }, await as('supervisor.sue', 'supervisors'));
    assert.equal(noReason.status, 400, noReason.text);
    assert.equal(noReason.json().type, '/problems/invalid-return');
    assert.equal((await postJson(url, { reason: 'Too vague.' }, await as('analyst.amy', 'analysts'))).status, 403, 'for supervisors');
    const own = await postJson(url, { reason: 'Too vague.' }, await as('supervisor.sid', 'supervisors'));
    assert.equal(own.status, 403, own.text);
    assert.equal(own.json().type, '/problems/four-eyes');
    const returned = await postJson(url, { reason: 'Say which month.' }, await as('supervisor.sue', 'supervisors'));
    assert.equal(returned.status, 200, returned.text);
    assert.equal(returned.json().status, 'awaiting_review');
    assert.equal((await postJson(url, { reason: 'Again.' }, await as('supervisor.sue', 'supervisors'))).status, 409, 'nothing sanitised to return');
    assert.equal((await postJson(api(`/contact-centre/reviews/${reference}/approval`), {}, await as('supervisor.sue', 'supervisors'))).status, 409, 'nothing to approve');
  });
});
