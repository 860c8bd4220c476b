import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as fc from 'fast-check';
import { admitAttempt, EMPTY_LOG, LOCKOUT_MS, MAX_WRONG_ATTEMPTS, withdrawAttempt, type AttemptLog } from '../../functions/domain/follow-up-attempts.ts';
import { randomBytes } from 'node:crypto';
import {
  codeMatches,
  credentialFor,
  FOLLOW_UP_CODE_DIGITS,
  groupedFollowUpCode,
  newFollowUpCode,
  parseFollowUpCode,
  SCRYPT_COST,
  scryptCredentialFor,
  type CodeKey,
} from '../../functions/domain/follow-up-code.ts';
import { intakeMessage } from '../../functions/domain/intake.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import { routedRecord } from '../../functions/domain/routed-record.ts';
import type { ReportRecord, ReportStatus } from '../../functions/domain/entities/report-record.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { reporterStatus } from '../../functions/domain/reporter-follow-up.ts';
import { routeReport } from '../../functions/domain/routing.ts';
import { minimalReport } from '../support/reports.ts';

describe('follow-up codes', () => {
  it('are sixteen random digits, shown in fours and read back with any spacing', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newFollowUpCode()));
    assert.equal(codes.size, 200);
    for (const code of codes) assert.match(code, new RegExp(`^\\d{${FOLLOW_UP_CODE_DIGITS}}$`));
    assert.equal(groupedFollowUpCode('1234567890123456'), '1234 5678 9012 3456');
    assert.equal(parseFollowUpCode(' 1234 5678-9012 3456 '), '1234567890123456');
    assert.equal(parseFollowUpCode('1234 5678 9012 345'), undefined);
    assert.equal(parseFollowUpCode('1234 5678 9012 345x'), undefined);
  });

  it('uses every digit in every place', () => {
    const seen = Array.from({ length: FOLLOW_UP_CODE_DIGITS }, () => new Set<string>());
    for (let i = 0; i < 300; i++) [...newFollowUpCode()].forEach((digit, place) => seen[place]!.add(digit));
    assert.ok(seen.every((digits) => digits.size === 10));
  });

  const key: CodeKey = { version: 'v1', secret: randomBytes(32) };
  const keys = { find: async (version: string) => (version === key.version ? key : undefined) };
  const otherDigit = (code: string) => (code.slice(0, -1) + String((Number(code.at(-1)) + 1) % 10)) as ReturnType<typeof newFollowUpCode>;

  it('are kept as a salted hash under the code key, which matches only the code it was made from, and only with that key', async () => {
    const code = newFollowUpCode();
    const credential = credentialFor(code, new Date('2026-01-01T00:00:00Z'), key);
    assert.equal(credential.algorithm, 'hmac-sha256');
    assert.equal(credential.keyVersion, 'v1');
    assert.ok(!JSON.stringify(credential).includes(code));
    const again = credentialFor(code, new Date(), key);
    assert.notEqual(again.salt, credential.salt, 'a fresh salt every time');
    assert.notEqual(again.hash, credential.hash);
    assert.equal(await codeMatches(code, credential, keys), true);
    assert.equal(await codeMatches(otherDigit(code), credential, keys), false);
    assert.equal(await codeMatches(code, undefined, keys), false, 'no credential matches nothing');
    const anotherKey = { find: async () => ({ version: 'v1', secret: randomBytes(32) }) };
    assert.equal(await codeMatches(code, credential, anotherKey), false, 'a copied table is nothing without the key');
    assert.equal(await codeMatches(code, credential, { find: async () => undefined }), false, 'nor when the key is not there');
  });

  it('still opens with the codes issued before as scrypt hashes', async () => {
    const code = newFollowUpCode();
    const credential = await scryptCredentialFor(code, new Date('2025-01-01T00:00:00Z'));
    assert.deepEqual([credential.algorithm, credential.N, credential.r, credential.p], ['scrypt', SCRYPT_COST.N, SCRYPT_COST.r, SCRYPT_COST.p]);
    assert.equal(await codeMatches(code, credential, keys), true);
    assert.equal(await codeMatches(otherDigit(code), credential, keys), false);
  });
});

describe('the wrong-code throttle', () => {
  const t0 = Date.UTC(2026, 0, 1, 9);
  const at = (minutes: number) => new Date(t0 + minutes * 60_000);
  const wrongTimes = (log: AttemptLog, minutes: readonly number[]) =>
    minutes.reduce((current, m, i) => {
      const admission = admitAttempt(current, at(m), `a${i}`);
      assert.equal(admission.kind, 'admitted');
      return admission.log;
    }, log);

  it('admits ten wrong attempts in an hour, then refuses everything for an hour', () => {
    const log = wrongTimes(EMPTY_LOG, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const refused = admitAttempt(log, at(20), 'x');
    assert.equal(refused.kind, 'locked');
    assert.equal(refused.log.lockedUntil, new Date(at(20).getTime() + LOCKOUT_MS).toISOString());
    assert.equal(admitAttempt(refused.log, at(79), 'y').kind, 'locked', 'still shut although the wrong attempts are over an hour old');
    assert.equal(admitAttempt(refused.log, at(81), 'z').kind, 'admitted');
  });

  it('forgets attempts older than an hour, and a right code gives its attempt back', () => {
    const log = wrongTimes(EMPTY_LOG, [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    assert.equal(admitAttempt(log, at(61), 'late').kind, 'admitted');
    const ninth = admitAttempt(log, at(30), 'right');
    assert.equal(ninth.kind, 'admitted');
    if (ninth.kind !== 'admitted') return;
    const tenth = admitAttempt(withdrawAttempt(ninth.log, ninth.attempt), at(31), 'wrong');
    assert.equal(tenth.kind, 'admitted', 'the right code did not use up a place');
  });

  it('never admits more than ten attempts within any hour, whatever the timing', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 60 }), (offsets) => {
        let log: AttemptLog = EMPTY_LOG;
        const admitted: number[] = [];
        for (const [i, minute] of [...offsets].sort((a, b) => a - b).entries()) {
          const admission = admitAttempt(log, at(minute), String(i));
          log = admission.log;
          if (admission.kind === 'admitted') admitted.push(minute);
        }
        return admitted.every((start) => admitted.filter((m) => m >= start && m < start + 60).length <= MAX_WRONG_ATTEMPTS);
      }),
    );
  });
});

describe("what a reporter is told of their report's status", () => {
  const record = (status: ReportStatus, extra: Partial<ReportRecord> = {}): ReportRecord => {
    const report = reportSubmissionSchema.parse(minimalReport({ force: 'Kent' }));
    const message = intakeMessage('PAC-AAAA-CCCC' as Reference, 'online', report, new Date('2026-01-01T00:00:00Z'));
    return { ...routedRecord(message, routeReport(report, message.receivedAt), new Date(), { review: true }), status, ...extra };
  };

  it('is received until a force has it, then passed to a police force whatever the force did', () => {
    assert.equal(reporterStatus(undefined), 'received', 'still on its way to being recorded');
    for (const status of ['routed', 'awaiting_review', 'approved', 'in_triage'] as const) assert.equal(reporterStatus(record(status)), 'received', status);
    for (const status of ['disseminated', 'investigation_opened', 'recorded_as_intelligence', 'safeguarding_action', 'no_further_action'] as const) {
      assert.equal(reporterStatus(record(status)), 'passed_to_a_police_force', status);
    }
    const transferred = record('routed', { formerCustodians: [{ force: 'kent', until: '2026-02-01T00:00:00Z' }] });
    assert.equal(reporterStatus(transferred), 'passed_to_a_police_force', 'on its way to a second force');
    assert.equal(reporterStatus(record('closed')), 'closed');
  });

  it('for a contact split between forces, follows its parts', () => {
    const split = record('split');
    assert.equal(reporterStatus(split, [record('awaiting_review'), record('awaiting_review')]), 'received');
    assert.equal(reporterStatus(split, [record('awaiting_review'), record('disseminated')]), 'passed_to_a_police_force');
    assert.equal(reporterStatus(split, [record('closed'), record('closed')]), 'closed');
  });
});
