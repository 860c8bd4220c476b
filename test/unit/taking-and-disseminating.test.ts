import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { routeContact } from '../../functions/domain/dissemination.ts';
import { auditEvent } from '../../functions/domain/audit.ts';
import { givingForceReference } from '../../functions/domain/force-reference.ts';
import type { ForceReference } from '../../functions/domain/entities/force-reference.ts';
import type { ReportChange } from '../../functions/domain/entities/report-change.ts';
import { intakeMessage } from '../../functions/domain/intake.ts';
import { flagIdentifyingDetails } from '../../functions/domain/review-flags.ts';
import { routedRecord } from '../../functions/domain/routed-record.ts';
import { routeReport } from '../../functions/domain/routing.ts';
import { parseReviewPolicy } from '../../functions/domain/review-policy.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { takeReport } from '../../functions/domain/submission.ts';
import { InMemoryFollowUpStore, InMemoryForceQueues, InMemoryIntakeQueue, InMemoryReportStore, InMemoryVault } from '../support/in-memory-ports.ts';
import { minimalReport } from '../support/reports.ts';

const report = reportSubmissionSchema.parse(minimalReport({ force: 'the Met' }));
const at = new Date('2025-05-05T12:00:00Z');
const NO_REVIEW = parseReviewPolicy('off');

describe('taking a report in', () => {
  it('gives it a fresh reference and queues it with that reference', async () => {
    const store = new InMemoryReportStore();
    const intake = new InMemoryIntakeQueue();
    const reference = await takeReport({ store, intake }, 'online', report, at);
    assert.equal(intake.messages.length, 1);
    assert.deepEqual(intake.messages[0], { schemaVersion: 1, reference, channel: 'online', receivedAt: at.toISOString(), report });
  });

  it('never gives a reference twice: a taken one is skipped', async () => {
    const store = new InMemoryReportStore();
    store.reserved.add('PAC-AAAA-AAAA');
    const candidates = ['PAC-AAAA-AAAA', 'PAC-AAAA-AAAA', 'PAC-BBBB-BBBB'] as Reference[];
    const reference = await takeReport(
      { store, intake: new InMemoryIntakeQueue(), newReference: () => candidates.shift()! },
      'online',
      report,
      at,
    );
    assert.equal(reference, 'PAC-BBBB-BBBB');
  });

  it('gives up, rather than reuse one, when no free reference turns up', async () => {
    const store = new InMemoryReportStore();
    store.reserved.add('PAC-AAAA-AAAA');
    const intake = new InMemoryIntakeQueue();
    await assert.rejects(takeReport({ store, intake, newReference: () => 'PAC-AAAA-AAAA' as Reference }, 'online', report, at));
    assert.equal(intake.messages.length, 0);
  });
});

describe('routing and disseminating under repeated delivery', () => {
  const setUp = async () => {
    const store = new InMemoryReportStore();
    const intake = new InMemoryIntakeQueue();
    const forceQueues = new InMemoryForceQueues();
    await takeReport({ store, intake }, 'online', report, at);
    const followUps = new InMemoryFollowUpStore();
    return { store, forceQueues, message: intake.messages[0]!, ports: { store, followUps, forceQueues, vault: new InMemoryVault(), clock: () => new Date() } };
  };

  it('sends the report to its force once, however many times it is delivered', async () => {
    const { store, forceQueues, message, ports } = await setUp();
    for (let i = 0; i < 3; i++) await routeContact(ports, message, NO_REVIEW);
    assert.equal(forceQueues.sent.length, 1);
    assert.equal(forceQueues.sent[0]?.destination, 'metropolitan');
    assert.equal((await store.find(message.reference))?.status, 'disseminated');
  });

  it('records nothing when the send fails, and sends again under the same reference and deduplication id on the next delivery', async () => {
    const { store, forceQueues, message, ports } = await setUp();
    let failures = 1;
    const flaky = {
      ...ports,
      forceQueues: {
        notify: async (...args: Parameters<InMemoryForceQueues['notify']>) => {
          if (failures-- > 0) throw new Error('SQS unavailable');
          await forceQueues.notify(...args);
        },
      },
    };
    await assert.rejects(routeContact(flaky, message, NO_REVIEW));
    assert.equal(await store.find(message.reference), undefined, 'recorded only once sent');
    // The force's reference was claimed with the original, before anything carrying it was sent.
    const [claimed] = [...store.forceReferences.entries()];
    assert.deepEqual(claimed?.[1], { reference: message.reference, force: 'metropolitan' });
    await routeContact(flaky, message, NO_REVIEW);
    await routeContact(flaky, message, NO_REVIEW);
    const forceReference = (await store.find(message.reference))?.forceReferences?.metropolitan;
    assert.equal(forceReference, claimed?.[0]);
    assert.equal(store.forceReferences.size, 1, 'no second reference drawn');
    assert.deepEqual(
      forceQueues.sent.map((s) => s.deduplicationId),
      [`report.disseminated:${forceReference}:metropolitan:v1`],
    );
  });

  it('sends the very same message again, and records the report once, when recording it failed after the send', async () => {
    const { store, forceQueues, message, ports } = await setUp();
    let failures = 1;
    const failing = Object.assign(Object.create(store) as InMemoryReportStore, {
      recordRouted: async (...args: Parameters<InMemoryReportStore['recordRouted']>) => {
        if (failures-- > 0) throw new Error('DynamoDB throttled');
        return store.recordRouted(...args);
      },
    });
    await assert.rejects(routeContact({ ...ports, store: failing }, message, NO_REVIEW), /throttled/);
    assert.equal(await store.find(message.reference), undefined);
    const second = await routeContact({ ...ports, store: failing }, message, NO_REVIEW);
    const third = await routeContact({ ...ports, store: failing }, message, NO_REVIEW);
    assert.deepEqual([second.repeat, third.repeat], [false, true]);
    const [first, again, ...more] = forceQueues.sent;
    assert.deepEqual(again, first, 'the same message, under the same reference and deduplication id: the queue and the force drop it');
    assert.deepEqual(more, []);
    const forceReference = (await store.find(message.reference))?.forceReferences?.metropolitan;
    assert.equal(first?.notification.reference, forceReference);
    assert.equal(store.forceReferences.size, 1);
    assert.deepEqual(
      store.events.filter((event) => event.reference === message.reference).map((event) => event.type),
      ['received', 'routed', 'force_reference_given', 'disseminated'],
    );
    assert.deepEqual([...store.counters.values()].reduce((sum, n) => sum + n, 0), 2, 'counted once as received and once as disseminated');
  });

  it('finishes sending straight on what an earlier delivery sent straight on, even if review has been turned on since', async () => {
    const { store, forceQueues, message, ports } = await setUp();
    let failures = 1;
    const failing = Object.assign(Object.create(store) as InMemoryReportStore, {
      recordRouted: async (...args: Parameters<InMemoryReportStore['recordRouted']>) => {
        if (failures-- > 0) throw new Error('DynamoDB throttled');
        return store.recordRouted(...args);
      },
    });
    await assert.rejects(routeContact({ ...ports, store: failing }, message, NO_REVIEW), /throttled/);
    const outcome = await routeContact(ports, message, parseReviewPolicy('on'));
    assert.equal(outcome.record.status, 'disseminated', 'not held for review: the force has it already');
    const [first, again, ...more] = forceQueues.sent;
    assert.deepEqual(again, first);
    assert.deepEqual(more, []);
  });

  it('records first, then sends, a contact whose original an earlier delivery kept for review', async () => {
    const { store, forceQueues, message, ports } = await setUp();
    // The earlier delivery, under review, kept the original and stopped before recording the report.
    await store.keepOriginal(message.reference, await ports.vault.sealReport(message.reference, 'kept for review'));
    const outcome = await routeContact(ports, message, NO_REVIEW);
    assert.equal(outcome.record.status, 'disseminated');
    assert.equal(forceQueues.sent.length, 1);
    const forceReference = outcome.record.forceReferences?.metropolitan;
    assert.deepEqual(await store.findByForceReference(forceReference!), { reference: message.reference, force: 'metropolitan' });
    assert.equal(forceQueues.sent[0]?.notification.reference, forceReference);
  });

  it("records a report going straight to its force with the force's reference already given, once, and sends it under that reference", async () => {
    const { store, forceQueues, message, ports } = await setUp();
    let recordedChanges = 0;
    const counting = { ...ports, store: Object.assign(Object.create(store) as InMemoryReportStore, { recordForceReference: async () => { recordedChanges += 1; return undefined; } }) };
    await routeContact(counting, message, NO_REVIEW);
    await routeContact(counting, message, NO_REVIEW);
    assert.equal(recordedChanges, 0, 'no second write to give the force its reference');
    const forceReference = (await store.find(message.reference))?.forceReferences?.metropolitan;
    assert.match(forceReference ?? '', /^FR-/);
    assert.deepEqual(await store.findByForceReference(forceReference!), { reference: message.reference, force: 'metropolitan' });
    assert.deepEqual(
      store.events.filter((event) => event.reference === message.reference).map((event) => event.type),
      ['received', 'routed', 'force_reference_given', 'disseminated'],
    );
    assert.equal(forceQueues.sent.length, 1);
    assert.equal(forceQueues.sent[0]?.notification.reference, forceReference);
  });

  it('counts the identifying details flagged in a report it keeps for review (the check loaded only then), and none in one it sends on', async () => {
    const store = new InMemoryReportStore();
    const intake = new InMemoryIntakeQueue();
    const submission = reportSubmissionSchema.parse(minimalReport({ narrative: 'I am his wife. Ring me on 07700 900123 or jo.bloggs@example.com, I live at 12 Acacia Avenue.' }));
    await takeReport({ store, intake }, 'online', submission, at);
    const message = intake.messages[0]!;
    const ports = { store, followUps: new InMemoryFollowUpStore(), forceQueues: new InMemoryForceQueues(), vault: new InMemoryVault(), clock: () => at };
    const { record } = await routeContact(ports, message, parseReviewPolicy('on'));
    const flagged = flagIdentifyingDetails(submission).length;
    assert.ok(flagged >= 3, `flagged ${flagged}`);
    assert.equal(record.status, 'awaiting_review');
    assert.equal(record.flaggedDetails, flagged);
    assert.deepEqual(record, routedRecord(message, routeReport(submission, message.receivedAt), at, { review: true }));

    const { message: sentOn, ports: noReviewPorts } = await setUp();
    const routed = await routeContact(noReviewPorts, sentOn, NO_REVIEW);
    assert.equal(routed.record.flaggedDetails, undefined);
  });

  it('gives no force reference to a report routed for review, nor to one for triage', async () => {
    const { store, message, ports } = await setUp();
    await routeContact(ports, message, parseReviewPolicy('on'));
    assert.equal((await store.find(message.reference))?.forceReferences, undefined);
    assert.ok(!store.events.some((event) => event.type === 'force_reference_given'));
  });
});

describe("giving a force its reference in the step that makes a report due for it", () => {
  const dueFor = (force: string | undefined, review = false) => {
    const submission = reportSubmissionSchema.parse(minimalReport(force === undefined ? {} : { force }));
    const message = intakeMessage('PAC-AAAA-CCCC' as Reference, 'online', submission, at);
    const record = routedRecord(message, routeReport(submission, message.receivedAt), at, { review });
    const change: ReportChange = { record, event: auditEvent('approved', at, {}, 'sup.sam'), counters: [] };
    return change;
  };

  it('gives it in the same change, with its event, when the force has none yet', () => {
    const change = dueFor('the Met');
    const given = givingForceReference(change, at, () => 'FR-AAAA-BBBB-CCCC' as ForceReference);
    assert.equal(given.record.forceReferences?.metropolitan, 'FR-AAAA-BBBB-CCCC');
    assert.equal(given.referenceGiven?.force, 'metropolitan');
    assert.equal(given.referenceGiven?.forceReference, 'FR-AAAA-BBBB-CCCC');
    assert.equal(given.referenceGiven?.event.type, 'force_reference_given');
    assert.equal(given.event, change.event, "the step's own event is kept");
  });

  it('leaves a change alone that makes the report due for triage, that does not make it due, or whose force has a reference', () => {
    const triage = dueFor(undefined);
    assert.equal(givingForceReference(triage, at), triage);
    const inReview = dueFor('the Met', true);
    assert.equal(givingForceReference(inReview, at), inReview);
    const held = dueFor('the Met');
    const already = { ...held, record: { ...held.record, forceReferences: { metropolitan: 'FR-DDDD-EEEE-FFFF' as ForceReference } } };
    assert.equal(givingForceReference(already, at), already);
  });
});
