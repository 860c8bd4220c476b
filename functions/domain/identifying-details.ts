/**
 * Details in a report's free text that could identify the person who wrote it: e-mail addresses,
 * phone numbers, postcodes, links, vehicle registrations, and phrases in which the reporter names
 * or describes themselves ("my name is Jo Bloggs", "I am his wife", "I live at 12 Acacia Avenue").
 *
 * The contact-centre analyst sees these highlighted and decides what to redact before the report
 * goes to a force; nothing here removes anything. A missed detail can put a reporter in front of
 * the officer they reported, while a needless highlight costs the analyst a glance, so where a
 * pattern is a real identifier as often as not it is flagged. Patterns that are mostly something
 * else (dates, times, money, collar numbers, road names) are left alone, and the short, ambiguous
 * shapes of vehicle registration are flagged only where the text is talking about a vehicle.
 *
 * No pattern can match the same characters in two ways, each can start only where a word or
 * token starts, and the steps that follow a match look a bounded distance ahead, so the time taken
 * grows in step with the length of the text, whatever it holds (a 10,000-character report built to
 * make patterns backtrack takes milliseconds).
 */

export type IdentifyingKind = 'email' | 'phone' | 'postcode' | 'url' | 'vehicle_registration' | 'self_identification';

export interface IdentifyingDetail {
  readonly kind: IdentifyingKind;
  /** UTF-16 index, inclusive. */
  readonly start: number;
  /** UTF-16 index, exclusive; text.slice(start, end) === detail.text. */
  readonly end: number;
  readonly text: string;
}

interface Candidate {
  readonly kind: IdentifyingKind;
  readonly start: number;
  readonly end: number;
}

/**
 * Every identifying detail in the text, sorted by start and never overlapping: where two
 * candidates overlap the longer is kept, then the earlier.
 */
export const findIdentifyingDetails = (text: string): IdentifyingDetail[] =>
  keepLongest([
    ...emails(text),
    ...urls(text),
    ...phones(text),
    ...postcodes(text),
    ...vehicleRegistrations(text),
    ...selfIdentifications(text),
  ]).map(({ kind, start, end }) => ({ kind, start, end, text: text.slice(start, end) }));

const keepLongest = (candidates: readonly Candidate[]): Candidate[] => {
  const ranked = candidates
    .filter((c) => c.end > c.start)
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Candidate[] = []; // sorted by start, disjoint
  for (const candidate of ranked) {
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (kept[middle]!.start < candidate.start) low = middle + 1;
      else high = middle;
    }
    const before = kept[low - 1];
    const after = kept[low];
    if (before !== undefined && before.end > candidate.start) continue;
    if (after !== undefined && after.start < candidate.end) continue;
    kept.splice(low, 0, candidate);
  }
  return kept;
};

const isWordCharacterAt = (text: string, index: number): boolean => /^[\p{L}\p{N}_]/u.test(text.slice(index, index + 2));

// ─── e-mail ──────────────────────────────────────────────────────────────────────────────────────

/** A top-level domain is letters only: it keeps "jo@10.0.0.1" and version numbers out. */
const TOP_LEVEL_DOMAIN = /\.[a-z]{2,63}$/i;

const EMAIL = /(?<![\w.%+-])[\w.%+-]+@[a-z\d-]+(?:\.[a-z\d-]+)+/giu;

const emails = (text: string): Candidate[] => {
  const found: Candidate[] = [];
  for (const match of text.matchAll(EMAIL)) {
    const at = match[0].indexOf('@');
    const local = match[0].slice(0, at);
    const leadingDots = local.length - local.replace(/^\.+/, '').length;
    if (leadingDots === local.length || local.endsWith('.')) continue;
    if (!TOP_LEVEL_DOMAIN.test(match[0].slice(at + 1))) continue;
    found.push({ kind: 'email', start: match.index + leadingDots, end: match.index + match[0].length });
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

const urls = (text: string): Candidate[] => {
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
 * bracketed part such as (0) or (212)), a bracketed area code such as (020), or 0 and at least two
 * more digits. Single separators only, so "07700 900123. 5 of them" stops at the full stop. The
 * look-behind keeps out the middle of dates (2024-01-31, 31.01.2024), money and other numbers.
 */
const PHONE_RUN = new RegExp(
  String.raw`(?<![\p{L}\p{N}_£$€¥./+\-])` +
    String.raw`(?:\+\d+(?:${SEPARATOR}?\(\d{1,5}\)${SEPARATOR}?\d+)?|\(0\d{2,5}\)${SEPARATOR}?\d+|0\d{2,})` +
    String.raw`(?:${SEPARATOR}\d+)*`,
  'gu',
);
/** How a number may start inside a run, after a space: "call 0161 or 020 7946 0000". */
const PHONE_START = /^(?:\+\d|\(0\d{2,5}\)|0\d{2})/u;
const MAX_PHONE_GROUPS = 8;
/** 15 digits (the most E.164 allows) with a 00 in front and a (0) inside. */
const MAX_PHONE_DIGITS = 18;

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

const phones = (text: string): Candidate[] =>
  [...text.matchAll(PHONE_RUN)].flatMap((match) =>
    phonesInRun(match[0], isWordCharacterAt(text, match.index + match[0].length)).map(([start, end]) => ({
      kind: 'phone' as const,
      start: match.index + start,
      end: match.index + end,
    })),
  );

// ─── postcodes ───────────────────────────────────────────────────────────────────────────────────

/**
 * Full postcodes only, in the shapes Royal Mail issues (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA,
 * AA99 9AA, AA9A 9AA, and GIR 0AA), any case, with or without the space. A district alone ("HR3")
 * is shared by thousands of homes and is left alone.
 */
const POSTCODE =
  /(?<![\p{L}\p{N}_-])(?:GIR[ \u00a0]?0AA|[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRVWXY\d]?)[ \u00a0]?\d[ABD-HJLNP-UW-Z]{2})(?![\p{L}\p{N}_-])/giu;

const postcodes = (text: string): Candidate[] =>
  [...text.matchAll(POSTCODE)].map((match) => ({ kind: 'postcode', start: match.index, end: match.index + match[0].length }));

// ─── vehicle registrations ───────────────────────────────────────────────────────────────────────

/** Current plates since 2001 (AB12 CDE), any case: the shape is too particular to be anything else. */
const CURRENT_PLATE = /(?<![\p{L}\p{N}_-])[A-HJ-PR-Y]{2}\d{2}[ \u00a0]?[A-HJ-PR-Z]{3}(?![\p{L}\p{N}_-])/giu;
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
 * and units (10 PM, 30 MPH), ordinals, car makes and models (BMW 320, Volvo XC90), and the like.
 */
const NOT_PLATE_LETTERS = new Set(
  [
    'PC', 'DC', 'PS', 'DS', 'DI', 'DCI', 'DCS', 'CI', 'CS', 'SC', 'SGT', 'INS', 'SUP', 'CH',
    'AM', 'PM', 'MPH', 'KPH', 'KM', 'KG', 'CM', 'MM', 'MG', 'ML', 'GMT', 'BST', 'UTC', 'HRS', 'HR', 'MIN', 'MTH', 'YRS', 'YR',
    'ST', 'ND', 'RD', 'TH', 'NO', 'UK', 'TV', 'NHS', 'MOT', 'GP', 'ID', 'CAR', 'VAN', 'REG', 'CAB', 'BUS',
    'BMW', 'VW', 'AMG', 'RS', 'GT', 'GTI', 'GTD', 'GTE', 'TDI', 'TSI', 'TT', 'SL', 'SLK', 'SLC', 'CLA', 'CLK', 'CLS', 'GLA',
    'GLB', 'GLC', 'GLE', 'GLS', 'XF', 'XE', 'XJ', 'XK', 'XC', 'CX', 'RX', 'MX', 'EV', 'DB',
  ],
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

const vehicleRegistrations = (text: string): Candidate[] => {
  const found: Candidate[] = [];
  for (const pattern of [CURRENT_PLATE, PREFIX_PLATE, SUFFIX_PLATE]) {
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

// ─── the reporter describing themselves ─────────────────────────────────────────────────────────

/** "I", "I'm", "Im", "I am", "I was", "I used to", "I also"…, in any case. */
const SPEAKER = String.raw`\bi(?:['’]?m|\s+am|\s+was|\s+used\s+to|\s+also|\s+currently|\s+still|\s+now)?`;

const RELATIVE = String.raw`(?:ex[\s-]?|former\s+|step[\s-]?|half[\s-]?)?(?:wife|husband|partner|spouse|line\s+manager|supervisor|employer|teacher|girlfriend|boyfriend|fianc[eé]e?|daughter|son|child|mother|father|mum|mom|dad|parent|sister|brother|sibling|cousin|aunt|auntie|uncle|niece|nephew|granddaughter|grandson|grandmother|grandfather|grandma|grandad|granddad|nan|neighbour|neighbor|colleague|co-?worker|workmate|flatmate|housemate|lodger|landlord|landlady|tenant|manager|boss|carer|best\s+friend|friend|ex)`;

/** "I am his wife", "I'm her ex-partner", "I am a colleague of his", "I was married to him". */
const RELATIONSHIP = new RegExp(
  String.raw`\bi(?:\s+am|\s+was|['’]?m)\s+(?:` +
    String.raw`(?:his|her|their|the\s+officer['’]s|the\s+officers['’])\s+${RELATIVE}` +
    String.raw`|(?:a|an|the)\s+${RELATIVE}\s+of\s+(?:his|hers|theirs|him|her|the\s+officer)` +
    String.raw`|one\s+of\s+(?:his|her|their|the\s+officer['’]s)\s+${RELATIVE}s` +
    String.raw`|(?:married|engaged)\s+to\s+(?:him|her|them|the\s+officer)` +
    String.raw`|(?:in\s+a\s+relationship\s+with|dating|seeing)\s+(?:him|her|them|the\s+officer)` +
    String.raw`)(?![\p{L}\p{N}])` +
    String.raw`|${SPEAKER}\s+(?:live|lived|living)\s+with\s+(?:him|her|them|the\s+officer)(?![\p{L}\p{N}])`,
  'giu',
);

const WORKPLACE = new RegExp(String.raw`${SPEAKER}\s+(?:work(?:ed|ing)?\s+(?:at|for)|employed\s+(?:by|at))(?![\p{L}\p{N}])`, 'giu');
/** "I'm a nurse at St Thomas'", "I am a cleaner for the Met": a job at a named place. */
const JOB = /\bi(?:['’]?m|\s+am|\s+was)\s+an?\s+[\p{L}-]+\s+(?:at|for)(?![\p{L}\p{N}])/giu;
const NAMED_PLACE_FOLLOWS = /[ \t]+(?:the[ \t]+)?(?:\p{Lu}|\p{N})/uy;

/**
 * "I live at …", "I live next door to …", "I live opposite …"; "on" and "in" only before a number,
 * a capital or "the same", so "I live in fear" and "I live on my own" are not addresses.
 */
const HOME = new RegExp(
  String.raw`${SPEAKER}\s+(?:live|lived|living|stay|staying)\s+(?:(at|next\s+door(?:\s+to)?|opposite|above|below|across\s+the\s+(?:road|street|hall|landing)\s+from)|(on|in))(?![\p{L}\p{N}])`,
  'giu',
);
const PLACE_FOLLOWS = /[ \t]+(?:\p{Lu}|\p{N}|the\s+same\b)/uy;

const NAME_INTRODUCTION = /\b(?:(my\s+name\s+is|my\s+name['’]s)|i(?:\s+am|['’]?m)\s+called)[ \t]+/giu;
const CAPITALISED_WORD = /\p{Lu}[\p{L}\p{M}'’-]*/uy;
const ANY_WORD = /[\p{L}\p{M}'’-]+/uy;
const NAME_PARTICLE = /(?:de|da|di|du|del|della|van|von|der|den|le|la|bin|binti|al|el|ap) /uy;
const I_WORD = /^I(?:['’](?:m|ve|d|ll))?$/u;
const MAX_NAME_WORDS = 4;
/**
 * Words after "my name is" that say there is no name to find: "my name is not important" is
 * not flagged, nor "my name is on the tenancy".
 */
const NOT_A_NAME = new Set([
  'not', 'irrelevant', 'unimportant', 'withheld', 'private', 'confidential', 'anonymous', 'unknown', 'secret', 'hidden',
  'redacted', 'protected', 'none', 'nothing', 'on', 'in', 'at', 'the', 'a', 'an', 'and', 'or', 'also', 'still', 'being',
  'known', 'listed', 'written', 'mentioned', 'used', 'given', 'there', 'here', 'important', 'no',
]);

const stickyMatch = (pattern: RegExp, text: string, at: number): string | undefined => {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
};

/** Words that end a lower-case name rather than continue it: "my name is jo but he calls me…". */
const NOT_A_SURNAME = new Set([
  ...NOT_A_NAME, 'but', 'i', 'im', 'i’m', "i'm", 'so', 'because', 'he', 'she', 'they', 'it', 'is', 'was', 'who', 'from', 'to',
  'of', 'for', 'with', 'by', 'my', 'his', 'her', 'their', 'we', 'you', 'if', 'as', 'when', 'then', 'though', 'and',
]);

/**
 * Whether a word ends where the token it is in ends, so that "jo" in "jo@example.com" or
 * "jo.bloggs" is not taken for a name.
 */
const endsToken = (text: string, end: number): boolean =>
  /^(?:$|\s|[.,;:!?)"”’'\]]+(?:$|[^\p{L}\p{N}_@/]))/u.test(text.slice(end, end + 8));

const nameWord = (pattern: RegExp, text: string, at: number): string | undefined => {
  const word = stickyMatch(pattern, text, at)?.replace(/['’-]+$/u, '');
  return word && endsToken(text, at + word.length) ? word : undefined;
};

/**
 * Where the name after "my name is" ends: up to four capitalised words, with particles between
 * them (Maria de Souza). Failing a capital, after "my name is" only, up to two words (people type
 * "my name is jo bloggs"), unless the first says there is no name ("my name is not important").
 */
const nameEnd = (text: string, from: number, lowerCaseAllowed: boolean): number | undefined => {
  let end: number | undefined;
  let at = from;
  for (let words = 0; words < MAX_NAME_WORDS; words++) {
    const particle = words > 0 ? stickyMatch(NAME_PARTICLE, text, at) : undefined;
    const word = nameWord(CAPITALISED_WORD, text, at + (particle?.length ?? 0));
    if (word === undefined || I_WORD.test(word)) break;
    if (words === 0 && NOT_A_NAME.has(word.toLowerCase())) return undefined;
    end = at + (particle?.length ?? 0) + word.length;
    if (text[end] !== ' ') break;
    at = end + 1;
  }
  if (end !== undefined || !lowerCaseAllowed) return end;
  const first = nameWord(ANY_WORD, text, from);
  if (!first || NOT_A_NAME.has(first.toLowerCase())) return undefined;
  end = from + first.length;
  const second = text[end] === ' ' ? nameWord(ANY_WORD, text, end + 1) : undefined;
  return second && !NOT_A_SURNAME.has(second.toLowerCase()) ? end + 1 + second.length : end;
};

const MAX_CLAUSE = 100;
const CONJUNCTION = /\s+(?:and|but|because|so|where|when|which|who|while|whilst|since|until|with|although|though|then|if|as)\s+(?:\p{Ll}|I\b)/uy;

/**
 * Where the clause that names a workplace or an address ends: at the end of the sentence, a comma
 * followed by lower case (", which"), or a conjunction starting something new (" and I", " with
 * my kids"), and never more than 100 characters on; commas before capitals (", Leeds, LS1 4AB")
 * and names with "and" in them (Marks and Spencer) stay in.
 */
const clauseEnd = (text: string, from: number): number => {
  const limit = Math.min(text.length, from + MAX_CLAUSE);
  let end = from;
  for (; end < limit; end++) {
    const c = text[end]!;
    if ('!?;\n\r'.includes(c) || (c === '.' && /^(?:\s|$)/u.test(text.slice(end + 1, end + 2)))) break;
    if (c === ',' && /^,\s{0,3}\p{Ll}/u.test(text.slice(end, end + 5))) break;
    if (/\s/u.test(c) && CONJUNCTION.test(text.slice(end, end + 20))) break;
  }
  if (end === limit && limit < text.length) {
    const lastSpace = text.slice(from, limit).search(/\s\S*$/u);
    if (lastSpace > 0) end = from + lastSpace;
  }
  while (end > from && /[\s,:"”(\-–]/u.test(text[end - 1]!)) end--;
  if (end > from && /[\ud800-\udbff]/.test(text[end - 1]!)) end--;
  return end;
};

const selfIdentifications = (text: string): Candidate[] => {
  const found: Candidate[] = [];
  for (const match of text.matchAll(NAME_INTRODUCTION)) {
    const end = nameEnd(text, match.index + match[0].length, match[1] !== undefined);
    if (end !== undefined) found.push({ kind: 'self_identification', start: match.index, end });
  }
  for (const match of text.matchAll(RELATIONSHIP)) {
    found.push({ kind: 'self_identification', start: match.index, end: match.index + match[0].length });
  }
  for (const match of text.matchAll(WORKPLACE)) {
    found.push({ kind: 'self_identification', start: match.index, end: clauseEnd(text, match.index + match[0].length) });
  }
  for (const match of text.matchAll(JOB)) {
    const after = match.index + match[0].length;
    if (stickyMatch(NAMED_PLACE_FOLLOWS, text, after) === undefined) continue;
    found.push({ kind: 'self_identification', start: match.index, end: clauseEnd(text, after) });
  }
  for (const match of text.matchAll(HOME)) {
    const after = match.index + match[0].length;
    if (match[2] !== undefined && stickyMatch(PLACE_FOLLOWS, text, after) === undefined) continue;
    found.push({ kind: 'self_identification', start: match.index, end: clauseEnd(text, after) });
  }
  return found;
};
