/**
 * Postcodes: which police force area a postcode lies in, however the reporter typed it.
 *
 * A full postcode ("HR3 5AB") resolves exactly, in the order data/README.md gives: the exceptions
 * (postcodes whose force differs from their sector's first force), else the sector's first force
 * where the sector straddles forces, else the force its district lies wholly in. A partial
 * postcode, a district ("HR3") or a sector ("HR3 5"), resolves to the force it lies wholly in or,
 * where it straddles forces, to those forces as candidates with their shares: never a guess. So
 * does a full postcode missing from the tables (new since they were made). Northern Ireland (`BT`)
 * is wholly the Police Service of Northern Ireland.
 *
 * Pure: the tables are a parameter, by default the ones shipped with the service
 * (functions/domain/postcode-tables.generated.ts, generated from the CSVs in data/).
 */
import { FORCES, type Force } from './forces.ts';
import { POSTCODE_TABLES } from './postcode-tables.generated.ts';

/** ONS's pseudo-code for Northern Ireland, policed wholly by the PSNI. */
export const NORTHERN_IRELAND_PFA_CODE = 'N99999999';

// ─── what was typed ───────────────────────────────────────────────────────────────────────────

/**
 * A postcode as the reporter typed it, read: upper case, one space between outward and inward
 * parts. `district` is the outward code ("HR3"), `sector` the outward code and the inward digit
 * ("HR3 5"), `area` the letters that start it ("HR").
 */
export type NormalisedPostcode =
  | { readonly kind: 'full'; readonly postcode: string; readonly sector: string; readonly district: string; readonly area: string }
  | { readonly kind: 'sector'; readonly postcode: string; readonly sector: string; readonly district: string; readonly area: string }
  | { readonly kind: 'district'; readonly postcode: string; readonly district: string; readonly area: string }
  | { readonly kind: 'not-a-postcode'; readonly typed: string };

const OUTWARD = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;
const FULL = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9])([A-Z]{2})$/;
const SECTOR_DIGIT = /^[0-9]$/;
const areaOf = (district: string): string => /^[A-Z]+/.exec(district)![0];

/**
 * Reads a typed postcode, whatever its case and spacing: `hr35ab`, ` HR3  5AB ` and `HR3 5AB` are
 * all the full postcode HR3 5AB. A full postcode needs no space (its last three characters are
 * always the inward part); a partial one is a district when it is one word (`HR3`, `B11`) and a
 * sector when an outward code and a digit are separated by space (`HR3 5`, `B1 1`): run together,
 * `B11` is the district B11, not the sector B1 1, as the public contract's pattern reads it.
 */
export const normalisePostcode = (typed: string): NormalisedPostcode => {
  const upper = typed.toUpperCase();
  const full = FULL.exec(upper.replace(/\s+/g, ''));
  if (full !== null) {
    const [, district, digit, unit] = full as unknown as [string, string, string, string];
    return { kind: 'full', postcode: `${district} ${digit}${unit}`, sector: `${district} ${digit}`, district, area: areaOf(district) };
  }
  const words = upper.trim().split(/\s+/);
  const [district, digit] = words;
  if (district === undefined || !OUTWARD.test(district)) return { kind: 'not-a-postcode', typed };
  if (words.length === 1) return { kind: 'district', postcode: district, district, area: areaOf(district) };
  if (words.length === 2 && SECTOR_DIGIT.test(digit!)) {
    const sector = `${district} ${digit}`;
    return { kind: 'sector', postcode: sector, sector, district, area: areaOf(district) };
  }
  return { kind: 'not-a-postcode', typed };
};

// ─── the tables ───────────────────────────────────────────────────────────────────────────────

/**
 * The postcode tables in the compact form scripts/build-postcode-tables.ts writes: one line per
 * district or sector, read when asked for (no lookup is built; finding a line costs microseconds).
 */
export interface PostcodeTables {
  /** ONS police force area codes; the tables name a force by its index here. */
  readonly pfaCodes: readonly string[];
  /** `HR3:15*227,44*207`: a district, its forces largest share first, each with its postcode count. */
  readonly districts: string;
  /** The same for the sectors of straddling districts, with each later force's exceptions: `HR3 6:15*175,44*11=BWEX…`. */
  readonly sectors: string;
}

/** The tables shipped with the service: see data/README.md for their source and licence. */
export const SHIPPED_POSTCODE_TABLES: PostcodeTables = POSTCODE_TABLES;

/** A force area's part of a district or sector: its share of the postcodes there (0 to 1). */
export interface AreaShare {
  readonly pfaCode: string;
  readonly share: number;
}

interface AreaRow extends AreaShare {
  /** The two-letter units of this force's postcodes in a sector it is not first in, run together. */
  readonly exceptions: string;
}

/** A district ("HR3") or sector ("HR3 5") as the tables write it: nothing else is looked for. */
const TABLE_KEY = /^[A-Z]{1,2}[0-9][A-Z0-9]?( [0-9])?$/;

/** The rows of a district or sector, largest share first; undefined when the table has none. */
const rowsOf = (table: string, key: string, pfaCodes: readonly string[]): readonly AreaRow[] | undefined => {
  if (!TABLE_KEY.test(key)) return undefined;
  const at = table.indexOf(`\n${key}:`);
  if (at === -1) return undefined;
  const start = at + key.length + 2;
  const forces = table.slice(start, table.indexOf('\n', start)).split(',');
  const rows = forces.map((force) => {
    const [counted, exceptions = ''] = force.split('=') as [string, string?];
    const [index, count = '1'] = counted.split('*') as [string, string?];
    return { pfaCode: pfaCodes[Number(index)]!, count: Number(count), exceptions };
  });
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return rows.map(({ pfaCode, count, exceptions }) => ({ pfaCode, share: count / total, exceptions }));
};

const shares = (rows: readonly AreaRow[] | undefined): readonly AreaShare[] | undefined =>
  rows?.map(({ pfaCode, share }) => ({ pfaCode, share }));

/** The force areas a district ("HR3") lies in, largest share first; undefined for one not in the tables. */
export const districtAreas = (district: string, tables: PostcodeTables = SHIPPED_POSTCODE_TABLES): readonly AreaShare[] | undefined =>
  shares(rowsOf(tables.districts, district, tables.pfaCodes));

/** The force areas a sector ("HR3 5") of a straddling district lies in; undefined for any other sector. */
export const sectorAreas = (sector: string, tables: PostcodeTables = SHIPPED_POSTCODE_TABLES): readonly AreaShare[] | undefined =>
  shares(rowsOf(tables.sectors, sector, tables.pfaCodes));

/** Whether `units` (two-letter units run together) holds `unit`, at a unit's boundary. */
const holdsUnit = (units: string, unit: string): boolean => {
  for (let at = units.indexOf(unit); at !== -1; at = units.indexOf(unit, at + 1)) if (at % 2 === 0) return true;
  return false;
};

// ─── resolving ────────────────────────────────────────────────────────────────────────────────

/** How a postcode was placed: which table, or Northern Ireland's single force. */
export type PostcodeEvidence = 'exception' | 'sector' | 'district' | 'northern-ireland';

export type PostcodeResolution =
  | { readonly kind: 'force'; readonly pfaCode: string; readonly how: PostcodeEvidence }
  | { readonly kind: 'candidates'; readonly candidates: readonly AreaShare[]; readonly how: 'sector' | 'district' }
  | { readonly kind: 'unknown' };

const UNKNOWN: PostcodeResolution = { kind: 'unknown' };

/** A district or sector: its one force, or its forces as candidates. */
const placed = (areas: readonly AreaShare[], how: 'sector' | 'district'): PostcodeResolution =>
  areas.length === 1 ? { kind: 'force', pfaCode: areas[0]!.pfaCode, how } : { kind: 'candidates', candidates: areas, how };

/**
 * The force area a postcode lies in, or the areas it may lie in. Accepts what the reporter typed
 * or a postcode already read with `normalisePostcode`.
 */
export const resolvePostcode = (postcode: string | NormalisedPostcode, tables: PostcodeTables = SHIPPED_POSTCODE_TABLES): PostcodeResolution => {
  const read = typeof postcode === 'string' ? normalisePostcode(postcode) : postcode;
  if (read.kind === 'not-a-postcode') return UNKNOWN;
  if (read.area === 'BT') return { kind: 'force', pfaCode: NORTHERN_IRELAND_PFA_CODE, how: 'northern-ireland' };
  if (read.kind === 'full') {
    const sector = rowsOf(tables.sectors, read.sector, tables.pfaCodes);
    if (sector !== undefined) {
      const unit = read.postcode.slice(-2);
      const exception = sector.find((row) => holdsUnit(row.exceptions, unit));
      if (exception !== undefined) return { kind: 'force', pfaCode: exception.pfaCode, how: 'exception' };
      // Every postcode of the sector that is not an exception lies in its first force.
      return { kind: 'force', pfaCode: sector[0]!.pfaCode, how: 'sector' };
    }
  }
  if (read.kind === 'sector') {
    const sector = sectorAreas(read.sector, tables);
    if (sector !== undefined) return placed(sector, 'sector');
  }
  const district = districtAreas(read.district, tables);
  return district === undefined ? UNKNOWN : placed(district, 'district');
};

// ─── from areas to forces ─────────────────────────────────────────────────────────────────────

/** The registry's force for an ONS police force area code (joined on `onsCode`). */
export const forceOfArea = (pfaCode: string): Force | undefined => FORCES.find((force) => force.onsCode === pfaCode);
