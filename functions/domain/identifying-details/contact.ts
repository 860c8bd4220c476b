/**
 * The exact details: e-mail addresses (also spelt out), links, phone numbers (also read out in
 * words), postcodes and vehicle registrations. See ../identifying-details.ts.
 */

import { CONTACT_CENTRE_FREEPHONE, phoneDigits } from '../contact-centre.ts';
import { type Candidate, isWordCharacterAt, words } from './shared.ts';

// ─── e-mail ──────────────────────────────────────────────────────────────────────────────────────

/** A top-level domain is letters only: it keeps "jo@10.0.0.1" and version numbers out. */
const TOP_LEVEL_DOMAIN = /\.[a-z]{2,63}$/i;

/** Apostrophes are allowed in the part before the @ ("o'brien@gmail.com"), as the standard allows. */
const EMAIL = /(?<![\w.%+'’-])[\w.%+'’-]+@[a-z\d-]+(?:\.[a-z\d-]+)+/giu;

export const emails = (text: string): Candidate[] => {
  const found: Candidate[] = [];
  for (const match of text.matchAll(EMAIL)) {
    const at = match[0].indexOf('@');
    const local = match[0].slice(0, at);
    const leading = local.length - local.replace(/^[.'’]+/u, '').length;
    if (leading === local.length || local.endsWith('.')) continue;
    if (!TOP_LEVEL_DOMAIN.test(match[0].slice(at + 1))) continue;
    found.push({ kind: 'email', start: match.index + leading, end: match.index + match[0].length });
  }
  return found;
};

/**
 * Addresses written so a machine would not read them: "jo at hotmail dot co dot uk", "jo dot
 * bloggs at gmail dot com", "jade(at)outlook(dot)com", "jo.bloggs @ gmail.com". Only with a
 * familiar ending (com, co uk, org…), so that "I was at home. Then" is not an address. The parts
 * of a name and the separators between them share no character, so there is one way to read each.
 */
const ADDRESS_PART = String.raw`[\p{L}\p{N}_'’+\-]{1,64}`;
const SPOKEN_DOT = String.raw`(?:\.|[ \t]+dot[ \t]+|[ \t]*[(\[][ \t]*dot[ \t]*[)\]][ \t]*)`;
/** "tanya underscore briggs": a joining character said as a word, between parts of the name. */
const SPOKEN_JOIN = String.raw`(?:${SPOKEN_DOT}|[ \t]+(?:underscore|dash|hyphen)[ \t]+)`;
const SPOKEN_AT = String.raw`(?:[ \t]*@[ \t]*|[ \t]+at[ \t]+|[ \t]*[(\[][ \t]*at[ \t]*[)\]][ \t]*)`;
const FAMILIAR_ENDING = String.raw`(?:com|co|uk|org|net|gov|ac|ie|me|io|info|biz|eu|de|fr|es|it|pl|ro|nl|pt|lt|lv|scot|wales|cymru|email|online|us|ca|au)`;
const SPOKEN_EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}_'’+.@\-])${ADDRESS_PART}(?:${SPOKEN_JOIN}${ADDRESS_PART}){0,5}${SPOKEN_AT}` +
    String.raw`[a-z\d\-]{1,63}(?:${SPOKEN_DOT}[a-z\d\-]{1,63}){0,4}${SPOKEN_DOT}${FAMILIAR_ENDING}(?![\p{L}\p{N}_\-])`,
  'giu',
);
/** Words that are the sentence, not a name, before " at ": "email me at gmail dot com" is not an address. */
const NOT_A_MAILBOX = words('me him her us them you i he she we they it was were is am are be been home work there here and or but email mail contact reach get text message');

export const spokenEmails = (text: string): Candidate[] => {
  const found: Candidate[] = [];
  for (const match of text.matchAll(SPOKEN_EMAIL)) {
    const written = match[0];
    const first = /^[\p{L}\p{N}_'’+\-]+/u.exec(written)![0];
    const plainlyAt = /^[\p{L}\p{N}_'’+\-]+[ \t]+at[ \t]/iu.test(written);
    if (plainlyAt && NOT_A_MAILBOX.has(first.toLowerCase())) continue;
    found.push({ kind: 'email', start: match.index, end: match.index + written.length });
  }
  return found;
};

// ─── links ───────────────────────────────────────────────────────────────────────────────────────

const HTTP_URL = /(?<![\p{L}\p{N}_])https?:\/\/[^\s<>"]+/giu;
const WWW_URL = /(?<![\p{L}\p{N}_.@/:-])www\.[a-z\d-]+(?:\.[a-z\d-]+)+(?:[/?#][^\s<>"]*)?/giu;
/** A bare domain only with a path (facebook.com/jo.bloggs): without one, "end.Next" is a typo. */
const BARE_URL = /(?<![\p{L}\p{N}_.@/:-])[a-z\d-]+(?:\.[a-z\d-]+)+\/[^\s<>"]*/giu;

/** The length of a link without the punctuation of the sentence around it. */
const linkLength = (link: string): number => {
  let end = link.length;
  let unclosed = 0;
  for (const c of link) unclosed += c === '(' ? 1 : c === ')' ? -1 : 0;
  while (end > 0) {
    const last = link[end - 1]!;
    if (last === ')' && unclosed < 0) unclosed += 1;
    else if (!'.,;:!?\'"’”]}>*'.includes(last)) break;
    end -= 1;
  }
  return end;
};

export const urls = (text: string): Candidate[] => {
  const found: Candidate[] = [];
  for (const match of text.matchAll(HTTP_URL)) {
    const length = linkLength(match[0]);
    if (/^https?:\/\/[^/?#]*[\p{L}\p{N}]/iu.test(match[0].slice(0, length))) {
      found.push({ kind: 'url', start: match.index, end: match.index + length });
    }
  }
  for (const pattern of [WWW_URL, BARE_URL]) {
    for (const match of text.matchAll(pattern)) {
      const length = linkLength(match[0]);
      const host = match[0].slice(0, length).split(/[/?#]/)[0]!;
      if (TOP_LEVEL_DOMAIN.test(host)) found.push({ kind: 'url', start: match.index, end: match.index + length });
    }
  }
  return found;
};

// ─── phone numbers ───────────────────────────────────────────────────────────────────────────────

const SEPARATOR = String.raw`[ \u00a0.\-]`;

/**
 * A run of digit groups that starts like a phone number: + and a country code (with an optional
 * bracketed part such as (0) or (212)), a bracketed area code such as (020), 0 and at least two
 * more digits, or a 0 standing apart before four digits ("0 7700 900123"). Single separators
 * only, so "07700 900123. 5 of them" stops at the full stop. The look-behind keeps out the middle
 * of dates (2024-01-31, 31.01.2024), money and other numbers.
 */
const PHONE_RUN = new RegExp(
  String.raw`(?<![\p{L}\p{N}_£$€¥./+\-])` +
    String.raw`(?:(?:\+|00(?=\d{1,3}${SEPARATOR}?\())\d+(?:${SEPARATOR}?\(\d{1,5}\)${SEPARATOR}?\d+)?|\(0\d{2,5}\)${SEPARATOR}?\d+|0(?:\d{2,}|(?=${SEPARATOR}\d{4})))` +
    String.raw`(?:${SEPARATOR}\d+)*`,
  'gu',
);
/** How a number may start inside a run, after a space: "call 0161 or 020 7946 0000". */
const PHONE_START = /^(?:\+\d|\(0\d{2,5}\)|0\d{2}|0[ \u00a0.\-]\d{4})/u;
const MAX_PHONE_GROUPS = 8;
/** 15 digits (the most E.164 allows) with a 00 in front and a (0) inside. */
const MAX_PHONE_DIGITS = 18;
/** An extension written after the number: "ext. 214", "extension 22", "x 31", "(ext 5)". */
const EXTENSION = /[ \u00a0]*,?[ \u00a0]*(\()?(?:ext(?:ension|n)?\.?|x)[ \u00a0]*[.:#]?[ \u00a0]*\d{1,6}(?![\p{L}\p{N}_])(\))?/iuy;

/**
 * Whether a run of digits is a phone number: a UK number of 10 or 11 digits whose area code
 * starts 01, 02, 03, 05, 07, 08 or 09; +44 or 0044 and 9 or 10 more (a stray 0 after +44 is
 * forgiven); or any other + or 00 number of 8 to 15 digits.
 */
const isPhoneNumber = (written: string): boolean => {
  if (written.startsWith('+') || written.startsWith('00')) {
    const digits = written.replace(/\(0\)/, '').replace(/\D/g, '').slice(written.startsWith('00') ? 2 : 0);
    if (digits.startsWith('44')) return /^[1235789]\d{8,9}$/.test(digits.slice(2).replace(/^0/, ''));
    return /^[1-9]\d{7,14}$/.test(digits);
  }
  return /^0[1235789]\d{8,9}$/.test(written.replace(/\D/g, ''));
};

/**
 * The phone numbers in one run of digit groups: "07700 900123 24 hours" is one number and a stray
 * 24, "07700 900123 01632 960000" is two. Where a run can be read more than one way ("0161 020 7946
 * 0000" holds both "0161 020 7946" and "020 7946 0000"), the highlight covers every reading, so no
 * part of the real number is left showing.
 */
const phonesInRun = (run: string, gluedToWord: boolean): Array<readonly [start: number, end: number]> => {
  const groups = [...run.matchAll(/\d+/g)].map((g) => ({ start: g.index, end: g.index + g[0].length }));
  // Digits running straight into letters (07700900123abc) are some other code.
  const lastEnding = gluedToWord ? groups.length - 2 : groups.length - 1;
  const numbers: Array<[number, number]> = [];
  for (let i = 0; i < groups.length; i++) {
    const at = groups[i]!.start;
    const start =
      i === 0 ? 0
      : /[ \u00a0]/u.test(run[at - 1]!) ? at
      : run[at - 1] === '(' && /[ \u00a0]/u.test(run[at - 2] ?? '') ? at - 1
      : undefined;
    if (start === undefined || !PHONE_START.test(run.slice(start, start + 8))) continue;
    let digits = 0;
    for (let j = i; j <= lastEnding && j < i + MAX_PHONE_GROUPS; j++) {
      digits += groups[j]!.end - groups[j]!.start;
      if (digits > MAX_PHONE_DIGITS) break;
      if (!isPhoneNumber(run.slice(start, groups[j]!.end))) continue;
      const last = numbers.at(-1);
      if (last !== undefined && start < last[1]) last[1] = Math.max(last[1], groups[j]!.end);
      else numbers.push([start, groups[j]!.end]);
    }
  }
  return numbers;
};

/** Where a number ends, with its extension if one follows. */
const withExtension = (text: string, end: number): number => {
  EXTENSION.lastIndex = end;
  const match = EXTENSION.exec(text);
  if (match === null) return end;
  // A closing bracket belongs to the extension only if it opened one: "(ext 5)", not "ext 5)".
  return end + match[0].length - (match[2] !== undefined && match[1] === undefined ? 1 : 0);
};

/** A number typed a digit at a time, "0 7 7 0 0 9 0 0 4 4 4": 0 and nine or ten more single digits. */
const SPACED_PHONE = /(?<![\p{L}\p{N}_£$€.\/+\-][ ]?)(?:0|\+[ ]?4[ ]?4)(?:[ ]\d){9,10}(?![ ]?[\p{L}\p{N}_])/gu;

/** A digit said as a word, or two or three of them: "oh", "seven", "double oh", "triple nine". */
const SPOKEN_DIGIT = String.raw`(?:(?:double|triple)[ \t]+)?(?:oh|o|zero|nought|one|two|three|four|five|six|seven|eight|nine)`;
/**
 * A number read out a word at a time: "oh seven seven double oh, nine double oh, three four two".
 * It must start with a nought and come to 10 or 11 digits; the words and the single commas or
 * spaces between them share no character, so there is one way to read it.
 */
const SPOKEN_PHONE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:oh|zero|nought)(?:(?:[ \t]{0,3},[ \t]{0,3}|[ \t]{1,3})${SPOKEN_DIGIT}){6,13}(?![\p{L}\p{N}])`,
  'giu',
);
const DIGIT_WORDS: Readonly<Record<string, string>> = {
  oh: '0', o: '0', zero: '0', nought: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
};
const spokenDigits = (said: string): string =>
  [...said.toLowerCase().matchAll(/(?:(double|triple)[ \t]+)?([a-z]+)/gu)]
    .map((m) => (DIGIT_WORDS[m[2]!] ?? '').repeat(m[1] === 'triple' ? 3 : m[1] === 'double' ? 2 : 1))
    .join('');

/**
 * Public helplines, the service's own freephone and emergency numbers: they are in a report
 * because someone was told to call them, and they are nobody's own.
 */
const PUBLIC_NUMBERS = new Set([
  '0800555111', // Crimestoppers
  '116123', // Samaritans
  '08082000247', // National Domestic Abuse Helpline
  phoneDigits(CONTACT_CENTRE_FREEPHONE), // this service's freephone
  '101', '999', '111', '112',
]);
export const isPublicNumber = (text: string, detail: Candidate): boolean => PUBLIC_NUMBERS.has(text.slice(detail.start, detail.end).replace(/\D/gu, ''));

export const phones = (text: string): Candidate[] => [
  ...[...text.matchAll(SPOKEN_PHONE)]
    .filter((match) => isPhoneNumber(spokenDigits(match[0])))
    .map((match) => ({ kind: 'phone' as const, start: match.index, end: match.index + match[0].length })),
  ...[...text.matchAll(PHONE_RUN)].flatMap((match) =>
    phonesInRun(match[0], isWordCharacterAt(text, match.index + match[0].length)).map(([start, end]) => ({
      kind: 'phone' as const,
      start: match.index + start,
      end: withExtension(text, match.index + end),
    })),
  ),
  ...[...text.matchAll(SPACED_PHONE)]
    .filter((match) => isPhoneNumber(match[0]))
    .map((match) => ({ kind: 'phone' as const, start: match.index, end: match.index + match[0].length })),
];

// ─── postcodes ───────────────────────────────────────────────────────────────────────────────────

/**
 * Full postcodes only, in the shapes Royal Mail issues (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA,
 * AA99 9AA, AA9A 9AA, and GIR 0AA), any case, with no space or up to three ("LE4   6PW"). A district alone ("HR3")
 * is shared by thousands of homes and is left alone.
 */
const POSTCODE =
  /(?<![\p{L}\p{N}_-])(?:GIR[ \u00a0]{0,2}0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRVWXY\d]?)[ \u00a0]{0,3}\d[ABD-HJLNP-UW-Z]{2})(?![\p{L}\p{N}_-])/giu;

export const postcodes = (text: string): Candidate[] =>
  [...text.matchAll(POSTCODE)].map((match) => ({ kind: 'postcode', start: match.index, end: match.index + match[0].length }));

// ─── vehicle registrations ───────────────────────────────────────────────────────────────────────

/**
 * Current plates since 2001 (AB12 CDE), in capitals or all in lower case: the shape is too
 * particular to be anything else, unless the case is mixed or the last letters are a word ("XC90
 * and", "VOLVO XC90 AND", a model and the next word).
 */
const CURRENT_PLATE = /(?<![\p{L}\p{N}_-])[A-HJ-PR-Y]{2}\d{2}[ \u00a0]?[A-HJ-PR-Z]{3}(?![\p{L}\p{N}_-])/giu;
const NOT_PLATE_ENDINGS = words(
  'and the for was has had his her him are but not you all any can did got get its let may now off our out own saw say see she ' +
    'too two who why yes yet way day man men car van bus cab job mum dad son new old big bad few how put ran run sat set top end',
);
/**
 * Prefix (A123 BCD, 1983–2001) and suffix (ABC 123D, 1963–1983) plates, in capitals only: in
 * lower case they are ordinary prose ("the a1 and", "was 2a").
 */
const PREFIX_PLATE = /(?<![\p{L}\p{N}_-])[A-HJ-NPR-TV-Y]\d{1,3}[ \u00a0]?[A-HJ-PR-Y]{3}(?![\p{L}\p{N}_-])/gu;
const SUFFIX_PLATE = /(?<![\p{L}\p{N}_-])[A-HJ-PR-Y]{3}[ \u00a0]?\d{1,3}[A-HJ-NPR-TV-Y](?![\p{L}\p{N}_-])/gu;
/**
 * Dateless plates (AB 123, 1234 AB): capitals, at least two letters, and only where the text is
 * about a vehicle. A lone letter and digits is nearly always a road (A1, M25) or a model (X5).
 */
const DATELESS_PLATE = /(?<![\p{L}\p{N}_£$€.,/-])(?:([A-Z]{2,3})[ \u00a0]?[1-9]\d{0,3}|[1-9]\d{0,3}[ \u00a0]?([A-Z]{2,3}))(?![\p{L}\p{N}_-])/gu;

/**
 * Letters that make a dateless shape something else: ranks before collar numbers (PC 4521), times
 * and units (10 PM, 30 MPH), ordinals, incident and crime references (CAD 1234, URN, log), car
 * makes and models (BMW 320, Volvo XC90), and the like.
 */
const NOT_PLATE_LETTERS = words(
  'PC DC PS DS DI DCI DCS CI CS SC SGT INS SUP CH ' +
    'AM PM MPH KPH KM KG CM MM MG ML GMT BST UTC HRS HR MIN MTH YRS YR ' +
    'ST ND RD TH NO UK TV NHS MOT GP ID CAR VAN REG CAB BUS ' +
    'IN ON AT TO OF IS IT AS BY UP OR AN MY ME WE HE SO GO DO BE US THE AND FOR WAS ARE BUT NOT YOU ALL HIS HER OFF OUT ' +
    'CAD REF URN LOG CRN OIC NFA DOB TSG CID PSD DPS ARV RPU PNC SOC ASB ABH GBH RTC RTA FPN CPS MET GMP ' +
    'BMW VW AMG RS GT GTI GTD GTE TDI TSI TT SL SLK SLC CLA CLK CLS GLA ' +
    'GLB GLC GLE GLS XF XE XJ XK XC CX RX MX EV DB',
);

/** How close, in characters, a word about vehicles must be for a dateless plate to count. */
const VEHICLE_CONTEXT = 40;

const VEHICLE_WORD =
  /\b(?:cars?|vehicles?|vans?|lorry|lorries|trucks?|taxis?|cabs?|motorbikes?|motorcycles?|mopeds?|bikes?|reg|regs|registrations?|(?:number\s*)?plates?|vrm)\b/giu;
/** Words after which letters and digits are an officer's number, not a plate. */
const POLICE_NUMBER_WORD = /\b(?:collar|shoulder|warrant|badge|epaulettes?|officers?|constable|sergeant|sgt|inspector|pc|dc|ps|ds)\b/giu;

interface Clue {
  readonly start: number;
  readonly end: number;
  readonly aboutVehicle: boolean;
}

/**
 * Whether the clue nearest before a dateless plate (or, failing any within reach, the one nearest
 * after it) is about a vehicle: "the car, reg AB 123" is a plate; "collar number AB123, in his
 * car" is an officer.
 */
const isAboutVehicle = (clues: readonly Clue[], start: number, end: number): boolean => {
  let low = 0;
  let high = clues.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (clues[middle]!.end <= start) low = middle + 1;
    else high = middle;
  }
  const before = clues[low - 1];
  if (before !== undefined && start - before.end <= VEHICLE_CONTEXT) return before.aboutVehicle;
  for (let i = low; i < clues.length; i++) {
    const after = clues[i]!;
    if (after.start >= end) return after.start - end <= VEHICLE_CONTEXT && after.aboutVehicle;
  }
  return false;
};

const isCurrentPlate = (written: string): boolean => {
  const letters = written.replace(/[^\p{L}]/gu, '');
  if (letters !== letters.toUpperCase() && letters !== letters.toLowerCase()) return false;
  return !(/[ \u00a0]/u.test(written) && NOT_PLATE_ENDINGS.has(letters.slice(-3).toLowerCase()));
};

export const vehicleRegistrations = (text: string): Candidate[] => {
  const found: Candidate[] = [];
  for (const match of text.matchAll(CURRENT_PLATE)) {
    if (isCurrentPlate(match[0])) found.push({ kind: 'vehicle_registration', start: match.index, end: match.index + match[0].length });
  }
  for (const pattern of [PREFIX_PLATE, SUFFIX_PLATE]) {
    for (const match of text.matchAll(pattern)) {
      found.push({ kind: 'vehicle_registration', start: match.index, end: match.index + match[0].length });
    }
  }
  const clues: Clue[] = [
    ...[...text.matchAll(VEHICLE_WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, aboutVehicle: true })),
    ...[...text.matchAll(POLICE_NUMBER_WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, aboutVehicle: false })),
  ].sort((a, b) => a.end - b.end);
  if (!clues.some((clue) => clue.aboutVehicle)) return found;
  for (const match of text.matchAll(DATELESS_PLATE)) {
    const letters = match[1] ?? match[2] ?? '';
    const end = match.index + match[0].length;
    if (NOT_PLATE_LETTERS.has(letters) || !isAboutVehicle(clues, match.index, end)) continue;
    found.push({ kind: 'vehicle_registration', start: match.index, end });
  }
  return found;
};
