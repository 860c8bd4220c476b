/**
 * Whether two reports may concern the same person, from the match keys they share (match-keys.ts).
 * It sees only keyed hashes and their kinds, never a name or a number, so it runs on what is
 * stored. The evidence is added up, the strongest of each family (collar, name, station) counting
 * once. A name on one of the commonest surnames ("Smith", "Khan") weighs less:
 *
 * | evidence                                                        | rarer surname | common surname |
 * | --------------------------------------------------------------- | ------------: | -------------: |
 * | same collar number in the same force                            |             3 |                |
 * | same collar digits, a force missing on one side                 |             2 |                |
 * | collar numbers two neighbouring digits apart, same force        |           1.5 |                |
 * | same full name (first names through the nickname table)         |             3 |              3 |
 * | same first name, surnames that sound alike (Soundex) or are one letter apart | 2.5 |   2 |
 * | same surname and initial                                        |             3 |            1.5 |
 * | same initial, surnames that sound alike or are one letter apart |             2 |              1 |
 * | same surname, a first name missing on one side                  |             2 |            1.5 |
 * | similar surnames, a first name missing on one side              |           1.5 |              1 |
 * | same first name, a surname missing on one side                  |           0.5 |                |
 * | same station in the same force                                  |           1.5 |                |
 * | same station name, under another force or none                  |             1 |                |
 * | same force                                                      |             1 |                |
 * | first names or initials that cannot be one person's             |            −3 |                |
 * | two full names whose surnames are not similar                   |            −2 |                |
 * | first names with the same initial that are not one name ("John", "Joanne"); then only the surname counts | −1.5 | |
 *
 * A pair with a name or a number in common that scores LINK_THRESHOLD (2) or more may concern the
 * same person, and is suggested to an analyst. So a collar number with its force is enough; so
 * is a full name, or a rarer surname with an initial, across forces (officers move); a rarer
 * surname alone, or a common one with its force; a station and a force together, with no name or
 * number, never are. Pairs that cannot be one person and are not outweighed are kept apart when
 * reports are grouped through others (groups.ts).
 *
 * The weights and thresholds were set by measuring on the development set only
 * (test/fixtures/person-links-synthetic.ts, DEVELOPMENT_SEED; `npm run measure:links`), never on
 * the held-out set the floor test uses.
 */
import type { IdentifierKind } from './identifiers.ts';
import type { MatchKey } from './match-keys.ts';

export const LINK_THRESHOLD = 2;
/**
 * A pair scoring this or more, short of LINK_THRESHOLD, with a name or number in common, is a
 * tentative link: it joins reports through others only when unambiguous (groups.ts).
 */
export const TENTATIVE_THRESHOLD = 1.5;

export interface LinkAssessment {
  readonly mayConcernSamePerson: boolean;
  /** Short of a link, but enough to join a group it alone points to (groups.ts). */
  readonly tentative: boolean;
  readonly score: number;
  /** What the two share, in words an analyst reads ("same collar number and force"). */
  readonly evidence: readonly string[];
  /**
   * The names cannot be one person's (first names or surnames differ) and nothing else outweighs
   * that: the two are never joined through others (groups.ts).
   */
  readonly keepApart: boolean;
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
  ['name-initial', 3, 1.5, 'same surname and initial'],
  ['name-sound-initial', 2, 1, 'same initial, similar surname'],
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

  /** One report's collar number is the other's with two neighbouring digits swapped (in the same force). */
  const sharesSwap = (): boolean => {
    const mine = left.get('collar');
    const theirs = right.get('collar');
    const mySwaps = left.get('collar-swap');
    const theirSwaps = right.get('collar-swap');
    if (mine === undefined || theirs === undefined || mySwaps === undefined || theirSwaps === undefined) return false;
    for (const key of mine.keys()) if (theirSwaps.has(key)) return true;
    for (const key of theirs.keys()) if (mySwaps.has(key)) return true;
    return false;
  };

  let score = 0;
  let named = false;
  const evidence: string[] = [];
  /** Adds evidence; `naming` when it is a name or a number in common, not a place or a difference. */
  const count = (weight: number, words: string, naming = false) => {
    score += weight;
    evidence.push(words);
    named ||= naming;
  };

  // The collar number: with its force, or the digits where a force is missing on one side.
  if (shared('collar')) count(3, 'same collar number and force', true);
  else if (shared('collar-number') && !both('collar')) count(2, 'same collar number', true);
  else if (sharesSwap()) count(1.5, 'collar number with two digits swapped, same force', true);

  // The name: the strongest agreement counts. First names or initials that cannot be one
  // person's count against ("Claire Roberts" and "Matthew Roberts"), and so, less, do surnames
  // that do not even sound alike (they may be a misspelling Soundex misses, or a name changed on
  // marriage, so a collar number and force with a station still outweigh them).
  const firstNamesDiffer = both('initial') && !shared('initial');
  // "John" and "Joanne": full first names, with no name in common through the nickname table.
  // (Names that begin with the same three letters, "Kev" and "Kevin", "Stevo" and "Stephen", may be one.)
  const fullFirstNamesDiffer = !firstNamesDiffer && both('first-name') && !shared('first-name') && !shared('first-prefix');
  // Surnames that sound alike, or are one letter apart, are "similar".
  const similarSurnames = (): Shared => {
    const sound = sharing('surname-sound');
    const near = sharing('surname-near');
    return sound === 'rare' || near === 'rare' ? 'rare' : sound === 'common' || near === 'common' ? 'common' : 'no';
  };
  const surnamesDiffer = both('initial') && both('surname-sound') && similarSurnames() === 'no';
  const namesConflict = firstNamesDiffer || fullFirstNamesDiffer || surnamesDiffer;
  const surnameEvidence = () => {
    const surname = sharing('surname');
    const similar = similarSurnames();
    if (surname !== 'no') count(surname === 'rare' ? 2 : 1.5, 'same surname', true);
    else if (similar !== 'no') count(similar === 'rare' ? 1.5 : 1, 'similar surname', true);
  };
  if (firstNamesDiffer) count(-3, 'different first names');
  else if (surnamesDiffer) count(-2, 'different surnames');
  else if (fullFirstNamesDiffer) {
    // "John Okafor" and "Joanne Okafor": the same initial, but not the same name. Only the surname counts.
    count(-1.5, 'different first names, same initial');
    surnameEvidence();
  } else {
    const strongest = NAME_EVIDENCE.find(([kind]) => sharing(kind) !== 'no');
    if (strongest !== undefined) {
      const [kind, rare, common, words] = strongest;
      count(sharing(kind) === 'rare' ? rare : common, words, true);
    } else {
      const similar = similarSurnames();
      const rare = similar === 'rare';
      // Surnames one letter apart that Soundex does not hear alike, with the first name or initial.
      if (sharing('surname') === 'no' && similar !== 'no' && shared('first-name')) count(rare ? 2.5 : 2, 'same first name, similar surname', true);
      else if (sharing('surname') === 'no' && similar !== 'no' && shared('initial')) count(rare ? 2 : 1, 'same initial, similar surname', true);
      else if (sharing('surname') !== 'no' || similar !== 'no') surnameEvidence();
      else if (!(has(left, 'surname') && has(right, 'surname')) && shared('first-name')) count(0.5, 'same first name', true);
    }
  }

  if (shared('station')) count(1.5, 'same station');
  // The same station name under two forces: one report's force may be where it happened, not
  // the officer's ("Coventry" is the officer's station whatever force the reporter named).
  else if (shared('station-place')) count(1, 'same station name');
  if (shared('force')) count(1, 'same force');

  return {
    mayConcernSamePerson: named && score >= LINK_THRESHOLD,
    keepApart: namesConflict && !(named && score >= LINK_THRESHOLD),
    tentative: named && score >= TENTATIVE_THRESHOLD && score < LINK_THRESHOLD,
    score,
    evidence,
  };
};
