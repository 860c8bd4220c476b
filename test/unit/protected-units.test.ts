/**
 * A report about a force's own professional standards, anti-corruption or vetting unit, or its chief
 * officers, never reaches that force: however it is written, wherever it says it, and whoever
 * decides where it goes (router, contact centre, split, approval, a force's transfer, the release of
 * held reports, answers and information). Each path is pinned here.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { routeContact } from '../../functions/domain/dissemination.ts';
import { approveAnswer, protectedFromHolders } from '../../functions/domain/follow-up.ts';
import type { Answer } from '../../functions/domain/entities/follow-up.ts';
import { releaseToJoinedForce, transfer } from '../../functions/domain/force-work.ts';
import { intakeMessage } from '../../functions/domain/intake.ts';
import type { SealedOriginal } from '../../functions/domain/entities/sealed-original.ts';
import { foldForMatching, protectedMentions } from '../../functions/domain/protected-units.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import { recordedContact } from '../../functions/domain/report-record.ts';
import { routedRecord } from '../../functions/domain/routed-record.ts';
import type { ReportRecord } from '../../functions/domain/entities/report-record.ts';
import { reportSubmissionSchema, type ReportSubmissionInput } from '../../functions/domain/report.ts';
import { approve, chooseForce, sanitise, split, type ReviewResult } from '../../functions/domain/review.ts';
import { parseReviewPolicy } from '../../functions/domain/review-policy.ts';
import { routeReport } from '../../functions/domain/routing.ts';
import { InMemoryFollowUpStore, InMemoryForceQueues, InMemoryReportStore, InMemoryVault } from '../support/in-memory-ports.ts';
import { minimalReport, NARRATIVE } from '../support/reports.ts';

const sealed: SealedOriginal = { algorithm: 'AES-256-GCM', keyId: 'k', encryptedDataKey: '', iv: '', ciphertext: 'sealed', authTag: '' };
const at = new Date('2025-03-03T10:00:00Z');

const route = (overrides: Partial<ReportSubmissionInput>) => routeReport(reportSubmissionSchema.parse(minimalReport(overrides)), '2025-03-01T09:00:00.000Z');

const contact = (overrides: Partial<ReportSubmissionInput>): ReportRecord => {
  const report = reportSubmissionSchema.parse(minimalReport(overrides));
  const message = intakeMessage('PAC-AAAA-BBBB' as Reference, 'online', report, new Date('2025-03-01T09:00:00Z'));
  return routedRecord(message, routeReport(report, message.receivedAt), new Date('2025-03-01T09:00:01Z'), { review: true });
};

const refusal = (result: ReviewResult) => {
  assert.ok(result.kind === 'refused', 'refused');
  return result.refusal;
};
const done = (result: ReviewResult) => {
  assert.ok(result.kind === 'done', JSON.stringify(result));
  return result.value.record;
};

describe('finding a protected unit in what a report says', () => {
  it('folds look-alike letters, full-width forms, invisible characters and accents before matching', () => {
    for (const written of [
      'Chief Cоnstable', // Cyrillic о
      'Chief Соnstable', // Cyrillic С and о
      'ＣＨＩＥＦ ＣＯＮＳＴＡＢＬＥ', // full width
      'Chief\u200bConstable'.replace('\u200b', ' \u200b'), // a zero-width space in the gap
      'Chief Con\u00adstable', // a soft hyphen inside
      'Chíef Cönstable', // accents
      'D.C.C.',
      'ΡЅD', // Greek Rho, Cyrillic Dze
      'Prоfessiоnal Standards',
      'C h i e f  Constable'.replace('C h i e f', 'Chief'),
    ]) {
      assert.equal(route({ force: 'Kent', subject: { role: 'officer', rank: written } }).destination, 'triage', written);
    }
    assert.equal(foldForMatching('Chief Cоnstable’s'), ' chief constables ');
  });

  it('knows the names forces give their units and chief officers', () => {
    for (const rank of ['Deputy Chief Constable', 'Assistant Chief Constable', 'Temporary Chief Constable', 'ACC', 'Chief Officer']) {
      assert.equal(route({ force: 'Kent', subject: { role: 'officer', rank } }).rule, 'protected-unit', rank);
    }
    for (const station of [
      'Complaints and Misconduct Unit',
      'Standards Department',
      'Directorate of Professional Standards',
      'Counter Corruption Unit',
      'Anti-Corruption Unit',
      'Vetting',
      'Force Vetting Unit',
      'PSD',
    ]) {
      assert.equal(route({ force: 'Kent', subject: { role: 'staff', station } }).rule, 'protected-unit', station);
    }
    for (const rank of ['Assistant Commissioner', 'Deputy Assistant Commissioner', 'Commander', 'Commissioner']) {
      assert.equal(route({ force: 'the Met', subject: { role: 'officer', rank } }).rule, 'protected-unit', rank);
    }
    assert.equal(route({ force: 'Kent', subject: { role: 'officer', rank: 'Commander' } }).destination, 'kent', 'not a rank Kent uses');
  });

  it('reads the narrative, the place and the force named, not only the fields about the person', () => {
    for (const overrides of [
      { force: 'Kent', narrative: 'The Chief Constable of Kent has been taking money from a local builder.' },
      { force: 'Kent', narrative: 'A DCC is covering for his friend in the standards department.' },
      { force: 'Kent', narrative: NARRATIVE, location: { description: 'Professional Standards Department offices' } },
      { force: 'Kent PSD', narrative: NARRATIVE },
    ]) {
      const decision = route(overrides);
      assert.equal(decision.destination, 'triage', JSON.stringify(overrides));
      assert.ok(decision.protection?.from.includes('kent'));
    }
    assert.equal(route({ force: 'Kent', narrative: 'He failed vetting twice and still got the job.' }).destination, 'kent', 'failing vetting is not the vetting unit');
  });

  it('reviews a report about a protected unit even for a force exempt from review', async () => {
    const store = new InMemoryReportStore();
    const forceQueues = new InMemoryForceQueues();
    const ports = { store, followUps: new InMemoryFollowUpStore(), forceQueues, vault: new InMemoryVault(), clock: () => at };
    const policy = parseReviewPolicy('on', 'kent');
    const report = reportSubmissionSchema.parse(minimalReport({ force: 'Kent', narrative: 'The Chief Cоnstable took a bribe from my neighbour.' }));
    const { record } = await routeContact(ports, intakeMessage('PAC-CCCC-DDDD' as Reference, 'online', report, at), policy);
    assert.equal(record.status, 'awaiting_review');
    assert.equal(forceQueues.sent.length, 0, 'nothing sent unreviewed');

    const unrelated = reportSubmissionSchema.parse(minimalReport({ force: 'the Met', narrative: 'Commander Jones of the Met leaned on my case.' }));
    const exempt = await routeContact(ports, intakeMessage('PAC-EEEE-FFFF' as Reference, 'online', unrelated, at), parseReviewPolicy('on', 'metropolitan'));
    assert.equal(exempt.record.status, 'awaiting_review');
  });

  it('names the mention for the contact centre, never what was typed, in the protection kept with the report', () => {
    const { protection } = route({ force: 'Kent', subject: { role: 'officer', rank: 'Chief Cоnstable', name: 'Jo Smith' } });
    assert.deepEqual(protection?.mentions.map((m) => [m.kind, m.field, m.term]), [['chief-officer', '/subject/rank', 'chief constable']]);
    assert.deepEqual(protectedMentions([{ field: '/narrative', text: 'nothing here' }]), []);
  });
});

describe('every change of destination checks again', () => {
  const about = contact({ force: 'Kent', subject: { role: 'officer', rank: 'Deputy Chief Constable' } });
  const sanitised = done(sanitise(about, { categories: ['bribery'], narrative: 'A senior officer took money.' }, 'ann', at));

  it('the contact centre cannot choose the force, nor split for it', () => {
    assert.deepEqual(refusal(chooseForce(sanitised, 'Kent Police', 'it is theirs', 'ann', at)), { kind: 'protected-unit', force: 'Kent Police' });
    assert.equal(refusal(split(sanitised, [{ force: 'Kent', reason: 'x' }, { force: 'Essex', reason: 'y' }], ['PAC-1111-1111', 'PAC-2222-2222'] as Reference[], 'ann', at) as ReviewResult).kind, 'protected-unit');
    assert.equal(done(chooseForce(sanitised, 'Essex', 'independent handling', 'ann', at)).routing.destination, 'essex');
  });

  it('approval refuses it whoever chose the force, and when the sanitised text speaks of the force\'s own unit', () => {
    const forced: ReportRecord = { ...sanitised, routing: { destination: 'kent', rule: 'contact-centre', reason: 'x', candidates: [] } };
    assert.equal(refusal(approve(forced, 'sam', at)).kind, 'protected-unit');

    const plain = contact({ force: 'Kent' });
    const speaks = done(sanitise(plain, { categories: ['bribery'], narrative: 'He says his friend in Professional Standards will bury it.' }, 'ann', at));
    assert.equal(refusal(approve(speaks, 'sam', at)).kind, 'protected-unit');
    const reworded = done(sanitise(speaks, { categories: ['bribery'], narrative: 'He says a friend will bury it.' }, 'ann', at));
    assert.equal(done(approve(reworded, 'sam', at)).status, 'approved');
  });

  it("a force's transfer to the force concerned sends it back to the contact centre's review instead", () => {
    const withKent: ReportRecord = { ...contact({ force: 'Essex', narrative: 'Kent Police chief officers are protecting him.' }), status: 'disseminated', content: { categories: ['bribery'], narrative: 'Kent Police chief officers are protecting him.' }, routing: { destination: 'essex', rule: 'contact-centre', reason: 'x', candidates: [] } };
    const result = transfer(withKent, 'essex', 'Kent', 'it is about Kent', at);
    assert.ok(result.kind === 'done');
    assert.equal(result.value.record.status, 'awaiting_review');
    assert.equal(result.value.record.routing.destination, 'triage');
    assert.equal(result.value.record.routing.rule, 'protected-unit');
    assert.ok(result.value.record.protection?.from.includes('kent'));
    const ordinary = transfer({ ...withKent, content: { categories: ['bribery'], narrative: 'He took money.' } }, 'essex', 'Kent', 'theirs', at);
    assert.ok(ordinary.kind === 'done');
    assert.equal(ordinary.value.record.routing.destination, 'kent');
  });

  it('a held report is not released to the force it concerns', () => {
    const held: ReportRecord = {
      ...about,
      status: 'in_triage',
      content: { categories: ['bribery'], narrative: 'x'.repeat(30) },
      routing: { destination: 'triage', rule: 'not-yet-joined', reason: 'x', candidates: ['kent'] },
    };
    assert.equal(releaseToJoinedForce(held, 'operator', at), undefined);
    const { protection: _p, ...unprotected } = held;
    assert.equal(releaseToJoinedForce(unprotected, 'operator', at)?.record.routing.destination, 'kent');
  });

  it('an answer that speaks of the holding force\'s own unit or chief officers is not approved for it', async () => {
    const store = new InMemoryReportStore();
    const held: ReportRecord = { ...contact({ force: 'Kent' }), status: 'disseminated', routing: { destination: 'kent', rule: 'named-force', reason: 'x', candidates: [] } };
    await store.recordRouted(recordedContact(held));
    const answer: Answer = {
      id: 'a1',
      questionId: 'q1',
      reference: held.reference,
      force: 'kent',
      channel: 'online',
      receivedAt: at.toISOString(),
      original: sealed,
      status: 'awaiting_review',
      sanitised: { by: 'ann', at: at.toISOString(), text: 'It was the Deputy Chief Constable who called.' },
      version: 2,
    };
    const reaches = await protectedFromHolders(store, answer);
    assert.equal(reaches, true);
    const result = approveAnswer(answer, 'sam', at, reaches);
    assert.ok(result.kind === 'refused');
    assert.equal(result.refusal.kind, 'protected-unit');
    assert.equal(await protectedFromHolders(store, { ...answer, sanitised: { by: 'ann', at: '', text: 'It was a senior officer.' } }), false);
  });
});
