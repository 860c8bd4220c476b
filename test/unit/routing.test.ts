import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportSubmissionSchema, type ReportSubmissionInput } from '../../functions/domain/report.ts';
import { routeReport, TRIAGE } from '../../functions/domain/routing.ts';
import { minimalReport } from '../support/reports.ts';

const route = (input: Partial<ReportSubmissionInput>, receivedAt = '2025-06-01T10:00:00.000Z') =>
  routeReport(reportSubmissionSchema.parse(minimalReport(input)), receivedAt);

describe('routing a report to a force', () => {
  it('sends a report naming "the Met" to the Metropolitan Police, and says why', () => {
    const decision = route({ force: 'the Met' });
    assert.equal(decision.destination, 'metropolitan');
    assert.equal(decision.rule, 'named-force');
    assert.match(decision.reason, /Metropolitan Police Service \("the Met"\)/);
  });

  it("prefers the force that employs the person to the force the reporter named", () => {
    const decision = route({ subject: { role: 'officer', force: 'Sussex' }, force: 'Greater Manchester Police' });
    assert.equal(decision.destination, 'sussex');
    assert.equal(decision.rule, 'subject-force');
  });

  it('falls back to the named force when the employer is "unknown" or not recognised', () => {
    assert.equal(route({ subject: { role: 'officer', force: 'unknown' }, force: 'Kent' }).destination, 'kent');
    assert.equal(route({ subject: { role: 'officer', force: 'the police' }, force: 'Kent' }).destination, 'kent');
  });

  it('sends a report naming no force to triage', () => {
    const decision = route({});
    assert.deepEqual(decision, {
      destination: TRIAGE,
      rule: 'no-force-identified',
      reason: 'the reporter did not name a force',
      candidates: [],
    });
  });

  it('sends a report naming an unrecognised force to triage, quoting what was typed', () => {
    const decision = route({ force: 'Gotham City Police' });
    assert.equal(decision.destination, TRIAGE);
    assert.match(decision.reason, /"Gotham City Police" did not name a force/);
  });

  it('holds a report in triage when its force had not joined the service on the day', () => {
    const decision = route({ force: 'Kent' }, '2023-05-01T09:00:00.000Z');
    assert.equal(decision.destination, TRIAGE);
    assert.equal(decision.rule, 'not-yet-joined');
    assert.deepEqual(decision.candidates, ['kent']);
    assert.equal(route({ force: 'Kent' }, '2024-03-14T00:00:00.000Z').destination, 'kent');
    assert.equal(route({ force: 'the Met' }, '2022-11-29T08:00:00.000Z').destination, 'metropolitan');
  });
});
