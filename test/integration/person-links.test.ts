/**
 * Links between reports about the same person, through the local stack (DynamoDB Local, fauxqs,
 * the local KMS, the local token issuer), with review on: the router files the keyed hashes of the
 * person each report names, online or by phone, under the person-link key and nothing in the
 * clear; files them once however often SQS delivers the contact; files nothing for a report that
 * names no one; the review screen shows "N other reports may concern this person"; an analyst
 * confirms or rejects each, audited on both reports with who did it; a rejected link is not
 * suggested again; a force is told, as reviewed content, of the reports it holds about the same
 * person, by its own references; and a force never sees another force's report.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { intakeMessage } from '../../functions/domain/intake.ts';
import { reportSubmissionSchema, type ReportSubmissionInput } from '../../functions/domain/report.ts';
import { captureOutput, eventually, postJson, receiveAll, send, sendRaw, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

captureOutput();
const local = useLocalStack({ review: 'on' });

const api = (path: string) => `${local.stack.apiUrl}${path}`;
const as = (username: string, ...groups: string[]) => local.staffHeaders(username, ...groups);
const get = async (path: string, headers: Record<string, string>) => send(api(path), { method: 'GET', headers });
const put = (path: string, body: unknown, headers: Record<string, string>) =>
  send(api(path), { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

interface Suggested {
  reference: string;
  force: { id: string; name: string } | null;
  receivedOn: string;
  evidence: string[];
  through: string | null;
}
interface Confirmed {
  reference: string;
  force: { id: string; name: string } | null;
  receivedOn: string;
  confirmed: { by: string; at: string };
}
interface ForReview {
  personLinks: { summary: string | null; suggested: Suggested[]; confirmed: Confirmed[] };
  audit: { type: string; by?: string; detail: Record<string, unknown> }[];
}

const PERSON = { role: 'officer', name: 'PC Gavin Pryce', collarNumber: 'KP 4471', force: 'Kent' } as const;
const about = (subject: ReportSubmissionInput['subject'], force?: string): ReportSubmissionInput =>
  minimalReport({ categories: ['bribery'], subject, ...(force === undefined ? {} : { force }), narrative: 'He took money from a driver to let him off a ticket.' });

const reviewOf = async (reference: string, username = 'analyst.ann'): Promise<ForReview> => {
  const answer = await get(`/contact-centre/reviews/${reference}`, await as(username, 'analysts'));
  assert.equal(answer.status, 200, answer.text);
  return answer.json<ForReview>();
};

const personItems = async () => (await local.scanTable()).filter((item) => /^PERSON-(KEYS|KEY)#/.test(String(item.PK)));
const filedFor = async (reference: string) => eventually(async () => (await personItems()).find((item) => item.PK === `PERSON-KEYS#${reference}`));

const intakeIsEmpty = async () => {
  const { Attributes = {} } = await local.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: local.queueUrl('pac-local-intake'), AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Attributes.ApproximateNumberOfMessages === '0' && Attributes.ApproximateNumberOfMessagesNotVisible === '0' ? true : undefined;
};

describe('links between reports about the same person', () => {
  const refs: Record<'kentOnline' | 'kentPhone' | 'met' | 'nobody', string> = { kentOnline: '', kentPhone: '', met: '', nobody: '' };

  it('files the keyed hashes of the person each report names, online and by phone, and nothing in the clear', async () => {
    const online = await postJson(api('/reports'), about(PERSON));
    assert.equal(online.status, 202, online.text);
    refs.kentOnline = online.json().reference as string;
    const phone = await postJson(api('/contact-centre/reports'), about({ role: 'officer', name: 'Gav Pryce', collarNumber: '4471', force: 'Kent' }), await as('agent.amy', 'call-agents'));
    assert.equal(phone.status, 202, phone.text);
    refs.kentPhone = phone.json().reference as string;
    const met = await postJson(api('/reports'), about({ role: 'officer', name: 'Gavin Pryce', force: 'Met' }));
    assert.equal(met.status, 202, met.text);
    refs.met = met.json().reference as string;
    const nobody = await postJson(api('/reports'), minimalReport({ force: 'Kent' }));
    assert.equal(nobody.status, 202, nobody.text);
    refs.nobody = nobody.json().reference as string;

    for (const reference of [refs.kentOnline, refs.kentPhone, refs.met]) await filedFor(reference);
    // The report that names no one is routed (it waits in review) and never filed.
    await eventually(async () => ((await local.scanTable()).some((item) => item.PK === `REPORT#${refs.nobody}` && item.SK === 'REPORT') ? true : undefined));
    await eventually(intakeIsEmpty);
    const items = await personItems();
    assert.ok(!items.some((item) => JSON.stringify(item).includes(refs.nobody)), 'a report that names no one is not filed');

    const kept = JSON.stringify(items).toLowerCase();
    for (const plaintext of ['pryce', 'gavin', 'gav', '4471', 'kp 4471']) assert.ok(!kept.includes(plaintext), `${plaintext} is kept in the clear`);
    const wrappedKeys = (await local.scanTable()).filter((item) => item.PK === 'PERSON-LINK-KEY');
    assert.equal(wrappedKeys.length, 1, 'one person-link key, made once');
    assert.ok(!('secret' in wrappedKeys[0]!) && typeof wrappedKeys[0]!.wrappedKey === 'string', 'kept only as KMS wrapped it');
  });

  it('files a contact once however often SQS delivers it', async () => {
    const before = JSON.stringify((await personItems()).sort((a, b) => `${a.PK}${a.SK}`.localeCompare(`${b.PK}${b.SK}`)));
    const record = (await local.scanTable()).find((item) => item.PK === `REPORT#${refs.kentOnline}` && item.SK === 'REPORT')!;
    // The same message again, as SQS redelivers it after a router that filed it failed to delete it.
    const again = intakeMessage(refs.kentOnline as never, 'online', reportSubmissionSchema.parse(about(PERSON)), new Date(String(record.receivedAt)));
    await sendRaw(local.sqs, local.queueUrl('pac-local-intake'), JSON.stringify(again));
    await eventually(intakeIsEmpty);
    const after = JSON.stringify((await personItems()).sort((a, b) => `${a.PK}${a.SK}`.localeCompare(`${b.PK}${b.SK}`)));
    assert.equal(after, before);
    assert.equal((await local.scanTable()).filter((item) => item.PK === 'PERSON-LINK-KEY').length, 1);
  });

  it('shows the contact centre the other reports that may concern the person, with their forces and days', async () => {
    const { personLinks } = await reviewOf(refs.kentOnline);
    assert.equal(personLinks.summary, '2 other reports may concern this person');
    assert.deepEqual(
      personLinks.suggested.map((link) => [link.reference, link.force?.id ?? null]),
      [
        [refs.kentPhone, 'kent'],
        [refs.met, 'metropolitan'],
      ],
    );
    for (const link of personLinks.suggested) {
      assert.match(link.receivedOn, /^\d{4}-\d{2}-\d{2}$/, 'the day only, never the time');
      assert.ok(link.evidence.length > 0);
    }
    assert.deepEqual(personLinks.confirmed, []);
    assert.deepEqual((await reviewOf(refs.nobody)).personLinks, { summary: null, suggested: [], confirmed: [] });
  });

  it('lets an analyst confirm a link, kept for both reports and audited on both with who did it', async () => {
    const confirmed = await put(`/contact-centre/reviews/${refs.kentOnline}/links/${refs.kentPhone}`, { decision: 'confirmed' }, await as('analyst.ann', 'analysts'));
    assert.equal(confirmed.status, 200, confirmed.text);
    assert.deepEqual(
      (({ reference, other, decision, by, force }) => ({ reference, other, decision, by, force }))(confirmed.json()),
      { reference: refs.kentOnline, other: refs.kentPhone, decision: 'confirmed', by: 'analyst.ann', force: { id: 'kent', name: 'Kent Police' } },
    );

    const one = await reviewOf(refs.kentOnline);
    assert.deepEqual(one.personLinks.confirmed.map((link) => [link.reference, link.confirmed.by]), [[refs.kentPhone, 'analyst.ann']]);
    assert.deepEqual(one.personLinks.suggested.map((link) => link.reference), [refs.met]);
    assert.equal(one.personLinks.summary, '1 other report may concern this person');
    const other = await reviewOf(refs.kentPhone);
    assert.deepEqual(other.personLinks.confirmed.map((link) => [link.reference, link.confirmed.by]), [[refs.kentOnline, 'analyst.ann']]);

    for (const [reference, linked] of [[refs.kentOnline, refs.kentPhone], [refs.kentPhone, refs.kentOnline]] as const) {
      const events = (await reviewOf(reference)).audit.filter((event) => event.type === 'person_link_confirmed');
      assert.deepEqual(events.map((event) => [event.by, event.detail.other]), [['analyst.ann', linked]]);
    }
  });

  it('lets an analyst reject a link, audited, and never suggests it again', async () => {
    const rejected = await put(`/contact-centre/reviews/${refs.kentOnline}/links/${refs.met}`, { decision: 'rejected' }, await as('sup.sam', 'supervisors'));
    assert.equal(rejected.status, 200, rejected.text);
    const one = await reviewOf(refs.kentOnline);
    assert.deepEqual(one.personLinks.suggested, []);
    assert.equal(one.personLinks.summary, null);
    assert.ok(!one.personLinks.confirmed.some((link) => link.reference === refs.met));
    assert.ok(!(await reviewOf(refs.met)).personLinks.suggested.some((link) => link.reference === refs.kentOnline), 'nor from the other side');
    const events = (await reviewOf(refs.met)).audit.filter((event) => event.type === 'person_link_rejected');
    assert.deepEqual(events.map((event) => [event.by, event.detail.other]), [['sup.sam', refs.kentOnline]]);
  });

  it('refuses a link the service does not suggest, a report linked to itself, an unknown report, and staff not in review', async () => {
    const headers = await as('analyst.ann', 'analysts');
    const path = (a: string, b: string) => `/contact-centre/reviews/${a}/links/${b}`;
    const notSuggested = await put(path(refs.kentOnline, refs.nobody), { decision: 'confirmed' }, headers);
    assert.equal(notSuggested.status, 409, notSuggested.text);
    assert.equal(notSuggested.json().type, '/problems/not-suggested');
    assert.equal((await put(path(refs.kentOnline, refs.kentOnline), { decision: 'confirmed' }, headers)).status, 400);
    assert.equal((await put(path(refs.kentOnline, 'PAC-2222-2222'), { decision: 'confirmed' }, headers)).status, 404);
    assert.equal((await put(path(refs.kentOnline, refs.kentPhone), { decision: 'maybe' }, headers)).status, 400);
    assert.equal((await put(path(refs.kentOnline, refs.kentPhone), { decision: 'rejected' }, await as('agent.amy', 'call-agents'))).status, 403);
    const trail = (await reviewOf(refs.nobody)).audit.map((event) => event.type);
    assert.ok(!trail.some((type) => type.startsWith('person_link')), 'nothing refused is audited as decided');
  });

  it("tells a force, as reviewed content, of the reports it holds about the same person, by its own references only", async () => {
    const sanitised = { categories: ['bribery'], subject: { role: 'officer' }, narrative: 'An officer is reported to have taken money to let a driver off a ticket.' };
    const sanitise = async (reference: string) => {
      const answer = await put(`/contact-centre/reviews/${reference}/sanitised`, sanitised, await as('analyst.ann', 'analysts'));
      assert.equal(answer.status, 200, answer.text);
    };
    const approve = async (reference: string) => postJson(api(`/contact-centre/reviews/${reference}/approval`), {}, await as('sup.sam', 'supervisors'));
    const note = async (reference: string) => postJson(api(`/contact-centre/reviews/${reference}/held-reports`), {}, await as('analyst.bob', 'analysts'));

    // The phone report goes to Kent first: Kent holds it, under its own reference.
    await sanitise(refs.kentPhone);
    assert.equal((await approve(refs.kentPhone)).status, 200);
    const heldByKent = await local.forceReference(refs.kentPhone, 'kent');

    await sanitise(refs.kentOnline);
    const noted = await note(refs.kentOnline);
    assert.equal(noted.status, 200, noted.text);
    const narrative = (await get(`/contact-centre/reviews/${refs.kentOnline}`, await as('analyst.ann', 'analysts'))).json<{ sanitised: { content: { narrative: string } } }>().sanitised
      .content.narrative;
    assert.equal(narrative, `${sanitised.narrative}\n\nYour force holds another report that may concern the same person: ${heldByKent}.`);
    const ownNote = await postJson(api(`/contact-centre/reviews/${refs.kentOnline}/approval`), {}, await as('analyst.bob', 'analysts', 'supervisors'));
    assert.equal(ownNote.status, 403, 'whoever noted it may not approve it');
    assert.equal((await approve(refs.kentOnline)).status, 200);

    // The Met report: its only link was rejected, so there is nothing the Met holds to tell it of.
    await sanitise(refs.met);
    const nothing = await note(refs.met);
    assert.equal(nothing.status, 409, nothing.text);
    assert.equal(nothing.json().type, '/problems/no-held-reports');
    assert.equal((await approve(refs.met)).status, 200);

    // A reference typed in by hand does not reach a force.
    const typed = await put(`/contact-centre/reviews/${refs.nobody}/sanitised`, { ...sanitised, narrative: `See also ${refs.kentOnline}.` }, await as('analyst.ann', 'analysts'));
    assert.equal(typed.status, 200, typed.text);
    const refused = await approve(refs.nobody);
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.json().type, '/problems/foreign-reference');

    const kentMessages = JSON.stringify(await receiveAll(local.sqs, local.queueUrl('pac-local-reports-kent.fifo')));
    assert.ok(kentMessages.includes(`the same person: ${heldByKent}.`), 'Kent is told of the report it holds, by its own reference');
  });

  it("never lets a force see another force's report, nor that links were decided", async () => {
    const kentReference = await local.forceReference(refs.kentOnline, 'kent');
    const kentPhoneReference = await local.forceReference(refs.kentPhone, 'kent');
    const metReference = await local.forceReference(refs.met, 'metropolitan');
    const read = async (force: string, reference: string) => {
      const answer = await send(api(`/force/reports/${reference}`), { method: 'GET', headers: await local.forceHeaders(force) });
      assert.equal(answer.status, 200, answer.text);
      return answer.text;
    };
    const kentSees = (await read('kent', kentReference)) + (await read('kent', kentPhoneReference));
    const metSees = (await read('metropolitan', metReference)) + JSON.stringify(await receiveAll(local.sqs, local.queueUrl('pac-local-reports-metropolitan.fifo')));
    assert.ok(kentSees.includes(kentPhoneReference));
    for (const [sees, others] of [
      [kentSees, [metReference, refs.met, refs.kentPhone, refs.kentOnline]],
      [metSees, [kentReference, kentPhoneReference, refs.kentOnline, refs.kentPhone, refs.met]],
    ] as const) {
      for (const other of others) assert.ok(!sees.includes(other), `a force sees ${other}`);
      assert.ok(!/person_link|held_reports/.test(sees), 'a force sees that links were decided');
    }
    assert.equal((await send(api(`/force/reports/${kentReference}`), { method: 'GET', headers: await local.forceHeaders('metropolitan') })).status, 404);
  });

  it('filed, read and decided links within each function\'s own grants (the local IAM check refused nothing)', () => {
    assert.deepEqual(local.stack.dynamoDbGuard.refused, []);
  });
});
