/**
 * Anonymity by construction, proved from the outside: every request carries canary values in
 * its source address and in every header a browser or proxy could add (CloudFront's viewer
 * headers among them), through the API, the website's form and the follow-up pages alike, and
 * afterwards none of them is found in the table, on any queue (dead-letter queues included), in
 * anything the functions printed, or in the statistics. A confidential reporter's contact
 * details are kept for the contact centre but never logged and never sent to a force.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ShreddableOriginalsVault } from '../../functions/adapters/shreddable-vault.ts';
import type { SealedOriginal } from '../../functions/domain/entities/sealed-original.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDynamoDbClient, localKmsClient } from '../../local/emulators.ts';
import { useBrowser } from '../support/browser.ts';
import { captureOutput, eventually, notificationsFor, postJson, receiveAll, send, useLocalStack } from '../support/local-stack.ts';
import { minimalReport, NARRATIVE } from '../support/reports.ts';

const output = captureOutput();
const local = useLocalStack();
const chromium = useBrowser();

/** A loopback address of its own, so the canary is the source IP API Gateway would report. */
const CANARY_SOURCE_IP = '127.31.41.59';
const CANARY_HEADERS = {
  'user-agent': 'Canary-Agent/9.9 (canary-ua-7f3a)',
  'x-forwarded-for': '198.51.100.77',
  'x-real-ip': '198.51.100.78',
  forwarded: 'for=198.51.100.79;proto=https',
  cookie: 'session=canary-cookie-5c1d; tracking=canary-cookie-9e2b',
  referer: 'https://canary-referer.example/page',
  'cloudfront-viewer-address': '198.51.100.80:443',
  'cloudfront-viewer-country': 'ZZ',
  'cloudfront-viewer-city': 'CanaryCity',
  'cloudfront-viewer-tls': 'TLSv1.3:canary-cipher:fullHandshake',
  'cloudfront-viewer-asn': '64496',
  'cloudfront-viewer-ja3-fingerprint': 'canaryja3fingerprint',
  'cloudfront-is-mobile-viewer': 'true',
  'accept-language': 'x-canary-lang',
  'x-amzn-trace-id': 'Root=1-canary-trace',
};
const CANARIES = [
  CANARY_SOURCE_IP,
  'canary-ua-7f3a',
  '198.51.100.77',
  '198.51.100.78',
  '198.51.100.79',
  '198.51.100.80',
  'canary-cookie',
  'canary-referer',
  'CanaryCity',
  'x-canary-lang',
  'canary-trace',
  'canary-cipher',
  '64496',
  'canaryja3fingerprint',
];
const CONTACT = { name: 'Canary Contactname', email: 'canary.reporter@example.org', phone: '07700 900461' };

/**
 * A person reports through the website in a real browser, with JavaScript on and off, whose every
 * request carries the canaries: its user agent, a cookie set for the site, and every header a proxy
 * or CloudFront would add. The browser's own Referer is the canary too.
 */
const reportThroughBrowserWithCanaries = async (javaScript: boolean): Promise<string> => {
  const { 'user-agent': userAgent, cookie: _cookie, referer: _referer, ...proxyHeaders } = CANARY_HEADERS;
  const context = await chromium.browser.newContext({ javaScriptEnabled: javaScript, userAgent, extraHTTPHeaders: proxyHeaders });
  try {
    await context.addCookies([
      { name: 'session', value: 'canary-cookie-5c1d', url: local.stack.apiUrl },
      { name: 'tracking', value: 'canary-cookie-9e2b', url: local.stack.apiUrl },
    ]);
    const page = await context.newPage();
    const form = await page.goto(`${local.stack.apiUrl}/report`, { referer: CANARY_HEADERS.referer });
    const formRequest = (await form?.request().allHeaders()) ?? {};
    assert.match(formRequest.cookie ?? '', /canary-cookie/, 'the browser sent the cookies');
    assert.match(formRequest.referer ?? '', /canary-referer/, 'and the referrer');
    await page.check('#categories');
    await page.fill('#narrative', NARRATIVE);
    await page.selectOption('#force', 'kent');
    const sent = page.waitForRequest((request) => request.method() === 'POST');
    await page.click('main button[type="submit"]');
    const headers = await (await sent).allHeaders();
    // site.js sends forms with credentials omitted, so only a browser without JavaScript sends cookies with them.
    if (!javaScript) assert.match(headers.cookie ?? '', /canary-cookie/, 'the browser sent the cookies with the report');
    assert.match(headers['user-agent'] ?? '', /canary-ua/, 'and its user agent');
    assert.equal(headers['x-forwarded-for'], CANARY_HEADERS['x-forwarded-for'], 'and the proxy headers');
    await page.waitForSelector('.govuk-panel');
    return (await page.textContent('.app-reference')) ?? '';
  } finally {
    await context.close();
  }
};

/** The website's form, and every way back to a report, each sent with the canaries. */
const followUpWithCanaries = async (reference: string, code: string) => {
  const page = (path: string, form: Record<string, string>) =>
    send(`${local.stack.apiUrl}${path}`, {
      headers: { ...CANARY_HEADERS, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      localAddress: CANARY_SOURCE_IP,
    });
  const formReport = await page('/report', { categories: 'bribery', narrative: NARRATIVE, force: 'kent', reporterMode: 'anonymous', idempotencyKey: crypto.randomUUID() });
  assert.equal(formReport.status, 200, formReport.text);
  const api = (path: string, body: unknown) => postJson(`${local.stack.apiUrl}/reports/${reference}${path}`, body, CANARY_HEADERS, CANARY_SOURCE_IP);
  assert.equal((await api('/follow-up', { code })).status, 200);
  assert.equal((await api('/follow-up', { code: '0000 0000 0000 0000' })).status, 404);
  assert.equal((await page('/follow-up', { reference, code })).status, 200);
  assert.equal((await page('/follow-up', { reference: 'PAC-0000-0000', code })).status, 404);
  const added = await eventually(async () => {
    const answer = await api('/information', { code, information: 'The same officer was there again last week.' });
    return answer.status === 202 ? answer : undefined;
  });
  assert.equal(added.status, 202);
  assert.equal((await page('/follow-up/information', { reference, code, information: 'And the week before.' })).status, 200);
};

describe('anonymity', () => {
  it('keeps no trace of who sent a report: not in the table, on any queue, or in any log line', async () => {
    const anonymous = await postJson(`${local.stack.apiUrl}/reports`, minimalReport({ force: 'the Met' }), CANARY_HEADERS, CANARY_SOURCE_IP);
    const confidential = await postJson(
      `${local.stack.apiUrl}/reports`,
      minimalReport({ force: 'Kent', reporter: { mode: 'confidential', contact: CONTACT } }),
      CANARY_HEADERS,
      CANARY_SOURCE_IP,
    );
    const refused = await postJson(`${local.stack.apiUrl}/reports`, { narrative: 'short' }, CANARY_HEADERS, CANARY_SOURCE_IP);
    assert.deepEqual([anonymous.status, confidential.status, refused.status], [202, 202, 400]);
    const references = [anonymous.json().reference, confidential.json().reference] as string[];
    await followUpWithCanaries(references[0]!, anonymous.json().followUpCode as string);
    const throughBrowser = [await reportThroughBrowserWithCanaries(true), await reportThroughBrowserWithCanaries(false)];
    assert.ok(throughBrowser.every((reference) => /^PAC-/.test(reference)), `reported through the browser: ${throughBrowser.join(', ')}`);
    const month = new Date().toISOString().slice(0, 7);
    const stats = await send(`${local.stack.apiUrl}/stats?force=kent&from=${month}&to=${month}`, { method: 'GET', headers: CANARY_HEADERS, localAddress: CANARY_SOURCE_IP });
    assert.equal(stats.status, 200, stats.text);

    const met = await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-metropolitan.fifo'), references[0]!);
    const kent = await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-kent.fifo'), references[1]!);
    const everyOtherQueue = await Promise.all(
      [...local.stack.queueUrls.values()].map((url) => receiveAll(local.sqs, url)),
    );
    // Bodies go to SQS as ASCII JSON, everything else escaped: search them as a consumer reads them.
    const decoded = (messages: readonly { Body?: string }[]) => messages.map((m) => ({ ...m, Body: m.Body === undefined ? undefined : (JSON.parse(m.Body) as unknown) }));
    const queues = JSON.stringify([decoded(met), decoded(kent), everyOtherQueue.map(decoded)]);
    const table = JSON.stringify(await local.scanTable());
    const logs = output.text() + stats.text;

    // The search can see what is there: the reports themselves are in all three places.
    assert.ok(table.includes(NARRATIVE) && queues.includes(NARRATIVE), 'the reports were stored and disseminated');
    assert.ok([...references, ...throughBrowser].every((reference) => logs.includes(reference) && table.includes(reference)), 'the functions logged and stored the references');

    for (const canary of CANARIES) {
      assert.ok(!table.includes(canary), `${canary} is in the table`);
      assert.ok(!queues.includes(canary), `${canary} is on a queue`);
      assert.ok(!logs.includes(canary), `${canary} is in a log line`);
    }
    for (const detail of Object.values(CONTACT)) {
      assert.ok(!queues.includes(detail), `the contact detail ${detail} was sent to a force`);
      assert.ok(!logs.includes(detail), `the contact detail ${detail} is in a log line`);
    }
    for (const detail of Object.values(CONTACT)) {
      assert.ok(!table.includes(detail), `the contact detail ${detail} is stored where more than the contact centre could read it`);
    }
    // ...but the contact centre keeps them, sealed with its own key, apart from the original (so that they can end first).
    const sealed = (await local.scanTable()).find((item) => item.reference === references[1] && item.kind === 'original');
    const vault = new ShreddableOriginalsVault(
      localKmsClient(local.stack.kmsEndpoint),
      local.functionSetting('ORIGINALS_KEY_ID'),
      DynamoDBDocumentClient.from(localDynamoDbClient(local.stack.dynamoDbEndpoint)),
      local.functionSetting('DATA_KEYS_TABLE_NAME'),
    );
    const original = JSON.parse(await vault.open(references[1] as Reference, sealed?.original as SealedOriginal));
    assert.deepEqual(original.reporter, { mode: 'confidential' });
    assert.deepEqual(JSON.parse(await vault.open(references[1] as Reference, sealed?.contact as SealedOriginal)), CONTACT);
  });
});
