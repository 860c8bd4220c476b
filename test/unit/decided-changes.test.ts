/**
 * The use cases decide every change to a report (its next version, its audit events, its
 * counters) and every reading that must be recorded; the stores only write what they are given.
 * Here against the ports in memory, with an injected clock, so each decision is seen whole.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { releaseHeld } from '../../functions/domain/disseminating-steps.ts';
import { disseminate, routeContact } from '../../functions/domain/dissemination.ts';
import { openAnswerForReview, receiveInformation } from '../../functions/domain/follow-up.ts';
import { readAsForce } from '../../functions/domain/force-work.ts';
import { intakeMessage } from '../../functions/domain/intake.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { parseReviewPolicy } from '../../functions/domain/review-policy.ts';
import { openForReview } from '../../functions/domain/review.ts';
import { InMemoryFollowUpStore, InMemoryForceQueues, InMemoryReportStore, InMemoryVault } from '../support/in-memory-ports.ts';
import { minimalReport } from '../support/reports.ts';

const received = new Date('2023-02-01T10:00:00Z');

const setUp = (now: Date) => {
  const store = new InMemoryReportStore();
  const followUps = new InMemoryFollowUpStore();
  const forceQueues = new InMemoryForceQueues();
  return { store, followUps, forceQueues, ports: { store, followUps, forceQueues, vault: new InMemoryVault(), clock: () => now } };
};

const messageFor = (force: string, reference = 'PAC-AAAA-CCCC') =>
  intakeMessage(reference as Reference, 'online', reportSubmissionSchema.parse(minimalReport({ force })), received);

const trail = (store: InMemoryReportStore, reference: string) =>
  store.events.filter((event) => event.reference === reference).map(({ type, at, by, detail }) => ({ type, at, by, detail }));

describe('changes the use cases decide', () => {
  it('records a contact received, routed and counted, and its dissemination at the clock\'s time, reference given first', async () => {
    const now = new Date('2023-02-01T10:00:05Z');
    const { store, ports } = setUp(now);
    const { record } = await routeContact(ports, messageFor('the Met'), parseReviewPolicy('off'));
    assert.deepEqual(
      trail(store, record.reference).map(({ type, at }) => [type, at]),
      [
        ['received', received.toISOString()],
        ['routed', now.toISOString()],
        ['force_reference_given', now.toISOString()],
        ['disseminated', now.toISOString()],
      ],
    );
    assert.deepEqual(trail(store, record.reference)[2]?.detail, { force: 'metropolitan' }, 'the trail names the force, not its reference');
    assert.deepEqual(Object.fromEntries(store.counters), { 'metropolitan|2023-02|contacts_online': 1, 'metropolitan|2023-02|passed_to_force': 1 });
    assert.equal(record.status, 'disseminated');
    assert.equal(record.notifiedAt, now.toISOString());
  });

  it('counts a contact held in triage as received, not as passed to a force', async () => {
    const { store, ports } = setUp(new Date('2023-02-01T10:00:05Z'));
    const { record } = await routeContact(ports, messageFor('Kent'), parseReviewPolicy('off'));
    assert.equal(record.status, 'in_triage');
    assert.deepEqual(trail(store, record.reference).map(({ type }) => type), ['received', 'routed', 'queued_for_triage']);
    assert.deepEqual(Object.fromEntries(store.counters), { 'triage|2023-02|contacts_online': 1 });
  });

  it("releases a held report only once its force has joined, by the operator named, and disseminates it", async () => {
    const early = setUp(new Date('2024-03-13T23:00:00Z'));
    const held = (await routeContact(early.ports, messageFor('Kent'), parseReviewPolicy('off'))).record;
    assert.equal(await releaseHeld(early.ports, held, 'operator:olive'), undefined, 'Kent joins on 14 March 2024');
    assert.equal(early.forceQueues.sent.length, 1, 'only the triage notification');

    const joined = new Date('2024-03-14T09:00:00Z');
    const released = await releaseHeld({ ...early.ports, clock: () => joined }, held, 'operator:olive');
    assert.equal(released?.status, 'disseminated');
    assert.deepEqual(early.forceQueues.sent.map(({ destination }) => destination), ['triage', 'kent']);
    const release = trail(early.store, held.reference).find(({ type }) => type === 'released');
    assert.deepEqual(release, { type: 'released', at: joined.toISOString(), by: 'operator:olive', detail: { to: 'kent' } });
  });
});

describe('a report delivered twice at once', () => {
  it('is sent, recorded and counted once when the second delivery finds it sent while giving the force its reference', async () => {
    const { store, forceQueues, ports } = setUp(new Date('2023-02-01T10:00:05Z'));
    // The second delivery read the report before the first gave the force its reference and sent it.
    await routeContact(ports, messageFor('the Met'), parseReviewPolicy('on'));
    const approved = { ...(await store.find('PAC-AAAA-CCCC' as Reference))!, status: 'approved' as const, content: { categories: ['bribery' as const], narrative: 'x'.repeat(40) } };
    store.records.set(approved.reference, approved);
    const stale = approved;
    const first = await disseminate(ports, approved);
    assert.equal(first.repeat, false);
    const counted = new Map(store.counters);
    const events = store.events.length;

    const second = await disseminate(ports, stale);
    assert.equal(second.repeat, true);
    assert.equal(second.record.version, first.record.version);
    assert.deepEqual(store.counters, counted, 'counted once');
    assert.equal(store.events.length, events, 'recorded once');
    assert.equal(forceQueues.sent.length, 1);
  });
});

describe('readings the use cases record', () => {
  it("records who opened a contact's original for review, and when, before returning the trail", async () => {
    const { store, ports } = setUp(new Date('2023-02-01T10:00:05Z'));
    const { record } = await routeContact(ports, messageFor('the Met'), parseReviewPolicy('on'));
    const read = new Date('2023-02-02T08:30:00Z');
    const opened = await openForReview({ reports: store, vault: ports.vault }, record.reference, 'alice', read);
    assert.ok(opened.kind === 'done');
    assert.equal(opened.value.original.narrative, minimalReport({ force: 'the Met' }).narrative);
    const { id, ...reading } = opened.value.audit.at(-1)!;
    assert.deepEqual(reading, { type: 'original_read', at: read.toISOString(), by: 'alice', detail: {}, reference: record.reference });
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'the reading has an id of its own, decided with it');
    assert.deepEqual(await openForReview({ reports: store, vault: ports.vault }, 'PAC-ZZZZ-ZZZZ' as Reference, 'alice', read), {
      kind: 'refused',
      refusal: { kind: 'not-found' },
    });
    assert.equal(trail(store, 'PAC-ZZZZ-ZZZZ').length, 0, 'nothing recorded for what is not there');
  });

  it("records a force's reading under its own name, and another force reads nothing and leaves no trace", async () => {
    const { store, ports } = setUp(new Date('2023-02-01T10:00:05Z'));
    const { record } = await routeContact(ports, messageFor('the Met'), parseReviewPolicy('off'));
    const forceReference = record.forceReferences?.metropolitan ?? '';
    const read = new Date('2023-02-03T11:00:00Z');
    const byTheMet = await readAsForce(store, 'metropolitan', forceReference, read);
    assert.ok(byTheMet.kind === 'done');
    assert.deepEqual(byTheMet.value.access, { kind: 'custodian' });
    assert.deepEqual(trail(store, record.reference).at(-1), { type: 'read_by_force', at: read.toISOString(), by: 'force:metropolitan', detail: { force: 'metropolitan' } });

    const before = store.events.length;
    assert.deepEqual(await readAsForce(store, 'kent', forceReference, read), { kind: 'refused', refusal: { kind: 'not-found' } });
    assert.deepEqual(await readAsForce(store, 'metropolitan', record.reference, read), { kind: 'refused', refusal: { kind: 'not-found' } }, "not by the reporter's reference");
    assert.equal(store.events.length, before);
  });

  it("records who opened a reporter's added information, and finds none that is not there", async () => {
    const { store, followUps, ports } = setUp(new Date('2023-02-01T10:00:05Z'));
    const { record } = await routeContact(ports, messageFor('the Met'), parseReviewPolicy('off'));
    const added = await receiveInformation({ followUps, vault: ports.vault }, record, 'He drives a blue van.', 'online', new Date('2023-02-04T09:00:00Z'));
    assert.ok(added.kind === 'done', JSON.stringify(added));
    const answerId = added.value.id;
    const read = new Date('2023-02-05T09:00:00Z');
    const opened = await openAnswerForReview({ followUps, reports: store, vault: ports.vault }, record.reference, answerId, 'alice', read);
    assert.ok(opened.kind === 'done');
    assert.equal(opened.value.original, 'He drives a blue van.');
    assert.equal(opened.value.question, undefined);
    assert.deepEqual(trail(store, record.reference).at(-1), { type: 'answer_read', at: read.toISOString(), by: 'alice', detail: { answerId } });
    assert.deepEqual(await openAnswerForReview({ followUps, reports: store, vault: ports.vault }, record.reference, 'no-such-answer', 'alice', read), {
      kind: 'refused',
      refusal: { kind: 'not-found' },
    });
  });
});
