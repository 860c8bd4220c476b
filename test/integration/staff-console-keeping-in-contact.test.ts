/**
 * Keeping in contact on the staff console in headless Chromium, against the whole service running
 * locally with review on, by the keyboard alone, with different people for each step: a force asks
 * the reporter a question through the force API; analyst A relays it on the console; a call agent
 * takes the caller's answer by phone once the caller's reference and follow-up code match (a wrong
 * code first: refused, nothing shown), and information the caller adds unasked; analyst B
 * sanitises the answer and the information, each started from the placeholders; a supervisor
 * approves each, seeing the caller's words and the sanitised version side by side; and the force's
 * queue (fauxqs) receives the sanitised answer and information only, once each.
 *
 * axe-core finds no WCAG 2.2 AA violation on any of these screens.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations, tabTo, useBrowser } from '../support/browser.ts';
import { textOf, seenText, signInByKeyboard as signInToConsole, type StaffRole, pressByKeyboard } from '../support/console-browser.ts';
import { captureOutput, notificationsFor, postJson, send, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

captureOutput();
const local = useLocalStack({ review: 'on' });
const chromium = useBrowser();

const KENT_QUEUE = 'pac-local-reports-kent.fifo';
const consoleAt = (path = '/'): string => `${local.stack.consoleUrl}${path}`;
const api = (path: string): string => `${local.stack.apiUrl}${path}`;
const as = (username: string, ...groups: string[]) => local.staffHeaders(username, ...groups);

const QUESTION = 'Which taxi firm pays the sergeant?';
const ANSWER = 'Castle Cabs. I drive for them, ring me on 07700 900987 after six.';
const SANITISED = 'Castle Cabs.';
const INFORMATION = 'He also meets their manager at the Dover depot on Mondays. My name is Jo Bloggs.';
const SANITISED_INFORMATION = 'He is also said to meet the firm\'s manager at a depot on Mondays.';

const text = textOf;

const signInByKeyboard = (page: Page, username: string, role: StaffRole): Promise<void> => signInToConsole(page, local.stack.consoleUrl, username, role);

const press = pressByKeyboard;

/** A report sent online to Kent, sanitised and approved through the staff API, and a question Kent asks about it. */
const questionAsked = async (): Promise<{ reference: string; code: string; kentReference: string; questionId: string }> => {
  const sent = await postJson(api('/reports'), minimalReport({ force: 'kent', narrative: 'The sergeant at Dover takes payments from a taxi firm to ignore complaints.' }));
  assert.equal(sent.status, 202, sent.text);
  const { reference, followUpCode: code } = sent.json<{ reference: string; followUpCode: string }>();
  let sanitised;
  for (let tries = 0; tries < 100; tries += 1) {
    sanitised = await send(api(`/contact-centre/reviews/${reference}/sanitised`), {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...(await as('analyst.amy', 'analysts')) },
      body: JSON.stringify({ categories: ['bribery'], force: 'kent', narrative: 'A sergeant at Dover is said to take payments from a taxi firm to ignore complaints.' }),
    });
    if (sanitised.status !== 404) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(sanitised?.status, 200, sanitised?.text);
  const approved = await postJson(api(`/contact-centre/reviews/${reference}/approval`), {}, await as('supervisor.sam', 'supervisors'));
  assert.equal(approved.status, 200, approved.text);
  await notificationsFor(local.sqs, local.queueUrl(KENT_QUEUE), reference);
  const kentReference = await local.forceReference(reference, 'kent');
  const asked = await postJson(api(`/force/reports/${kentReference}/questions`), { question: QUESTION }, await local.forceHeaders('kent'));
  assert.equal(asked.status, 201, asked.text);
  return { reference, code, kentReference, questionId: asked.json().questionId as string };
};

describe('keeping in contact on the staff console', () => {
  it("relays a force's question, takes the caller's answer and added information by phone, sanitises each, and the force receives each once a different person approves it", async () => {
    const { reference, code, kentReference, questionId } = await questionAsked();

    // Analyst A relays the question, while analyst B has the same list open.
    const late = await chromium.open();
    await signInByKeyboard(late.page, 'analyst.amy', 'analysts');
    await press(late.page, 'nav a[href="/questions"]');
    const relayer = await chromium.open();
    try {
      const { page, problems } = relayer;
      await signInByKeyboard(page, 'analyst.ann', 'analysts');
      await press(page, 'nav a[href="/questions"]');
      assert.equal(await text(page, 'h1'), 'Questions to relay');
      assert.match(await text(page, `#questions tr[data-question="${questionId}"]`), new RegExp(`${reference} Kent Police .*${QUESTION}`));
      assert.deepEqual(await axeViolations(page), [], 'questions to relay');
      await press(page, `form[action="/questions/${reference}/${questionId}/relay"] button`);
      assert.match(await text(page, '#relayed'), new RegExp(`The question about ${reference} is now in the reporter's follow-up inbox`));
      assert.equal(await page.$(`#questions tr[data-question="${questionId}"]`), null, 'no longer waiting');
      assert.deepEqual(await axeViolations(page), [], 'relayed');
      assert.deepEqual(problems, [], 'no Content-Security-Policy violation');
      // B, a moment later, from the list as it was: told plainly, nothing changed.
      assert.equal(await press(late.page, `form[action="/questions/${reference}/${questionId}/relay"] button`), 409);
      assert.match(await text(late.page, '.govuk-error-summary'), /Nothing was changed: this question has already been relayed\./);
      assert.equal(await late.page.$(`#questions tr[data-question="${questionId}"]`), null, 'the list as it is now');
      assert.deepEqual(await axeViolations(late.page), [], 'a question already relayed');
    } finally {
      await relayer.context.close();
      await late.context.close();
    }

    // The call agent: a wrong code shows nothing; the right one, the question to read; the answer, then information added.
    const agent = await chromium.open();
    try {
      const { page } = agent;
      await signInByKeyboard(page, 'call-agent.cal', 'call-agents');
      await press(page, 'nav a[href="/phone-answer"]');
      assert.equal(await text(page, 'h1'), "A caller's answer or added information");
      assert.deepEqual(await axeViolations(page), [], 'find the caller');
      // Sent empty: asked for both.
      assert.equal(await press(page, 'form[action="/phone-answer"] button[type="submit"]'), 400);
      assert.match(await text(page, '.govuk-error-summary'), /Enter the caller's reference.*Enter the caller's follow-up code/);
      assert.match(await page.title(), /^Error: /);
      assert.deepEqual(await axeViolations(page), [], 'find the caller, with errors');
      // A reference that cannot be one: asked for it as the caller was given it, by a real example.
      assert.equal(await text(page, '#reference-hint'), 'For example, PAC-7K3M-9QXD');
      await tabTo(page, '#reference');
      await page.keyboard.type('PAC 2026');
      assert.equal(await press(page, 'form[action="/phone-answer"] button[type="submit"]'), 400);
      assert.match(await text(page, '.govuk-error-summary'), /Enter the reference as the caller was given it, like PAC-7K3M-9QXD/);
      const wrong = code.endsWith('0') ? `${code.slice(0, -1)}1` : `${code.slice(0, -1)}0`;
      await tabTo(page, '#reference');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(reference);
      await tabTo(page, '#code');
      await page.keyboard.type(wrong);
      assert.equal(await press(page, 'form[action="/phone-answer"] button[type="submit"]'), 400);
      assert.match(await text(page, '.govuk-error-summary'), /The reference and follow-up code do not match/);
      assert.ok(!(await page.content()).includes(QUESTION), 'nothing of the report shown');
      assert.deepEqual(await axeViolations(page), [], 'a wrong code');
      await tabTo(page, '#code');
      await page.keyboard.type(code);
      assert.equal(await press(page, 'form[action="/phone-answer"] button[type="submit"]'), 200);
      assert.match(await text(page, '#caller'), new RegExp(reference));
      assert.match(await text(page, 'fieldset'), new RegExp(QUESTION));
      assert.equal(await page.isChecked(`input[name="about"][value="${questionId}"]`), true, 'the one question chosen');
      assert.deepEqual(await axeViolations(page), [], 'record the answer');
      // Recorded with no words: asked for them, the caller still found.
      assert.equal(await press(page, 'form[action="/phone-answer"] button[type="submit"]'), 400);
      assert.match(await text(page, '.govuk-error-summary'), /Type the caller's words/);
      assert.equal(await page.isChecked(`input[name="about"][value="${questionId}"]`), true, 'the choice kept');
      assert.deepEqual(await axeViolations(page), [], 'record the answer, with an error');
      await tabTo(page, '#words');
      await page.keyboard.type(ANSWER);
      assert.equal(await press(page, 'form[action="/phone-answer"] button[type="submit"]'), 202);
      assert.equal(await text(page, 'h1'), 'Answer recorded');
      assert.deepEqual(await axeViolations(page), [], 'answer recorded');

      await press(page, 'a#next');
      await tabTo(page, '#reference');
      await page.keyboard.type(reference);
      await tabTo(page, '#code');
      await page.keyboard.type(code);
      await press(page, 'form[action="/phone-answer"] button[type="submit"]');
      assert.deepEqual(await page.$$eval('input[name="about"]', (inputs) => inputs.map((input) => input.getAttribute('value'))), ['information'], 'the question is answered');
      await tabTo(page, 'input[name="about"]');
      await page.keyboard.press('Space');
      await tabTo(page, '#words');
      await page.keyboard.type(INFORMATION);
      assert.equal(await press(page, 'form[action="/phone-answer"] button[type="submit"]'), 202);
      assert.equal(await text(page, 'h1'), 'Information recorded');
      assert.deepEqual(await axeViolations(page), [], 'information recorded');
      assert.deepEqual(agent.problems, [], 'no Content-Security-Policy violation');
    } finally {
      await agent.context.close();
    }
    const trail = (await send(api(`/contact-centre/reviews/${reference}`), { method: 'GET', headers: await as('analyst.amy', 'analysts') })).json<{ audit: { type: string; by?: string; detail: { channel?: string } }[] }>();
    for (const type of ['question_relayed', 'answer_received', 'information_received']) {
      const found = trail.audit.find((event) => event.type === type);
      assert.equal(found?.by, type === 'question_relayed' ? 'analyst.ann' : 'call-agent.cal', type);
    }
    assert.equal(trail.audit.find((event) => event.type === 'information_received')?.detail.channel, 'phone');

    // Analyst B sanitises the answer, started from the placeholders.
    const sanitiser = await chromium.open();
    let answerId = '';
    let informationId = '';
    try {
      const { page } = sanitiser;
      await signInByKeyboard(page, 'analyst.bo', 'analysts');
      await press(page, 'nav a[href="/answers-to-sanitise"]');
      assert.equal(await text(page, 'h1'), 'Answers to sanitise');
      const row = await page.$(`#answers tr:has(a[href^="/answers-to-sanitise/${reference}/"]):has-text("Answer to a question")`);
      assert.ok(row !== null, 'the answer is listed');
      answerId = (await row.getAttribute('data-answer')) ?? '';
      assert.match(await text(page, `#answers tr[data-answer="${answerId}"]`), /Answer to a question Phone/);
      assert.deepEqual(await axeViolations(page), [], 'answers to sanitise');
      await press(page, `a[href="/answers-to-sanitise/${reference}/${answerId}"]`);
      assert.equal(await text(page, 'h1'), 'Sanitise the answer');
      assert.equal(await text(page, '#question'), QUESTION);
      assert.equal(await text(page, '#original mark[data-kind="phone"]'), 'Flagged phone number: 07700 900987');
      // Started from the caller's words with every flagged detail replaced by its placeholder.
      const started = await page.inputValue('#text');
      assert.match(started, /^Castle Cabs\. .*\[phone number removed\] after six\.$/);
      assert.ok(!started.includes('07700'), started);
      assert.deepEqual(await axeViolations(page), [], 'sanitise an answer');
      // Emptied: asked for the text.
      await tabTo(page, '#text');
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      assert.equal(await press(page, `form[action="/answers-to-sanitise/${reference}/${answerId}"] button[type="submit"]`), 400);
      assert.match(await text(page, '.govuk-error-summary'), /Write the sanitised version the force will see/);
      assert.deepEqual(await axeViolations(page), [], 'sanitise with an error');
      await tabTo(page, '#text');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(SANITISED);
      assert.equal(await press(page, `form[action="/answers-to-sanitise/${reference}/${answerId}"] button[type="submit"]`), 200);
      assert.match(await text(page, '#sanitised'), new RegExp(`What the reporter said about ${reference}, sanitised, now waits for a supervisor's approval`));
      assert.equal(await page.$(`#answers tr[data-answer="${answerId}"]`), null, 'no longer to sanitise');
      assert.deepEqual(await axeViolations(page), [], 'answer sanitised');

      // The information the caller added, the same way.
      const added = await page.$(`#answers tr:has(a[href^="/answers-to-sanitise/${reference}/"]):has-text("Information added")`);
      assert.ok(added !== null, 'the information is listed');
      informationId = (await added.getAttribute('data-answer')) ?? '';
      await press(page, `a[href="/answers-to-sanitise/${reference}/${informationId}"]`);
      assert.equal(await page.$('#question'), null, 'no question: it was added unasked');
      assert.match(await text(page, '#original mark[data-kind="self_identification"]'), /My name is Jo Bloggs/);
      assert.ok(!(await page.inputValue('#text')).includes('Bloggs'), 'started with the name taken out');
      assert.deepEqual(await axeViolations(page), [], 'sanitise information');
      await tabTo(page, '#text');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(SANITISED_INFORMATION);
      assert.equal(await press(page, `form[action="/answers-to-sanitise/${reference}/${informationId}"] button[type="submit"]`), 200);
      assert.equal(await page.$(`#answers tr[data-answer="${informationId}"]`), null, 'no longer to sanitise');
      assert.deepEqual(sanitiser.problems, [], 'no Content-Security-Policy violation');
    } finally {
      await sanitiser.context.close();
    }
    assert.deepEqual(
      (await notificationsFor(local.sqs, local.queueUrl(KENT_QUEUE), reference, { timeoutMs: 1_000, settleMs: 0 })).filter((message) => message.Body?.includes('report.answer')),
      [],
      'nothing reaches the force before approval',
    );

    // A supervisor approves it on the console; the force receives the sanitised answer only.
    const supervisor = await chromium.open();
    try {
      const { page } = supervisor;
      await signInByKeyboard(page, 'supervisor.sue', 'supervisors');
      await press(page, 'nav a[href="/answers"]');
      assert.match(await text(page, `#answers tr[data-answer="${answerId}"]`), /Answer to a question.*analyst\.bo/);
      assert.match(await text(page, `#answers tr[data-answer="${informationId}"]`), /Information added.*analyst\.bo/);
      assert.deepEqual(await axeViolations(page), [], 'answers to approve');
      await press(page, `a[href="/answers/${reference}/${answerId}"]`);
      assert.equal(await text(page, 'h1'), 'Approve the answer');
      assert.equal(await text(page, '#question'), QUESTION);
      assert.match(await text(page, '[data-side="original"]'), /07700 900987/, "the caller's words, beside");
      assert.equal(await seenText(page, '[data-side="sanitised"]'), SANITISED, 'the sanitised version');
      assert.deepEqual(await axeViolations(page), [], 'approve the answer');
      await press(page, 'form[action$="/approval"] button[type="submit"]');
      assert.equal(await text(page, 'h1'), 'Answer approved and sent');
      assert.deepEqual(await axeViolations(page), [], 'answer approved');

      await press(page, 'nav a[href="/answers"]');
      await press(page, `a[href="/answers/${reference}/${informationId}"]`);
      assert.match(await text(page, '[data-side="original"]'), /Jo Bloggs/);
      assert.equal(await seenText(page, '[data-side="sanitised"]'), SANITISED_INFORMATION, 'the sanitised version');
      assert.deepEqual(await axeViolations(page), [], 'approve the information');
      await press(page, 'form[action$="/approval"] button[type="submit"]');
      assert.equal(await text(page, 'h1'), 'Information approved and sent', 'information, not an answer');
      assert.deepEqual(supervisor.problems, [], 'no Content-Security-Policy violation');
    } finally {
      await supervisor.context.close();
    }
    const messages: Record<string, unknown>[] = [];
    let bodies = '';
    for (let attempt = 0; attempt < 5 && !messages.some((body) => body.type === 'report.information'); attempt += 1) {
      for (const message of await notificationsFor(local.sqs, local.queueUrl(KENT_QUEUE), reference)) {
        messages.push(JSON.parse(message.Body!) as Record<string, unknown>);
        bodies += message.Body!;
      }
    }
    const answers = messages.filter((body) => body.type === 'report.answer');
    assert.equal(answers.length, 1);
    assert.deepEqual([answers[0]!.reference, answers[0]!.answer], [kentReference, SANITISED]);
    const information = messages.filter((body) => body.type === 'report.information');
    assert.equal(information.length, 1);
    assert.deepEqual([information[0]!.reference, information[0]!.information], [kentReference, SANITISED_INFORMATION]);
    for (const detail of ['07700', 'Dover depot', 'Bloggs', 'I drive for them']) assert.ok(!bodies.includes(detail), `nothing of the caller's own words: ${detail}`);

    // The trail: each step by its own person, the sanitiser never the approver.
    const audit = (await send(api(`/contact-centre/reviews/${reference}`), { method: 'GET', headers: await as('analyst.amy', 'analysts') })).json<{
      audit: { type: string; by?: string; detail: { answerId?: string } }[];
    }>().audit;
    const by = (type: string, id: string) => audit.filter((event) => event.type === type && event.detail.answerId === id).map((event) => event.by);
    for (const id of [answerId, informationId]) {
      assert.deepEqual(by('answer_sanitised', id), ['analyst.bo']);
      assert.deepEqual(by('answer_approved', id), ['supervisor.sue']);
    }
  });

  it('keeps each screen to its roles', async () => {
    const { context, page } = await chromium.open();
    try {
      await signInByKeyboard(page, 'call-agent.kim', 'call-agents');
      assert.equal((await page.goto(consoleAt('/answers-to-sanitise')))?.status(), 403);
      assert.equal((await page.goto(consoleAt('/questions')))?.status(), 200);
    } finally {
      await context.close();
    }
    const analyst = await chromium.open();
    try {
      await signInByKeyboard(analyst.page, 'analyst.amy', 'analysts');
      assert.equal((await analyst.page.goto(consoleAt('/phone-answer')))?.status(), 403);
    } finally {
      await analyst.context.close();
    }
  });
});
