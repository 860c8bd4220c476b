/**
 * The contact centre between the public and the police, on the real emulators, the local KMS and
 * the local token issuer: every contact, by phone or online, waits in review; the analyst sees the
 * identifying details flagged; the force receives nothing until a supervisor other than the
 * sanitising analyst approves, and then only the sanitised text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ForceNotification } from '../../functions/domain/entities/force-messages.ts';
import { captureOutput, eventually, notificationsFor, postJson, receiveAll, send, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

captureOutput();
const local = useLocalStack({ review: 'on' });
const MET_QUEUE = 'pac-local-reports-metropolitan.fifo';

const ORIGINAL =
  'My name is Jo Bloggs and I am his wife. PC Smith at Brixton takes cash from dealers every Friday; ' +
  'email me at jo.bloggs@example.org or call 07700 900123 before 6pm.';
const SANITISED = 'A PC at Brixton is reported to take cash from drug dealers every Friday.';

const token = (username: string, ...groups: string[]) => local.stack.issuer.mintToken({ username, groups });
const as = async (username: string, ...groups: string[]) => ({ authorization: `Bearer ${await token(username, ...groups)}` });
const api = (path: string) => `${local.stack.apiUrl}${path}`;
const get = async (path: string, headers: Record<string, string>) => send(api(path), { method: 'GET', headers });
const put = (path: string, body: unknown, headers: Record<string, string>) =>
  send(api(path), { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const post = (path: string, body: unknown, headers: Record<string, string>) => postJson(api(path), body, headers);

type Summary = { reference: string; channel: string; status: string; proposedForce: { destination: string; rule: string } };

const awaitingReview = async (reference: string) =>
  eventually(async () => {
    const answer = await get('/contact-centre/reviews?limit=100', await as('analyst.ann', 'analysts'));
    assert.equal(answer.status, 200, answer.text);
    return answer.json<{ contacts: Summary[] }>().contacts.find((c) => c.reference === reference);
  });

const statistics = async (destination: string) =>
  (await local.scanTable()).filter((item) => item.PK === `STATS#${destination}`);

describe('the contact centre', () => {
  const references: Record<string, string> = {};

  it('holds a phone report from a call agent and an online report in review, oldest first, with the proposed force', async () => {
    const phone = await post('/contact-centre/reports', minimalReport({ force: 'the Met', narrative: ORIGINAL }), await as('agent.amy', 'call-agents'));
    assert.equal(phone.status, 202, phone.text);
    const online = await postJson(api('/reports'), minimalReport({ force: 'Met Police' }));
    assert.equal(online.status, 202, online.text);
    references.phone = phone.json().reference as string;
    references.online = online.json().reference as string;

    const phoneContact = await awaitingReview(references.phone);
    const onlineContact = await awaitingReview(references.online);
    assert.equal(phoneContact.channel, 'phone');
    assert.equal(onlineContact.channel, 'online');
    for (const contact of [phoneContact, onlineContact]) {
      assert.equal(contact.status, 'awaiting_review');
      assert.deepEqual([contact.proposedForce.destination, contact.proposedForce.rule], ['metropolitan', 'named-force']);
    }
    const { contacts } = (await get('/contact-centre/reviews', await as('sup.sam', 'supervisors'))).json<{ contacts: Summary[] }>();
    const order = contacts.map((c) => c.reference).filter((r) => r === references.phone || r === references.online);
    assert.deepEqual(order, [references.phone, references.online], 'oldest first');
  });

  it('lets only the right staff in', async () => {
    assert.equal((await get('/contact-centre/reviews', {})).status, 401);
    assert.equal((await get('/contact-centre/reviews', { authorization: 'Bearer not-a-token' })).status, 401);
    assert.equal((await get('/contact-centre/reviews', await as('agent.amy', 'call-agents'))).status, 403);
    assert.equal((await post('/contact-centre/reports', minimalReport(), await as('analyst.ann', 'analysts'))).status, 403);
  });

  it('flags the e-mail address and phone number in the narrative, where they are', async () => {
    const answer = await get(`/contact-centre/reviews/${references.phone}`, await as('analyst.ann', 'analysts'));
    assert.equal(answer.status, 200, answer.text);
    const contact = answer.json<{ original: { narrative: string }; flags: { pointer: string; kind: string; start: number; end: number; text: string }[] }>();
    assert.equal(contact.original.narrative, ORIGINAL);
    const flagged = (kind: string) => contact.flags.find((f) => f.pointer === '/narrative' && f.kind === kind);
    for (const [kind, text] of [['email', 'jo.bloggs@example.org'], ['phone', '07700 900123']] as const) {
      const flag = flagged(kind);
      assert.ok(flag, `no ${kind} flagged`);
      assert.equal(flag.text, text);
      assert.equal(ORIGINAL.slice(flag.start, flag.end), text);
    }
    assert.ok(flagged('self_identification'), 'the reporter naming themselves is flagged');
  });

  it("keeps the force's queue empty until a supervisor other than the sanitising analyst approves, then sends the sanitised text only", async () => {
    const reference = references.phone!;
    const url = `/contact-centre/reviews/${reference}`;
    assert.equal((await post(`${url}/approval`, {}, await as('sup.sam', 'supervisors'))).status, 409, 'nothing to approve yet');

    const sanitised = { categories: ['bribery'], subject: { role: 'officer', station: 'Brixton' }, force: 'Met', narrative: SANITISED };
    assert.equal((await put(`${url}/sanitised`, sanitised, await as('sup.sam', 'supervisors'))).status, 403, 'sanitising is for analysts');
    const written = await put(`${url}/sanitised`, sanitised, await as('ann.both', 'analysts', 'supervisors'));
    assert.equal(written.status, 200, written.text);
    const own = await post(`${url}/approval`, {}, await as('ann.both', 'analysts', 'supervisors'));
    assert.equal(own.status, 403, own.text);
    assert.equal(own.json().type, '/problems/four-eyes');
    assert.deepEqual(await notificationsFor(local.sqs, local.queueUrl(MET_QUEUE), reference, { timeoutMs: 2_000 }), []);

    const approved = await post(`${url}/approval`, {}, await as('sup.sam', 'supervisors'));
    assert.equal(approved.status, 200, approved.text);
    assert.equal(approved.json().status, 'disseminated');
    const [notification, ...more] = await notificationsFor(local.sqs, local.queueUrl(MET_QUEUE), reference);
    assert.equal(more.length, 0);
    const body = JSON.parse(notification!.Body!) as ForceNotification;
    assert.equal(body.narrative, SANITISED);
    assert.ok(!('channel' in body), 'how the reporter made contact stays with the contact centre');
    assert.deepEqual(body.categories, ['bribery']);

    const again = await post(`${url}/approval`, {}, await as('sup.sam', 'supervisors'));
    assert.equal(again.status, 409, 'approving twice changes nothing');
    assert.deepEqual(await notificationsFor(local.sqs, local.queueUrl(MET_QUEUE), reference, { timeoutMs: 1_500 }), []);

    const trail = (await get(url, await as('analyst.ann', 'analysts'))).json<{ audit: { type: string; by?: string; at: string }[] }>().audit;
    const types = trail.map((e) => e.type).filter((t) => t !== 'original_read');
    assert.deepEqual(types.slice(0, 4), ['received', 'routed', 'sanitised', 'approved']);
    // The force's reference is given before the report is sent; in the same millisecond the trail may list either first.
    assert.deepEqual(types.slice(4).sort(), ['disseminated', 'force_reference_given']);
    const at = (type: string) => trail.find((e) => e.type === type)?.at ?? '';
    assert.ok(at('force_reference_given') <= at('disseminated'));
    assert.equal(trail.find((e) => e.type === 'approved')?.by, 'sup.sam');
  });

  it('never lets the original words reach a force', async () => {
    const everyQueue = JSON.stringify(await Promise.all([...local.stack.queueUrls.values()].map((url) => receiveAll(local.sqs, url))));
    for (const original of [ORIGINAL, 'Jo Bloggs', 'jo.bloggs@example.org', '07700 900123']) {
      assert.ok(!everyQueue.includes(original), `${original} is on a queue`);
    }
    const table = JSON.stringify(await local.scanTable());
    assert.ok(!table.includes('jo.bloggs@example.org'), 'the original is stored sealed, not in the clear');
  });

  it('lets the contact centre choose another force, and refuses one that does not exist', async () => {
    const url = `/contact-centre/reviews/${references.online}/force`;
    const unknown = await put(url, { force: 'Gotham City Police', reason: 'wrong' }, await as('analyst.ann', 'analysts'));
    assert.equal(unknown.status, 400);
    const chosen = await put(url, { force: 'Kent', reason: 'the officer works in Kent' }, await as('analyst.ann', 'analysts'));
    assert.equal(chosen.status, 200, chosen.text);
    assert.deepEqual(
      [chosen.json<Summary>().proposedForce.destination, chosen.json<Summary>().proposedForce.rule],
      ['kent', 'contact-centre'],
    );
  });

  it('counts a closed contact as a contact but not as passed to the force', async () => {
    const before = await statistics('metropolitan');
    const third = await postJson(api('/reports'), minimalReport({ force: 'the Met' }));
    const reference = third.json().reference as string;
    await awaitingReview(reference);
    const proposed = await post(`/contact-centre/reviews/${reference}/closure`, { reason: 'not_about_police' }, await as('ann.both', 'analysts', 'supervisors'));
    assert.equal(proposed.status, 200, proposed.text);
    assert.equal(proposed.json().status, 'awaiting_review', 'one person cannot close a contact alone');
    assert.equal(proposed.json<{ closureProposed: { by: string } }>().closureProposed.by, 'ann.both');
    const confirmation = `/contact-centre/reviews/${reference}/closure/confirmation`;
    assert.equal((await post(confirmation, {}, await as('analyst.kim', 'analysts'))).status, 403, 'confirming is for supervisors');
    const own = await post(confirmation, {}, await as('ann.both', 'analysts', 'supervisors'));
    assert.equal(own.status, 403, own.text);
    assert.equal(own.json().type, '/problems/four-eyes');
    const closed = await post(confirmation, {}, await as('sup.sam', 'supervisors'));
    assert.equal(closed.status, 200, closed.text);
    assert.equal(closed.json().status, 'closed');
    assert.equal((await post(`/contact-centre/reviews/${reference}/approval`, {}, await as('sup.sam', 'supervisors'))).status, 409);

    const month = new Date().toISOString().slice(0, 7);
    const counts = (items: Record<string, unknown>[]) => items.find((item) => item.SK === month) ?? {};
    const [was, now] = [counts(before), counts(await statistics('metropolitan'))];
    const delta = (counter: string) => Number(now[counter] ?? 0) - Number(was[counter] ?? 0);
    assert.deepEqual([delta('contacts_online'), delta('passed_to_force'), delta('closed')], [1, 0, 1]);
    // Over the whole test: one phone and three online contacts about the Met, one passed to it.
    assert.deepEqual([now.contacts_phone, now.contacts_online, now.passed_to_force, now.closed], [1, 2, 1, 1]);
  });

  it('refuses bad closures and unknown references clearly', async () => {
    const analyst = await as('analyst.ann', 'analysts');
    const bad = await post(`/contact-centre/reviews/${references.online}/closure`, { reason: 'bored' }, analyst);
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer), ['/reason']);
    assert.equal((await get('/contact-centre/reviews/PAC-0000-0000', analyst)).status, 404);
    assert.equal((await get('/contact-centre/reviews/nonsense', analyst)).status, 404);
  });

  it('splits one contact into reports for several forces, each reviewed and disseminated on its own', async () => {
    const both = await postJson(api('/reports'), minimalReport({ narrative: `${SANITISED} A Kent officer and an Essex PCSO are both involved.` }));
    const contact = both.json().reference as string;
    await awaitingReview(contact);
    const analyst = await as('analyst.ann', 'analysts');
    const url = `/contact-centre/reviews/${contact}/split`;
    assert.equal((await post(url, { parts: [{ force: 'Kent', reason: 'one force only' }] }, analyst)).status, 400);
    assert.equal((await post(url, { parts: [{ force: 'Kent', reason: 'a' + 'b' }, { force: 'Kent Police', reason: 'twice' }] }, analyst)).status, 400);

    const answer = await post(url, { parts: [{ force: 'Kent', reason: 'the officer' }, { force: 'Essex', reason: 'the PCSO' }] }, analyst);
    assert.equal(answer.status, 200, answer.text);
    const { status, splitInto } = answer.json<{ status: string; splitInto: string[] }>();
    assert.equal(status, 'split');
    assert.equal(splitInto.length, 2);
    const [kent, essex] = splitInto as [string, string];
    assert.equal((await awaitingReview(kent)).proposedForce.destination, 'kent');
    assert.equal((await awaitingReview(essex)).proposedForce.destination, 'essex');
    const list = (await get('/contact-centre/reviews?limit=100', analyst)).json<{ contacts: Summary[] }>().contacts;
    assert.ok(!list.some((c) => c.reference === contact), 'the split contact no longer waits for review');

    // Each report opens the contact's original, and goes through review on its own.
    const view = await get(`/contact-centre/reviews/${kent}`, analyst);
    assert.equal(view.status, 200, view.text);
    assert.match(view.json<{ original: { narrative: string } }>().original.narrative, /Essex PCSO/);
    const sanitised = { categories: ['bribery'], narrative: 'A Kent officer is reported to take cash from drug dealers.' };
    assert.equal((await put(`/contact-centre/reviews/${kent}/sanitised`, sanitised, analyst)).status, 200);
    assert.equal((await post(`/contact-centre/reviews/${kent}/approval`, {}, await as('sup.sam', 'supervisors'))).status, 200);
    const [notification] = await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-kent.fifo'), kent);
    assert.equal(JSON.parse(notification!.Body!).narrative, sanitised.narrative);
    assert.deepEqual(await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-essex.fifo'), essex, { timeoutMs: 1_500 }), []);
  });
});
