import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FORCES, findForce, forceById, forceNameKey, forcesByName } from '../../functions/domain/forces.ts';

const csv = readFileSync(new URL('../../data/uk-police-forces.csv', import.meta.url), 'utf8').trim().split('\n');
const [header, ...rows] = csv;

describe('the force registry', () => {
  it('holds every force in the reference data, field for field', () => {
    assert.equal(header, 'id,name,short_name,nation,kind,ons_pfa_code,joined_service');
    assert.equal(FORCES.length, 48);
    assert.equal(rows.length, 48);
    for (const row of rows) {
      const [id, name, shortName, nation, kind, ons, joined] = row.split(',');
      const force = forceById(id!);
      assert.ok(force, `registry lacks ${id}`);
      assert.deepEqual(
        [force.name, force.shortName, force.nation, force.kind, force.onsCode ?? '', force.joinedService],
        [name, shortName, nation, kind, ons, joined],
      );
    }
  });

  it('has unique ids, and only the Met joined before the national launch', () => {
    assert.equal(new Set(FORCES.map((f) => f.id)).size, 48);
    assert.deepEqual(
      FORCES.filter((f) => f.joinedService < '2024-03-14').map((f) => f.id),
      ['metropolitan'],
    );
  });

  for (const [typed, id] of [
    ['the Met', 'metropolitan'],
    ['MET', 'metropolitan'],
    ['Met Police', 'metropolitan'],
    ['Scotland Yard', 'metropolitan'],
    ['Metropolitan Police Service', 'metropolitan'],
    ['metropolitan', 'metropolitan'],
    ['PSNI', 'northern-ireland'],
    ['Police Service of Northern Ireland', 'northern-ireland'],
    ['Police Scotland', 'police-scotland'],
    ['Sussex', 'sussex'],
    ['sussex police', 'sussex'],
    ['GMP', 'greater-manchester'],
    ['Devon & Cornwall Police', 'devon-and-cornwall'],
    ['Dyfed Powys', 'dyfed-powys'],
    ['City of London Police', 'city-of-london'],
    ['BTP', 'british-transport-police'],
    ['  hampshire and isle of wight constabulary ', 'hampshire'],
  ] as const) {
    it(`understands "${typed}" as ${id}`, () => {
      assert.equal(findForce(typed)?.id, id);
    });
  }

  it('does not guess when a name could mean more than one force, or none', () => {
    assert.equal(findForce('London'), undefined);
    assert.equal(findForce('Yorkshire'), undefined);
    assert.equal(findForce('Gotham City Police'), undefined);
    assert.equal(findForce(''), undefined);
  });

  it('reduces names to the words that tell forces apart', () => {
    assert.equal(forceNameKey('The Metropolitan Police Service'), 'metropolitan');
    assert.equal(forceNameKey('Avon & Somerset Constabulary'), 'avon and somerset');
  });

  it('lists the forces by name in the order en-GB collation gives, without the collator', () => {
    assert.deepEqual(forcesByName().map((force) => force.name), [...FORCES].map((force) => force.name).sort((a, b) => a.localeCompare(b, 'en-GB')));
  });
});
