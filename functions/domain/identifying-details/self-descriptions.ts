/**
 * Phrases in which the reporter names or describes themselves: relatives, jobs, roles, origins,
 * names beside contact details. See ../identifying-details.ts.
 */

import { STREET_TYPES } from './addresses.ts';
import { DASH_SIGN_OFF, DETAILS_REACH, FROM_HEADER, GREETING_HERE, GREETING_HERE_LOWER, I_AM, isNameAfterIAm, KISS, LAST_SENTENCE, MAX_WORDS_IN_DETAILS, NAME_FIELD, NAME_INTRODUCTION, NAME_SENTENCE, nameEnd, nearEnd, NOT_A_NAME_AFTER_I_AM, NOT_A_SIGNATURE, SIGN_OFF, SIGN_OFF_LINE, SIGNATURE_REACH, signatureEnd, THIS_IS, trimmedEnd, RANK, withNameDetails } from './names.ts';
import { AND_MORE, type Candidate, CLAUSE_WORDS, clauseEnd, described, FUNCTION_WORDS, isCapitalised, isShouting, stickyMatch, withAppositives, words, wordsFrom } from './shared.ts';

// ─── the reporter describing themselves ─────────────────────────────────────────────────────────

/**
 * People the reporter may be to someone ("his wife", "the boy's mum", "her social worker"). Jobs
 * are in the next list; "the" or a possessive before either is enough, "a" needs "of his" or a
 * place after it ("a neighbour of the officer", "a nurse at the Royal Gwent").
 */
const RELATIVES = words(
  'wife husband partner spouse girlfriend boyfriend fiance fiancé fiancee fiancée ex missus misses daughter son child kid ' +
    'stepdaughter stepson stepmum stepdad stepmother stepfather mother father mum mam mom mummy dad daddy parent sister brother ' +
    'sibling twin cousin aunt auntie aunty uncle niece nephew grandchild granddaughter grandson grandmother grandfather grandma ' +
    'grandad granddad grandparent nan nana nanna gran granny godmother godfather goddaughter godson neighbour neighbor colleague ' +
    'co-worker coworker workmate teammate crewmate oppo flatmate housemate roommate lodger landlord landlady tenant friend mate ' +
    'pal bestie probationer tutee mentee mentor tutor student pupil trainee apprentice employee employer boss supervisor carer ' +
    'childminder nanny babysitter widow widower stepsister stepbrother',
);
/** Jobs and roles, as relatives are: "the owner", "a call handler at Bootle", "his social worker". */
const JOBS = words(
  'manager owner landlady landlord licensee caretaker porter receptionist cleaner nurse doctor gp paramedic midwife teacher ' +
    'headteacher head lecturer student pupil driver cabbie handler dispatcher operator worker solicitor lawyer barrister advocate ' +
    'volunteer chef cook waitress waiter barmaid barman bartender bouncer doorman security guard shopkeeper cashier assistant ' +
    'engineer electrician plumber builder mechanic postman postwoman courier councillor vicar priest imam minister warden ' +
    'officer constable pcso pc special detective sergeant sgt inspector superintendent copper cop staff civilian dispatcher ' +
    'lady man woman therapist counsellor hairdresser barber physio dentist accountant secretary assistant bookkeeper clerk ' +
    'vet steward stewardess bailiff author journalist reporter interpreter translator investigator analyst treasurer chair ' +
    'chairman chairwoman chairperson coach trainer instructor organiser organizer coordinator lead adult witness haulier ' +
    'farmer locksmith postmistress postmaster pharmacist optician firefighter technician surveyor agent refugee ' +
    'childminder nanny babysitter tutor mentor carer adviser advisor magistrate juror governor plasterer sparky joiner ' +
    'carpenter roofer painter decorator tiler bricklayer labourer scaffolder glazier gardener landscaper welder fitter ' +
    'policeman policewoman ds dc ps di dci leader cadet licensee manageress proprietor landowner',
);
/** Roles too common to say who someone is without a place: "I'm a woman", "I'm a witness". */
const GENERIC_ROLES = words('lady man woman adult witness worker staff assistant head lead chair refugee civilian agent special');
/** What someone is, alone, that narrows them down: "I'm a widow", "I'm a single mum". */
const SOLE_STATUS = words('widow widower pensioner');
/** Roles that identify a reporter on their own, to a force: "I'm a PCSO", "I am a serving officer". */
const POLICE_ROLES = words('officer constable pcso pc special detective sergeant sgt inspector superintendent copper cop handler dispatcher probationer policeman policewoman ds dc ps di dci');
/** Words after "the girl", "the one" that say which: "the one who called 999", "the girl he arrested". */
const WHICH_ONE = words('who that he she they you whose');
const ONES = words('one girl boy lad lass woman man person lady guy bloke kid fella wifie couple family');
/** "the one injured", "the lad tasered": which one, by what was done to them. */
const DONE_TO = /^(?:\p{Ll}+ed|hit|hurt|shot|beaten|bitten|taken|thrown|held|kept|stopped|searched)$/u;
/** Prepositions after a role that take a place or a person with them: "at Bootle", "of the Red Lion". */
const ROLE_PLACE = words('at of for in on with outside from there here inside behind fae o');
const RELATIVE_PLACE = words('of at in on from upstairs downstairs opposite below above across beneath');
/** Words between a job and its place: "a paramedic based at Chorley", "a nurse working in Leeds". */
const PLACED = words('based stationed working employed posted');
/** A job said without "a": "I am driver for Szybko Couriers", when a capitalised place follows. */
const BARE_ROLE_FOLLOWS = /^[ \t]+(?:of[ \t]+\p{Ll}+[ \t]+(?:in|at)|at|for|from|in|with|of)[ \t]+(?:the[ \t]+)?\p{Lu}/u;
/** "the mother of two of his kids", "the former fiancée of Sgt Hale": who the reporter is that to. */
const OF_SOMEONE = /^(?:his|her|hers|him|them|their|theirs|the)$/iu;
const OF_SOMEONE_AFTER_THE = /^(?:\p{Lu}[\p{L}'’-]*|two|three|four|five|six|\d{1,2})$/u;
/** How long or when the reporter was it: "his wife until 2019", "the clerk that night". */
const TENURE =
  /[ \t]+(?:(?:until|till|since|from)[ \t]+(?:\d{4}|last[ \t]+\p{L}+|\p{Lu}\p{Ll}+[ \t]+\d{4})|(?:that|last)[ \t]+(?:night|day|evening|morning|afternoon|shift|weekend)|for[ \t]+(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|many)[ \t]+(?:years|months))(?![\p{L}\p{N}])/uy;

/** "ladies" is "lady", "firemen" "fireman", "cleaners" "cleaner". */
const singularOf = (lower: string): string =>
  lower.endsWith('ies') ? `${lower.slice(0, -3)}y` : lower.endsWith('men') ? `${lower.slice(0, -3)}man` : lower.endsWith('s') && !lower.endsWith('ss') ? lower.slice(0, -1) : lower;
const isRoleNoun = (word: string): boolean => {
  const lower = word.toLowerCase().replace(/^(?:ex|step|former|half)-/u, '');
  const singular = singularOf(lower);
  return RELATIVES.has(lower) || RELATIVES.has(singular) || JOBS.has(lower) || JOBS.has(singular);
};
const isRelative = (word: string): boolean => {
  const lower = word.toLowerCase().replace(/^(?:ex|step|former|half)-/u, '').replace(/['’]s$/u, '');
  return RELATIVES.has(lower) || (lower.endsWith('s') && RELATIVES.has(lower.slice(0, -1)));
};
const isPossessive = (word: string): boolean => /['’]s$|s['’]$/u.test(word);

/**
 * "I am", "I'm", "Im", "I was", "I have been", "I used to be", "we are", "I have sat as", "Caller
 * states she is"; "as" and "being" ("As his neighbour I hear everything").
 */
const BE = new RegExp(
  String.raw`\b(?:i(?:['’]?m|\s+am|\s+was|\s+have\s+been|['’]ve\s+been|\s+had\s+been|\s+used\s+to\s+be)(?:\s+(?:also|currently|still|now|actually|just|basically|literally))?` +
    // "Ah'm the wifie fae the chippy", "am the boy in the yellow jacket", "Am his ex": Scots and dropped "I".
    String.raw`|a(?:h)?['’]m|(?<=(?:^|[\n.!?])[ \t]{0,3})am|we(?:['’]re|\s+are|\s+were)` +
    String.raw`|(?:writing|speaking|calling|emailing|reporting\s+this|contacting\s+you|write|i\s+(?:have\s+|['’]ve\s+)?(?:sat|served|worked|volunteered))\s+as` +
    // A call handler's notes: "Caller states she is a taxi driver", "Caller is the manager of".
    String.raw`|caller(?:\s+(?:states|stated|says|said|advised|advises|reports|reported|confirms|confirmed|explained|explains)(?:\s+that)?\s+(?:she|he|they)(?:\s+is|\s+was|['’]s)|\s+is|\s+was)` +
    String.raw`|as|being)[ \t]+`,
  'giu',
);

/**
 * Where the role after "I am" ends, if there is one: a determiner or possessive, then within five
 * words a relative or a job; with "of his", "at Bootle", "who called 999", to the end of the clause.
 */
const roleEnd = (text: string, from: number, saidAs: boolean): number | undefined => {
  const after = wordsFrom(text, from, 8);
  if (after.length < 2) return undefined;
  const first = after[0]!.word.toLowerCase();
  let i = 1;
  let determiner: 'possessive' | 'the' | 'a' | 'one of';
  if (first === 'his' || first === 'her' || first === 'their') determiner = 'possessive';
  else if (first === 'the') determiner = 'the';
  else if (first === 'a' || first === 'an') determiner = 'a';
  else if (first === 'one' && (after[1]?.word.toLowerCase() === 'of' || after[1]?.word.toLowerCase() === 'o')) {
    determiner = 'one of';
    i = 2;
  } else if (isPossessive(after[0]!.word) && isCapitalised(after[0]!.word)) {
    determiner = 'possessive';
  } else {
    // A job said without "a", perhaps after a word or two: "driver of taxi in Bradford", "international student at Cardiff Met".
    for (let k = 0; k < 3 && k < after.length - 1; k++) {
      const word = after[k]!.word;
      if (FUNCTION_WORDS.has(word.toLowerCase()) || NOT_A_NAME_AFTER_I_AM.has(word.toLowerCase()) || (k < 1 && isCapitalised(word) && !isRoleNoun(word))) return undefined;
      if (!isRoleNoun(word)) continue;
      if (!BARE_ROLE_FOLLOWS.test(text.slice(after[k]!.end, after[k]!.end + 40))) return undefined;
      return withAppositives(text, clauseEnd(text, after[k + 1]!.start));
    }
    return undefined;
  }
  if (saidAs && determiner !== 'possessive') return undefined;
  let possessed = determiner === 'possessive';
  // "an Uber driver", "a Tesco delivery driver": a name before the job says whose.
  let named = false;
  for (; i < after.length && i <= 6; i++) {
    const word = after[i]!.word;
    const lower = word.toLowerCase();
    if (isPossessive(word)) {
      possessed = true;
      continue;
    }
    if (determiner === 'one of' && i >= 3 && !isRoleNoun(word) && /^\p{Ll}[\p{Ll}-]{2,}s$/u.test(word) && !FUNCTION_WORDS.has(lower)) {
      // "one of the witnesses", "one of the interpreters the court uses": one of a small group.
      const the = after[i - 1]!.word.toLowerCase();
      if (the !== 'the' && the !== 'his' && the !== 'her' && the !== 'their') return undefined;
      return withAppositives(text, clauseEnd(text, after[i]!.end, true));
    }
    if (isCapitalised(word) && !NOT_A_NAME_AFTER_I_AM.has(lower) && !isRoleNoun(word)) named = true;
    if (determiner === 'one of' && i === 2 && (lower === 'his' || lower === 'her' || lower === 'their' || lower === 'the')) continue;
    if (ONES.has(lower) && determiner === 'the' && !possessed) {
      const next = after[i + 1];
      const adjacent = next !== undefined && text.slice(after[i]!.end, next.start).trim() === '';
      if (adjacent && (WHICH_ONE.has(next.word.toLowerCase()) || ROLE_PLACE.has(next.word.toLowerCase()) || DONE_TO.test(next.word))) {
        return withAppositives(text, clauseEnd(text, next.start, true));
      }
      // "I'm the tall ginger one": described, and the sentence moves on.
      if (!adjacent && i >= 2 && lower === 'one') return after[i]!.end;
      if (!isRoleNoun(word)) return undefined;
    }
    // "the lads grandad", "the boys mum": whose, without the apostrophe.
    if (/s$/u.test(lower) && ONES.has(lower.slice(0, -1)) && after[i + 1] !== undefined && isRelative(after[i + 1]!.word)) {
      possessed = true;
      continue;
    }
    if (FUNCTION_WORDS.has(lower) && lower !== 'in' && lower !== 'other' && !(determiner === 'one of' && /^(?:two|three|four|five)$/u.test(lower))) return undefined;
    if (!isRoleNoun(word)) continue;
    // The noun and any that follow it: "tutor constable", "social worker", "brother in law".
    let end = after[i]!.end;
    let j = i + 1;
    for (;;) {
      const w = after[j]?.word;
      if (w !== undefined && isRoleNoun(w) && !ONES.has(w.toLowerCase())) end = after[j++]!.end;
      // "volunteer police cadet leader": a word between two parts of the job.
      else if (w !== undefined && /^\p{Ll}+$/u.test(w) && !FUNCTION_WORDS.has(w) && after[j + 1] !== undefined && isRoleNoun(after[j + 1]!.word) && !ONES.has(after[j + 1]!.word.toLowerCase())) {
        end = after[j + 1]!.end;
        j += 2;
      } else break;
    }
    // "the owners daughter": a relative of someone named by a job is someone's relative.
    if (j - i > 1 && !isRelative(after[i]!.word) && isRelative(after[j - 1]!.word)) possessed = true;
    const inLaw = /^[\s-]in[\s-]law(?:s)?(?![\p{L}])/iu.exec(text.slice(end, end + 10));
    if (inLaw) end += inLaw[0].length;
    // "a retired police sergeant (Gwent, 30 years)": what is in brackets goes with it.
    const aside = /^[ \t]*\([^()\n]{1,40}\)/u.exec(text.slice(end, end + 45));
    if (aside) end += aside[0].length;
    const relative = isRelative(after[j - 1]!.word);
    const next = after[j]?.word.toLowerCase();
    const adjacent = next !== undefined && text.slice(end, after[j]!.start).trim() === '';
    const placed = adjacent && PLACED.has(next) && ROLE_PLACE.has(after[j + 1]?.word.toLowerCase() ?? '');
    const nextIsPlace = adjacent && ((relative ? RELATIVE_PLACE : ROLE_PLACE).has(next) || placed);
    const whom = after[j + 1]?.word ?? '';
    const ofSomeone = next === 'of' && (OF_SOMEONE.test(whom) || (determiner === 'the' && OF_SOMEONE_AFTER_THE.test(whom)));
    const tenure = stickyMatch(TENURE, text, end);
    if (determiner === 'a' && !nextIsPlace && !ofSomeone) {
      if (saidAs) return undefined;
      // "a plumber, Evans & Sons", "a haulier myself, Mulgrew Haulage": the firm named after it.
      const myself = /^(?:[ \t]+(?:myself|too|by[ \t]+trade))?(?=,[ \t]*\p{Lu})/u.exec(text.slice(end, end + 20));
      if (myself) return withAppositives(text, end + myself[0].length);
      if (named && !relative) return withAppositives(text, end);
      const noun = after[j - 1]!.word.toLowerCase();
      // "a teacher", "a private investigator (licensed)", "a widow", "a single mum": enough on its own; "a mother", "a witness" are not.
      const status = SOLE_STATUS.has(noun) || (relative && after[i - 1]?.word.toLowerCase() === 'single');
      if (!POLICE_ROLES.has(noun) && !status && (relative || GENERIC_ROLES.has(singularOf(noun)))) return undefined;
      const own = /^[ \t]+(?:myself|too)/u.exec(text.slice(end, end + 12));
      return withAppositives(text, end + (own?.[0].length ?? 0));
    }
    if (relative && determiner === 'the' && !possessed && !ofSomeone && !nextIsPlace) return undefined;
    if (nextIsPlace) {
      if (next === 'of' && relative && !ofSomeone && determiner !== 'possessive') return undefined;
      return withAppositives(text, clauseEnd(text, after[j]!.start, ofSomeone));
    }
    if (ofSomeone) return withAppositives(text, clauseEnd(text, after[j]!.start, true));
    // "one of the interpreters the court uses in Boston": which of them, to the end of the clause.
    if (determiner === 'one of' && adjacent) return withAppositives(text, clauseEnd(text, end, true));
    // "the vet who was called out", "the clerk that night".
    if (tenure !== undefined) return withAppositives(text, end + tenure.length);
    if (adjacent && (next === 'who' || next === 'that') && determiner !== 'a') return withAppositives(text, clauseEnd(text, after[j]!.start, true));
    return withAppositives(text, end);
  }
  return undefined;
};

/** "I'm the only female PCSO at Bridgend", "I'm one of only two black officers at Hastings". */
const ONLY_ONE = /\b(?:i(?:['’]?m|\s+am|\s+was)|we(?:['’]?re|\s+are)|as)\s+(?:the\s+only|one\s+of\s+(?:only\s+)?(?:two|three|four|five|a\s+few|a\s+handful\s+of|\d+)|the\s+(?:first|last)\s+(?:[\p{L}-]+\s+){0,2}?(?:to|who))(?![\p{L}\p{N}])/giu;
/** "I'm on his team at Leman Street", "I'm in year 11 at Cathays High". */
const ON_THE_TEAM = /\b(?:i(?:['’]?m|\s+am|\s+was))\s+(?:(?:on|in)\s+(?:his|her|their|the\s+same|the|my)\s+(?:[\p{L}-]+\s+){0,3}?(?:team|shift|relief|unit|squad|watch|course|intake|department|section|crew|class|year|group|office)|in\s+(?:year|yr|y)\s*\d{1,2})(?![\p{L}\p{N}])/giu;

/** "he is my ex", "hes my neighbour", "The officer is my brother in law". */
const HE_IS_MY = /\b(?:he|she|they|him|the\s+officer|this\s+officer|who)\s*(?:is|was|are|were|['’]?s|used\s+to\s+be)\s+(?:an?\s+(?:good\s+|close\s+|old\s+|family\s+)?(?:friend|mate|pal|colleague)\s+of\s+)?my\s+/giu;
/** "we were married 12 years", "me and him were together 3 years". */
const COUPLE = /\b(?:we|me\s+and\s+(?:him|her)|(?:him|her)\s+and\s+me|(?:he|she)\s+and\s+i)\s+(?:were|was|have\s+been|['’]ve\s+been|used\s+to\s+be|got)\s+(?:married|together|engaged|a\s+couple|seeing\s+each\s+other|going\s+out)(?:(?:\s+for)?\s+(?:\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+(?:years?|yrs?|months?))?(?![\p{L}\p{N}])/giu;
/** "I am married to him", "I live with him", "I'm seeing the officer". */
const WITH_HIM = /\bi(?:\s+am|\s+was|['’]?m)\s+(?:(?:married|engaged)\s+to|in\s+a\s+relationship\s+with|dating|seeing)\s+(?:him|her|them|the\s+officer)(?![\p{L}\p{N}])|\bi(?:['’]?m|\s+am|\s+was|\s+used\s+to|\s+also|\s+currently|\s+still|\s+now)?\s+(?:live|lived|living)\s+with\s+(?:him|her|them|the\s+officer)(?![\p{L}\p{N}])/giu;

/** "I work in the canteen at …", "I run the cafe …", "I volunteer for …", "I drive a taxi for …". */
const WORK = new RegExp(
  // "I", "we", Scots "Ah", or nothing after a comma: "Ex forces, now work security at the Trafford Centre".
  String.raw`(?:\b(?:i|we|ah)(?:\s+(?:used\s+to|also|currently|still|now|have|['’]ve|had))?(?:\s+|(?=['’]?m\s))|(?<=,[ \t]{0,3})now\s+)(?:` +
    String.raw`(?:work(?:ed|ing)?|been\s+working)(?:\s+(?:nights|days|lates|weekends|shifts|evenings|security|part[\s-]time|full[\s-]time))?\s+(?:at|for|in|on|with|alongside|behind|under|as\s+an?)` +
    String.raw`|(?:['’]?m|\s*am)\s+on\s+(?:shift|duty|nights|days|lates|earlies)\s+(?:at|in|for)` +
    String.raw`|help(?:ed)?\s+out\s+(?:at|with|in)` +
    String.raw`|do\s+(?:the\s+)?\p{L}+ing\s+(?:at|for|in)` +
    String.raw`|farm(?:ed)?(?=\s+(?:the|a|an|at|in|on|up|near|\p{N}))` +
    String.raw`|rent\s+(?:the|a)\s+(?:flat|house|room|unit|shop|bedsit|maisonette)\s+(?:above|below|beneath|under|opposite|next\s+(?:door\s+)?to)` +
    String.raw`|(?:['’]?m|\s*am)\s+(?:working|employed|based|stationed|posted)\s+(?:at|for|in|on|with|by)` +
    String.raw`|employed\s+(?:by|at)` +
    String.raw`|volunteer(?:ed|ing)?\s+(?:for|at|with|in|as)` +
    String.raw`|(?:teach|taught|study|studied|train|trained|lecture|lectured)\s+(?:at|in)` +
    String.raw`|(?:drive|drove)\s+(?:(?:a|the)\s+(?:taxi|cab|bus|lorry|van|ambulance)|for)` +
    String.raw`|(?:go|went)\s+to\s+(?:[\p{L}'’.-]+\s+){0,3}?(?:school|college|uni|university|academy|ysgol|high|primary|sixth\s+form)` +
    String.raw`)(?![\p{L}\p{N}])`,
  'giu',
);
/** "I am from Romania", "I'm from Bangladesh originally", "I'm over from Cork": where the writer comes from. */
const ORIGIN = /\b(?:[Ii](?:['’]?m|\s+am|\s+come|\s+came)|[Ww]e(?:['’]?re|\s+are|\s+come|\s+came))\s+(?:(?:originally|also|over|all)\s+)?from\s+(?=\p{Lu})/gu;
/** "he is from Poland like me": the writer's origin, said of someone else. */
const LIKE_ME = /\bfrom\s+\p{Lu}[\p{L}-]+\s+like\s+(?:me|us|myself)(?![\p{L}])/gu;
/** "I'm Romanian", "We are Irish Travellers": a nationality or people, which narrows who the writer is. */
const NATIONALITY = /\b(?:[Ii]['’]?m|[Ii]\s+am|[Ww]e['’]?re|[Ww]e\s+are)[ \t]+(?=\p{Lu}\p{Ll}+(?:ish|ian|ese|ani|ali|i|ic)(?![\p{L}])|(?:Roma|Gypsy|Gypsies|Traveller|Travellers|Kurdish|Afghan|Thai|Greek|Czech|Slovak|Dutch|Swiss)(?![\p{L}]))/gu;
const NOT_A_NATIONALITY = words('english british sorry terrified horrified polish-born');
/** "AND A RETIRED POLICEMAN MYSELF, 30 YEARS IN …": a job the writer says is their own, anywhere. */
const ROLE_MYSELF = /\b(?:an?|the)\s+(?:[\p{L}-]+\s+){0,3}?([\p{L}-]+)\s+myself(?![\p{L}])/giu;
/** "Evri driver here, …": a job and "here" opening the report. */
const ROLE_HERE = /(?:^|(?<=[\n.!?][ \t]{0,3}))(?:[\p{L}&'’-]+[ \t]+){0,2}?([\p{L}-]+)[ \t]+here(?![\p{L}])/gu;
/** "Firefighter at Speke station (Blue Watch).": a job opening a sentence, with where it is done. */
const ROLE_OPENS = /(?:^|(?<=[\n.!?][ \t]{0,3}))(\p{Lu}[\p{Ll}-]+)(?=[ \t]+(?:at|for|with)[ \t]+(?:the[ \t]+)?\p{Lu})/gu;
/** "Ex-partner of PC 2817 Dean Collier.": a relation to the officer, opening a sentence. */
const RELATIVE_OF_OFFICER = /(?:^|(?<=[\n.!?][ \t]{0,3}))((?:[Ee]x|[Ff]ormer|[Ee]stranged)?[\s-]?\p{L}+)\s+of\s+(?=(?:PC|DC|DS|PS|Sgt|Sergeant|Inspector|Insp|Constable|PCSO|the\s+officer|officer|him|her)(?![\p{L}]))/gu;
/** "My PH licence 04417", "ma SIA licence is 1012 3456 7890 1234": the writer's own licence or badge. */
const LICENCE = /\b(?:my|ma|me)[ \t]+(?:[\p{L}]{2,8}[ \t]+){0,2}?(?:licence|license|badge|permit)(?:[ \t]+(?:number|no\.?|num))?(?:[ \t]+is|[ \t]*[:#])?[ \t]*\d(?:[\d -]{0,24}\d)?(?![\p{N}])/giu;
/** "the copper next door", "the domestic next door": something happening beside the writer's home. */
const NEXT_DOOR = /\bthe[ \t]+(?:[\p{L}-]+[ \t]+)?(?:copper|officer|policeman|policewoman|cop|domestic|house|flat|neighbours?|family|couple)[ \t]+next[ \t]+door(?![\p{L}])(?![ \t]+(?:to|but)\b)/giu;
/** "(working in Dubai)", "over from Cork working at the BRI": working somewhere, said by the writer of themselves. */
const WORKING_THERE = /(?<=\b(?:[Ii]['’]?m|[Ii]\s+am)\b[^.!?\n]{0,40})\b[Ww]orking\s+(?:in|at|for)\s+(?=(?:the\s+)?\p{Lu})/gu;
/** "the house next to mine got broken into": the writer's home, by what happened beside it. */
const NEXT_TO_MINE = /\bthe\s+(?:house|flat|home|property|place|one)\s+next\s+(?:door\s+)?to\s+(?:mine|ours|me|us)(?![\p{L}])/giu;
/** "you'll know me by ma tattoos": how to recognise the writer. */
const KNOW_ME_BY = /\b(?:know|recogni[sz]e|spot)\s+me\s+by\s+/giu;
/** "the car wash on Hyde Road where I work". */
const WHERE_I_WORK = /\b(?:the|a)\s+(?:[\p{L}&'’-]+\s+){0,5}?where\s+(?:i|we)\s+(?:work|worked|live|lived|study|studied|volunteer)(?![\p{L}])/giu;
/** "the only house past the church": the writer's home, by where it stands. */
const ONLY_HOUSE = /\bthe\s+only\s+(?:house|home|cottage|farm|flat|bungalow|caravan)\s+(?:past|on|in|at|before|after|beyond|up|down|near|by)(?![\p{L}])/giu;
/** "since I complained about them last year", "after I reported him for drink driving": the writer's earlier complaint. */
const COMPLAINED = /\b(?:i|we)\s+(?:(?:have|had|['’]ve|already)\s+)?(?:complained|reported)\s+(?:about\s+)?(?:him|her|them|this\s+officer|the\s+officer)(?![\p{L}])/giu;
/** "He is the only black boy in his class": the writer's child, by what sets them apart. */
const ONLY_ONE_IN_CLASS = /\b(?:he|she)(?:['’]s|\s+is|\s+was)\s+the\s+only\s+(?:[\p{L}-]+\s+){0,2}?(?:boy|girl|kid|child|pupil|student)\s+in\s+(?:his|her)\s+(?:class|year|school|team)(?![\p{L}])/giu;
/** "the shop is Patel News on Narborough Road": a business named, for the writer's family or work. */
const THE_SHOP_IS = /\bthe\s+(?:shop|business|salon|cafe|café|takeaway)\s+is\s+(?:called\s+)?(?=\p{Lu}\p{Ll})/gu;

/** "I run the cafe next to the nick", "I own the barbers on Albert Road", "I manage the Spar". */
const RUN = /\b(?:i|we)(?:\s+(?:used\s+to|also|currently|still|now))?\s+(?:run|ran|own|owned|manage|managed)\s+(?:the|a|an|my|our)\s+/giu;
const BUSINESS = /^(?:[\p{L}-]+\s+){0,2}?(?:cafe|café|shop|pub|bar|club|business|company|firm|salon|barbers?|takeaway|chippy|garage|restaurant|hotel|b&b|gym|farm|office|store|newsagents?|off[\s-]licence|bakery|bakers|butchers?|deli|florists?|launderette|chemists?|pharmacy|kebab|stall|laundrette|taxi|cab|cabs|practice|nursery|school|charity|team|site|\p{Lu}[\p{L}'’-]*)(?![\p{L}\p{N}])/u;
/** "I cut his hair", "i clean for him", "I look after her kids". */
const DO_FOR_HIM = /\bi\s+(?:(?:used\s+to|also|still)\s+)?(?:cut|do|did|clean|cleaned|cook|cooked|babysit|babysat|mind|minded|tutor|tutored|coach|coached|look\s+after|looked\s+after)\s+(?:for\s+)?(?:his|her|their|him|them)(?:\s+(?:hair|nails|kids|children|house|garden|son|daughter|dog|mum|dad|accounts|books|paperwork|taxes|payroll|shopping|cleaning))?(?![\p{L}\p{N}])/giu;
/** The older rule: "I'm a nurse at St Thomas'", any job at a named place. */
const JOB_AT_NAMED_PLACE = /\bi(?:['’]?m|\s+am|\s+was)\s+an?\s+[\p{L}-]+\s+(?:at|for)(?![\p{L}\p{N}])/giu;
const NAMED_PLACE_FOLLOWS = /[ \t]+(?:the[ \t]+)?(?:\p{Lu}|\p{N})/uy;

/**
 * The reporter's own family, partners, neighbours, friends and the people who work for or beside
 * them, after "my" (or "me", "ma", "wor", "ar", "our" as people say it): "my son", "me nan", "ma
 * pal", "wor lass", "ar kid", "my ex-husband", "my brother-in-law", "my barmaid", "my Polish
 * worker". To a force that knows the victim, these say who is writing.
 */
const FAMILY = words(
  'wife husband partner spouse girlfriend boyfriend fiance fiancé fiancee fiancée ex missus misses daughter son child kid kids children ' +
    'stepdaughter stepson stepmum stepdad stepmother stepfather stepsister stepbrother mother father mum mam mom mummy dad daddy ' +
    'parents sister brother twin cousin aunt auntie aunty uncle niece nephew grandchild granddaughter grandson grandmother ' +
    'grandfather grandma grandad granddad grandparents nan nana nanna gran granny neighbour neighbor neighbours neighbors ' +
    'lodger landlord landlady da ma lad lads lass lassie wean weans bairn bairns boy boys girl girls ' +
    'mate pal colleague workmate barmaid barman worker workers farmhand farmhands employee employees apprentice',
);
/** Friends and colleagues count one at a time: "my mate" is someone, "my mates" are anyone. */
const ONLY_ONE_OF = words('mate pal colleague workmate');
/** Family words that "me" (as in "me nan") does not take, being what people are called: "he called me boy", "me mate". */
const ALSO_A_FORM_OF_ADDRESS = words('mate pal boy girl lass');
/** Words that may come between "my" and the relative: "my late husband", "my upstairs neighbour". */
const FAMILY_ADJECTIVES = words(
  'late ex former new old older younger little big baby elder eldest oldest youngest twin current estranged adopted foster ' +
    'upstairs downstairs next-door next door best 14 15 16 17 18 year-old',
);
/** Nationalities between "my" and the relative: "my Polish worker", "my Romanian farmhands". */
const NATIONALITY_ADJECTIVE = /^\p{Lu}\p{Ll}+(?:ish|ian|ese|an|i)$/u;
/** "my youngest", "my eldest": the child by their place in the family. */
const BY_AGE = words('youngest eldest oldest');
/** "my", and the ways it is said: "me nan", "ma boyfriend", "wor lass" (Geordie), "ar kid" (Midlands), "our Jason". */
const MY = /\b(?:my|me|ma|mah|wor|ar|our)[ \t]+/giu;
/** "our Jason", "Our Tyler": a first name after "our" is a child or sibling of the writer. */
const OUR_NAME = /\b[Oo]ur[ \t]+(?=\p{Lu}\p{Ll}{2,20}(?![\p{L}\p{N}'’-])(?![ \t]+\p{Lu}))/gu;
const NOT_OUR_NAME = words('lady lord father saviour police force station community street road area town city village estate house');
/** Words after which "me" is not "my": "he called me", "told me", "gave me". */
const ME_AS_OBJECT = /\b(?:call(?:s|ed|ing)?|told|tell|gave|give|give|asked|ask|showed|show|sent|send|let|make|made|got|get)[ \t]+$/iu;

/** Where "my" and a relative end: "my late husband's" is "my late husband", "my mam's boyfriend" goes on to him. */
const familyEnd = (text: string, from: number, saidAs = 'my'): number | undefined => {
  const after = wordsFrom(text, from, 5);
  for (let i = 0; i < after.length; i++) {
    const lower = after[i]!.word.toLowerCase().replace(/['’]s$/u, '');
    const bare = lower.replace(/^(?:ex|step|half)-/u, '').replace(/-in-laws?$/u, '');
    const singular = bare.endsWith('s') && FAMILY.has(bare.slice(0, -1)) && !ONLY_ONE_OF.has(bare.slice(0, -1)) ? bare.slice(0, -1) : bare;
    if (FAMILY.has(singular) && !(saidAs === 'me' && ALSO_A_FORM_OF_ADDRESS.has(singular))) {
      let end = after[i]!.start + lower.length;
      const inLaw = /^[\s-]in[\s-]laws?(?![\p{L}])/iu.exec(text.slice(end, end + 10));
      end += inLaw?.[0].length ?? 0;
      // "my partner's son", "my mams boyfriend": whose relative, once.
      const next = after[i + 1];
      const owned = /['’]s$/u.test(after[i]!.word) || (singular !== bare && !/s$/u.test(singular));
      if (owned && next !== undefined && text.slice(after[i]!.end, next.start).trim() === '' && FAMILY.has(next.word.toLowerCase().replace(/s$/u, ''))) end = next.end;
      else if (owned && next !== undefined && FAMILY.has(next.word.toLowerCase())) end = next.end;
      return end;
    }
    if (BY_AGE.has(lower) && saidAs !== 'me') return after[i]!.start + lower.length;
    const adjective = FAMILY_ADJECTIVES.has(lower) || (NATIONALITY_ADJECTIVE.test(after[i]!.word) && i === 0);
    if (!adjective || i >= 2) return undefined;
  }
  return undefined;
};

/** "Says her partner, PC Summers…" in a call handler's notes: the caller's relative. */
const CALLER_SAYS = /\b(?:says|said|states|stated|reports|reported)\s+(?:that\s+)?(?:her|his|their)[ \t]+/giu;
const CALL_NOTES = /\b(?:caller|informant|complainant)\b/iu;

/**
 * A civilian title and a name anywhere: "Ms Danielle Okonjo", "Dr Samir Haddad", "Father Michael
 * O'Hara", "Mr and Mrs Thorpe", "mrs p akhtar". Police ranks are not titles here: "PC Smith" is the
 * officer being reported.
 */
const CIVIL_TITLE = /(?<![\p{L}\p{N}])(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Revd|Rev|Father|Fr|Cllr|Councillor|Dame|Sir|MR|MRS|MS|MISS|DR)\.?(?:[ \t]+(?:and|&)[ \t]+(?:Mrs|Mr|Ms|MRS|MR)\.?)?|(?:mr|mrs|ms|miss|dr)\.?)[ \t]+(?=[\p{L}])/gu;

/** "ask for Stacey", "ask for Dr Jenkins", "the girls call me Roxy", "known as Big Al". */
const ASK_FOR = /\b(?:ask(?:ing)?\s+for|call(?:s|ed)?\s+me|known\s+as|know\s+me\s+as|go\s+by)[ \t]+(?=\p{Lu})/gu;
/** Days and months, which follow "call me" as often as a name does: "call me Monday". */
const NOT_A_NAME_WORD = words(
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october ' +
    'november december tomorrow tonight today asap back anytime anonymous',
);

/**
 * A call handler's notes: "Caller is Ms Danielle Okonjo", "Caller identified herself as Mrs
 * Kowalczyk", "gave name as Declan Fahy", "Caller name Natalie".
 */
const CALLER_NAME =
  /\b(?:caller(?:['’]s)?[ \t]+(?:name[ \t]*(?:is|:)?|is|identified[ \t]+(?:her|him|them)sel(?:f|ves)[ \t]+as|(?:gave|gives|given)[ \t]+(?:(?:her|his|their)[ \t]+)?name[ \t]+as)|(?:gave|gives|given)[ \t]+(?:(?:her|his|their)[ \t]+)?name[ \t]+as)[ \t]+/giu;
/** "speak to me, Tommy Price, on 07700…": a name set beside "me". */
const ME_NAMED = /\bme,[ \t]+(?=\p{Lu})/gu;
/** "Contact: mrs p akhtar, 0121…", "My details: Mr Emeka Obi": a field for the reporter's details. */
const DETAILS_FIELD = /(?:^|(?<=[\n.]\s{0,3}))[ \t]*(?:my[ \t]+)?(?:contact|details|contact[ \t]+details|reporter|sender)[ \t]*:[ \t]*/giu;

/**
 * Jobs and roles said with a verb, with where they are done: "I chair the residents' association
 * on the Broadwater Farm estate", "I coach the under 12s at Heaton Mersey FC", "I teach Year 6 at
 * Oakfield Primary", "I clean at Stoke Heath police station", "I crew with him most nights".
 */
const ROLE_VERB =
  /\b(?:i|we)(?:\s+(?:also|currently|still|now|used\s+to|personally))?\s+(?:run|chair|chaired|coach|coached|teach|taught|lead|organise|organize|host|captain|manage|managed|clean|cleaned|crew|crewed|serve|patrol|train|trained|sing|play)\s+(?!to\b)/giu;
/** What makes the verb a job: a place or a person within six words ("at Heaton Mersey FC", "with him"). */
const ROLE_VERB_PLACE = /^(?:[\p{L}\p{N}'’&-]+[ \t]+){0,6}?(?:at|for|on|in|with)[ \t]+(?:the[ \t]+)?(?:[\p{Lu}\p{N}]|(?:him|her|them)(?![\p{L}]))/u;

/** "I own Kutz barbers", "states he owns Fahy Plant Hire": a business named after "own" or "run". */
const OWN_NAMED = /\b(?:[Ii]|[Ww]e|(?:states|says|stated|said)[ \t]+(?:that[ \t]+)?(?:he|she))[ \t]+(?:own|owns|owned|run|runs)[ \t]+(?=\p{Lu})/gu;
/**
 * "My firm is Locksafe Leyton", "My practice is Usk Valley Vets", "The pub I manage is the Fox
 * and Hounds": the reporter's workplace by name.
 */
const WORKPLACE_IS = new RegExp(
  String.raw`\b(?:(?:my|our)\s+(?:firm|company|business|shop|practice|pub|salon|restaurant|cafe|café|garage|employer|workplace|surgery|stall|store|charity|club|gym|school|church|mosque|team|office|yard|farm)|the\s+(?:pub|shop|cafe|café|bar|club|business|firm|company|school|practice|restaurant|hotel|salon|garage|store|stall|surgery)\s+(?:i|we)\s+(?:manage|run|own|work\s+(?:at|in|for)|teach\s+at))\s+(?:is|was|['’]s)\s+(?:called\s+)?(?:the\s+)?`,
  'giu',
);
/** "block L6 row P", "block N9 row 18 seat 121": where the reporter sits, at a ground. */
const SEAT = /\b(?:block|section|stand)[ \t]+[A-Z\d]{1,4},?[ \t]+row[ \t]+[A-Z\d]{1,3}(?:,?[ \t]+seat[ \t]+(?:no\.?[ \t]*)?\d{1,4})?(?![\p{L}\p{N}])/giu;
/** "the officer who lives below me", "the officer across the landing from me": the officer beside the reporter. */
const BESIDE_ME = /\b(?:(?:who\s+)?lives?\s+(?:directly\s+|just\s+)?(?:below|above|beneath|opposite|upstairs\s+from|downstairs\s+from|next\s+door\s+to)|across\s+the\s+(?:landing|hall|corridor|road|street)\s+from|next\s+door\s+to)\s+(?:me|us)(?![\p{L}])/giu;
/** "I was in care at the Willows", "I'm usually in the doorway of the old BHS": where the reporter is found. */
const WHERE_I_AM = /\bi(?:['’]?m|\s+am|\s+was)\s+(?:in\s+(?:care|foster\s+care)|(?:usually|always|normally|mostly)\s+(?:in|at|outside|by|on))(?![\p{L}\p{N}])/giu;
/** "I'm on the bar there", "I do the till on weekends", "I work the door": the post the reporter keeps. */
const AT_MY_POST =
  /\bi(?:['’]?m|\s+am|\s+was|\s+work|\s+worked|\s+do|\s+did|\s+run)\s+(?:on\s+|behind\s+)?the\s+(?:bar|door|doors|till|tills|desk|front\s+desk|reception|checkout|checkouts|counter|kitchen|gate|switchboard)(?![\p{L}\p{N}])/giu;

/** A name then ", his mother", ", Sarah's husband,": the role goes with the name. */
const APPOSITION = /,[ \t]*/y;
const FROM_PLACE = /[ \t]+from[ \t]+(?:the[ \t]+)?(?=\p{Lu})/uy;
const withApposition = (text: string, end: number): number => {
  // "Amy from the Costa in the retail park", "Dave Moffat from the allotments on Orchard Road".
  if (stickyMatch(FROM_PLACE, text, end) !== undefined) return clauseEnd(text, end + 1);
  const comma = stickyMatch(APPOSITION, text, end);
  if (comma === undefined) return end;
  const role = roleEnd(text, end + comma.length, false);
  return role ?? withAppositives(text, end);
};

/** Words that label a contact detail rather than name anyone: "Contact: jo@…", "Tel 0161…". */
const CONTACT_WORDS = words('contact email e-mail mail tel telephone phone mobile mob text call ring whatsapp number address postcode details reply on or ' +
  'daytime evening evenings morning mornings weekday weekdays work home office landline personal ' +
  'ffôn ffon cysylltwch ebost e-bost rhif symudol');
/** A name just before the reporter's own e-mail or phone: "Leanne, leanne.t@…", "thx, Jordan. JORDAN.PIKE@…", "Ryan 07700…". */
const NAME_BEFORE_CONTACT = /(?:^|[\n.!?,:][ \t]{0,3})(\p{Lu}[\p{Ll}'’-]{1,20}(?:[ \t]\p{Lu}[\p{Ll}'’-]{1,20})?)[ \t]{0,3}[,.:\-–]?[ \t]{0,3}$/u;
/** A name just after it, to end the report: "Call me 07700 900 578, Connor". */
const NAME_AFTER_CONTACT = /^[ \t]{0,3}[,.\-–]?[ \t]{0,3}(\p{Lu}[\p{Ll}'’-]{1,20})[ \t]*[x.!]*\s*$/u;
/** "Ring Bridget on 07700 900 441", "text Kerry on…": someone to ask for at the reporter's number. */
const CALL_NAME_ON = /\b(?:ring|call|text|phone|contact|speak\s+to)[ \t]+(?=\p{Lu}\p{Ll}{1,20}[ \t]+on[ \t]+[+(\d])/giu;
/** "Dave at Dartford Tyre & Exhaust, 01632 960 502": a first name and a workplace, then contact details to the end. */
const NAME_AT_PLACE = /(?:^|(?<=[\n.!?][ \t]{0,3}))\p{Lu}\p{Ll}{1,20}[ \t]+(?:at|from)[ \t]+(?:the[ \t]+)?\p{Lu}[^,.\n]{1,40}(?=,[ \t]*[+(\d])/gu;
/** "im on insta as @beccaboo_x", "my tiktok is @…": the reporter's handle on social media. */
const HANDLE = /(?:\b(?:insta|instagram|twitter|tiktok|snapchat|snap|facebook|fb|threads|handle|username|user\s+name)\b[^\n@]{0,20})(@[\p{L}\p{N}_.]{2,30}[\p{L}\p{N}_])/giu;

/** Names set beside the reporter's own e-mail address or phone number (not a helpline). */
const namesBesideContact = (text: string, exact: readonly Candidate[]): Candidate[] => {
  const found: Candidate[] = [];
  const isName = (word: string) => !NOT_A_SIGNATURE.has(word.toLowerCase()) && !CONTACT_WORDS.has(word.toLowerCase()) && !NOT_A_NAME_WORD.has(word.toLowerCase()) && !RANK.test(word);
  for (const detail of exact) {
    if (detail.kind !== 'email' && detail.kind !== 'phone') continue;
    const before = NAME_BEFORE_CONTACT.exec(text.slice(Math.max(0, detail.start - 50), detail.start));
    if (before !== null && before[1]!.split(/[ \t]/u).every(isName)) {
      const start = detail.start - before[0].length + before[0].indexOf(before[1]!);
      found.push({ kind: 'self_identification', start, end: start + before[1]!.length });
    }
    const after = NAME_AFTER_CONTACT.exec(text.slice(detail.end, detail.end + 40));
    if (after !== null && isName(after[1]!)) {
      const start = detail.end + after[0].indexOf(after[1]!);
      found.push({ kind: 'self_identification', start, end: start + after[1]!.length });
    }
  }
  return found;
};

export const selfIdentifications = (text: string, exact: readonly Candidate[] = []): Candidate[] => {
  const found: Candidate[] = [];
  const add = (start: number, end: number | undefined) => {
    if (end !== undefined && end > start) found.push({ kind: 'self_identification', start, end });
  };
  const shouting = isShouting(text);
  found.push(...namesBesideContact(text, exact));
  for (const match of text.matchAll(CALL_NAME_ON)) {
    const name = wordsFrom(text, match.index + match[0].length, 1)[0]!;
    // Only before the writer's own number: "Ring Crimestoppers on 0800 555 111" is a helpline.
    const on = /^[ \t]+on[ \t]+/iu.exec(text.slice(name.end, name.end + 8));
    if (on === null || !exact.some((detail) => detail.kind === 'phone' && detail.start === name.end + on[0].length)) continue;
    if (isCapitalised(name.word) && /\p{Ll}/u.test(name.word) && !NOT_A_SIGNATURE.has(name.word.toLowerCase()) && !RANK.test(name.word) && !NOT_A_NAME_WORD.has(name.word.toLowerCase())) add(name.start, name.end);
  }
  for (const match of text.matchAll(NAME_AT_PLACE)) {
    const end = match.index + match[0].length;
    if (!NOT_A_SIGNATURE.has(match[0].split(/[ \t]/u)[0]!.toLowerCase()) && onlyDetailsAfter(text, end)) add(match.index, end);
  }
  for (const match of text.matchAll(HANDLE)) add(match.index + match[0].length - match[1]!.length, match.index + match[0].length);

  for (const match of text.matchAll(NAME_INTRODUCTION)) {
    const end = nameEnd(text, match.index + match[0].length, match[1] !== undefined || shouting);
    if (end !== undefined) add(match.index, withApposition(text, end));
  }
  for (const pattern of [NAME_FIELD, FROM_HEADER]) {
    for (const match of text.matchAll(pattern)) {
      const at = match.index + match[0].length;
      add(at, nameEnd(text, at, pattern === NAME_FIELD));
    }
  }
  for (const match of text.matchAll(I_AM)) {
    let at = match.index + match[0].length;
    const still = /^(?:still|also|actually|really)[ \t]+(?=\p{Lu}\p{Ll})/u.exec(text.slice(at, at + 16));
    if (still) at += still[0].length;
    const opening = match.index === 0 || /(?:^|\b(?:hi|hello|hiya|hey|ok|okay|right|so|morning|afternoon|evening)\b)[\s,.!]*$/iu.test(text.slice(Math.max(0, match.index - 12), match.index));
    // "i'm zainab, 07700 900 118": a lower-case name with contact details straight after it.
    const beforeDetails = /^\p{Ll}[\p{Ll}'’-]+[ \t]*,?[ \t]*(?:\(?\+?\d|$)/u.test(text.slice(at, at + 30));
    const end = isNameAfterIAm(text, at, opening || shouting || beforeDetails);
    if (end !== undefined) add(match.index, withApposition(text, end));
  }
  for (const match of text.matchAll(THIS_IS)) {
    const at = match.index + match[0].length;
    if (/^(?:[\s,.!]|hi|hello|hiya|hey)*$/iu.test(text.slice(0, match.index)) && /^the[ \t]/iu.test(text.slice(at, at + 4))) {
      add(match.index, roleEnd(text, at, false));
      continue;
    }
    const end = nameEnd(text, at, false);
    if (end === undefined || NOT_A_SIGNATURE.has(text.slice(at, end).split(' ')[0]!.toLowerCase())) continue;
    if (!/^(?:[ \t]*(?:[,.!]|$|\b(?:writing|here|speaking|from|and)\b))/iu.test(text.slice(end, end + 12))) continue;
    add(match.index, withApposition(text, end));
  }
  for (const match of text.matchAll(GREETING_HERE)) {
    const at = match.index + match[0].length;
    const end = nameEnd(text, at, false);
    if (end !== undefined && !NOT_A_SIGNATURE.has(text.slice(at, end).split(' ')[0]!.toLowerCase())) add(at, end);
  }
  for (const pattern of [SIGN_OFF, SIGN_OFF_LINE, DASH_SIGN_OFF, LAST_SENTENCE]) {
    for (const match of text.matchAll(pattern)) {
      const at = match.index + match[0].length;
      if (trimmedEnd(text) - at > SIGNATURE_REACH + 40) continue;
      const end = signatureEnd(text, at);
      if (end !== undefined && nearEnd(text, end)) add(at, end);
    }
  }

  for (const match of text.matchAll(BE)) {
    // "As vicar of St Cuthbert's…", "As a GP in a practice in Rotherham…": opening the report or a sentence, "as" says what the writer is.
    const saidAs = /^(?:as|being)\b/iu.test(match[0]) && !/(?:^|[\n.!?])[ \t]*$/u.test(text.slice(Math.max(0, match.index - 4), match.index));
    let end = roleEnd(text, match.index + match[0].length, saidAs);
    if (end === undefined) continue;
    // "I am a retired police sergeant and a neighbour of the officer": the second role goes too.
    for (let more = 0; more < 3; more++) {
      const and = /^[ \t]*(?:,[ \t]*)?(?:and[ \t]+)?/iu.exec(text.slice(end, end + 8))![0];
      if (and.trim() === '') break;
      const next = roleEnd(text, end + and.length, false);
      if (next === undefined) break;
      end = next;
    }
    // "the officer's ex-partner and they share a child", "a widow and on my own out here".
    const more = stickyMatch(AND_MORE, text, end);
    if (more !== undefined) end = clauseEnd(text, end + more.length);
    const opensWithAs = /^(?:as|being)\b/iu.test(match[0]);
    // "As a GP in a practice in Rotherham I have seen…": the sentence goes on in the first person.
    if (opensWithAs) {
      const main = /[ \t](?:I|we|i)[ \t]/u.exec(text.slice(match.index + match[0].length, end));
      if (main !== null) end = match.index + match[0].length + main.index;
    }
    add(opensWithAs ? match.index + match[0].length : match.index, described(text, end));
  }
  for (const match of text.matchAll(ONLY_ONE)) add(match.index, described(text, clauseEnd(text, match.index + match[0].length, true)));
  for (const match of text.matchAll(ON_THE_TEAM)) add(match.index, clauseEnd(text, match.index + match[0].length));
  for (const match of text.matchAll(HE_IS_MY)) {
    const after = wordsFrom(text, match.index + match[0].length, 4);
    for (let i = 0; i < after.length; i++) {
      if (!isRelative(after[i]!.word)) {
        if (FUNCTION_WORDS.has(after[i]!.word.toLowerCase())) break;
        continue;
      }
      let end = after[i]!.end;
      for (let j = i + 1; j < after.length && isRelative(after[j]!.word); j++) end = after[j]!.end;
      const inLaw = /^[\s-]in[\s-]law(?![\p{L}])/iu.exec(text.slice(end, end + 10));
      add(match.index, end + (inLaw?.[0].length ?? 0));
      break;
    }
  }
  for (const pattern of [COUPLE, WITH_HIM, DO_FOR_HIM]) {
    for (const match of text.matchAll(pattern)) add(match.index, match.index + match[0].length);
  }
  for (const match of text.matchAll(WORK)) add(match.index, described(text, clauseEnd(text, match.index + match[0].length)));
  for (const match of text.matchAll(ORIGIN)) add(match.index, clauseEnd(text, match.index + match[0].length));
  for (const match of text.matchAll(LIKE_ME)) add(match.index, match.index + match[0].length);
  for (const match of text.matchAll(NATIONALITY)) {
    const group = /^\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}+)?/u.exec(text.slice(match.index + match[0].length, match.index + match[0].length + 40))![0];
    if (NOT_A_NATIONALITY.has(group.split(/[ \t]/u)[0]!.toLowerCase())) continue;
    let end = match.index + match[0].length + group.length;
    // "We are Irish Travellers on the Cranbrook Lane site".
    if (/^[ \t]+(?:on|in|at|from)[ \t]/u.test(text.slice(end, end + 6))) end = clauseEnd(text, end);
    add(match.index, end);
  }
  for (const match of text.matchAll(ROLE_MYSELF)) {
    if (isRoleNoun(match[1]!) && !GENERIC_ROLES.has(singularOf(match[1]!.toLowerCase()))) add(match.index, described(text, match.index + match[0].length));
  }
  for (const match of text.matchAll(ROLE_HERE)) {
    if (isRoleNoun(match[1]!) && !POLICE_ROLES.has(match[1]!.toLowerCase())) add(match.index, described(text, match.index + match[0].length));
  }
  for (const match of text.matchAll(ROLE_OPENS)) {
    const lower = match[1]!.toLowerCase();
    if (isRoleNoun(match[1]!) && !isRelative(match[1]!) && !POLICE_ROLES.has(lower) && !GENERIC_ROLES.has(singularOf(lower))) add(match.index, described(text, clauseEnd(text, match.index + match[1]!.length)));
  }
  for (const match of text.matchAll(RELATIVE_OF_OFFICER)) {
    if (isRelative(match[1]!)) add(match.index, match.index + match[1]!.length);
  }
  for (const pattern of [LICENCE, NEXT_DOOR]) {
    for (const match of text.matchAll(pattern)) add(match.index, match.index + match[0].length);
  }
  for (const pattern of [WORKING_THERE, NEXT_TO_MINE, KNOW_ME_BY, WHERE_I_WORK, ONLY_HOUSE, COMPLAINED, ONLY_ONE_IN_CLASS, THE_SHOP_IS]) {
    for (const match of text.matchAll(pattern)) add(match.index, clauseEnd(text, match.index + match[0].length));
  }
  for (const match of text.matchAll(RUN)) {
    const after = match.index + match[0].length;
    if (BUSINESS.test(text.slice(after, after + 60))) add(match.index, clauseEnd(text, after));
  }
  for (const match of text.matchAll(JOB_AT_NAMED_PLACE)) {
    const after = match.index + match[0].length;
    if (stickyMatch(NAMED_PLACE_FOLLOWS, text, after) === undefined) continue;
    add(match.index, clauseEnd(text, after));
  }

  for (const match of text.matchAll(MY)) {
    const said = match[0].trim().toLowerCase();
    if (said === 'me' && ME_AS_OBJECT.test(text.slice(Math.max(0, match.index - 12), match.index))) continue;
    add(match.index, familyEnd(text, match.index + match[0].length, said));
  }
  for (const match of text.matchAll(OUR_NAME)) {
    const name = wordsFrom(text, match.index + match[0].length, 1)[0];
    if (name === undefined || NOT_OUR_NAME.has(name.word.toLowerCase()) || NOT_A_SIGNATURE.has(name.word.toLowerCase()) || NOT_A_NAME_WORD.has(name.word.toLowerCase())) continue;
    add(match.index, name.end);
  }
  if (CALL_NOTES.test(text)) {
    for (const match of text.matchAll(CALLER_SAYS)) {
      const end = familyEnd(text, match.index + match[0].length);
      if (end !== undefined) add(text.lastIndexOf(' ', match.index + match[0].length - 2) + 1, end);
    }
  }
  for (const match of text.matchAll(CIVIL_TITLE)) {
    const at = match.index + match[0].length;
    const lower = /^\p{Ll}/u.test(match[0]);
    const end = nameEnd(text, at, lower) ?? (lower ? undefined : initialsEnd(text, at));
    // "Sir Matt Busby Way", "St Helens Road": a road named after someone.
    const last = end === undefined ? undefined : /[\p{L}]+$/u.exec(text.slice(at, end))?.[0];
    if (last !== undefined && STREET_TYPES.has(last.toLowerCase()) && isCapitalised(last)) continue;
    if (end !== undefined) add(match.index, end);
  }
  for (const pattern of [ASK_FOR, CALLER_NAME, ME_NAMED, DETAILS_FIELD]) {
    for (const match of text.matchAll(pattern)) {
      const at = match.index + match[0].length;
      if (RANK.test(text.slice(at, at + 16))) continue;
      const end = nameEnd(text, at, pattern === DETAILS_FIELD && /^(?:mrs?|ms|miss|dr)\.?[ \t]/iu.test(text.slice(at, at + 6)));
      if (end === undefined || NOT_A_NAME_WORD.has(text.slice(at, end).split(' ')[0]!.toLowerCase())) continue;
      if (NOT_A_SIGNATURE.has(text.slice(at, end).split(' ')[0]!.toLowerCase())) continue;
      if (pattern === ME_NAMED && !/^[ \t]*[,.]/u.test(text.slice(end, end + 3))) continue;
      add(pattern === ASK_FOR || pattern === ME_NAMED ? at : match.index, end);
    }
  }
  for (const match of text.matchAll(GREETING_HERE_LOWER)) {
    const at = match.index + match[0].length;
    const word = wordsFrom(text, at, 1)[0];
    if (word !== undefined && !NOT_A_SIGNATURE.has(word.word.toLowerCase())) add(at, word.end);
  }
  for (const match of text.matchAll(KISS)) {
    const word = wordsFrom(text, match.index, 1)[0];
    if (word !== undefined && !NOT_A_SIGNATURE.has(word.word.toLowerCase()) && !NOT_A_NAME_WORD.has(word.word.toLowerCase())) add(word.start, word.end);
  }
  for (const match of text.matchAll(NAME_SENTENCE)) {
    const end = nameEnd(text, match.index, false);
    if (end === undefined || RANK.test(text.slice(match.index, match.index + 16))) continue;
    const name = text.slice(match.index, end);
    if (name.split(' ').some((w) => RANK.test(w) || /^(?:he|she)['’]?s$/iu.test(w) || NOT_A_SIGNATURE.has(w.toLowerCase()) || NOT_A_NAME_WORD.has(w.toLowerCase()) || STREET_TYPES.has(w.toLowerCase()))) continue;
    if (!onlyDetailsAfter(text, end)) continue;
    add(match.index, withNameDetails(text, end));
  }
  for (const match of text.matchAll(ROLE_VERB)) {
    const after = match.index + match[0].length;
    if (ROLE_VERB_PLACE.test(text.slice(after, after + 90))) add(match.index, withAppositives(text, clauseEnd(text, after)));
  }
  for (const match of text.matchAll(OWN_NAMED)) add(match.index, withAppositives(text, clauseEnd(text, match.index + match[0].length)));
  for (const match of text.matchAll(WORKPLACE_IS)) {
    // A name, not a number (the address keeps its own highlight) nor lower case ("my shop is closed").
    if (isCapitalised(text[match.index + match[0].length] ?? '')) add(match.index, clauseEnd(text, match.index + match[0].length));
  }
  for (const pattern of [SEAT, BESIDE_ME]) {
    for (const match of text.matchAll(pattern)) add(match.index, match.index + match[0].length);
  }
  for (const pattern of [WHERE_I_AM, AT_MY_POST]) {
    for (const match of text.matchAll(pattern)) add(match.index, withAppositives(text, clauseEnd(text, match.index + match[0].length)));
  }
  return [...found, ...sameNameAgain(text, found)];
};

/** Initials and a surname after a title: "Mr D. A. Whitworth". */
const initialsEnd = (text: string, at: number): number | undefined => {
  const match = /^(?:\p{Lu}\.[ \t]*){1,3}\p{Lu}[\p{L}'’-]+/u.exec(text.slice(at, at + 60));
  return match === null ? undefined : at + match[0].length;
};

/**
 * Whether what follows a name, to the end of the text, is only contact details: numbers, capitals,
 * e-mail addresses and links, and at most a few ordinary words ("Ryan Cole, Crowdsafe badge 44120,
 * ryan@…", "Frank Alderson, farmer.").
 */
const onlyDetailsAfter = (text: string, end: number): boolean => {
  if (trimmedEnd(text) - end > DETAILS_REACH) return false;
  const rest = text.slice(end, trimmedEnd(text));
  if (!/^(?:$|[ \t]*[,.:;\-–—(x]|[ \t]+\d|[ \t]*\r?\n)/u.test(rest)) return false;
  const plain = rest.replace(/\S*[@/]\S*|\S+\.(?:com|org|net|uk)\S*/giu, ' ');
  const ordinary = plain.match(/(?<![\p{L}\p{N}])\p{Ll}[\p{Ll}'’]+(?![\p{L}\p{N}])/gu) ?? [];
  return ordinary.length <= MAX_WORDS_IN_DETAILS && !ordinary.some((w) => CLAUSE_WORDS.has(w));
};


/**
 * The reporter's first name, once given ("I'm Claire", "this is Dave"), found again with a surname
 * elsewhere: "so I'm still Claire Hartley", "Dave Moffat from the allotments".
 */
const MAX_NAMES_TO_FOLLOW = 3;
const sameNameAgain = (text: string, found: readonly Candidate[]): Candidate[] => {
  const names = new Set<string>();
  for (const candidate of found) {
    const match = /(?:\b(?:i['’]?m|i\s+am|this\s+is|it['’]?s|its|my\s+name\s+is)[ \t]+)(\p{Lu}[\p{Ll}'’-]{1,20})(?![\p{L}])/iu.exec(text.slice(candidate.start, candidate.end));
    if (match !== null && /^\p{Lu}/u.test(match[1]!) && !NOT_A_SIGNATURE.has(match[1]!.toLowerCase())) names.add(match[1]!);
    if (names.size >= MAX_NAMES_TO_FOLLOW) break;
  }
  const again: Candidate[] = [];
  for (const name of names) {
    for (const match of text.matchAll(new RegExp(String.raw`(?<![\p{L}\p{N}])${name}[ \t]+\p{Lu}[\p{Ll}'’-]+(?![\p{L}\p{N}])`, 'gu'))) {
      const end = match.index + match[0].length;
      again.push({ kind: 'self_identification', start: match.index, end: withApposition(text, end) });
    }
  }
  return again;
};
