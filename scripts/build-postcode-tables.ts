/**
 * `npm run postcodes`: turns the postcode reference tables in data/ into
 * functions/domain/postcode-tables.generated.ts, the compact module the router bundles.
 *
 * The CSVs are about 600 KB; the module carries what routing reads in about a sixth of that: each
 * ONS police force area code once, named by its index; a district or sector wholly in one force as
 * that force alone; a straddling one as its forces in the CSV's order (largest share first) with
 * their postcode counts, from which the shares follow exactly; and each exception as its two-letter
 * unit under its sector's force. Every record is a line of a template literal: the module is plain
 * data, which esbuild leaves out of bundles that never route, that Node parses as fast as any
 * string, and that the router searches a line at a time, so no lookup is built at cold start. A
 * change to the tables reads as a line diff.
 *
 * Run it after replacing a CSV; test/unit/postcode-tables.test.ts fails until you do, and checks
 * every row of the CSVs against what the module decodes to.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DATA_DIR = path.join(PROJECT_ROOT, 'data');
export const GENERATED_MODULE = path.join(PROJECT_ROOT, 'functions/domain/postcode-tables.generated.ts');

export const CSV_FILES = {
  districts: 'postcode-districts-to-force-areas.csv',
  sectors: 'postcode-sectors-to-force-areas.csv',
  exceptions: 'postcode-exceptions.csv',
} as const;

/** Rows of a CSV as objects keyed by its header: RFC 4180 quoting, CRLF or LF line ends. */
export const readCsv = (file: string): Record<string, string>[] => {
  const text = readFileSync(file, 'utf8');
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') record.push(field), (field = '');
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      record.push(field), records.push(record), (record = []), (field = '');
    } else field += char;
  }
  if (field !== '' || record.length > 0) record.push(field), records.push(record);
  const [header, ...rows] = records;
  if (header === undefined) throw new Error(`${file} is empty`);
  return rows.map((row, n) => {
    if (row.length !== header.length) throw new Error(`${file} row ${n + 2} has ${row.length} fields, not ${header.length}`);
    return Object.fromEntries(header.map((name, i) => [name, row[i]!]));
  });
};

/** Rows grouped by a key, in the CSV's order, checking each group is contiguous and its counts add up. */
const groupAreas = (rows: Record<string, string>[], key: string, total: string) => {
  const groups = new Map<string, Record<string, string>[]>();
  let previous: string | undefined;
  for (const row of rows) {
    const at = row[key]!;
    if (groups.has(at) && previous !== at) throw new Error(`Rows for ${at} are not together`);
    groups.set(at, [...(groups.get(at) ?? []), row]);
    previous = at;
  }
  for (const [at, group] of groups) {
    const sum = group.reduce((n, row) => n + Number(row.n_postcodes), 0);
    if (group.some((row) => Number(row[total]) !== sum)) throw new Error(`${at}: postcode counts do not add up to ${total}`);
    for (let i = 1; i < group.length; i++) {
      if (Number(group[i]!.n_postcodes) > Number(group[i - 1]!.n_postcodes)) throw new Error(`${at}: rows are not largest share first`);
    }
  }
  return groups;
};

const FULL_POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]? [0-9])([A-Z]{2})$/;

/** The text of functions/domain/postcode-tables.generated.ts for the CSVs in `dataDir`. */
export const postcodeTablesModule = (dataDir: string = DATA_DIR): string => {
  const districtRows = readCsv(path.join(dataDir, CSV_FILES.districts));
  const sectorRows = readCsv(path.join(dataDir, CSV_FILES.sectors));
  const exceptionRows = readCsv(path.join(dataDir, CSV_FILES.exceptions));

  const pfaCodes = [...new Set([...districtRows, ...sectorRows, ...exceptionRows].map((row) => row.pfa_code!))].sort();
  const index = new Map(pfaCodes.map((code, i) => [code, i]));

  // Each exception's two-letter unit, under its sector and force.
  const units = new Map<string, string>();
  for (const { postcode, pfa_code } of exceptionRows) {
    const parts = FULL_POSTCODE.exec(postcode!);
    if (parts === null) throw new Error(`"${postcode}" in ${CSV_FILES.exceptions} is not a full postcode written as "HR3 5AB"`);
    const key = `${parts[1]}:${pfa_code}`;
    units.set(key, (units.get(key) ?? '') + parts[2]);
  }

  const areaLines = (groups: Map<string, Record<string, string>[]>, withExceptions: boolean) =>
    [...groups].map(([at, group]) => {
      if (group.length === 1) return `${at}:${index.get(group[0]!.pfa_code!)}`;
      const rows = group.map((row, i) => {
        const own = withExceptions ? units.get(`${at}:${row.pfa_code}`) : undefined;
        if (withExceptions) {
          units.delete(`${at}:${row.pfa_code}`);
          // The sector's first force holds every postcode that is not an exception; each other
          // force's postcodes there are exactly its exceptions.
          if (i === 0 ? own !== undefined : own?.length !== 2 * Number(row.n_postcodes)) {
            throw new Error(`${at}: the exceptions in ${row.pfa_code} do not match its ${row.n_postcodes} postcodes in the sector table`);
          }
        }
        return `${index.get(row.pfa_code!)}*${row.n_postcodes}${own === undefined ? '' : `=${own}`}`;
      });
      return `${at}:${rows.join(',')}`;
    });

  const districts = areaLines(groupAreas(districtRows, 'outcode', 'n_postcodes_outcode'), false);
  const sectors = areaLines(groupAreas(sectorRows, 'sector', 'n_postcodes_sector'), true);
  if (units.size > 0) throw new Error(`Exceptions in sectors the sector table lacks: ${[...units.keys()].slice(0, 5).join(', ')}`);

  const lines = (records: string[]) => `\`\n${records.join('\n')}\n\``;
  return `/*! Contains OS data © Crown copyright and database right 2025. Contains Royal Mail data © Royal
 * Mail copyright and database right 2025. Contains National Statistics data © Crown copyright and
 * database right 2025. Source: Office for National Statistics licensed under the Open Government
 * Licence v3.0. */
// (A legal comment: esbuild keeps it in every bundle that holds these tables.)

/**
 * GENERATED by scripts/build-postcode-tables.ts from ${Object.values(CSV_FILES).map((file) => `data/${file}`).join(', ')}.
 * Do not edit: change the CSVs and run \`npm run postcodes\`.
 * test/unit/postcode-tables.test.ts proves this module and the CSVs agree row by row.
 * Sources and licence: data/README.md.
 *
 * One record a line; functions/domain/postcodes.ts reads a line when it is asked for it:
 *   pfaCodes   ONS police force area codes; the tables name a force by its index here
 *   districts  HR3:15*227,44*207   a district and its forces, largest share first (the CSV's
 *                                  order), each with its number of postcodes there
 *              AB10:40             a district wholly in one force
 *   sectors    the same for the sectors of straddling districts, where a force other than the
 *              first carries its postcodes there, the exceptions, as two-letter units:
 *              HR3 6:15*175,44*11=BWEXEYHAHLHNJJJUJWJXJY   (HR3 6BW … HR3 6JY are in force 44)
 */
export const POSTCODE_TABLES = {
  pfaCodes: [${pfaCodes.map((code) => `'${code}'`).join(', ')}],
  districts: ${lines(districts)},
  sectors: ${lines(sectors)},
} as const;
`;
};

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const text = postcodeTablesModule();
  writeFileSync(GENERATED_MODULE, text);
  console.log(`Wrote ${path.relative(PROJECT_ROOT, GENERATED_MODULE)} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KB)`);
}
