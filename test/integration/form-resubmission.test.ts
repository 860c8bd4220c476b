/**
 * The website's report form sent again with its own idempotency key, against the local stack, as a
 * browser without JavaScript would send it: the same report answers with the same reference; a
 * changed one (the reporter went back, changed it and pressed ‘Send report’ again) is not taken in,
 * and the page that says so sends it, at one press, as a new report with a reference of its own,
 * which reaches the force like any other. Nothing the reporter typed, and no key, is logged.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { PAGE_SECURITY_HEADERS } from '../../functions/pages/security-headers.ts';
import { EXIT_URL } from '../../functions/pages/layout.ts';
import { captureOutput, notificationsFor, send, useLocalStack, type HttpAnswer } from '../support/local-stack.ts';

const output = captureOutput();
const local = useLocalStack({ review: 'off' });

const KENT_QUEUE = 'pac-local-reports-kent.fifo';
const REFERENCE = /<strong class="app-reference">(PAC-[0-9A-Z]{4}-[0-9A-Z]{4})<\/strong>/;
const FIRST = 'The custody sergeant took 300 pounds from my cousin to lose the charge sheet (marker-first-7Q2).';
const CHANGED = 'The custody sergeant took 300 pounds from my cousin, and "more" <again> & later (marker-changed-9X4).';

const postForm = (fields: URLSearchParams, path = '/report'): Promise<HttpAnswer> =>
  send(`${local.stack.apiUrl}${path}`, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: fields.toString() });

const reportForm = (key: string, narrative: string): URLSearchParams =>
  new URLSearchParams([
    ['idempotencyKey', key],
    ['categories', 'bribery'],
    ['narrative', narrative],
    ['force', 'kent'],
    ['reporterMode', 'anonymous'],
  ]);

const referenceIn = (answer: HttpAnswer): string => {
  const reference = REFERENCE.exec(answer.text)?.[1];
  assert.ok(reference !== undefined, `a confirmation page: ${answer.status} ${answer.text.slice(0, 300)}`);
  return reference;
};

/** The fields the page's one form (or its language link's, `language`) posts, as a browser would post them. */
const formOn = (markup: string, language = false): { action: string; fields: URLSearchParams } => {
  const forms = (markup.match(/<form\b[^>]*>[\s\S]*?<\/form>/g) ?? []).filter((form) => form.includes('app-language__form') === language);
  assert.equal(forms.length, 1);
  const [form] = forms as [string];
  const action = /<form [^>]*action="([^"]+)"/.exec(form)?.[1] ?? '';
  const unescape = (value: string) =>
    value.replace(/&(amp|lt|gt|quot|#39);/g, (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity]!);
  const fields = new URLSearchParams();
  for (const input of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?>/g)) fields.append(input[1]!, unescape(input[2] ?? ''));
  return { action, fields };
};

describe('the report form sent again with its key', () => {
  const key = randomUUID();
  let first = '';
  let fresh = '';

  it('answers the same report with the same reference, as before', async () => {
    first = referenceIn(await postForm(reportForm(key, FIRST)));
    assert.equal(referenceIn(await postForm(reportForm(key, FIRST))), first);
  });

  it('answers a changed report with a page that says so, not an error, and takes nothing in', async () => {
    const answer = await postForm(reportForm(key, CHANGED));
    assert.equal(answer.status, 409, answer.text.slice(0, 300));
    assert.equal(answer.headers['content-type'], 'text/html; charset=utf-8');
    for (const [name, value] of Object.entries(PAGE_SECURITY_HEADERS)) assert.equal(answer.headers[name.toLowerCase()], value, name);
    assert.equal(answer.headers['set-cookie'], undefined);
    assert.match(answer.text, /<h1 class="govuk-heading-l">You have already sent a report from this form<\/h1>/);
    assert.match(answer.text, /What you sent just now is different from your first report/);
    assert.ok(answer.text.includes(`<a href="${EXIT_URL}" rel="nofollow noreferrer" class="app-exit__button" data-exit-link>Leave this site</a>`));
    assert.doesNotMatch(answer.text, /PAC-/, 'no reference, neither the first nor a new one');

    const { action, fields } = formOn(answer.text);
    assert.equal(action, '/report');
    fresh = fields.get('idempotencyKey') ?? '';
    assert.match(fresh, /^[0-9a-f-]{36}$/);
    assert.notEqual(fresh, key);
    assert.equal(fields.get('narrative'), CHANGED);
    assert.deepEqual(fields.getAll('categories'), ['bribery']);
    assert.equal(fields.get('force'), 'kent');

    // Sent: a new report, once however often the button is pressed, and the first one is as it was.
    const second = referenceIn(await postForm(fields));
    assert.notEqual(second, first);
    assert.equal(referenceIn(await postForm(fields)), second);
    assert.equal(referenceIn(await postForm(reportForm(key, FIRST))), first);

    // Reading the queue takes its messages, so both references are looked for at once.
    const messages = await notificationsFor(local.sqs, local.queueUrl(KENT_QUEUE), [first, second]);
    for (const reference of [first, second]) {
      const forceReference = await local.forceReference(reference, 'kent');
      const about = messages.filter((message) => message.Body?.includes(reference) || message.Body?.includes(forceReference));
      assert.equal(about.length, 1, `${reference} reached Kent once`);
    }
  });

  it('logs nothing the reporter typed, and no key', () => {
    assert.ok(fresh !== '');
    const logs = output.text();
    assert.match(logs, /Report form sent again with a different report/);
    for (const secret of ['marker-first-7Q2', 'marker-changed-9X4', key, fresh]) assert.ok(!logs.includes(secret), `${secret} was logged`);
  });
});

describe('the report form in Welsh', () => {
  const key = randomUUID();
  const WELSH = 'Cymerodd y rhingyll 300 punt gan fy nghefnder i golli’r daflen gyhuddo (marker-welsh-4K8).';

  it('answers a form posted from a Welsh page in Welsh, errors and all', async () => {
    const answer = await postForm(new URLSearchParams([['idempotencyKey', key], ['narrative', 'byr']]), '/cy/report');
    assert.equal(answer.status, 400);
    assert.match(answer.text, /<html lang="cy"/);
    assert.match(answer.text, /<h2 class="govuk-error-summary__title">Mae problem wedi codi<\/h2>/);
    assert.match(answer.text, /Dewiswch am beth mae’r adroddiad/);
    assert.match(answer.text, /Dywedwch wrthym beth ddigwyddodd, mewn o leiaf 20 nod/);
    assert.doesNotMatch(answer.text, /Select what the report is about/);
    // Its language link sends the answers again to the English path: the same errors, in English.
    const { action, fields } = formOn(answer.text, true);
    assert.equal(action, '/report');
    assert.equal(fields.get('narrative'), 'byr');
    const english = await postForm(fields, action);
    assert.equal(english.status, 400);
    assert.match(english.text, /<html lang="en-GB"/);
    assert.match(english.text, /Select what the report is about/);
  });

  it('confirms in Welsh; its language link gives the same confirmation in English, with the same code, which still works', async () => {
    const answer = await postForm(reportForm(key, WELSH), '/cy/report');
    assert.equal(answer.status, 200, answer.text.slice(0, 300));
    assert.match(answer.text, /<h1 class="govuk-panel__title">Adroddiad wedi’i anfon<\/h1>/);
    const reference = referenceIn(answer);
    const code = /id="follow-up-code">([0-9 ]+)</.exec(answer.text)?.[1] ?? '';
    const { action, fields } = formOn(answer.text, true);
    assert.equal(action, '/report');
    const english = await postForm(fields, action);
    assert.equal(english.status, 200);
    assert.match(english.text, /<h1 class="govuk-panel__title">Report sent<\/h1>/);
    assert.equal(referenceIn(english), reference, 'the same report');
    assert.match(code, /^[0-9]{4}( [0-9]{4}){3}$/);
    assert.equal(/id="follow-up-code">([0-9 ]+)</.exec(english.text)?.[1], code, 'the same code, not a new one');
    // And back again: still the same code.
    const back = formOn(english.text, true);
    assert.equal(back.action, '/cy/report');
    const welshAgain = await postForm(back.fields, back.action);
    assert.equal(/id="follow-up-code">([0-9 ]+)</.exec(welshAgain.text)?.[1], code);
    const followUp = (typed: string) =>
      postForm(new URLSearchParams({ reference, code: typed }), '/cy/follow-up');
    const opened = await followUp(code);
    assert.equal(opened.status, 200, 'the code written down first opens the report');
    assert.match(opened.text, /<h1 class="govuk-heading-l">Eich adroddiad<\/h1>/);
  });

  it('gives a new code, not the one sent, when the seal sent back is not the service\'s own for that code', async () => {
    const answer = await postForm(reportForm(randomUUID(), WELSH), '/cy/report');
    const code = /id="follow-up-code">([0-9 ]+)</.exec(answer.text)?.[1] ?? '';
    const { action, fields } = formOn(answer.text, true);
    const seal = fields.get('confirmationSeal') ?? '';
    const chosen = '1111 2222 3333 4444';
    for (const [name, tampered] of [
      ['a code of someone\'s choosing with the real seal', { followUpCode: chosen.replaceAll(' ', ''), confirmationSeal: seal }],
      ['the real code with a made-up seal', { followUpCode: code.replaceAll(' ', ''), confirmationSeal: `v1.${'A'.repeat(43)}` }],
      ['the real code with no seal', { followUpCode: code.replaceAll(' ', ''), confirmationSeal: '' }],
    ] as const) {
      const sent = new URLSearchParams(fields);
      sent.set('followUpCode', tampered.followUpCode);
      sent.set('confirmationSeal', tampered.confirmationSeal);
      const shown = await postForm(sent, action);
      assert.equal(shown.status, 200, name);
      const given = /id="follow-up-code">([0-9 ]+)</.exec(shown.text)?.[1] ?? '';
      assert.match(given, /^[0-9]{4}( [0-9]{4}){3}$/, name);
      assert.notEqual(given, chosen, name);
      assert.notEqual(given, code, `${name}: a new code replaces the one shown`);
    }
  });

  it('says a changed report was not taken in, in Welsh, with the new report posted to the Welsh path', async () => {
    const answer = await postForm(reportForm(key, `${WELSH} Newid.`), '/cy/report');
    assert.equal(answer.status, 409);
    assert.match(answer.text, /<h1 class="govuk-heading-l">Rydych eisoes wedi anfon adroddiad o’r ffurflen hon<\/h1>/);
    assert.equal(formOn(answer.text).action, '/cy/report');
    const { action, fields } = formOn(answer.text, true);
    assert.equal(action, '/report');
    const english = await postForm(fields, action);
    assert.equal(english.status, 409, 'the same page in English');
    assert.match(english.text, /You have already sent a report from this form/);
  });
});
