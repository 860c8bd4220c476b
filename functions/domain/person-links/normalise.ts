/**
 * How the words a reporter writes about an officer become the normalised forms that are matched:
 * names folded for case, accents, punctuation, titles and ranks; collar numbers reduced to their
 * digits; stations to their place name. Pure functions; nothing here is kept.
 */
import { canonicalFirstNames, isKnownFirstName, shortFormInitials } from './nicknames.ts';

/** Letters NFKD does not take apart. */
const LETTERS: Readonly<Record<string, string>> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/**
 * Lower case, accents gone, apostrophes and hyphens inside a word closed up ("O'Brien" is
 * "obrien", "Smith-Jones" is "smithjones"), anything else not a letter or digit a space.
 */
export const fold = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => LETTERS[letter] ?? letter)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/(?<=[a-z])['’`-](?=[a-z])/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * Ranks, titles and the words around them that are not part of a name: "PC", "Det Sgt",
 * "Acting Inspector", "Mr", "officer". Folded, so "Sgt." is "sgt".
 */
const NOT_NAME = new Set([
  // constables and sergeants
  'pc', 'wpc', 'dc', 'tdc', 'pcso', 'sc', 'spc', 'constable', 'con', 'cst', 'ps', 'wps', 'ds', 'tds', 'sgt', 'sgnt', 'serg', 'sarge', 'sergeant', 'sergent', 'seargent', 'sargent',
  // inspectors and above
  'insp', 'inspector', 'di', 'dci', 'ci', 'chief', 'supt', 'superintendent', 'ch', 'dsi', 'dcs', 'cs', 'si',
  'commander', 'cmdr', 'commissioner', 'ac', 'dac', 'cc', 'dcc', 'acc',
  // qualifiers
  'detective', 'det', 'acting', 'temporary', 'temp', 'special', 'police', 'officer', 'staff', 'civilian', 'volunteer', 'response', 'traffic',
  // police staff roles written before a name
  'front', 'counter', 'desk', 'enquiry', 'enquiries', 'custody', 'detention', 'dco', 'clerk', 'call', 'handler', 'controller', 'dispatcher', 'analyst', 'investigator', 'cso',
  // titles
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'sir', 'dame', 'lord', 'lady', 'rev',
  // what people write around a name
  'the', 'called', 'named', 'known', 'as', 'aka', 'no', 'number', 'num', 'unknown', 'dont', 'know', 'not', 'sure', 'i', 'think',
]);

export interface PersonName {
  /** Folded surname, if the name gives one. */
  readonly surname?: string;
  /** The canonical first names the written first name may stand for (nickname table), if given in full. */
  readonly firstNames: readonly string[];
  /** The initials the first name may begin with: the written one's and each canonical name's. */
  readonly initials: readonly string[];
  /** The first name as written, folded, when it is given in full. */
  readonly written?: string;
}

const NO_NAME: PersonName = { firstNames: [], initials: [] };

/**
 * Reads a name as written: "PC Dave Smith", "SMITH, David", "D. Smith", "Sgt Smith",
 * "Smith DS 1234". The last word is the surname (the first, when a comma follows it); the first
 * word, when there are two or more, is the first name, or an initial. One word alone is a first
 * name when the nickname table knows it and no rank came before it, and a surname otherwise.
 */
export const parseName = (writtenAsGiven: string): PersonName => {
  // "A/Sgt", "T/Insp", "D/Sgt": acting, temporary and detective ranks, not an initial.
  const written = writtenAsGiven.replace(/(^|[^a-z])[adt]\s*\/\s*(?=[a-z])/gi, '$1');
  const commaFirst = /^\s*[^,]+,\s*\S/.test(written);
  const parts = (commaFirst ? written.split(',') : [written]).map((part) =>
    fold(part)
      .split(' ')
      .filter((word) => word !== ''),
  );
  const hadRank = parts.some((words) => words.some((word) => NOT_NAME.has(word)));
  const keep = (words: string[]) => words.filter((word) => !NOT_NAME.has(word) && !/\d/.test(word));
  let words: string[];
  if (commaFirst) {
    const [surnamePart = [], ...rest] = parts.map(keep);
    words = [...rest.flat(), ...surnamePart.slice(-1)];
  } else {
    words = keep(parts[0] ?? []);
  }
  if (words.length === 0) return NO_NAME;
  if (words.length === 1) {
    const only = words[0]!;
    if (only.length === 1) return NO_NAME;
    if (!hadRank && isKnownFirstName(only)) return firstNameOnly(only);
    return { surname: only, firstNames: [], initials: [] };
  }
  const surname = words[words.length - 1]!;
  const first = words[0]!;
  if (surname.length === 1) return NO_NAME;
  if (first.length === 1) return { surname, firstNames: [], initials: [first] };
  const firstNames = canonicalFirstNames(first);
  return { surname, firstNames, initials: initialsOf(first, firstNames), written: first };
};

const firstNameOnly = (first: string): PersonName => {
  const firstNames = canonicalFirstNames(first);
  return { firstNames, initials: initialsOf(first, firstNames), written: first };
};

/**
 * The initials a first name may be written with: its own, its canonical names', and those of the
 * canonical names' short forms ("T. Doherty" for Tony, so Anthony; "B. Jones" for Bill, so William).
 */
const initialsOf = (first: string, canonical: readonly string[]): string[] => [
  ...new Set([first[0]!, ...canonical.flatMap((name) => [name[0]!, ...shortFormInitials(name)])]),
];

/**
 * A collar (shoulder, warrant) number reduced to its digits without leading zeros: "MP 1234",
 * "PC1234", "01234" and "1234 CW" are all "1234". Letters before or after are a force's prefix,
 * a rank or a borough code, and say nothing the force and the digits do not. Undefined when there
 * are no digits, or more than one group of them.
 */
export const collarDigits = (written: string): string | undefined => {
  const groups = written.match(/\d+/g);
  if (groups === null || groups.length !== 1) return undefined;
  const digits = groups[0]!.replace(/^0+/, '');
  return digits.length >= 1 && digits.length <= 7 ? digits : undefined;
};

const STATION_WORDS = new Set(['police', 'station', 'stn', 'nick', 'cop', 'shop', 'custody', 'suite', 'the', 'office', 'base', 'front', 'counter', 'desk', 'at', 'in', 'cid', 'response', 'team']);
const STATION_SPELLINGS: Readonly<Record<string, string>> = { saint: 'st', rd: 'road', ln: 'lane', st: 'st', gdns: 'gardens', sq: 'square', n: 'north', s: 'south', e: 'east', w: 'west' };

/**
 * A station reduced to its place: "Brixton Police Station", "brixton nick" and "Brixton" are all
 * "brixton"; "Saint Albans" is "st albans". Undefined when nothing of a place is left.
 */
export const stationPlace = (written: string): string | undefined => {
  const words = fold(written)
    .split(' ')
    .filter((word) => word !== '' && !STATION_WORDS.has(word))
    .map((word) => STATION_SPELLINGS[word] ?? word);
  return words.length === 0 ? undefined : words.join(' ');
};

const SOUNDEX_CODES: Readonly<Record<string, string>> = {
  b: '1', f: '1', p: '1', v: '1',
  c: '2', g: '2', j: '2', k: '2', q: '2', s: '2', x: '2', z: '2',
  d: '3', t: '3', l: '4', m: '5', n: '5', r: '6',
};

/**
 * American Soundex of a folded word (the first letter and three digits: "smith" and "smyth" are
 * both s530), so that a surname misspelt by a vowel or a doubled letter still sounds the same.
 * Only used together with other evidence: many different surnames share a code.
 */
export const soundex = (word: string): string => {
  const letters = word.replace(/[^a-z]/g, '');
  if (letters === '') return '';
  let code = letters[0]!;
  let last = SOUNDEX_CODES[letters[0]!] ?? '';
  for (const letter of letters.slice(1)) {
    const digit = SOUNDEX_CODES[letter] ?? '';
    if (digit !== '' && digit !== last) code += digit;
    // h and w do not separate two letters of the same code; vowels do.
    if (letter !== 'h' && letter !== 'w') last = digit;
    if (code.length === 4) break;
  }
  return code.padEnd(4, '0');
};
