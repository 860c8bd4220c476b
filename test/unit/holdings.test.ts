/**
 * The holdings report's tally (functions/domain/holdings.ts) and the classifier that says what
 * each item of the report table holds (functions/adapters/holdings-scan.ts): counts by age band,
 * the days the retention schedule ends each kind, every thing counted once and in one band, and
 * nothing printed that names a report.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { classifyDataKey, classifyItem, DATA_KEY_HOLDINGS_ATTRIBUTES, HOLDINGS_ATTRIBUTES, holdingsProjection } from '../../functions/adapters/holdings-scan.ts';
import { AGE_BANDS, ageBand, HELD_KINDS, tallyHoldings, type ClassifiedItem, type HeldKind, type RetainedRecord } from '../../functions/domain/holdings.ts';
import { DEFAULT_RETENTION } from '../../functions/domain/retention-schedule.ts';
import { HOLDINGS, localDynamoDbEndpoint, renderHoldings } from '../../bin/holdings.ts';
import { parseCommandLine } from '../../bin/operator-cli.ts';

const NOW = new Date('2027-06-15T12:00:00.000Z');

const reportItem = (reference: string, fields: Record<string, unknown>) => ({ PK: `REPORT#${reference}`, SK: 'REPORT', ...fields });

describe('age bands', () => {
  it('band by calendar months before the day asked about, the boundary day in the younger band', () => {
    assert.equal(ageBand('2027-06-15T11:00:00.000Z', NOW), 'under-3-months');
    assert.equal(ageBand('2027-03-15T12:00:00.001Z', NOW), 'under-3-months');
    assert.equal(ageBand('2027-03-15T12:00:00.000Z', NOW), '3-to-12-months');
    assert.equal(ageBand('2026-06-15T12:00:00.001Z', NOW), '3-to-12-months');
    assert.equal(ageBand('2026-06-15T12:00:00.000Z', NOW), '1-to-2-years');
    assert.equal(ageBand('2025-06-15T12:00:00.001Z', NOW), '1-to-2-years');
    assert.equal(ageBand('2025-06-15T12:00:00.000Z', NOW), 'over-2-years');
    assert.equal(ageBand('2026-01', NOW), '1-to-2-years', 'a statistics month, by its first day');
    assert.equal(ageBand(undefined, NOW), 'undated');
    assert.equal(ageBand('not a time', NOW), 'undated');
  });

  it('keeps the day within a shorter month (31 May less three months is the end of February)', () => {
    const may31 = new Date('2027-05-31T00:00:00.000Z');
    assert.equal(ageBand('2027-02-28T00:00:00.001Z', may31), 'under-3-months');
    assert.equal(ageBand('2027-02-28T00:00:00.000Z', may31), '3-to-12-months');
  });
});

describe('what each item holds', () => {
  it('a report item: its record, and the original older reports keep in it with the contact details sealed there', () => {
    const item = reportItem('PAC-AAAA-0001', {
      status: 'closed',
      receivedAt: '2027-01-01T00:00:00.000Z',
      contactDetailsHeld: true,
      review: { closed: { at: '2027-01-05T00:00:00.000Z' } },
      original: { algorithm: 'AES-256-GCM' },
    });
    const classified = classifyItem(item);
    assert.deepEqual(classified.record, {
      reference: 'PAC-AAAA-0001',
      status: 'closed',
      receivedAt: '2027-01-01T00:00:00.000Z',
      contactDetailsHeld: true,
      review: { closed: { at: '2027-01-05T00:00:00.000Z' } },
    });
    assert.deepEqual(
      classified.held.map((held) => held.kind),
      ['report', 'original', 'contact-details'],
    );
    assert.deepEqual(classifyItem(reportItem('PAC-AAAA-0002', { status: 'disseminated', receivedAt: '2027-01-01T00:00:00.000Z' })).held.map((h) => h.kind), ['report']);
  });

  it('a split part carrying its contact’s original counts it against the contact', () => {
    const { held } = classifyItem(reportItem('PAC-PART-0001', { status: 'disseminated', receivedAt: '2027-01-01T00:00:00.000Z', splitFrom: 'PAC-CONT-0001', original: { algorithm: 'AES-256-GCM' } }));
    assert.deepEqual(held.filter((h) => h.kind !== 'report').map((h) => h.of), ['PAC-CONT-0001', 'PAC-CONT-0001']);
  });

  it('the other items of a report, and of the table', () => {
    const kinds = (item: Record<string, unknown>) => {
      const { held, other } = classifyItem(item);
      return [...held.map((h) => h.kind), ...(other === undefined ? [] : [`(${other})`])];
    };
    assert.deepEqual(kinds({ PK: 'REPORT#R', SK: 'ORIGINAL' }), ['original', 'contact-details']);
    assert.deepEqual(kinds({ PK: 'REPORT#R', SK: 'RESERVATION', reservedAt: '2027-01-01T00:00:00.000Z', followUpCode: { issuedAt: '2027-01-01T00:00:00.000Z' } }), ['follow-up-code']);
    assert.deepEqual(kinds({ PK: 'REPORT#R', SK: 'RESERVATION', reservedAt: '2027-01-01T00:00:00.000Z' }), ['(reservations)']);
    assert.deepEqual(kinds({ PK: 'REPORT#R', SK: 'FOLLOW-UP-CODE', issuedAt: '2027-01-01T00:00:00.000Z' }), ['follow-up-code']);
    assert.deepEqual(kinds({ PK: 'REPORT#R', SK: 'QUESTION#q1', askedAt: '2027-01-01T00:00:00.000Z' }), ['question']);
    assert.deepEqual(kinds({ PK: 'REPORT#R', SK: 'ANSWER#a1', receivedAt: '2027-01-01T00:00:00.000Z' }), ['answer']);
    assert.deepEqual(kinds({ PK: 'REPORT#R', SK: 'EVENT#2027#received#1', at: '2027-01-01T00:00:00.000Z', followedBy: [{ at: '2027-01-01T00:00:00.000Z' }, { at: '2027-01-01T00:00:00.000Z' }] }), [
      'audit-event',
      'audit-event',
      'audit-event',
    ]);
    assert.deepEqual(kinds({ PK: 'STATS#kent', SK: '2027-01' }), ['statistics']);
    assert.deepEqual(kinds({ PK: 'PERSON-KEYS#R', SK: 'KEYS', receivedAt: '2027-01-01T00:00:00.000Z' }), ['person-link-keys']);
    assert.deepEqual(kinds({ PK: 'PERSON-KEY#abc', SK: 'REPORT#R', reference: 'R' }), ['person-link-filing']);
    assert.deepEqual(kinds({ PK: 'FORCE-REFERENCE#KNT-1', SK: 'FORCE-REFERENCE' }), ['(force references)']);
    assert.deepEqual(kinds({ PK: 'IDEMPOTENCY', SK: 'x' }), ['(idempotency records (gone in a day))']);
    assert.deepEqual(kinds({ PK: 'FOLLOW-UP-CODE-KEY', SK: 'v1' }), ['(wrapped keys)']);
    assert.deepEqual(kinds({ PK: 'SOMETHING-NEW', SK: 'x' }), ['(items of no known kind)']);
  });

  it('questions and answers tell the schedule when the last exchange was', () => {
    assert.deepEqual(classifyItem({ PK: 'REPORT#R', SK: 'QUESTION#q', askedAt: 'T1', relayed: { at: 'T2' } }).exchanges, { of: 'R', at: ['T1', 'T2'] });
    assert.deepEqual(classifyItem({ PK: 'REPORT#R', SK: 'ANSWER#a', receivedAt: 'T3', notifiedAt: 'T4' }).exchanges, { of: 'R', at: ['T3', 'T4'] });
  });

  it('projects no words, no sealed bytes and no hashes: only keys, times, statuses and whether an original is there', () => {
    const paths = HOLDINGS_ATTRIBUTES.map((path) => path.join('.'));
    const words = ['ciphertext', 'encryptedDataKey', 'authTag', 'iv', 'narrative', 'text', 'content', 'hash', 'salt', 'keys', 'detail', 'note', 'sanitised', 'wrappedKey', 'subject', 'contact', 'reporter', 'original', 'contactDetailsKey'];
    for (const path of HOLDINGS_ATTRIBUTES) {
      // What is read is a leaf that is none of these; a sealed map (original, contact) only by a plain part of it.
      assert.ok(!words.includes(path.at(-1)!.replace(/\[\d+\]$/, '')), path.join('.'));
      for (const name of path.slice(0, -1)) assert.ok(!['ciphertext', 'encryptedDataKey', 'authTag', 'narrative', 'text', 'reporter', 'sanitised'].includes(name), path.join('.'));
    }
    assert.ok(paths.includes('original.algorithm') && !paths.includes('original'), 'the original only by whether it is there');
    assert.ok(paths.includes('contact.part') && !paths.includes('contact'), 'the contact details only by whether they are there');
    const { ProjectionExpression, ExpressionAttributeNames } = holdingsProjection();
    assert.match(ProjectionExpression, /^#h\d+(\[\d+\])?(\.#h\d+)*(, #h\d+(\[\d+\])?(\.#h\d+)*)*$/, 'every name aliased');
    assert.ok(Object.values(ExpressionAttributeNames).includes('status'));
  });

  it('of the data keys table: which key and what it seals, the contact details key only by its nonce, never a key', () => {
    assert.deepEqual(DATA_KEY_HOLDINGS_ATTRIBUTES.map((path) => path.join('.')), ['PK', 'SK', 'sealed', 'contactDetailsKey.iv']);
    const { ProjectionExpression, ExpressionAttributeNames } = holdingsProjection(DATA_KEY_HOLDINGS_ATTRIBUTES);
    assert.ok(!Object.values(ExpressionAttributeNames).includes('encryptedDataKey'));
    assert.equal(ProjectionExpression, '#h0, #h1, #h2, #h3.#h4');
  });

  it('a data key: an original’s, with its contact details’ own key while they are kept, or an answer’s; nothing of the key kept', () => {
    const key = { PK: 'REPORT-KEYS#PAC-K1', SK: 'KEY#abc', sealed: 'report', contactDetailsKey: { iv: 'bm9uY2Vub25jZQ==' } };
    const classified = classifyDataKey(key);
    assert.deepEqual(classified, { held: [{ kind: 'original-key', of: 'PAC-K1' }, { kind: 'contact-details-key', of: 'PAC-K1' }] });
    assert.ok(!JSON.stringify(classified).includes('bm9uY2'), 'the nonce is not kept');
    assert.deepEqual(classifyDataKey({ PK: 'REPORT-KEYS#PAC-K1', SK: 'KEY#abc', sealed: 'report' }).held.map((h) => h.kind), ['original-key']);
    assert.deepEqual(classifyDataKey({ PK: 'REPORT-KEYS#PAC-K1', SK: 'KEY#def', sealed: 'answer' }).held.map((h) => h.kind), ['answer-key']);
  });

  it('an original: sealed apart, its contact details beside it while kept; sealed whole before retention, inside it if the reporter left them', () => {
    const kinds = (item: Record<string, unknown>) => classifyItem(item).held.map((h) => `${h.kind}${h.ifContactDetailsLeft ? ' if left' : ''}`);
    assert.deepEqual(kinds({ PK: 'REPORT#R', SK: 'ORIGINAL', original: { version: 2, algorithm: 'AES-256-GCM' }, contact: { part: 'contact-details' } }), ['original', 'contact-details']);
    assert.deepEqual(kinds({ PK: 'REPORT#R', SK: 'ORIGINAL', original: { version: 2, algorithm: 'AES-256-GCM' } }), ['original'], 'ended, or never left');
    assert.deepEqual(kinds({ PK: 'REPORT#R', SK: 'ORIGINAL', original: { algorithm: 'AES-256-GCM' } }), ['original', 'contact-details if left']);
  });

  it('an answer approved is an exchange too, as the retention job counts it', () => {
    assert.deepEqual(classifyItem({ PK: 'REPORT#R', SK: 'ANSWER#a', receivedAt: 'T3', approved: { at: 'T4' }, notifiedAt: 'T5' }).exchanges, { of: 'R', at: ['T3', 'T4', 'T5'] });
    assert.deepEqual(classifyItem({ PK: 'REPORT#R', SK: 'ANSWER#a' }).exchanges, { of: 'R', at: [] }, 'no time, no exchange time');
  });

  it('a report item: what the retention job has ended, and a split contact’s parts', () => {
    const { record } = classifyItem(
      reportItem('PAC-S', { status: 'split', receivedAt: '2027-01-01T00:00:00.000Z', review: { split: { into: ['PAC-P1', 'PAC-P2'] } }, retention: { keepingInContactEnded: '2028-01-01' } }),
    );
    assert.deepEqual(record?.review, { split: { into: ['PAC-P1', 'PAC-P2'] } });
    assert.deepEqual(record?.retention, { keepingInContactEnded: '2028-01-01' });
  });
});

/** A report's record, as the classifier gives it. */
const record = (reference: string, fields: Partial<RetainedRecord>): ClassifiedItem => ({
  record: { reference: reference as RetainedRecord['reference'], status: 'disseminated', receivedAt: '2026-01-01T00:00:00.000Z', contactDetailsHeld: true, ...fields },
  held: [{ kind: 'report', of: reference, madeAt: fields.receivedAt ?? '2026-01-01T00:00:00.000Z' }],
});
const original = (reference: string): ClassifiedItem => classifyItem({ PK: `REPORT#${reference}`, SK: 'ORIGINAL' });
const code = (reference: string, issuedAt: string): ClassifiedItem => classifyItem({ PK: `REPORT#${reference}`, SK: 'FOLLOW-UP-CODE', issuedAt });

const counts = (holdings: ReturnType<typeof tallyHoldings>, kind: HeldKind) => {
  const { held, dueNow, dueSoon, noEndYet } = holdings.kinds[kind];
  return { held, dueNow, dueSoon, noEndYet };
};

describe('the tally', () => {
  it('a disseminated report: contact details and code end a year after it reached its force, the original a year later', () => {
    const items = [
      record('D', { notifiedAt: '2026-01-10T09:00:00.000Z' }),
      original('D'),
      code('D', '2026-01-01T00:00:00.000Z'),
    ];
    const on = (day: string) => tallyHoldings(items, new Date(`${day}T00:00:00.000Z`));
    assert.deepEqual(counts(on('2026-12-10'), 'contact-details'), { held: 1, dueNow: 0, dueSoon: 0, noEndYet: 0 });
    assert.deepEqual(counts(on('2026-12-11'), 'contact-details'), { held: 1, dueNow: 0, dueSoon: 1, noEndYet: 0 }, '2027-01-10 is within 30 days');
    assert.deepEqual(counts(on('2027-01-10'), 'contact-details'), { held: 1, dueNow: 1, dueSoon: 0, noEndYet: 0 });
    assert.deepEqual(counts(on('2027-01-10'), 'follow-up-code'), { held: 1, dueNow: 1, dueSoon: 0, noEndYet: 0 });
    assert.deepEqual(counts(on('2027-01-10'), 'original'), { held: 1, dueNow: 0, dueSoon: 0, noEndYet: 0 });
    assert.deepEqual(counts(on('2028-01-10'), 'original'), { held: 1, dueNow: 1, dueSoon: 0, noEndYet: 0 });
    assert.deepEqual(counts(on('2040-01-01'), 'report'), { held: 1, dueNow: 0, dueSoon: 0, noEndYet: 0 }, 'the record is kept');
    assert.equal(on('2027-01-10').kinds.original.byAge['1-to-2-years'], 1, 'dated by the report it belongs to');
  });

  it('a later exchange keeps the way to talk: a question relayed moves keeping in contact on', () => {
    const items = [
      record('D', { notifiedAt: '2026-01-10T09:00:00.000Z' }),
      original('D'),
      classifyItem({ PK: 'REPORT#D', SK: 'QUESTION#q', askedAt: '2026-03-01T00:00:00.000Z', relayed: { at: '2026-03-02T00:00:00.000Z' } }),
    ];
    const tally = tallyHoldings(items, new Date('2027-01-10T00:00:00.000Z'));
    assert.deepEqual(counts(tally, 'contact-details'), { held: 1, dueNow: 0, dueSoon: 0, noEndYet: 0 });
    assert.deepEqual(counts(tally, 'question'), { held: 1, dueNow: 0, dueSoon: 0, noEndYet: 0 });
    assert.equal(tallyHoldings(items, new Date('2027-03-02T00:00:00.000Z')).kinds.question.dueNow, 1);
  });

  it('a contact closed without dissemination: everything of the reporter’s ends 90 days after closing', () => {
    const items = [record('C', { status: 'closed', review: { closed: { at: '2027-01-01T10:00:00.000Z' } } }), original('C'), code('C', '2026-12-30T00:00:00.000Z')];
    const tally = tallyHoldings(items, new Date('2027-04-01T00:00:00.000Z'));
    for (const kind of ['original', 'contact-details', 'follow-up-code'] as const) assert.deepEqual(counts(tally, kind), { held: 1, dueNow: 1, dueSoon: 0, noEndYet: 0 }, kind);
    assert.equal(tallyHoldings(items, new Date('2027-03-31T00:00:00.000Z')).kinds.original.dueSoon, 1);
  });

  it('a report still with the contact centre is on no clock; an anonymous reporter left no contact details', () => {
    const items = [record('O', { status: 'awaiting_review', contactDetailsHeld: false }), original('O'), code('O', '2020-01-01T00:00:00.000Z')];
    const tally = tallyHoldings(items, NOW);
    assert.deepEqual(counts(tally, 'original'), { held: 1, dueNow: 0, dueSoon: 0, noEndYet: 1 });
    assert.deepEqual(counts(tally, 'follow-up-code'), { held: 1, dueNow: 0, dueSoon: 0, noEndYet: 1 });
    assert.deepEqual(counts(tally, 'contact-details'), { held: 0, dueNow: 0, dueSoon: 0, noEndYet: 0 });
  });

  it('a split contact’s original ends with its last part; while any part is open it is on no clock', () => {
    const contact = record('S', { status: 'split', review: { split: { into: ['A', 'B'] } } });
    const partA = record('A', { splitFrom: 'S' as RetainedRecord['reference'], notifiedAt: '2026-01-10T00:00:00.000Z' });
    const partB = record('B', { splitFrom: 'S' as RetainedRecord['reference'], notifiedAt: '2026-06-10T00:00:00.000Z' });
    const open = record('B', { splitFrom: 'S' as RetainedRecord['reference'], status: 'awaiting_review' });
    const on = new Date('2027-01-10T00:00:00.000Z');
    assert.deepEqual(counts(tallyHoldings([contact, partA, partB, original('S')], on), 'contact-details'), { held: 1, dueNow: 0, dueSoon: 0, noEndYet: 0 });
    assert.deepEqual(counts(tallyHoldings([contact, partA, partB, original('S')], new Date('2027-06-10T00:00:00.000Z')), 'contact-details'), { held: 1, dueNow: 1, dueSoon: 0, noEndYet: 0 });
    assert.deepEqual(counts(tallyHoldings([contact, partA, open, original('S')], on), 'contact-details'), { held: 1, dueNow: 0, dueSoon: 0, noEndYet: 1 });
  });

  it('a part split again: its own parts decide for the contact, as they do for the retention job', () => {
    const contact = record('S', { status: 'split', review: { split: { into: ['A', 'B'] } } });
    const partA = record('A', { splitFrom: 'S' as RetainedRecord['reference'], notifiedAt: '2026-01-10T00:00:00.000Z' });
    const splitAgain = record('B', { splitFrom: 'S' as RetainedRecord['reference'], status: 'split', review: { split: { into: ['B1'] } } });
    const partB1 = record('B1', { splitFrom: 'S' as RetainedRecord['reference'], notifiedAt: '2026-06-10T00:00:00.000Z' });
    const tally = (day: string) => counts(tallyHoldings([contact, partA, splitAgain, partB1, original('S')], new Date(`${day}T00:00:00.000Z`)), 'contact-details');
    assert.deepEqual(tally('2027-06-09'), { held: 1, dueNow: 0, dueSoon: 1, noEndYet: 0 });
    assert.deepEqual(tally('2027-06-10'), { held: 1, dueNow: 1, dueSoon: 0, noEndYet: 0 });
  });

  it('data keys end with what they open: an original’s with the original, its contact details’ and an answer’s with keeping in contact', () => {
    const items = [
      record('D', { notifiedAt: '2026-01-10T09:00:00.000Z' }),
      classifyDataKey({ PK: 'REPORT-KEYS#D', SK: 'KEY#1', sealed: 'report', contactDetailsKey: { iv: 'x' } }),
      classifyDataKey({ PK: 'REPORT-KEYS#D', SK: 'KEY#2', sealed: 'answer' }),
    ];
    const tally = tallyHoldings(items, new Date('2027-01-10T00:00:00.000Z'));
    assert.deepEqual(counts(tally, 'original-key'), { held: 1, dueNow: 0, dueSoon: 0, noEndYet: 0 });
    assert.deepEqual(counts(tally, 'contact-details-key'), { held: 1, dueNow: 1, dueSoon: 0, noEndYet: 0 });
    assert.deepEqual(counts(tally, 'answer-key'), { held: 1, dueNow: 1, dueSoon: 0, noEndYet: 0 });
    assert.equal(tally.kinds['original-key'].byAge['1-to-2-years'], 1, 'dated by the report it is kept for (received 2026-01-01)');
  });

  it('says how many reports the retention job has ended, and how many contact details are still sealed inside older originals', () => {
    const items = [
      record('E', { notifiedAt: '2025-01-10T09:00:00.000Z', retention: { keepingInContactEnded: '2026-01-10' } }),
      classifyItem({ PK: 'REPORT#E', SK: 'ORIGINAL', original: { algorithm: 'AES-256-GCM' } }),
      record('F', { notifiedAt: '2024-01-10T09:00:00.000Z', retention: { keepingInContactEnded: '2025-01-10', originalEnded: '2026-01-10' } }),
    ];
    const tally = tallyHoldings(items, new Date('2026-02-01T00:00:00.000Z'));
    assert.deepEqual(tally.ended, { keepingInContact: 2, original: 1 });
    assert.equal(tally.contactDetailsInsideOriginals, 1);
    assert.deepEqual(counts(tally, 'contact-details'), { held: 1, dueNow: 1, dueSoon: 0, noEndYet: 0 }, 'still held, and past its day: only sealing apart can end it');
  });

  it('an original whose record was not found is counted, contact details too, on no clock', () => {
    const tally = tallyHoldings([original('LOST')], NOW);
    assert.deepEqual(counts(tally, 'contact-details'), { held: 1, dueNow: 0, dueSoon: 0, noEndYet: 1 });
    assert.equal(tally.kinds.original.byAge.undated, 1);
  });
});

// Properties ------------------------------------------------------------------------------------

const REFERENCES = ['PAC-A1', 'PAC-B2', 'PAC-C3', 'PAC-D4', 'PAC-E5', 'PAC-F6'];
const time = fc.date({ min: new Date('2022-01-01T00:00:00Z'), max: new Date('2028-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const reference = fc.constantFrom(...REFERENCES);
const status = fc.constantFrom('routed', 'awaiting_review', 'approved', 'disseminated', 'in_triage', 'closed', 'split', 'investigation_opened', 'no_further_action');

/** Items of the table as they are stored, with the attributes the Scan projects. */
const storedItem = fc.oneof(
  fc.record({ reference, status, receivedAt: time, notifiedAt: fc.option(time, { nil: undefined }), closedAt: time, contact: fc.boolean(), splitFrom: fc.option(reference, { nil: undefined }), legacy: fc.boolean() }).map(
    ({ reference, status, receivedAt, notifiedAt, closedAt, contact, splitFrom, legacy }) =>
      reportItem(reference, {
        status,
        receivedAt,
        contactDetailsHeld: contact,
        ...(notifiedAt === undefined ? {} : { notifiedAt }),
        ...(splitFrom === undefined || splitFrom === reference ? {} : { splitFrom }),
        ...(status === 'closed' ? { review: { closed: { at: closedAt } } } : {}),
        ...(legacy ? { original: { algorithm: 'AES-256-GCM' } } : {}),
      }),
  ),
  reference.map((r) => ({ PK: `REPORT#${r}`, SK: 'ORIGINAL' })),
  fc.record({ r: reference, at: time, code: fc.boolean() }).map(({ r, at, code }) => ({ PK: `REPORT#${r}`, SK: 'RESERVATION', reservedAt: at, ...(code ? { followUpCode: { issuedAt: at } } : {}) })),
  fc.record({ r: reference, at: time }).map(({ r, at }) => ({ PK: `REPORT#${r}`, SK: 'FOLLOW-UP-CODE', issuedAt: at })),
  fc.record({ r: reference, at: time, id: fc.uuid() }).map(({ r, at, id }) => ({ PK: `REPORT#${r}`, SK: `QUESTION#${id}`, askedAt: at })),
  fc.record({ r: reference, at: time, id: fc.uuid() }).map(({ r, at, id }) => ({ PK: `REPORT#${r}`, SK: `ANSWER#${id}`, receivedAt: at })),
  fc.record({ r: reference, at: time, more: fc.nat({ max: 3 }) }).map(({ r, at, more }) => ({ PK: `REPORT#${r}`, SK: `EVENT#${at}#x#1`, at, ...(more === 0 ? {} : { followedBy: Array.from({ length: more }, () => ({ at })) }) })),
  fc.record({ force: fc.constantFrom('kent', 'essex'), month: fc.integer({ min: 2022, max: 2027 }).map((y) => `${y}-0${1 + (y % 9)}`) }).map(({ force, month }) => ({ PK: `STATS#${force}`, SK: month })),
  fc.record({ r: reference, at: time }).map(({ r, at }) => ({ PK: `PERSON-KEYS#${r}`, SK: 'KEYS', receivedAt: at })),
  reference.map((r) => ({ PK: 'PERSON-KEY#hash', SK: `REPORT#${r}`, reference: r })),
  fc.constantFrom({ PK: 'FORCE-REFERENCE#KNT-1', SK: 'FORCE-REFERENCE' }, { PK: 'IDEMPOTENCY', SK: 'h' }, { PK: 'FOLLOW-UP-ATTEMPTS#R', SK: 'ATTEMPTS' }),
);

describe('the tally, for any table', () => {
  it('counts every thing held once, in one age band; kinds kept with the record are never due; nothing is due twice', () => {
    fc.assert(
      fc.property(fc.array(storedItem, { maxLength: 60 }), time, (stored, now) => {
        const classified = stored.map(classifyItem);
        const tally = tallyHoldings(classified, new Date(now));
        // What is held, counted independently: every thing, but contact details only where the report (if found) says they were left.
        const left = new Map(classified.flatMap((item) => (item.record === undefined ? [] : [[item.record.reference as string, item.record.contactDetailsHeld] as const])));
        const things = classified.flatMap((item) => item.held).filter((held) => !held.ifContactDetailsLeft || left.get(held.of!) !== false);
        assert.equal(
          HELD_KINDS.reduce((sum, kind) => sum + tally.kinds[kind].held, 0),
          things.length,
        );
        for (const kind of HELD_KINDS) {
          const k = tally.kinds[kind];
          assert.equal(k.held, things.filter((thing) => thing.kind === kind).length, kind);
          assert.equal(AGE_BANDS.reduce((sum, band) => sum + k.byAge[band], 0), k.held, `${kind}: the bands add up`);
          assert.ok(k.dueNow + k.dueSoon + k.noEndYet <= k.held, kind);
          if (k.endsWith === 'kept') assert.equal(k.dueNow + k.dueSoon + k.noEndYet, 0, kind);
        }
        assert.equal(tally.items, stored.length);
        assert.equal(Object.values(tally.other).reduce((a, b) => a + b, 0), classified.filter((item) => item.other !== undefined).length);
      }),
    );
  });

  it('due now only grows as the days pass, and what is due soon is due 30 days on', () => {
    fc.assert(
      fc.property(fc.array(storedItem, { maxLength: 40 }), time, (stored, now) => {
        const classified = stored.map(classifyItem);
        const today = tallyHoldings(classified, new Date(now));
        const later = tallyHoldings(classified, new Date(Date.parse(now) + 30 * 86_400_000));
        for (const kind of HELD_KINDS) {
          assert.ok(later.kinds[kind].dueNow >= today.kinds[kind].dueNow + today.kinds[kind].dueSoon, kind);
        }
      }),
    );
  });

  it('the printed table and the JSON name no report', () => {
    fc.assert(
      fc.property(fc.array(storedItem, { minLength: 1, maxLength: 40 }), (stored) => {
        const tally = tallyHoldings(stored.map(classifyItem), NOW);
        const printed = `${renderHoldings(tally, 'pac-local-reports')}\n${JSON.stringify(tally)}`;
        for (const reference of REFERENCES) assert.ok(!printed.includes(reference), reference);
      }),
    );
  });
});

describe('npm run holdings', () => {
  const values = (argv: string[]) => {
    const line = parseCommandLine(HOLDINGS, argv, {});
    assert.equal(line.help, false);
    return line.help ? assert.fail() : line.values;
  };

  it('takes a day to ask about, a schedule as given to the stack, and refuses a day not in its month', () => {
    assert.equal(values(['--now', '2027-03-01']).now?.toISOString(), '2027-03-01T00:00:00.000Z');
    assert.deepEqual(values(['--retention', '{"originalDays":30}']).retention, { ...DEFAULT_RETENTION, originalDays: 30 });
    assert.throws(() => values(['--now', '2027-02-30']), /--now must be a day such as 2027-03-01/);
    assert.throws(() => values(['--retention', '{"originalDays":0}']), /--retention must name/);
  });

  it('finds the npm start stack’s DynamoDB where bin/local.ts puts it', () => {
    assert.equal(localDynamoDbEndpoint({}), 'http://127.0.0.1:8000');
    assert.equal(localDynamoDbEndpoint({ DYNAMODB_PORT: '8123' }), 'http://127.0.0.1:8123');
  });

  it('prints a row per kind, the schedule in force, and what else it read', () => {
    const tally = tallyHoldings([record('D', { notifiedAt: '2026-01-10T09:00:00.000Z' }), original('D'), { held: [], other: 'force references' }], new Date('2027-01-10T00:00:00.000Z'));
    const printed = renderHoldings(tally, 'pac-prod-reports');
    assert.match(printed, /^What pac-prod-reports holds, as of 2027-01-10/);
    assert.match(printed, /^contact details\s+1\s+0\s+0\s+1\s+0\s+0\s+1\s+0\s+0\s+keeping in contact$/m);
    assert.match(printed, /^originals \(sealed\)\s+1\s+0\s+0\s+1\s+0\s+0\s+0\s+0\s+0\s+original$/m);
    assert.match(printed, /^reports\s+1\s+0\s+0\s+1\s+0\s+0\s+-\s+-\s+-\s+kept with the record$/m);
    assert.match(printed, /1 force references/);
    assert.match(printed, /Schedule \(the defaults\):\n {2}keeping in contact: .* 365 days/);
  });
});
