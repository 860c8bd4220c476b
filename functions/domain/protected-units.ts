/**
 * Protected units: a report about a force's own professional standards or anti-corruption unit,
 * its vetting, or its chief officers (or the police and crime commissioner who oversees it) must
 * never reach that force. This module finds such mentions in what a report says, wherever it says
 * it (the person's rank, station, name and employer, the force named, the place, and the
 * narrative), however it is written: text is folded before matching with Unicode compatibility
 * normalisation (NFKC) and the confusable skeletons of Unicode TR39, so "Chief Cоnstable" with a
 * Cyrillic "о", "ＰＳＤ" in full width or "D.C.C." all match.
 *
 * Pure: used by the router, by every change of destination (the contact centre's choice, a split,
 * approval, a force's transfer, the release of held reports) and before answers and information
 * reach a force.
 */
import { CONFUSABLE_SKELETONS } from './confusable-skeletons.generated.ts';
import type { ForceId } from './forces.ts';
import type { ProtectedKind, ProtectedMention } from './entities/protection.ts';

interface ProtectedTerm {
  readonly kind: ProtectedKind;
  readonly phrases: readonly string[];
  /** The forces whose own ranks or bodies these words name; every force when absent. */
  readonly onlyFor?: readonly ForceId[];
  /** Matched in the fields about the person and the force, not in the narrative. */
  readonly fieldsOnly?: boolean;
}

/**
 * Words that put a report beyond the force it concerns, matched as whole words after folding; a
 * trailing "s" is allowed ("Chief Constable's office"). Bare "AC" and "CC" are left out: too many
 * other things.
 */
const PROTECTED_TERMS: readonly ProtectedTerm[] = [
  {
    kind: 'commissioner',
    phrases: ['police and crime commissioner', 'police fire and crime commissioner', 'pcc', 'pfcc', 'opcc'],
  },
  {
    kind: 'unit',
    phrases: [
      // The names forces give their professional standards departments.
      'professional standards',
      'standards department',
      'standards directorate',
      'standards branch',
      'standards unit',
      'complaints and misconduct',
      'complaints misconduct',
      'complaints department',
      'complaints unit',
      'misconduct unit',
      'conduct unit',
      'psd',
      'dps', // the Met's Directorate of Professional Standards
      'anti corruption',
      'anticorruption',
      'counter corruption',
      'countercorruption',
      'acu',
      'ccu',
      'vetting unit',
      'vetting department',
      'vetting team',
      'vetting office',
      'vetting officer',
      'vetting manager',
      'force vetting',
      'integrity unit',
      'counter fraud and corruption',
    ],
  },
  {
    kind: 'chief-officer',
    phrases: [
      'chief constable',
      'chief constables',
      'dcc',
      'acc',
      'tcc',
      'chief officer',
      'chief officers',
      'deputy chief officer',
      'assistant chief officer',
      'command team',
      'chief officer team',
      'chief officer group',
    ],
  },
  {
    // In a field about the person ("station: Vetting"), the one word is enough; in a narrative
    // "he failed vetting" is about the officer, not the unit.
    kind: 'unit',
    phrases: ['vetting'],
    fieldsOnly: true,
  },
  {
    // The Met's and the City of London Police's chief officer ranks and oversight.
    kind: 'chief-officer',
    phrases: ['commissioner', 'deputy commissioner', 'assistant commissioner', 'deputy assistant commissioner', 'dac', 'commander', 'management board'],
    onlyFor: ['metropolitan', 'city-of-london'],
  },
  {
    kind: 'commissioner',
    phrases: ['mopac', 'mayors office for policing and crime', 'deputy mayor for policing'],
    onlyFor: ['metropolitan'],
  },
  {
    // Elsewhere a commissioner is the police and crime commissioner who holds the chief constable to account.
    kind: 'commissioner',
    phrases: ['commissioner'],
  },
];

// ─── folding ──────────────────────────────────────────────────────────────────────────────────

/** TR39's skeletons, only of the characters whose skeleton can change a folded word (scripts/build-confusable-skeletons.ts). */
const SKELETON = CONFUSABLE_SKELETONS;

/** Format characters (zero-width joiners, soft hyphens, bidirectional marks) hide nothing once dropped. */
const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u3164\uffa0]/gu;

/**
 * Text folded for matching: NFKC, lower case, invisible characters dropped, accents stripped, full
 * stops and apostrophes dropped ("D.C.C." is "dcc", "Constable's" is "constables"), every other run
 * of marks a word break; then each word by its TR39 confusable skeleton; with a space between words
 * and at either end, so that whole words match as ` word `.
 */
export const foldForMatching = (text: string): string => ` ${skeletonWords(plainWords(text)).filter((word) => word !== '').join(' ')} `;

/** Text as plain lower-case words: NFKC, accents stripped, full stops and apostrophes dropped. */
const plainWords = (text: string): string[] =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(INVISIBLE, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[.'’`´]/g, '')
    .split(/[\s\p{P}\p{S}\p{Z}]+/u)
    .filter((word) => word !== '');

/**
 * Each word by its TR39 confusable skeleton (case folded first, as UTS #39 does for identifiers:
 * the skeleton of "I" is "l", of "i" itself), then folded again to plain letters and digits.
 */
const skeletonWords = (words: readonly string[]): string[] =>
  words
    .map((word) => {
      let skeleton = '';
      for (const character of word) skeleton += SKELETON[character] ?? character;
      return skeleton
        .normalize('NFKC')
        .toLowerCase()
        .normalize('NFKD')
        .replace(/\p{M}/gu, '')
        .replace(/[^a-z0-9]+/g, '');
    });

const fold = (phrase: string): string => foldForMatching(phrase).trim();

const PATTERNS = /* @__PURE__ */ PROTECTED_TERMS.map((term) => {
  const folded = new Map(term.phrases.map((phrase) => [fold(phrase), phrase]));
  const alternatives = [...folded.keys()].join('|');
  return { ...term, folded, pattern: new RegExp(` (${alternatives})s? `), global: new RegExp(` (?:${alternatives})s? `, 'g') };
});

/** Words that only say which part of a force someone works in: dropped to find the force named. */
// In a function of its own, so that a bundle which never calls withoutProtectedWords drops it and, with it,
// the confusables table (esbuild keeps the arguments of a pure call when they call something).
const UNIT_WORDS = /* @__PURE__ */ (() =>
  new RegExp(` (?:${['department', 'dept', 'directorate', 'unit', 'command', 'team', 'branch', 'office', 'of'].map(fold).join('|')}) `, 'g'))();

/**
 * What someone typed for a force, folded, with any words about a unit or rank taken out, so that
 * "Kent PSD" and "Chief Constable of Kent" still name Kent Police.
 */
export const withoutProtectedWords = (typed: string): string => {
  const words = plainWords(typed);
  const skeletons = skeletonWords(words).map((word) => (word === '' ? '_' : word));
  const removed = new Set<number>();
  const text = ` ${skeletons.join(' ')} `;
  for (const pattern of [...PATTERNS.map((term) => term.global), UNIT_WORDS]) {
    for (const match of text.matchAll(new RegExp(pattern.source.replace(/^ /, '(?<= )').replace(/ $/, '(?= )'), 'g'))) {
      // The words the match covers, by the spaces before and within it.
      const first = text.slice(0, match.index).split(' ').length - 2;
      const count = match[0].trim().split(' ').length;
      for (let i = 0; i < count; i += 1) removed.add(first + i);
    }
  }
  return words.filter((_, i) => !removed.has(i)).join(' ');
};

// ─── finding mentions ────────────────────────────────────────────────────────────────────────

/** A field of a report, by its JSON Pointer ("/subject/rank", "/narrative"), and what it says. */
export interface TextField {
  readonly field: string;
  readonly text: string | undefined;
}

/**
 * Every protected mention in the fields, one per field and kind of term. `force` (optional) keeps
 * only the mentions that apply to that force: every force's words, and those only that force uses.
 */
export const protectedMentions = (fields: readonly TextField[], force?: ForceId): ProtectedMention[] => {
  const mentions: ProtectedMention[] = [];
  for (const { field, text } of fields) {
    if (text === undefined || text === '') continue;
    const folded = foldForMatching(text);
    for (const term of PATTERNS) {
      if (force !== undefined && term.onlyFor !== undefined && !term.onlyFor.includes(force)) continue;
      if (term.fieldsOnly === true && NARRATIVE_FIELDS.has(field)) continue;
      const match = term.pattern.exec(folded);
      if (match === null) continue;
      if (mentions.some((m) => m.field === field && m.kind === term.kind)) continue;
      mentions.push({ kind: term.kind, field, term: term.folded.get(match[1] ?? '') ?? term.phrases[0]!, onlyFor: term.onlyFor ?? [] });
    }
  }
  return mentions;
};

/** Free-text fields where a word may be about something other than the person reported. */
const NARRATIVE_FIELDS = new Set(['/narrative', '/location/description', '/answer', '/information']);

/** Whether a mention found without knowing the force applies to this one. */
export const appliesTo = (mention: ProtectedMention, force: ForceId): boolean => mention.onlyFor.length === 0 || mention.onlyFor.includes(force);

/** What a report is about, in words the contact centre reads. */
export const protectedWhat = (kind: ProtectedKind, forceName = 'a force'): string =>
  kind === 'unit'
    ? `${forceName}'s own professional standards, anti-corruption or vetting unit`
    : kind === 'chief-officer'
      ? `one of ${forceName}'s chief officers`
      : `the police and crime commissioner who oversees ${forceName}`;

/** The fields of a report's content in which a protected mention counts. */
export const contentFields = (content: {
  readonly subject?: { readonly name?: string; readonly rank?: string; readonly station?: string; readonly force?: string; readonly collarNumber?: string };
  readonly force?: string;
  readonly location?: { readonly description?: string };
  readonly narrative: string;
}): TextField[] => [
  { field: '/subject/rank', text: content.subject?.rank },
  { field: '/subject/station', text: content.subject?.station },
  { field: '/subject/name', text: content.subject?.name },
  { field: '/subject/force', text: content.subject?.force },
  { field: '/force', text: content.force },
  { field: '/location/description', text: content.location?.description },
  { field: '/narrative', text: content.narrative },
];
