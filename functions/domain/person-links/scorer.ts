/**
 * Whether two reports may concern the same person, from the match keys they share (match-keys.ts).
 * It sees only keyed hashes and their kinds, never a name or a number, so it runs on what is
 * stored. The evidence is added up by kind, the strongest of each family counting once:
 *
 * | evidence                                        | weight |
 * | ----------------------------------------------- | -----: |
 * | same collar number in the same force            |      3 |
 * | same collar digits, one report giving no force  |      2 |
 * | same full name (first name through the nickname table) | 3 |
 * | same-sounding surname and same first name       |    2.5 |
 * | same surname and initial                        |      2 |
 * | same-sounding surname and same initial          |    1.5 |
 * | same surname, one report giving no first name   |    1.5 |
 * | same first name, one report giving no surname    |    0.5 |
 * | same station in the same force                  |    1.5 |
 * | same station name, a force missing on one side  |      1 |
 * | same force                                      |      1 |
 * | both give a first name or initial, and they cannot be one person's | −3 |
 *
 * A pair scoring LINK_THRESHOLD or more is suggested to an analyst as a possible link. So a
 * collar number with its force is enough, and so is a full name, across forces (officers move);
 * a surname with an initial needs the same force or station; a surname alone needs the same
 * station and more; a station and a force together are not enough. The weights were set on the
 * development set only (test/fixtures/person-links-synthetic.ts, DEVELOPMENT_SEED), never on the
 * held-out set the floor test uses.
 */
import type { IdentifierKind } from './identifiers.ts';
import type { MatchKey } from './match-keys.ts';

export const LINK_THRESHOLD = 3;
/** A pair scoring this or more, short of LINK_THRESHOLD, is a tentative link: it joins reports through others only when unambiguous (groups.ts). */
export const TENTATIVE_THRESHOLD = 2.5;

export interface LinkAssessment {
  readonly mayConcernSamePerson: boolean;
  /** Short of a link, but enough to join a group it alone points to (groups.ts). */
  readonly tentative: boolean;
  readonly score: number;
  /** What the two share, in words an analyst reads ("same collar number and force"). */
  readonly evidence: readonly string[];
  /** Both reports give a full name, and the names cannot be one person's: never joined through others (groups.ts). */
  readonly namesConflict: boolean;
}

/** Each kind's keys, with whether the key is a name built on a common surname. */
type Keys = ReadonlyMap<IdentifierKind, ReadonlyMap<string, boolean>>;

const byKind = (keys: readonly MatchKey[]): Keys => {
  const kinds = new Map<IdentifierKind, Map<string, boolean>>();
  for (const { kind, key, common } of keys) {
    const held = kinds.get(kind) ?? new Map<string, boolean>();
    held.set(key, common === true);
    kinds.set(kind, held);
  }
  return kinds;
};

/** The name evidence, strongest first: kind, weight on a rarer surname, weight on a common one. */
const NAME_EVIDENCE: readonly (readonly [IdentifierKind, number, number, string])[] = [
  ['name', 3, 3, 'same full name'],
  ['name-sound', 2.5, 2, 'same first name, similar surname'],
  ['name-initial', 3, 2, 'same surname and initial'],
  ['name-sound-initial', 2, 1.5, 'same initial, similar surname'],
];

/** What a shared kind is: not shared, shared on a rarer surname, or shared only on a common one. */
type Shared = 'no' | 'rare' | 'common';

/** Weighs two reports' match keys. */
export const assessLink = (a: readonly MatchKey[], b: readonly MatchKey[]): LinkAssessment => {
  const left = byKind(a);
  const right = byKind(b);
  const has = (keys: Keys, kind: IdentifierKind) => (keys.get(kind)?.size ?? 0) > 0;
  const both = (kind: IdentifierKind) => has(left, kind) && has(right, kind);
  const sharing = (kind: IdentifierKind): Shared => {
    const mine = left.get(kind);
    const theirs = right.get(kind);
    if (mine === undefined || theirs === undefined) return 'no';
    let found: Shared = 'no';
    for (const [key, common] of mine) {
      if (!theirs.has(key)) continue;
      if (!common && !theirs.get(key)) return 'rare';
      found = 'common';
    }
    return found;
  };
  const shared = (kind: IdentifierKind) => sharing(kind) !== 'no';

  let score = 0;
  const evidence: string[] = [];
  const count = (weight: number, words: string) => {
    score += weight;
    evidence.push(words);
  };

  // The collar number: with its force, or the digits where a force is missing on one side.
  if (shared('collar')) count(3, 'same collar number and force');
  else if (shared('collar-number') && !both('collar')) count(2, 'same collar number');

  // The name: the strongest agreement counts. Two full names (a first name or initial and a
  // surname each) whose first names cannot be one person's count against ("Claire Roberts" and
  // "Matthew Roberts"); two surnames that differ do not (a misspelling, or a surname changed on
  // marriage), they only add nothing.
  const namesConflict = both('initial') && !shared('initial');
  if (namesConflict) count(-3, 'different names');
  else {
    let named = false;
    for (const [kind, rare, common, words] of NAME_EVIDENCE) {
      const how = sharing(kind);
      if (how === 'no') continue;
      count(how === 'rare' ? rare : common, words);
      named = true;
      break;
    }
    if (!named) {
      const surname = sharing('surname');
      const sounding = sharing('surname-sound');
      if (surname !== 'no') count(surname === 'rare' ? 2 : 1.5, 'same surname');
      else if (sounding !== 'no') count(sounding === 'rare' ? 1.5 : 1, 'similar surname');
      else if (!(has(left, 'surname') && has(right, 'surname')) && shared('first-name')) count(0.5, 'same first name');
    }
  }

  if (shared('station')) count(1.5, 'same station');
  else if (shared('station-place') && !both('station')) count(1, 'same station name');
  if (shared('force')) count(1, 'same force');

  return { mayConcernSamePerson: score >= LINK_THRESHOLD, tentative: score >= TENTATIVE_THRESHOLD && score < LINK_THRESHOLD, score, evidence, namesConflict };
};
