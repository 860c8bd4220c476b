/**
 * Where a name starts and ends: after "my name is", "I'm", a title, or signed at the end. See
 * ../identifying-details.ts.
 */

import { STREET_TYPES } from './addresses.ts';
import { APPOSITIVE, CLAUSE_WORDS, FUNCTION_WORDS, isCapitalised, MAX_APPOSITIVE_WORDS, stickyMatch, words, wordsFrom } from './shared.ts';

// Names.

/** "my name is", "my names", and a relative's name, which says who is writing as well: "my mams name is Donna". */
export const NAME_INTRODUCTION = /\b(?:(my\s+name\s+is|my\s+name['’]s|my\s+names)|my\s+[\p{L}]{2,12}['’]?s\s+name(?:\s+is|['’]s)|i(?:\s+am|['’]?m)\s+called)[ \t]+/giu;
/** "Name: Harpreet Kaur", "Name - Ioan Rhys Davies", at the start of a line. */
export const NAME_FIELD = /(?:^|(?<=[\n.!?]\s{0,3}))[ \t]*(?:(?:full|my|caller)[ \t]+)?name(?![\p{L}])[ \t]*(?:[:\-–]|is)?[ \t]*/giu;
/** "From: Gary Lloyd <gary…>", a pasted e-mail header. */
export const FROM_HEADER = /(?:^|(?<=\n))[ \t]*from:[ \t]*/giu;
export const I_AM = /\b(i['’]?m|i\s+am)[ \t]+/giu;
export const THIS_IS = /(?:^|(?<=[\n.!?,]\s{0,3})|\b(?:hi|hello|hiya|hey|morning|afternoon|evening)\b[,.!]?[ \t]*)(?:this\s+is|it['’]?s|its)[ \t]+/giu;
export const GREETING_HERE = /(?:^|\b(?:[Hh]i|[Hh]ello|[Hh]iya|[Hh]eya|[Hh]ey|[Mm]orning|[Aa]fternoon|[Ee]vening)\b[,.!]?[ \t]*)(?=\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]+)?\s+here\b)/gu;
/** "heya, tyler here": in lower case only after a greeting. */
export const GREETING_HERE_LOWER = /\b(?:hi|hello|hiya|heya|hey)[,.!]?[ \t]+(?=\p{Ll}[\p{Ll}'’-]{1,20}[ \t]+here\b)/gu;
const CAPITALISED_WORD = /\p{Lu}[\p{L}\p{M}'’-]*/uy;
const ANY_WORD = /[\p{L}\p{M}'’-]+/uy;
const NAME_PARTICLE = /(?:de|da|di|du|del|della|van|von|der|den|le|la|bin|binti|al|el|ap|O['’])[ ]/uy;
const TITLE = /(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Rev|Revd|Father|Fr|Sir|Dame|Cllr|PC|DC|DS|DI|Sgt|PCSO|MR|MRS|MS|MISS|DR)\.?(?:[ \t]+\((?:retired|retd|rtd|ret['’]d)\))?[ \t]+/uy;
const I_WORD = /^I(?:['’](?:m|ve|d|ll))?$/u;
const MAX_NAME_WORDS = 4;
/**
 * Words after "my name is" that say there is no name to find: "my name is not important" is
 * not flagged, nor "my name is on the tenancy".
 */
const NOT_A_NAME = words(
  'not irrelevant unimportant withheld private confidential anonymous anon unknown secret hidden redacted protected none nothing ' +
    'on in at the a an and or also still being known listed written mentioned used given there here important no',
);
/** Words that end a lower-case name rather than continue it: "my name is jo but he calls me…". */
const NOT_A_SURNAME = new Set([
  ...NOT_A_NAME, ...FUNCTION_WORDS, 'but', 'i', 'im', 'i’m', "i'm", 'so', 'because', 'he', 'she', 'they', 'it', 'is', 'was', 'who',
  'from', 'to', 'of', 'for', 'with', 'by', 'my', 'his', 'her', 'their', 'we', 'you', 'if', 'as', 'when', 'then', 'though', 'and',
  'here', 'writing', 'speaking', 'btw', 'x', 'xx', 'xxx', 'thanks', 'please', 'phone', 'tel', 'mobile', 'email',
]);
/**
 * Words that follow "I'm" or "I am" and are not a name, even written with a capital: "I'm Scared",
 * "I am British", "I'm Not sure". A name is a capitalised word that is none of these.
 */
export const NOT_A_NAME_AFTER_I_AM = words(
  'not no so just really very too also still now currently only always never ever actually literally absolutely completely ' +
    'totally quite pretty bit sure sorry scared afraid frightened terrified petrified worried anxious nervous concerned upset ' +
    'angry furious livid gutted devastated disgusted appalled shocked sick fed tired exhausted done ok okay fine good well happy ' +
    'unhappy glad pleased aware certain convinced positive confident unsure unable able willing prepared ready desperate alone ' +
    'lonely pregnant disabled homeless vulnerable innocent guilty here there in at on with from of for to by about into over ' +
    'after before his her their your my our this that it its all one two the a an english british welsh scottish irish polish ' +
    'romanian asian black white mixed muslim jewish sikh hindu catholic gay lesbian bi bisexual trans straight deaf blind ' +
    'autistic married single divorced separated old young male female police retired calling called writing reporting ' +
    'contacting ringing emailing messaging texting trying hoping asking telling making being getting going doing looking ' +
    'waiting living working staying sending aged age over under hr it',
);
const NOT_A_NAME_SUFFIX = /(?:ing|ly|ful|ous|less|able|ible)$/iu;
/** Closing words a name may be signed after: "Thanks, Jo", "Regards\nSam Patel", "luv Stacey x". */
const CLOSING = String.raw`(?:(?:many|kind|best|warm|warmest|with)\s+)?(?:thanks?(?:\s+(?:again|you|so\s+much|very\s+much|for\s+reading))?|thank\s+you(?:\s+(?:again|so\s+much|very\s+much))?|thx|ta|cheers|regards|wishes|yours(?:\s+(?:sincerely|faithfully|truly))?|sincerely|from|love|luv|lots\s+of\s+love|all\s+the\s+best|take\s+care|best|respectfully|thanking\s+you|god\s+bless|diolch(?:\s+yn\s+fawr)?|cofion|ta\s+ra|tara)(?:[ \t]+(?:love|luv|pet|hun|hen|mate|bab|duck|chuck))?`;
export const SIGN_OFF = new RegExp(String.raw`(?:^|(?<=[\n.!?]\s{0,3}))${CLOSING}(?![\p{L}\p{N}])[ \t]*[,.!:;\-–]*[ \t]*(?:\r?\n[ \t]*)*`, 'giu');
/** A closing on a line of its own, with words after it: "Many thanks for reading this\nMrs P. Hughes". */
export const SIGN_OFF_LINE = new RegExp(String.raw`(?:^|(?<=[\n.!?]\s{0,3}))${CLOSING}(?![\p{L}\p{N}])[^\n]{0,60}\n(?:[ \t]*\n)*[ \t]*`, 'giu');
/** "- Ffion", "— Jo" at the end. */
export const DASH_SIGN_OFF = /(?:^|(?<=\n)|(?<=\S[ \t]))[ \t]*[-–—~][ \t]*(?=\p{L})/gu;
/** A name alone as the last sentence: "Please help me. Sian". */
export const LAST_SENTENCE =
  /(?:^|(?<=[\n.!?]))[ \t]*(?=(?:\p{Lu}[\p{L}'’-]{0,30}\.?[ \t]+(?:and[ \t]+\p{Lu}\p{L}{0,3}\.?[ \t]+)?){0,4}\p{Lu}[\p{L}'’-]{0,30}[ \t]*(?:\([^)\n]{1,12}\))?[ \t]*[x.!]*[ \t]*$)/gu;
/** A name and a kiss, then more: "Shaz x. text 07700 900 199". */
export const KISS = /(?:^|(?<=[\n.!?][ \t]{0,3}))(?=\p{Lu}[\p{Ll}'’-]{1,20}[ \t]+x{1,3}(?![\p{L}\p{N}]))/gu;
/**
 * A name as a sentence of its own with only contact details after it: "Joel Mensah.
 * joel@…", "Winston Clarke, 07700 900 577", "Karen Doyle, 9 Aireview Terrace, BD21 4LP".
 */
export const NAME_SENTENCE = /(?:^|(?<=[\n.!?:][ \t]{0,3}))(?=\p{Lu}[\p{Ll}'’-]+[ \t]+\p{Lu}|\p{Lu}\.[ \t]*\p{Lu}[\p{Ll}'’-]+|(?:Mr|Mrs|Ms|Miss|Dr)\.?[ \t])/gu;
/** How much text may follow such a name, and how many ordinary lower-case words it may hold. */
export const DETAILS_REACH = 160;
export const MAX_WORDS_IN_DETAILS = 3;
export const NOT_A_SIGNATURE = new Set([
  ...NOT_A_NAME_AFTER_I_AM,
  ...words(
    'thanks thank cheers please help sorry bye regards anon anonymous nothing anyway whatever seriously honestly urgent done end ' +
      'yes enough disgraceful disgusting shocking appalling outrageous unbelievable unacceptable ridiculous awful terrible ' +
      'police officer officers everyone nobody somebody someone concerned worried resident citizen member public victim witness ' +
      'mum dad sent iphone android samsung again advance reading for the a an you all he she they we it him them ' +
      'disgrace shame shameful joke pathetic corrupt criminal scandal',
  ),
]);
/** How near the end of the text, in characters, a signature must be. */
export const SIGNATURE_REACH = 100;

/**
 * Whether a word ends where the token it is in ends, so that "jo" in "jo@example.com" or
 * "jo.bloggs" is not taken for a name.
 */
const endsToken = (text: string, end: number): boolean =>
  /^(?:$|\s|[.,;:!?)"”’'\]<]+(?:$|[^\p{L}\p{N}_@/]))/u.test(text.slice(end, end + 8)) || /^\s*</u.test(text.slice(end, end + 3));

const nameWord = (pattern: RegExp, text: string, at: number): string | undefined => {
  const word = stickyMatch(pattern, text, at)?.replace(/['’-]+$/u, '');
  return word && endsToken(text, at + word.length) ? word : undefined;
};

/**
 * Where the name at `from` ends: a title if any ("Mrs", "Dr", "Sgt (retired)"), then up to four
 * capitalised words or initials, with particles between them (Maria de Souza, A. J. McAllister),
 * stopping at a word that starts something else (MY NAME IS ALAN PRICE AND…). Failing a capital,
 * where `lowerCaseAllowed`, up to two words (people type "my name is jo bloggs"), unless the first
 * says there is no name ("my name is not important").
 */
export const nameEnd = (text: string, from: number, lowerCaseAllowed: boolean): number | undefined => {
  let end: number | undefined;
  let at = from;
  const title = stickyMatch(TITLE, text, at);
  if (title !== undefined && isCapitalised(text.slice(at + title.length, at + title.length + 1))) at += title.length;
  for (let count = 0; count < MAX_NAME_WORDS; count++) {
    const particle = count > 0 ? stickyMatch(NAME_PARTICLE, text, at) : undefined;
    const word = nameWord(CAPITALISED_WORD, text, at + (particle?.length ?? 0));
    if (word === undefined || I_WORD.test(word)) break;
    end = at + (particle?.length ?? 0) + word.length;
    const initial = word.length === 1 && text[end] === '.' && text[end + 1] === ' ';
    if (count === 0 && !initial && NOT_A_NAME.has(word.toLowerCase())) return undefined;
    if (count > 0 && !initial && NOT_A_SURNAME.has(word.toLowerCase())) {
      end = at - 1;
      break;
    }
    if (initial) end += 1;
    if (text[end] !== ' ') break;
    at = end + 1;
  }
  if (end !== undefined || !lowerCaseAllowed) return end;
  // "mrs p akhtar": a title in lower case, then the name.
  const lowerTitle = /^(?:mrs?|ms|miss|dr)\.?[ \t]+(?=\p{L})/u.exec(text.slice(from, from + 8));
  if (lowerTitle !== null) return nameEnd(text, from + lowerTitle[0].length, true);
  const first = nameWord(ANY_WORD, text, from);
  if (!first || NOT_A_NAME.has(first.toLowerCase())) return undefined;
  end = from + first.length;
  const second = text[end] === ' ' ? nameWord(ANY_WORD, text, end + 1) : undefined;
  return second && !NOT_A_SURNAME.has(second.toLowerCase()) ? end + 1 + second.length : end;
};

/** Whether "I'm Jade" names the reporter: a capitalised word that is not a feeling, a place or a faith. */
export const isNameAfterIAm = (text: string, at: number, lowerCaseAllowed: boolean): number | undefined => {
  const title = stickyMatch(TITLE, text, at);
  const first = wordsFrom(text, at + (title?.length ?? 0), 1)[0];
  if (first === undefined) return undefined;
  const word = first.word;
  const lower = word.toLowerCase();
  if (NOT_A_NAME_AFTER_I_AM.has(lower) || NOT_A_NAME.has(lower) || /\p{N}/u.test(word)) return undefined;
  const shouted = word.length > 1 && word === word.toUpperCase();
  if (title === undefined) {
    if (shouted && word.length <= 3) return undefined; // "I'm HR", "I'M OK"
    if (!isCapitalised(word) || shouted) {
      if (!lowerCaseAllowed || NOT_A_NAME_SUFFIX.test(word) || /ed$/iu.test(word)) return undefined;
      if (!/^(?:$|[ \t]*(?:[,.!;]|\b(?:and|here|from|btw|i['’]?m|im|aged?)\b|\d))/iu.test(text.slice(first.end, first.end + 8))) return undefined;
      return first.end;
    }
    if (NOT_A_NAME_SUFFIX.test(word) && word.length > 5) return undefined;
  }
  return nameEnd(text, at, false);
};

/** Where a signed name ends, if the line holds a name and nothing else ("Rebecca Thornton (Mrs)", "Stacey x"). */
export const signatureEnd = (text: string, at: number): number | undefined => {
  if (RANK.test(text.slice(at, at + 16)) && !/^\S+[ \t]+\((?:retired|retd|rtd)/iu.test(text.slice(at, at + 30))) return undefined;
  const first = wordsFrom(text, at, 1)[0];
  if (first === undefined || first.start !== at) {
    if (stickyMatch(TITLE, text, at) === undefined) return undefined;
  } else if (NOT_A_SIGNATURE.has(first.word.toLowerCase()) && !/^\p{Lu}\. /u.test(text.slice(at, at + 3))) return undefined;
  let end = nameEnd(text, at, false);
  const rest = (e: number) => /^[ \t]*(?:\([^)\n]{0,30}\))?[ \t]*(?:x{1,3}\b)?[ \t.!]*(?:\r?\n|$)/iu.exec(text.slice(e, e + 60));
  if (end === undefined) {
    // A lower-case name only as the very last word: "cheers\ndaz".
    if (first === undefined || first.start !== at || !/^[\p{Ll}][\p{Ll}'’-]{1,}$/u.test(first.word)) return undefined;
    if (!/^[ \t]*(?:x{1,3})?[ \t.!]*$/u.test(text.slice(first.end))) return undefined;
    end = first.end;
  }
  // "Regards, Tomasz Nowak, forklift driver, DHL Daventry": the job and firm go with the name.
  if (rest(end) === null && text[end] === ',') end = withNameDetails(text, end);
  const tail = rest(end);
  if (tail === null) return undefined;
  const close = /^[ \t]*(?:\([^)\n]{0,30}\))?/u.exec(text.slice(end))![0];
  return end + (close.trim() === '' ? 0 : close.length);
};

/** Where the text ends, without trailing space: worked out once per text, so that many matches stay cheap. */
let trimmedFor = '';
let trimmedLength = 0;
export const trimmedEnd = (text: string): number => {
  if (text !== trimmedFor) {
    trimmedFor = text;
    trimmedLength = text.trimEnd().length;
  }
  return trimmedLength;
};
export const nearEnd = (text: string, end: number): boolean => trimmedEnd(text) - end <= SIGNATURE_REACH;

/** Police ranks, which make a name the officer's: "ask for PC Smith". */
export const RANK = /^(?:PC|DC|DS|DI|DCI|PS|Sgt|Sergeant|Inspector|Insp|Constable|PCSO|SC|Supt|Superintendent|Ch)\b/iu;

/**
 * A signed name and what is set beside it with commas, up to anything that looks like an address
 * (which keeps its own highlight): "Ryan Cole, Crowdsafe badge 44120", "Jenna Rowe, Ward 7B, Royal
 * Cornwall Hospital, Treliske".
 */
export const withNameDetails = (text: string, end: number): number => {
  for (let more = 0; more < 4; more++) {
    APPOSITIVE.lastIndex = end;
    const match = APPOSITIVE.exec(text);
    if (match === null) break;
    const phrase = match[1]!.trim();
    const parts = phrase.split(/\s+/u);
    if (!/^\p{L}/u.test(phrase) || parts.length > MAX_APPOSITIVE_WORDS || /^(?:flat|apartment|apt|unit|no|number)$/iu.test(parts[0]!)) break;
    if (parts.some((w) => STREET_TYPES.has(w.toLowerCase()) || CLAUSE_WORDS.has(w.toLowerCase()))) break;
    end += match[0].length - (match[1]!.length - match[1]!.trimEnd().length);
  }
  return end;
};
