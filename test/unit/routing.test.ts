import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { forceById } from '../../functions/domain/forces.ts';
import { reportSubmissionSchema, type ReportSubmission, type ReportSubmissionInput } from '../../functions/domain/report.ts';
import { routeReport } from '../../functions/domain/routing.ts';
import { TRIAGE, type RoutingRule } from '../../functions/domain/entities/routing-decision.ts';
import { minimalReport, NARRATIVE } from '../support/reports.ts';

const route = (input: Partial<ReportSubmissionInput>, receivedAt = '2025-06-01T10:00:00.000Z') =>
  routeReport(reportSubmissionSchema.parse(minimalReport(input)), receivedAt);

describe('routing a report to a force', () => {
  it("never repeats what the reporter typed in a reason a force will read (reasons travel unsanitised)", () => {
    const typed = "my ex's lot, the Met";
    const employer = route({ subject: { role: 'officer', force: 'Met Police' }, force: typed });
    assert.ok(!employer.reason.includes('Met Police'), employer.reason);
    const named = route({ force: 'Scotland Yard' });
    assert.equal(named.destination, 'metropolitan');
    assert.ok(!named.reason.includes('Scotland Yard'), named.reason);
  });

  it('sends a report naming "the Met" to the Metropolitan Police, and says why', () => {
    const decision = route({ force: 'the Met' });
    assert.equal(decision.destination, 'metropolitan');
    assert.equal(decision.rule, 'named-force');
    assert.equal(decision.reason, 'the reporter named Metropolitan Police Service');
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

describe('routing a report by the place it happened', () => {
  it('sends a report naming "Sussex" for the officer’s employer but happening in Manchester to Sussex', () => {
    const decision = route({ subject: { role: 'officer', force: 'Sussex' }, force: 'Manchester', location: { postcode: 'M1 1AE' } });
    assert.equal(decision.destination, 'sussex');
    assert.equal(decision.rule, 'subject-force');
  });

  it('prefers the force the reporter named to the postcode', () => {
    const decision = route({ force: 'Kent', location: { postcode: 'HR3 5AL' } });
    assert.equal(decision.destination, 'kent');
    assert.equal(decision.rule, 'named-force');
  });

  it('sends a report with only a full postcode to the force whose area holds it, and says why', () => {
    const decision = route({ location: { postcode: 'M1 1AE' } });
    assert.deepEqual(decision, {
      destination: 'greater-manchester',
      rule: 'postcode',
      reason: "the place's full postcode (sector M1 1) lies in Greater Manchester Police's area",
      candidates: [],
    });
  });

  it('places a full postcode exactly where its district straddles two forces, however it is typed', () => {
    // HR3 straddles West Mercia and Dyfed-Powys: HR3 5AL is West Mercia's, HR3 6BW Dyfed-Powys's.
    for (const postcode of ['HR3 5AL', 'hr35al', ' HR3  5AL ']) {
      const decision = route({ location: { postcode } });
      assert.equal(decision.destination, 'west-mercia', postcode);
      assert.equal(decision.rule, 'postcode');
      assert.equal(decision.reason, "the place's full postcode (sector HR3 5) lies in West Mercia Police's area");
    }
    assert.equal(route({ location: { postcode: 'HR3 6BW' } }).destination, 'dyfed-powys');
    assert.equal(route({ location: { postcode: 'HR3 6AA' } }).destination, 'west-mercia');
    assert.equal(route({ location: { postcode: 'RH10 3EL' } }).destination, 'surrey');
    assert.equal(route({ location: { postcode: 'RH10 3AA' } }).destination, 'sussex');
  });

  it('never puts the full postcode in the reason, which can reach a force before review trims the location', () => {
    for (const postcode of ['HR3 5AL', 'BT7 1NN', 'HR3 9ZZ', 'ZZ9 9ZZ']) {
      assert.doesNotMatch(route({ location: { postcode } }).reason, new RegExp(postcode.slice(-3)), postcode);
    }
  });

  it('sends a report with only a straddling district (HR3) to triage with both forces as candidates', () => {
    const decision = route({ location: { postcode: 'HR3' } });
    assert.deepEqual(decision, {
      destination: TRIAGE,
      rule: 'postcode-candidates',
      reason:
        "the place's postcode district HR3 straddles West Mercia Police (52%) and Dyfed-Powys Police (48%): the contact centre chooses",
      candidates: ['west-mercia', 'dyfed-powys'],
    });
  });

  it('does not guess a straddling sector either, even one mostly in one force', () => {
    const decision = route({ location: { postcode: 'HR3 6' } });
    assert.equal(decision.destination, TRIAGE);
    assert.equal(decision.rule, 'postcode-candidates');
    assert.deepEqual(decision.candidates, ['west-mercia', 'dyfed-powys']);
    assert.match(decision.reason, /sector HR3 6 straddles West Mercia Police \(94%\) and Dyfed-Powys Police \(6%\)/);
  });

  it('sends a partial postcode wholly in one force to that force', () => {
    assert.equal(route({ location: { postcode: 'RH10 1' } }).destination, 'sussex');
    const decision = route({ location: { postcode: 'ab10' } });
    assert.equal(decision.destination, 'police-scotland');
    assert.equal(decision.reason, "the place's postcode district AB10 lies wholly in Police Service of Scotland's area");
  });

  it('sends a Northern Ireland postcode to the PSNI', () => {
    const decision = route({ location: { postcode: 'BT7 1NN' } });
    assert.equal(decision.destination, 'northern-ireland');
    assert.match(decision.reason, /Northern Ireland, policed by the Police Service of Northern Ireland/);
  });

  it('sends a full postcode the tables do not hold to triage, with its district’s forces where it straddles', () => {
    const decision = route({ location: { postcode: 'HR3 9ZZ' } });
    assert.equal(decision.rule, 'postcode-candidates');
    assert.deepEqual(decision.candidates, ['west-mercia', 'dyfed-powys']);
    assert.match(decision.reason, /is not in the reference data, and its district HR3 straddles/);
  });

  it('sends a postcode outside every table to triage, saying so', () => {
    assert.deepEqual(route({ location: { postcode: 'GY1 1AA' } }), {
      destination: TRIAGE,
      rule: 'no-force-identified',
      reason: "no force could be identified: the place's postcode (district GY1) is not in the reference data",
      candidates: [],
    });
  });

  it('uses the postcode when the force named is not one it knows, and says both', () => {
    const decision = route({ force: 'Gotham City Police', location: { postcode: 'M1 1AE' } });
    assert.equal(decision.destination, 'greater-manchester');
    assert.match(decision.reason, /Greater Manchester Police's area; "Gotham City Police" did not name a force in the registry/);
  });

  it('holds a report placed by its postcode in triage when that force had not yet joined', () => {
    const decision = route({ location: { postcode: 'HR3 5AL' } }, '2023-05-01T09:00:00.000Z');
    assert.equal(decision.destination, TRIAGE);
    assert.equal(decision.rule, 'not-yet-joined');
    assert.deepEqual(decision.candidates, ['west-mercia']);
    assert.equal(route({ location: { postcode: 'SW1A 1AA' } }, '2023-05-01T09:00:00.000Z').destination, 'metropolitan');
  });
});

describe('reports about a force’s own professional standards, anti-corruption unit or chief officers', () => {
  const protectedFrom = (decision: ReturnType<typeof route>, force: string) => {
    assert.equal(decision.destination, TRIAGE);
    assert.equal(decision.rule, 'protected-unit');
    assert.deepEqual(decision.candidates, [force]);
  };

  it('never sends a report about a chief officer to that force, and says why', () => {
    const decision = route({ subject: { role: 'officer', rank: 'Deputy Chief Constable' }, force: 'Kent' });
    protectedFrom(decision, 'kent');
    assert.equal(
      decision.reason,
      'the reporter named Kent Police, but the report is about one of Kent Police\'s chief officers ' +
        '(rank "Deputy Chief Constable"), so Kent Police does not receive it: the contact centre arranges independent handling',
    );
    for (const rank of ['Chief Constable', 'ACC', 'T/DCC', 'D.C.C.', 'Temporary Assistant Chief Constable', 'Assistant Chief Officer']) {
      protectedFrom(route({ subject: { role: 'officer', rank }, force: 'Kent' }), 'kent');
    }
    protectedFrom(route({ subject: { role: 'staff', name: 'ACC Jones' }, force: 'Kent' }), 'kent');
  });

  it('never sends a report about a professional standards or anti-corruption unit to its force', () => {
    for (const station of ['Professional Standards Department', 'PSD', 'Anti-Corruption Unit', 'anticorruption unit', 'Counter Corruption Unit', 'CCU', 'ACU', 'Directorate of Professional Standards']) {
      protectedFrom(route({ subject: { role: 'officer', station, force: 'Sussex' } }), 'sussex');
    }
    protectedFrom(route({ subject: { role: 'officer', station: 'DPS' }, force: 'the Met' }), 'metropolitan');
  });

  it('finds the force in an employer typed with its unit or rank, and keeps the report from it', () => {
    protectedFrom(route({ subject: { role: 'officer', force: 'Kent PSD' } }), 'kent');
    protectedFrom(route({ subject: { role: 'officer', force: 'Chief Constable of Kent' } }), 'kent');
    protectedFrom(route({ subject: { role: 'officer', force: 'Met Directorate of Professional Standards' } }), 'metropolitan');
  });

  it('keeps the Met’s and the City of London’s commissioners and commanders from their forces', () => {
    for (const rank of ['Commissioner', 'Deputy Commissioner', 'Assistant Commissioner', 'Deputy Assistant Commissioner', 'DAC', 'Commander']) {
      protectedFrom(route({ subject: { role: 'officer', rank }, force: 'the Met' }), 'metropolitan');
    }
    protectedFrom(route({ subject: { role: 'officer', rank: 'Commander', force: 'City of London Police' } }), 'city-of-london');
    // A commander elsewhere is not a chief officer rank.
    assert.equal(route({ subject: { role: 'officer', rank: 'Commander' }, force: 'Kent' }).destination, 'kent');
  });

  it('keeps a report about a police and crime commissioner from the force they oversee', () => {
    const decision = route({ subject: { role: 'unknown', rank: 'Police and Crime Commissioner' }, force: 'Kent' });
    protectedFrom(decision, 'kent');
    assert.match(decision.reason, /the police and crime commissioner who oversees Kent Police/);
  });

  it('applies to a force chosen by the postcode, and comes before the join date', () => {
    protectedFrom(route({ subject: { role: 'officer', rank: 'Chief Constable' }, location: { postcode: 'HR3 5AL' } }), 'west-mercia');
    protectedFrom(route({ subject: { role: 'officer', rank: 'Chief Constable' }, force: 'Kent' }, '2023-05-01T09:00:00.000Z'), 'kent');
  });

  it('warns whoever takes a triaged report that it is about a protected unit', () => {
    const decision = route({ subject: { role: 'officer', rank: 'DCC' }, location: { postcode: 'HR3' } });
    assert.equal(decision.rule, 'postcode-candidates');
    assert.match(decision.reason, /the report is about one of a force's chief officers \(rank "DCC"\): the force it concerns must not handle it/);
  });

  it('leaves other ranks and lookalike words alone', () => {
    for (const rank of ['Chief Inspector', 'Chief Superintendent', 'Detective Constable', 'DC', 'PC', 'Sergeant', 'Special Constable']) {
      assert.equal(route({ subject: { role: 'officer', rank }, force: 'Kent' }).destination, 'kent', rank);
    }
    for (const station of ['Accrington', 'Acumen House', 'Standards Road']) {
      assert.equal(route({ subject: { role: 'officer', station }, force: 'Kent' }).destination, 'kent', station);
    }
  });

  it('reads the narrative too: a report that speaks of the force\'s chief officers or standards unit anywhere is reviewed and kept from it', () => {
    const narrative = 'I told professional standards and the chief constable about PC Smith and nothing happened.';
    const decision = route({ force: 'Kent', narrative });
    assert.equal(decision.destination, 'triage');
    assert.equal(decision.rule, 'protected-unit');
    assert.deepEqual(decision.protection?.from, ['kent']);
  });
});

describe('routing, fuzzed', () => {
  const RULES: readonly RoutingRule[] = ['subject-force', 'named-force', 'postcode', 'postcode-candidates', 'protected-unit', 'not-yet-joined', 'no-force-identified'];
  const char = fc.constantFrom(...'ABHRTSW0123456789 abhrz\t');

  it('routing a report with any postcode-ish string (validated or not) never throws, and names only real forces', () => {
    const postcodeIsh = fc.oneof(
      fc.string({ unit: char, maxLength: 10 }),
      fc.constantFrom('HR3', 'HR3 5', 'hr35al', 'BT7 1NN', 'GY1 1AA', 'HR3 9ZZ', 'B45 9AH'),
      fc.string({ unit: 'binary', maxLength: 12 }),
    );
    const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('Kent', 'the Met', 'Kent PSD', 'Chief Constable', 'unknown', 'DCC'));
    fc.assert(
      fc.property(postcodeIsh, fc.option(text), fc.option(text), fc.option(text), (postcode, force, employer, rank) => {
        // Straight to the router, not through the schema: the router must cope with what it is given.
        const report = {
          categories: ['bribery'],
          narrative: NARRATIVE,
          reporter: { mode: 'anonymous' },
          location: { postcode },
          ...(force === null ? {} : { force }),
          subject: { role: 'officer', ...(employer === null ? {} : { force: employer }), ...(rank === null ? {} : { rank }) },
        } as ReportSubmission;
        for (const receivedAt of ['2022-01-01T00:00:00.000Z', '2025-06-01T10:00:00.000Z']) {
          const decision = routeReport(report, receivedAt);
          assert.ok(RULES.includes(decision.rule), decision.rule);
          assert.ok(decision.destination === TRIAGE || forceById(decision.destination) !== undefined, decision.destination);
          for (const id of decision.candidates) assert.ok(forceById(id), id);
          assert.ok(decision.reason.length > 0);
        }
      }),
      { numRuns: 3_000 },
    );
  });
});
