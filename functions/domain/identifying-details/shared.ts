/**
 * What the parts of the identifying-details detector share: the candidate highlight, small text
 * helpers, and where a clause or a self-description ends. See ../identifying-details.ts.
 */

export type IdentifyingKind = 'email' | 'phone' | 'postcode' | 'url' | 'vehicle_registration' | 'address' | 'self_identification';

/** A highlight before it is settled against the others. */
export interface Candidate {
  readonly kind: IdentifyingKind;
  readonly start: number;
  readonly end: number;
}

export const isWordCharacterAt = (text: string, index: number): boolean => /^[\p{L}\p{N}_]/u.test(text.slice(index, index + 2));

export const stickyMatch = (pattern: RegExp, text: string, at: number): string | undefined => {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
};

export const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s+/).filter(Boolean));

// ─── clauses ─────────────────────────────────────────────────────────────────────────────────────

const MAX_CLAUSE = 100;
const CONJUNCTION = /\s+(?!with\s+(?:him|her|them)(?![\p{L}])|as\s+(?:an?|the)\s)(?:and|but|because|cos|so|where|when|which|who|while|whilst|since|until|with|although|though|then|if|as)\s+(?:\p{Ll}|I\b)/uy;
/** In capitals, a conjunction ends the clause only before a word that starts a new one: "AND HE". */
const SHOUTED_CONJUNCTION =
  /\s+(?:AND|BUT|BECAUSE|SO|WHERE|WHEN|WHICH|WHO|WHILE|SINCE|UNTIL|WITH|THEN|IF|AS)\s+(?:I|HE|SHE|THEY|IT|WE|YOU|MY|HIS|HER|THE|THIS|THAT|THERE|HAS|HAD|IS|WAS)\b/uy;

/**
 * Where the clause that names a workplace, an address or a role ends: at the end of the sentence,
 * a comma followed by lower case (", which"), or a conjunction starting something new (" and I",
 * " with my kids"), and never more than 100 characters on; commas before capitals (", Leeds, LS1
 * 4AB"), names with "and" in them (Marks and Spencer) and anything in brackets ("(Sparkle Clean,
 * three of us)") stay in.
 */
export const clauseEnd = (text: string, from: number, whoIncluded = false): number => {
  const limit = Math.min(text.length, from + MAX_CLAUSE);
  let end = from;
  let bracketed = false;
  for (; end < limit; end++) {
    const c = text[end]!;
    if (c === '(') bracketed = true;
    else if (c === ')') bracketed = false;
    if (c === '\n' || c === '\r') break;
    if (bracketed) continue;
    if ('!?;'.includes(c) || (c === '.' && /^(?:\s|$)/u.test(text.slice(end + 1, end + 2)))) {
      // An initial or abbreviation ("St. Mary's", "P. Hughes") does not end a sentence.
      if (c === '.' && /(?:^|[\s(])(?:\p{Lu}|St|Rd|No|Ave|Dr|Mr|Mrs|Ms)$/u.test(text.slice(Math.max(from, end - 4), end))) continue;
      break;
    }
    if (c === ',' && /^,\s{0,3}(?:\p{Ll}|I\b|I['’])/u.test(text.slice(end, end + 5)) && !PART_OF_A_BUILDING.test(text.slice(end, end + 20))) break;
    if (whoIncluded && /^\s+(?:who|that|whose|he|she|they|with)\s/iu.test(text.slice(end, end + 8))) continue;
    // Sticky patterns test from lastIndex, so it is set each time: a stale one would look mid-slice.
    if (/\s/u.test(c) && (stickyMatch(CONJUNCTION, text.slice(end, end + 20), 0) !== undefined || stickyMatch(SHOUTED_CONJUNCTION, text.slice(end, end + 20), 0) !== undefined)) break;
  }
  if (end === limit && limit < text.length) {
    const lastSpace = text.slice(from, limit).search(/\s\S*$/u);
    if (lastSpace > 0) end = from + lastSpace;
  }
  while (end > from && /[\s,:"”(\-–]/u.test(text[end - 1]!)) end--;
  if (end > from && /[\ud800-\udbff]/.test(text[end - 1]!)) end--;
  return end;
};

/** ", block 5", ", flat 71", ", 11th floor": a part of the building, which stays with the address. */
const PART_OF_A_BUILDING = /^,[ \t]*(?:(?:block|flat|room|unit|apartment|floor|wing)[ \t]*[\p{N}a-z]{1,4}|\d{1,2}(?:st|nd|rd|th)[ \t]+floor)(?![\p{L}\p{N}])/iu;

/** A short phrase after a comma, up to the next comma or the end of the sentence. */
export const APPOSITIVE = /,[ \t]*([^,.;:!?\n()]{1,60})(?=[,.;!?\n]|$)/uy;
/** ", the one with the pink hair", ", the one in the red coat". */
const WHICH_ONE_PHRASE = /,[ \t]*the[ \t]+one[ \t]+(?:with|in|who|that|wearing)(?![\p{L}])/iuy;
/** Words that start a new clause, so what follows a comma is not more about the reporter. */
export const CLAUSE_WORDS = words(
  'i he she they we you it is was are were am has have had do did does and but so because which who that when where while if then though ' +
    'please can could would will im ive id its his him them their cant dont didnt i’m i\'m',
);
export const MAX_APPOSITIVE_WORDS = 8;
/** The end of the sentence, at most 120 characters on. */
const sentenceEnd = (text: string, from: number): number => {
  const limit = Math.min(text.length, from + 120);
  let end = from;
  while (end < limit && !/[.!?\n]/u.test(text[end]!)) end++;
  return end;
};
/** ", I do the early mornings", ", i do the Meadow Well round": the writer saying more of what they do. */
const CONTINUES = /,[ \t]*i[ \t]+(?:do|work|drive|run|cover|clean|mostly|usually|also)[ \t]+/iuy;
/** "and they share a child", "and on my own out here": more about the writer after a role. */
export const AND_MORE = /[ \t]+and[ \t]+(?:(?:we|they)[ \t]+(?:share|have)[ \t]+(?:a[ \t]+)?(?:child|son|daughter|baby|kids|children|\p{L}+[ \t]+(?:kids|children))|on[ \t]+my[ \t]+own|alone|by[ \t]+myself)(?![\p{L}])/iuy;
/** A self-description with what is said after it: commas and phrases, or ", I do …". */
export const described = (text: string, end: number): number => {
  const after = withAppositives(text, end);
  const more = stickyMatch(CONTINUES, text, after);
  return more === undefined ? after : clauseEnd(text, after + more.length);
};

/**
 * A self-description continued after commas by phrases that say more of the same: "the custody
 * nurse on nights there, one of only two", "one of the specials, joined last year, one of four
 * women", "a plumber, Evans & Sons". Each phrase is at most five words, starts with no clause
 * word ("I", "he", "and", "which"…) and ends at a comma or the end of the sentence.
 */
export const withAppositives = (text: string, end: number): number => {
  // "…, the one with the pink hair and the nose ring": which one, to the end of the sentence.
  if (stickyMatch(WHICH_ONE_PHRASE, text, end) !== undefined) return sentenceEnd(text, end + 1);
  for (let more = 0; more < 3; more++) {
    APPOSITIVE.lastIndex = end;
    const match = APPOSITIVE.exec(text);
    if (match === null) break;
    const phrase = match[1]!.trim();
    const parts = phrase.split(/\s+/u);
    if (stickyMatch(WHICH_ONE_PHRASE, text, end) !== undefined) return sentenceEnd(text, end + 1);
    // "and" between names is part of the phrase: "mostly Friday and Saturday nights".
    const checked = parts.filter((w, k) => !(w === 'and' && isCapitalised(parts[k + 1] ?? '')));
    if (phrase === '' || checked.length > MAX_APPOSITIVE_WORDS || checked.some((w) => CLAUSE_WORDS.has(w.toLowerCase()))) break;
    if (!/^[\p{L}\p{N}]/u.test(phrase)) break;
    end += match[0].length - (match[1]!.length - match[1]!.trimEnd().length);
    // "Charlotte B.": an initial keeps its full stop.
    if (/(?:^|\s)\p{Lu}$/u.test(phrase) && text[end] === '.') end += 1;
  }
  return end;
};

/** The words of a text from a position: each word's start and end, at most `limit` of them. */
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’&-]*/uy;
export const GAP = /[ \t]+/y;
export const wordsFrom = (text: string, from: number, limit: number): { start: number; end: number; word: string }[] => {
  const found: { start: number; end: number; word: string }[] = [];
  let at = from;
  for (let i = 0; i < limit; i++) {
    if (i > 0) {
      const gap = stickyMatch(GAP, text, at);
      if (gap === undefined) break;
      at += gap.length;
    }
    const word = stickyMatch(WORD, text, at)?.replace(/['’-]+$/u, '');
    if (!word) break;
    found.push({ start: at, end: at + word.length, word });
    at += word.length;
  }
  return found;
};

export const isCapitalised = (word: string): boolean => /^\p{Lu}/u.test(word);
export const isShouting = (text: string): boolean => {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 20 && letters.replace(/[^\p{Lu}]/gu, '').length / letters.length > 0.7;
};

/** Common words that do not name a street, a person or a place. */
export const FUNCTION_WORDS = words(
  'a an the of on in at to into onto and or but for with from by my his her their our your its me him them us ' +
    'was were is are be been am he she they we i it off up down over under near outside inside behind ' +
    'this that these those there here then than so as if when where who which what while not no yes very just also ' +
    'about after before around between all any some every each other another one',
);
