/**
 * Postcodes: reading what the reporter typed, and placing it in a police force area by the rows of
 * the reference data in data/ (each example below is a real row of those CSVs).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { forceById } from '../../functions/domain/forces.ts';
import {
  districtAreas,
  forceOfArea,
  normalisePostcode,
  resolvePostcode,
  sectorAreas,
  type PostcodeResolution,
  type PostcodeTables,
} from '../../functions/domain/postcodes.ts';

const WEST_MERCIA = 'E23000016';
const DYFED_POWYS = 'W15000004';
const WEST_MIDLANDS = 'E23000014';
const SUSSEX = 'E23000033';
const SURREY = 'E23000031';
const SCOTLAND = 'S23000009';
const NORTHERN_IRELAND = 'N99999999';

/** Candidates with shares to the six places the CSVs give them. */
const rounded = (resolution: PostcodeResolution) =>
  resolution.kind === 'candidates'
    ? { ...resolution, candidates: resolution.candidates.map(({ pfaCode, share }) => ({ pfaCode, share: share.toFixed(6) })) }
    : resolution;

describe('reading a postcode as typed', () => {
  it('reads a full postcode whatever its case and spacing', () => {
    for (const typed of ['HR3 5AB', 'hr35ab', ' HR3  5AB ', 'Hr3\t5aB', 'HR3 5 AB', '\u00a0hr3 5ab\n']) {
      assert.deepEqual(
        normalisePostcode(typed),
        { kind: 'full', postcode: 'HR3 5AB', sector: 'HR3 5', district: 'HR3', area: 'HR' },
        JSON.stringify(typed),
      );
    }
    assert.deepEqual(normalisePostcode('sw1a1aa'), { kind: 'full', postcode: 'SW1A 1AA', sector: 'SW1A 1', district: 'SW1A', area: 'SW' });
    assert.deepEqual(normalisePostcode('m11ae'), { kind: 'full', postcode: 'M1 1AE', sector: 'M1 1', district: 'M1', area: 'M' });
  });

  it('reads a district as one word and a sector as a district, a space and a digit', () => {
    assert.deepEqual(normalisePostcode(' hr3 '), { kind: 'district', postcode: 'HR3', district: 'HR3', area: 'HR' });
    assert.deepEqual(normalisePostcode('hr3   5'), { kind: 'sector', postcode: 'HR3 5', sector: 'HR3 5', district: 'HR3', area: 'HR' });
    assert.deepEqual(normalisePostcode('SW1A'), { kind: 'district', postcode: 'SW1A', district: 'SW1A', area: 'SW' });
    // Run together, "B11" is the district B11, as the public contract's pattern reads it, not the sector B1 1.
    assert.equal(normalisePostcode('B11').kind, 'district');
    assert.deepEqual(normalisePostcode('b1 1'), { kind: 'sector', postcode: 'B1 1', sector: 'B1 1', district: 'B1', area: 'B' });
  });

  it('says when what was typed is not a postcode', () => {
    for (const typed of ['', '   ', '12345', 'SW1A 1AAA', 'HR3 5A', 'HR3 55', 'HR 3', 'H', 'not a postcode', 'HR3 5 6', 'ÅR3 5AB', '<script>']) {
      assert.deepEqual(normalisePostcode(typed), { kind: 'not-a-postcode', typed }, JSON.stringify(typed));
    }
  });
});

describe('placing a postcode in a police force area', () => {
  it('places a full postcode listed among the exceptions in its own force, not its sector’s', () => {
    // HR3 5 is mostly Dyfed-Powys; HR3 5AL is one of its West Mercia postcodes.
    assert.deepEqual(resolvePostcode('HR3 5AL'), { kind: 'force', pfaCode: WEST_MERCIA, how: 'exception' });
    assert.deepEqual(resolvePostcode('hr36bw'), { kind: 'force', pfaCode: DYFED_POWYS, how: 'exception' });
    assert.deepEqual(resolvePostcode('RH10 3EL'), { kind: 'force', pfaCode: SURREY, how: 'exception' });
  });

  it('places any other full postcode of a straddling sector in the sector’s largest-share force', () => {
    assert.deepEqual(resolvePostcode('HR3 5AB'), { kind: 'force', pfaCode: DYFED_POWYS, how: 'sector' });
    assert.deepEqual(resolvePostcode('HR3 6AA'), { kind: 'force', pfaCode: WEST_MERCIA, how: 'sector' });
    assert.deepEqual(resolvePostcode('RH10 3AA'), { kind: 'force', pfaCode: SUSSEX, how: 'sector' });
  });

  it('breaks a tie in a sector as the exceptions were made: the first row of the sector table', () => {
    // B45 9 is 142 postcodes West Mercia, 142 West Midlands; the exceptions list the West Midlands ones.
    assert.deepEqual(resolvePostcode('B45 9AA'), { kind: 'force', pfaCode: WEST_MERCIA, how: 'sector' });
    assert.deepEqual(resolvePostcode('B45 9AH'), { kind: 'force', pfaCode: WEST_MIDLANDS, how: 'exception' });
  });

  it('places a sector wholly in one force of a straddling district, full or partial', () => {
    // RH10 straddles Sussex and Surrey; RH10 1 is wholly Sussex.
    assert.equal(rounded(resolvePostcode('RH10')).kind, 'candidates');
    assert.deepEqual(resolvePostcode('RH10 1'), { kind: 'force', pfaCode: SUSSEX, how: 'sector' });
    assert.deepEqual(resolvePostcode('RH10 1AA'), { kind: 'force', pfaCode: SUSSEX, how: 'sector' });
  });

  it('places a full postcode or sector of a district wholly in one force by the district', () => {
    assert.deepEqual(resolvePostcode('AB10 1XG'), { kind: 'force', pfaCode: SCOTLAND, how: 'district' });
    assert.deepEqual(resolvePostcode('AB10 1'), { kind: 'force', pfaCode: SCOTLAND, how: 'district' });
    assert.deepEqual(resolvePostcode('ab10'), { kind: 'force', pfaCode: SCOTLAND, how: 'district' });
  });

  it('gives a straddling district (HR3) as both its forces, with their shares, never a guess', () => {
    assert.deepEqual(rounded(resolvePostcode('HR3')), {
      kind: 'candidates',
      candidates: [
        { pfaCode: WEST_MERCIA, share: '0.523041' },
        { pfaCode: DYFED_POWYS, share: '0.476959' },
      ],
      how: 'district',
    });
  });

  it('gives a straddling sector as its forces, even where one has nearly all of it', () => {
    assert.deepEqual(rounded(resolvePostcode('HR3 5')), {
      kind: 'candidates',
      candidates: [
        { pfaCode: DYFED_POWYS, share: '0.790323' },
        { pfaCode: WEST_MERCIA, share: '0.209677' },
      ],
      how: 'sector',
    });
    assert.deepEqual(
      rounded(resolvePostcode('HR3 6')),
      { kind: 'candidates', candidates: [{ pfaCode: WEST_MERCIA, share: '0.940860' }, { pfaCode: DYFED_POWYS, share: '0.059140' }], how: 'sector' },
    );
  });

  it('places every Northern Ireland postcode with the PSNI, listed or not', () => {
    for (const typed of ['BT7 1NN', 'bt1', 'BT99 9ZZ', 'BT1 5']) {
      assert.deepEqual(resolvePostcode(typed), { kind: 'force', pfaCode: NORTHERN_IRELAND, how: 'northern-ireland' }, typed);
    }
  });

  it('falls back from a full postcode in none of the tables to its district, as candidates where it straddles', () => {
    // HR3 has no sector 9: a postcode there would be new since the tables were made.
    assert.deepEqual(sectorAreas('HR3 9'), undefined);
    assert.equal(resolvePostcode('HR3 9ZZ').kind, 'candidates');
    assert.deepEqual(resolvePostcode('HR3 9ZZ'), resolvePostcode('HR3'));
  });

  it('does not know a postcode outside the tables: the Channel Islands, the Isle of Man, made-up areas', () => {
    for (const typed of ['GY1 1AA', 'JE2 3', 'IM1 1AA', 'ZZ9 9ZZ', 'QQ1']) assert.deepEqual(resolvePostcode(typed), { kind: 'unknown' }, typed);
  });

  it('does not know what is not a postcode', () => {
    for (const typed of ['', 'hello', 'SW1A 1AAA', '\u0000']) assert.deepEqual(resolvePostcode(typed), { kind: 'unknown' }, typed);
  });

  it('reads the tables it is given, and no others', () => {
    const tables: PostcodeTables = {
      pfaCodes: [SUSSEX, SURREY],
      districts: '\nAA1:0\nAA2:0*3,1*1\n',
      sectors: '\nAA2 1:0*2,1*1=BX\nAA2 2:1\n',
    };
    assert.deepEqual(resolvePostcode('AA1 1AA', tables), { kind: 'force', pfaCode: SUSSEX, how: 'district' });
    assert.deepEqual(resolvePostcode('AA2 1BX', tables), { kind: 'force', pfaCode: SURREY, how: 'exception' });
    assert.deepEqual(resolvePostcode('AA2 1BY', tables), { kind: 'force', pfaCode: SUSSEX, how: 'sector' });
    assert.deepEqual(resolvePostcode('AA2 2', tables), { kind: 'force', pfaCode: SURREY, how: 'sector' });
    assert.deepEqual(resolvePostcode('AA2', tables), {
      kind: 'candidates',
      candidates: [{ pfaCode: SUSSEX, share: 0.75 }, { pfaCode: SURREY, share: 0.25 }],
      how: 'district',
    });
    assert.deepEqual(resolvePostcode('HR3', tables), { kind: 'unknown' });
    // The units XB and XA run together read "XBXA", which holds "BX" across the two: not a unit.
    const acrossUnits: PostcodeTables = { ...tables, sectors: '\nAA2 1:0*2,1*2=XBXA\n' };
    assert.deepEqual(resolvePostcode('AA2 1BX', acrossUnits), { kind: 'force', pfaCode: SUSSEX, how: 'sector' });
  });

  it('reads the areas of a district or sector, and nothing for one not in the tables', () => {
    assert.deepEqual(districtAreas('M1'), [{ pfaCode: 'E23000005', share: 1 }]);
    assert.equal(sectorAreas('M1 1'), undefined);
    assert.equal(districtAreas('M'), undefined);
    assert.equal(districtAreas('HR3 5'), undefined);
    for (const key of ['hr3', 'HR3:15', 'HR3\nAB10', '', 'HR3 5AL']) assert.equal(districtAreas(key), undefined, JSON.stringify(key));
  });

  it('maps each force area to the registry’s force by its ONS code', () => {
    assert.equal(forceOfArea(WEST_MERCIA), forceById('west-mercia'));
    assert.equal(forceOfArea(NORTHERN_IRELAND), forceById('northern-ireland'));
    assert.equal(forceOfArea('E23000034'), forceById('city-of-london'));
    assert.equal(forceOfArea('X99'), undefined);
  });
});

describe('postcodes, fuzzed', () => {
  const letter = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');
  const digit = fc.constantFrom(...'0123456789');
  const space = fc.constantFrom('', ' ', '  ', '\t', '\u00a0');
  /** Strings shaped like postcodes: the right pieces, in roughly the right order, often wrong. */
  const postcodeIsh = fc
    .tuple(
      space,
      fc.array(letter, { minLength: 0, maxLength: 3 }),
      fc.array(fc.oneof(digit, letter), { minLength: 0, maxLength: 3 }),
      space,
      fc.option(digit),
      fc.array(fc.oneof(letter, digit, space), { minLength: 0, maxLength: 3 }),
      space,
    )
    .map(([a, area, district, b, sector, unit, c]) => `${a}${area.join('')}${district.join('')}${b}${sector ?? ''}${unit.join('')}${c}`);

  it('resolving any postcode-ish string, or any string at all, never throws and always names a real force', () => {
    fc.assert(
      fc.property(fc.oneof(postcodeIsh, fc.string({ unit: 'binary' })), (typed) => {
        const resolution = resolvePostcode(typed);
        if (resolution.kind === 'force') assert.ok(forceOfArea(resolution.pfaCode), resolution.pfaCode);
        if (resolution.kind === 'candidates') {
          assert.ok(resolution.candidates.length >= 2);
          for (const { pfaCode } of resolution.candidates) assert.ok(forceOfArea(pfaCode), pfaCode);
          const total = resolution.candidates.reduce((sum, { share }) => sum + share, 0);
          assert.ok(Math.abs(total - 1) < 1e-9);
        }
      }),
      { numRuns: 5_000 },
    );
  });

  it('a postcode reads the same however it is cased and spaced', () => {
    const real = fc.constantFrom('HR3 5AL', 'HR3 6BW', 'B45 9AH', 'RH10 3EL', 'AB10 1XG', 'BT7 1NN', 'SW1A 1AA', 'HR3 9ZZ');
    fc.assert(
      fc.property(real, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), space, space, space, (postcode, upper, a, b, c) => {
        const cased = [...postcode].map((char, i) => (upper[i] ? char.toUpperCase() : char.toLowerCase())).join('');
        const [outward, inward] = cased.split(' ') as [string, string];
        assert.deepEqual(resolvePostcode(`${a}${outward}${b}${inward}${c}`), resolvePostcode(postcode));
      }),
    );
  });
});
