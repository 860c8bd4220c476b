/**
 * Addresses: a house number and street, a flat in a named block, a named house and its street,
 * and "I live at …" to the end of the clause. See ../identifying-details.ts.
 */

import { type Candidate, clauseEnd, FUNCTION_WORDS, GAP, isCapitalised, stickyMatch, words, wordsFrom } from './shared.ts';

// ─── addresses ───────────────────────────────────────────────────────────────────────────────────

/** Words that end a street name: "Street", "Rd", "Crescent", "Cottages", "Business Park"… */
export const STREET_TYPES = words(
  'street st road rd lane ln avenue ave av close cl crescent cres drive dr way place pl court ct gardens gdns grove gr ' +
    'terrace terr tce hill park square sq mews row walk view rise green parade pde vale wynd brae gate cottages estate ' +
    'house tower towers heights buildings mansions yard circus boulevard fold bank meadow meadows croft chase wharf quay ' +
    'approach end field fields side loan causeway path passage precinct drove lodge villas flats broadway hall point ' +
    'gait vennel loaning',
);
/** The street words that are rarely anything else, so a lower-case address counts: "22 kings rd". */
const STRONG_STREET_TYPES = words(
  'street st road rd lane ln avenue ave close crescent cres gardens gdns grove terrace terr tce square sq mews wynd cottages',
);
/** Welsh (and Scots) street words that come first: "Heol y Deri", "Maes y Coed", "Clos y Graig". */
const LEADING_STREET_TYPES = words('heol ffordd stryd lon lôn clos maes bryn cae glan rhodfa plas cwrt llys parc cilgant pentre');
/** Little words inside Welsh street names: "Glan yr Afon", "Heol y Nant". */
const WELSH_PARTICLES = words("y yr 'r ar o dan tan uwch");
/** Single words that are a whole street name: "67 Kingsway", "120 Deansgate". */
const ONE_WORD_STREET = /^\p{Lu}[\p{Ll}]+(?:way|gate|street|road|side|hill|field|bank|wood)$/u;
/** Words after a number that say it is not a house number: "20 minutes walk", "5 officers park". */
const NOT_A_STREET_WORD = words(
  'minute minutes min mins hour hours hr hrs day days week weeks month months year years mile miles yard yards second seconds ' +
    'people officers officer police cops coppers cars lads men women kids times pound pounds quid grand metres feet foot',
);

/**
 * A house or flat number and its street: "12 Bute Crescent", "14b mill st", "56 CHURCH STREET",
 * "11 The Paddock", "4 the Crescent", "7 Heol y Deri", "67 Kingsway", with what goes before it
 * ("flat 4, ", "Flat C, ", "Flat 3/R, ", "Flat 2/1, ", "0/2, ", "2/1 at ", "room 14 at ", "No. "). Only a number standing alone can start one, so
 * times (14:30), money (£250), dates and references are left alone.
 */
const HOUSE_NUMBER = /(?<![\p{L}\p{N}_£$€.,:/#*+@-])\d{1,4}[a-z]?(?:[-–]\d{1,4}[a-z]?)?(?=,?[ \t]+[\p{L}])/giu;
const BEFORE_HOUSE_NUMBER =
  /(?:(?:flat|apartment|apt|unit|room|suite|cottage|house|block|plot|pitch)\.?[ \t]*(?:no\.?[ \t]*)?(?:\d{1,4}[a-z]?|[a-z])(?:\/(?:\d{1,2}|[lr]))?(?:[ \t]*,|[ \t]+at)?[ \t]*(?:[\p{L}'’][\p{L}'’ \-]{1,40},[ \t]*)?|(?<![\p{N}/])\d\/\d(?:[ \t]*,|[ \t]+at)?[ \t]*)?(?:(?:no\.?|number|flat|apartment|apt|unit|cottage)[ \t]*)?$/iu;

const streetEnd = (text: string, numberEnd: number): number | undefined => {
  let at = numberEnd;
  if (text[at] === ',') at++;
  const gap = stickyMatch(GAP, text, at);
  if (gap === undefined) return undefined;
  const after = wordsFrom(text, at + gap.length, 5);
  const first = after[0];
  if (first === undefined) return undefined;
  const lower = (i: number) => after[i]!.word.toLowerCase();
  if (LEADING_STREET_TYPES.has(lower(0)) && isCapitalised(first.word) && after.length > 1) {
    let end = first.end;
    for (let i = 1; i < after.length && i <= 3; i++) {
      const word = after[i]!.word;
      if (!(isCapitalised(word) || WELSH_PARTICLES.has(word.toLowerCase())) || FUNCTION_WORDS.has(word.toLowerCase()) && !WELSH_PARTICLES.has(word.toLowerCase())) break;
      end = after[i]!.end;
    }
    return end > first.end ? end : undefined;
  }
  if ((first.word === 'The' || first.word === 'THE') && after[1] !== undefined && isCapitalised(after[1].word)) return after[1].end;
  if (first.word === 'the' && after[1] !== undefined && isCapitalised(after[1].word) && STREET_TYPES.has(after[1].word.toLowerCase())) return after[1].end;
  if (ONE_WORD_STREET.test(first.word)) return moreStreetTypes(after, 1, first.end);
  for (let k = 1; k < after.length && k <= 3; k++) {
    const type = after[k]!.word;
    if (!STREET_TYPES.has(type.toLowerCase())) continue;
    const typeInLowerCase = type === type.toLowerCase();
    if (typeInLowerCase && !STRONG_STREET_TYPES.has(type)) return undefined;
    for (let i = 0; i < k; i++) {
      const word = after[i]!.word;
      if (FUNCTION_WORDS.has(word.toLowerCase()) || NOT_A_STREET_WORD.has(word.toLowerCase()) || /^\p{N}/u.test(word)) return undefined;
      if (!isCapitalised(word) && !typeInLowerCase) return undefined;
    }
    return moreStreetTypes(after, k + 1, after[k]!.end);
  }
  return undefined;
};

/**
 * A street word may be followed by more, in the same case: "Heath Park Road", "Mill Lane
 * Cottages", "Deansgate Square", "GORSE HILL ROAD".
 */
const moreStreetTypes = (after: readonly { end: number; word: string }[], from: number, end: number): number => {
  for (let i = from; i < after.length && i <= from + 1; i++) {
    const word = after[i]!.word;
    if (!STREET_TYPES.has(word.toLowerCase())) break;
    const previous = after[i - 1]!.word;
    const sameCase = isCapitalised(word) === isCapitalised(previous) && (word === word.toUpperCase()) === (previous === previous.toUpperCase());
    if (!sameCase) break;
    end = after[i]!.end;
  }
  return end;
};

const numberedStreets = (text: string): Candidate[] => {
  const found: Candidate[] = [];
  for (const match of text.matchAll(HOUSE_NUMBER)) {
    const end = streetEnd(text, match.index + match[0].length);
    if (end === undefined) continue;
    const before = BEFORE_HOUSE_NUMBER.exec(text.slice(Math.max(0, match.index - 70), match.index))?.[0] ?? '';
    found.push({ kind: 'address', start: match.index - before.length, end });
  }
  return found;
};

/** A flat in a named block with no street number: "Flat 9, Churchill House", "Unit 3, Riverside Business Park". */
const FLAT_IN_BLOCK = /\b(?:flat|apartment|apt|unit|plot|pitch)\.?[ \t]*(?:no\.?[ \t]*)?\d{1,4}[a-z]?(?:\/\d{1,2})?(?:[ \t]*,[ \t]*|[ \t]+at[ \t]+|[ \t]+)/giu;
/** The block named first, then the flat: "Fairfield House, flat 71, 11th floor". */
const BLOCK_THEN_FLAT =
  /(?<![\p{L}\p{N}])(?:\p{Lu}[\p{Ll}'’]+[ \t]+){1,3}(?:House|Court|Tower|Towers|Mansions|Lodge|Heights|Point|Buildings|Halls?)[ \t]*,[ \t]*(?:[Ff]lat|[Aa]partment|[Rr]oom|[Uu]nit)[ \t]*\d{1,4}[a-z]?(?:[ \t]*,[ \t]*\d{1,2}(?:st|nd|rd|th)[ \t]+floor)?(?![\p{L}\p{N}])/gu;
/**
 * A house with a name, then its street: "The Old Rectory, Mill Lane", "The Vicarage, 2 Church
 * Walk", "Hill Top Farm, Moor Road". Without a street after it a name is as often a pub or a hall.
 */
const NAMED_HOUSE =
  /(?<![\p{L}\p{N}])(?:The[ \t]+)?(?:\p{Lu}[\p{Ll}'’]+[ \t]+){0,3}(?:Farm|Farmhouse|Cottage|Rectory|Vicarage|Manse|Lodge|Barn|Grange|Bungalow|Croft|Mill|Villa)[ \t]*,[ \t]*/gu;

const namedHouses = (text: string): Candidate[] => {
  const found: Candidate[] = [];
  for (const match of text.matchAll(NAMED_HOUSE)) {
    const at = match.index + match[0].length;
    const number = /^\d{1,4}[a-z]?/u.exec(text.slice(at, at + 6));
    let end = number === null ? undefined : streetEnd(text, at + number[0].length);
    if (number === null) {
      const after = wordsFrom(text, at, 4);
      for (let k = 1; k < after.length; k++) {
        if (!after.slice(0, k + 1).every((w) => isCapitalised(w.word))) break;
        if (STREET_TYPES.has(after[k]!.word.toLowerCase())) {
          end = after[k]!.end;
          break;
        }
      }
    }
    if (end !== undefined) found.push({ kind: 'address', start: match.index, end });
  }
  for (const match of text.matchAll(BLOCK_THEN_FLAT)) found.push({ kind: 'address', start: match.index, end: match.index + match[0].length });
  return found;
};

const flatsInBlocks = (text: string): Candidate[] => {
  const found: Candidate[] = [];
  for (const match of text.matchAll(FLAT_IN_BLOCK)) {
    const after = wordsFrom(text, match.index + match[0].length, 5);
    for (let k = 1; k < after.length; k++) {
      if (!after.slice(0, k + 1).every((w) => isCapitalised(w.word))) break;
      if (STREET_TYPES.has(after[k]!.word.toLowerCase())) {
        found.push({ kind: 'address', start: match.index, end: after[k]!.end });
        break;
      }
    }
  }
  return found;
};

/** "I", "I'm", "I am", "we", "we're", "me and the kids"…, in any case. */
const SPEAKER = String.raw`(?:\bi(?:['’]?m|\s+am|\s+was|\s+used\s+to|\s+also|\s+currently|\s+still|\s+now|\s+have|['’]ve)?|\bwe(?:['’]?re|\s+are|\s+were|\s+used\s+to|\s+also|\s+currently|\s+still|\s+now|\s+have|['’]ve)?|\bme\s+and\s+(?:my|the|him|her)(?:\s+[\p{L}]+)?)`;

const WHERE = String.raw`(at|next\s+door(?:\s+(?:to|but\s+one\s+to))?|opposite|above|below|behind|across\s+(?:the\s+(?:road|street|hall|landing|way)\s+)?from|over\s+the\s+road\s+from|(?:just\s+)?(?:a)?round\s+the\s+corner(?:\s+from)?|(?:just\s+)?(?:down|up)\s+the\s+(?:road|street|lane|hill)(?:\s+from)?|a\s+few\s+doors\s+(?:up|down|away)(?:\s+from)?|(?:very\s+)?(?:near|close)(?:\s+to)?|nearby|(?:on|in)\s+the\s+same\s+(?:street|road|estate|close|block|building|village|town|area|flats)(?:\s+as)?)`;

/**
 * "I live at …", "we live above …", "I'm staying at my sister's"; "on" and "in" only before a
 * number, a capital, "the", or a word that is not about how they live ("I live in fear", "I live
 * on my own" are not addresses; "i live in tonypandy" is). A sentence may start at "live".
 */
const HOME = new RegExp(
  String.raw`(?:${SPEAKER}\s+|(?:^|(?<=[.!?\n]\s{0,3})))(?:live|lived|living|stay|stayed|staying|reside|resided|residing)(?:\s+(?:on\s+my\s+own|alone|by\s+myself|now|here))?\s+(?:${WHERE}|(on|in))(?![\p{L}\p{N}])`,
  'giu',
);
const NOT_A_HOME = words(
  'fear hope terror dread constant peace denial squalor poverty misery silence limbo hell my his her their your it this that these ' +
    'those benefits own edge nothing bread hiding shock agony pain case order',
);
const DWELLING_WORDS = /\b(?:flats?|house|home|estate|village|town|street|road|close|bungalow|block|cul-de-sac|caravan|hostel|farm|cottage|maisonette|bedsit|refuge|tower|lane|avenue|crescent|terrace)\b/iu;

/**
 * "my flat is 12 Bute Crescent", "our house on Station Road", "my mams house is 31 Cwm Road",
 * "Address: flat 4, …", "Home address 27a Victoria Road": a home, then a number, a capital or "the".
 */
const HOME_IS = new RegExp(
  String.raw`(?:\b(?:my|our|me\s+and\s+my\s+\p{L}+['’]?s?)\s+(?:[\p{L}]+['’]?s\s+)?(?:home\s+address|address|flat|house|home|place|bungalow|caravan|cottage|farm|digs|maisonette|apartment)|(?:^|(?<=[\n.:]\s{0,3})|\b(?:home|postal|full)\s+)address)` +
    String.raw`(?:\s+(?:is|was|['’]s))?(?:\s+(?:at|on|in))?(?:\s*[:\-–])?(?=[ \t])`,
  'giu',
);
/**
 * What may follow "my flat is": a capital, or a house number that is not a date or a time
 * ("MY MOTHERS HOUSE ON 12/01/24" is not an address), "the" or "flat". Checked without the
 * i flag, under which \p{Lu} matches any letter.
 */
const HOME_FOLLOWS = /[ \t]+(?:\p{Lu}|\p{N}{1,4}[a-zA-Z]?(?![\p{N}/:.])|[Tt]he[ \t]|[Ff]lat[ \t])/uy;

/** "Im in the flats above the Spar on Cowbridge Road", "I'm in a ground floor flat at …". */
const IN_A_HOME = new RegExp(
  String.raw`\b(?:i['’]?m|i\s+am|we['’]?re|we\s+are)\s+(?:in|at)\s+(?:the|a|an)\s+(?:[\p{L}-]+\s+){0,3}?(?:flats?|house|bungalow|block|tower|hostel|refuge|caravan|maisonette|bedsit|b&b)(?![\p{L}\p{N}])`,
  'giu',
);

export const addresses = (text: string): Candidate[] => {
  const found: Candidate[] = [...numberedStreets(text), ...flatsInBlocks(text), ...namedHouses(text)];
  for (const match of text.matchAll(HOME)) {
    const after = match.index + match[0].length;
    if (match[2] !== undefined) {
      const next = wordsFrom(text, after + 1, 1)[0];
      if (next === undefined || text[after] !== ' ') continue;
      const word = next.word.toLowerCase();
      if (NOT_A_HOME.has(word)) continue;
      const end = clauseEnd(text, after);
      if ((word === 'a' || word === 'an') && !/[\p{Lu}\p{N}]/u.test(text.slice(next.end, end)) && !DWELLING_WORDS.test(text.slice(next.end, end))) continue;
      found.push({ kind: 'address', start: match.index, end });
      continue;
    }
    found.push({ kind: 'address', start: match.index, end: clauseEnd(text, after) });
  }
  for (const pattern of [HOME_IS, IN_A_HOME]) {
    for (const match of text.matchAll(pattern)) {
      if (pattern === HOME_IS && stickyMatch(HOME_FOLLOWS, text, match.index + match[0].length) === undefined) continue;
      found.push({ kind: 'address', start: match.index, end: clauseEnd(text, match.index + match[0].length) });
    }
  }
  return found;
};
