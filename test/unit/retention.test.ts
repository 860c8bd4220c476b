/**
 * The retention job's decisions (functions/domain/retention.ts), in memory: what it removes for
 * each kind and when, for what the integration test (test/integration/retention.test.ts) does not
 * reach with the local stack: a later exchange moving keeping in contact on (and the index with
 * it), a contact split into parts whose shared data waits for the last part, open reports left
 * alone, and a report that fails left for the next run without stopping the others.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retentionIndexKeys } from '../../functions/adapters/report-store.ts';
import type { AuditEvent } from '../../functions/domain/audit.ts';
import type { Answer, Question } from '../../functions/domain/entities/follow-up.ts';
import type { ReportRecord } from '../../functions/domain/entities/report-record.ts';
import { ConcurrentChange, type KeyShredder, type RetentionStage, type RetentionStore } from '../../functions/domain/ports.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import { applyRetention, RETENTION_EVENT, type RetentionPorts } from '../../functions/domain/retention.ts';
import { DEFAULT_RETENTION } from '../../functions/domain/retention-schedule.ts';

const DAY = 86_400_000;
const D = '2027-01-10';
const on = (days: number) => new Date(Date.parse(`${D}T12:00:00Z`) + days * DAY);
const at = (days: number) => on(days).toISOString();

const record = (reference: string, overrides: Partial<ReportRecord>): ReportRecord =>
  ({
    reference: reference as Reference,
    channel: 'online',
    receivedAt: at(0),
    routedAt: at(0),
    routing: { destination: 'kent', rule: 'named-force', reason: '', candidates: [] },
    categories: ['abuse_of_position'],
    reporterMode: 'confidential',
    contactDetailsHeld: true,
    status: 'disseminated',
    notifiedAt: at(0),
    version: 1,
    ...overrides,
  }) as ReportRecord;

/** The report table and the data keys table as the job sees them: what each removal leaves. */
class World implements RetentionStore, KeyShredder {
  readonly records = new Map<string, ReportRecord>();
  readonly held = new Map<string, Set<string>>();
  readonly events: (AuditEvent & { reference: string })[] = [];
  readonly questions: Question[] = [];
  readonly answers: Answer[] = [];
  failing = new Set<string>();

  add(report: ReportRecord, kinds: readonly string[]) {
    this.records.set(report.reference, report);
    this.held.set(report.reference, new Set(kinds));
  }
  holds = (reference: string) => [...(this.held.get(reference) ?? [])].sort();
  private drop(reference: Reference, ...kinds: string[]) {
    if (this.failing.has(reference)) throw new Error('unavailable');
    for (const kind of kinds) this.held.get(reference)?.delete(kind);
  }

  async atRetentionStage(stage: RetentionStage, onOrBefore: string) {
    const references = [...this.records.values()]
      .map((r) => ({ r, keys: retentionIndexKeys(r) }))
      .filter(({ keys }) => keys.GSI2PK === `RETENTION#${stage}` && String(keys.GSI2SK) < `${onOrBefore}#~`)
      .map(({ r }) => r.reference);
    return { references };
  }
  async removeContactDetails(reference: Reference) {
    this.drop(reference, 'contact details');
  }
  async removeFollowUpCodes(reference: Reference) {
    this.drop(reference, 'code');
  }
  async removeFollowUps(reference: Reference) {
    this.drop(reference, 'questions and answers');
  }
  async removeOriginal(reference: Reference) {
    this.drop(reference, 'original');
  }
  async destroyKeepingInContactKeys(reference: Reference) {
    this.drop(reference, 'contact details key', 'answer keys');
  }
  async destroyAllKeys(reference: Reference) {
    this.drop(reference, 'contact details key', 'answer keys', 'original key');
  }
  async recordRetention(before: ReportRecord, after: ReportRecord, events: readonly AuditEvent[]) {
    if (this.records.get(before.reference)?.version !== before.version) throw new ConcurrentChange(before.reference);
    this.records.set(after.reference, after);
    this.events.push(...events.map((event) => ({ ...event, reference: after.reference })));
  }

  ports(): RetentionPorts {
    return {
      reports: { find: async (reference) => this.records.get(reference) },
      followUps: {
        questionsAbout: async (reference) => this.questions.filter((q) => q.reference === reference),
        answersAbout: async (reference) => this.answers.filter((a) => a.reference === reference),
      },
      retention: this,
      keys: this,
      clock: () => new Date(),
    };
  }
  run(days: number) {
    return applyRetention(this.ports(), DEFAULT_RETENTION, on(days));
  }
  ended(reference: string) {
    return this.events.filter((e) => e.reference === reference && e.type === RETENTION_EVENT).map((e) => e.detail.ended);
  }
}

const EVERYTHING = ['code', 'contact details', 'contact details key', 'answer keys', 'original', 'original key', 'questions and answers'];
const KEPT_AFTER_CONTACT = ['original', 'original key'];

describe('the retention job', () => {
  it('counts keeping in contact from the last exchange, and lists the report again only when it may be due', async () => {
    const world = new World();
    world.add(record('PAC-AAAA-0001', {}), EVERYTHING);
    world.answers.push({ id: 'a1', reference: 'PAC-AAAA-0001' as Reference, channel: 'online', receivedAt: at(50), status: 'awaiting_review', version: 1 } as Answer);
    await world.run(365);
    assert.deepEqual(world.ended('PAC-AAAA-0001'), [], 'an answer on day 50 keeps the way to talk');
    assert.equal(world.records.get('PAC-AAAA-0001')?.retention?.countFrom, on(50).toISOString().slice(0, 10));
    assert.deepEqual((await world.atRetentionStage('keeping-in-contact', on(366 - 365).toISOString().slice(0, 10))).references, [], "not listed by the next day's run");
    await world.run(414);
    assert.deepEqual(world.ended('PAC-AAAA-0001'), []);
    await world.run(415);
    assert.deepEqual(world.ended('PAC-AAAA-0001'), ['keeping-in-contact']);
    assert.deepEqual(world.holds('PAC-AAAA-0001'), KEPT_AFTER_CONTACT);
    await world.run(779);
    assert.deepEqual(world.ended('PAC-AAAA-0001'), ['keeping-in-contact']);
    await world.run(780);
    assert.deepEqual(world.ended('PAC-AAAA-0001'), ['keeping-in-contact', 'original']);
    assert.deepEqual(world.holds('PAC-AAAA-0001'), []);
    assert.deepEqual(retentionIndexKeys(world.records.get('PAC-AAAA-0001')!), {}, 'and it leaves the index');
  });

  it("ends a split contact's shared data only when its last part's day has come; each part's own with the part", async () => {
    const world = new World();
    const contact = 'PAC-BBBB-0000';
    world.add(
      record(contact, { status: 'split', notifiedAt: undefined, review: { split: { by: 'ann', at: at(0), into: ['PAC-BBBB-0001', 'PAC-BBBB-0002'] }, changedBy: ['ann'] } as ReportRecord['review'] }),
      EVERYTHING,
    );
    world.add(record('PAC-BBBB-0001', { splitFrom: contact as Reference, notifiedAt: at(0) }), ['questions and answers', 'answer keys']);
    world.add(record('PAC-BBBB-0002', { splitFrom: contact as Reference, notifiedAt: at(100) }), ['questions and answers', 'answer keys']);
    await world.run(365);
    assert.deepEqual(world.ended('PAC-BBBB-0001'), ['keeping-in-contact']);
    assert.deepEqual(world.holds('PAC-BBBB-0001'), []);
    assert.deepEqual(world.ended(contact), [], 'the other part is still being talked about');
    assert.deepEqual(world.holds(contact), [...EVERYTHING].sort());
    await world.run(465);
    assert.deepEqual(world.ended('PAC-BBBB-0002'), ['keeping-in-contact']);
    assert.deepEqual(world.ended(contact), ['keeping-in-contact'], "the contact's contact details and code end with its last part");
    assert.deepEqual(world.holds(contact), KEPT_AFTER_CONTACT);
    await world.run(829);
    assert.deepEqual(world.holds(contact), KEPT_AFTER_CONTACT);
    await world.run(830);
    assert.deepEqual(world.ended(contact), ['keeping-in-contact', 'original']);
    assert.deepEqual(world.holds(contact), []);
  });

  it("ends a split contact's shared data when the parts of a part split again have ended theirs", async () => {
    const world = new World();
    const contact = 'PAC-BBBB-1000';
    const split = (into: string[]) => ({ status: 'split' as const, notifiedAt: undefined, review: { split: { by: 'ann', at: at(0), into }, changedBy: ['ann'] } as ReportRecord['review'] });
    world.add(record(contact, split(['PAC-BBBB-1001', 'PAC-BBBB-1002'])), EVERYTHING);
    world.add(record('PAC-BBBB-1001', { splitFrom: contact as Reference, notifiedAt: at(0) }), ['questions and answers']);
    // Split again before review: its own parts carry the first contact's reference.
    world.add(record('PAC-BBBB-1002', { splitFrom: contact as Reference, ...split(['PAC-BBBB-1003']) }), []);
    world.add(record('PAC-BBBB-1003', { splitFrom: contact as Reference, notifiedAt: at(100) }), ['questions and answers']);
    await world.run(465);
    assert.deepEqual(world.ended('PAC-BBBB-1003'), ['keeping-in-contact']);
    assert.deepEqual(world.ended(contact), ['keeping-in-contact'], 'its leaves decide, as they do in the holdings report');
    assert.deepEqual(world.holds(contact), KEPT_AFTER_CONTACT);
  });

  it('leaves a report still with the contact centre alone, however old', async () => {
    const world = new World();
    world.add(record('PAC-CCCC-0001', { status: 'awaiting_review', notifiedAt: undefined }), EVERYTHING);
    world.add(record('PAC-CCCC-0002', { status: 'approved', notifiedAt: at(0) }), EVERYTHING);
    const outcome = await world.run(3_000);
    assert.equal(outcome.looked, 0);
    assert.deepEqual(world.holds('PAC-CCCC-0001'), [...EVERYTHING].sort());
    assert.deepEqual(world.holds('PAC-CCCC-0002'), [...EVERYTHING].sort());
  });

  it('leaves a report that fails for the next run, records nothing for it, and goes on with the others', async () => {
    const world = new World();
    world.add(record('PAC-DDDD-0001', {}), EVERYTHING);
    world.add(record('PAC-DDDD-0002', {}), EVERYTHING);
    world.failing.add('PAC-DDDD-0001');
    const outcome = await world.run(365);
    assert.deepEqual(outcome.failed.map((f) => f.reference), ['PAC-DDDD-0001']);
    assert.deepEqual(world.ended('PAC-DDDD-0001'), []);
    assert.deepEqual(world.ended('PAC-DDDD-0002'), ['keeping-in-contact']);
    world.failing.clear();
    await world.run(366);
    assert.deepEqual(world.ended('PAC-DDDD-0001'), ['keeping-in-contact'], 'the next run finishes it');
    assert.equal(world.events.find((e) => e.reference === 'PAC-DDDD-0001')?.detail.dueOn, on(365).toISOString().slice(0, 10), 'on the day it was due');
  });
});
