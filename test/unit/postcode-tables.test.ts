/**
 * The postcode tables the router ships (functions/domain/postcode-tables.generated.ts) say what the
 * reference data in data/ says, row for row; and that data is the data data/README.md describes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FORCES } from '../../functions/domain/forces.ts';
import { POSTCODE_TABLES } from '../../functions/domain/postcode-tables.generated.ts';
import { districtAreas, forceOfArea, resolvePostcode, sectorAreas } from '../../functions/domain/postcodes.ts';
import { CSV_FILES, DATA_DIR, GENERATED_MODULE, postcodeTablesModule } from '../../scripts/build-postcode-tables.ts';

/** A CSV as rows of fields: the reference CSVs quote only a field holding a comma ("London, City of"). */
const csv = (file: string): Record<string, string>[] => {
  const [header, ...lines] = readFileSync(`${DATA_DIR}/${file}`, 'utf8').split(/\r?\n/).filter((line) => line !== '');
  const names = header!.split(',');
  return lines.map((line) => {
    const fields = [...line.matchAll(/(?:"([^"]*)"|([^,"]*))(?:,|$)/g)].map((m) => m[1] ?? m[2]!);
    return Object.fromEntries(names.map((name, i) => [name, fields[i]!]));
  });
};

const districts = csv(CSV_FILES.districts);
const sectors = csv(CSV_FILES.sectors);
const exceptions = csv(CSV_FILES.exceptions);

const groupedBy = (rows: Record<string, string>[], key: string) => {
  const groups = new Map<string, Record<string, string>[]>();
  for (const row of rows) groups.set(row[key]!, [...(groups.get(row[key]!) ?? []), row]);
  return groups;
};

/**
 * The areas shipped agree with the CSV's rows: the same forces in the same order, each share the
 * CSV's to its six places (the CSV rounds half to even, 0.5390625 to 0.539062; JavaScript's
 * toFixed rounds it up, so compare within half a unit of the sixth place).
 */
const assertSameAreas = (areas: readonly { pfaCode: string; share: number }[] | undefined, rows: Record<string, string>[], where: string) => {
  assert.deepEqual(areas?.map(({ pfaCode }) => pfaCode), rows.map((row) => row.pfa_code), where);
  areas!.forEach(({ share }, i) => assert.ok(Math.abs(share - Number(rows[i]!.share)) <= 5e-7 + 1e-12, `${where}: ${share} is not ${rows[i]!.share}`));
};

const records = (table: string) => table.split('\n').filter((line) => line !== '');

describe('the postcode tables shipped with the router', () => {
  it('are what scripts/build-postcode-tables.ts makes of the CSVs now (run it after changing one)', () => {
    assert.equal(readFileSync(GENERATED_MODULE, 'utf8'), postcodeTablesModule());
  });

  it('hold the CSVs as data/README.md counts them', () => {
    assert.equal(districts.length, 3_493);
    assert.equal(groupedBy(districts, 'outcode').size, 2_945);
    assert.equal(sectors.length, 2_846);
    assert.equal(groupedBy(sectors, 'sector').size, 2_055);
    assert.equal(exceptions.length, 16_737);
    assert.equal(csv('local-authorities-to-force-areas.csv').length, 320);
    // and ship one line per district and per sector, and every exception once
    assert.equal(records(POSTCODE_TABLES.districts).length, 2_945);
    assert.equal(records(POSTCODE_TABLES.sectors).length, 2_055);
    const shippedExceptions = [...POSTCODE_TABLES.sectors.matchAll(/=([A-Z]*)/g)].reduce((n, m) => n + m[1]!.length / 2, 0);
    assert.equal(shippedExceptions, 16_737);
  });

  it('give every district its forces, in order, with the CSV’s shares', () => {
    for (const [outcode, rows] of groupedBy(districts, 'outcode')) {
      assertSameAreas(districtAreas(outcode), rows, outcode);
    }
  });

  it('give every sector of a straddling district its forces, in order, with the CSV’s shares', () => {
    for (const [sector, rows] of groupedBy(sectors, 'sector')) {
      assertSameAreas(sectorAreas(sector), rows, sector);
    }
  });

  it('place every exception in its own force', () => {
    for (const { postcode, pfa_code } of exceptions) {
      assert.deepEqual(resolvePostcode(postcode!), { kind: 'force', pfaCode: pfa_code, how: 'exception' }, postcode);
    }
  });

  it('name only force areas the registry has, each a territorial force', () => {
    const codes = new Set([...districts, ...sectors, ...exceptions, ...csv('local-authorities-to-force-areas.csv')].map((row) => row.pfa_code!));
    assert.equal(codes.size, 45); // 43 in England and Wales, Scotland, Northern Ireland
    for (const code of codes) assert.equal(forceOfArea(code)?.kind, 'territorial', code);
    assert.deepEqual(
      FORCES.filter((force) => force.kind === 'territorial').map((force) => force.onsCode).sort(),
      [...codes].sort(),
    );
  });
});
