/**
 * Routing: which force a report goes to, which rule decided, and why, in words a contact-centre
 * analyst or a force's anti-corruption unit can read. Pure: the same report on the same day is
 * always routed the same way.
 */
import { findForce, forceNameKey, type Force, type ForceId } from './forces.ts';
import {
  forceOfArea,
  normalisePostcode,
  SHIPPED_POSTCODE_TABLES,
  resolvePostcode,
  type AreaShare,
  type NormalisedPostcode,
  type PostcodeTables,
} from './postcodes.ts';
import type { ReportSubmission } from './report.ts';

/** The national triage queue, handled by the contact centre, for reports no force can be chosen for. */
export const TRIAGE = 'triage';
export type Destination = ForceId | typeof TRIAGE;

export type RoutingRule =
  /** The force that employs the person reported, as the reporter named it. */
  | 'subject-force'
  /** The force the reporter named for where it happened. */
  | 'named-force'
  /** The force whose area holds the place's postcode. */
  | 'postcode'
  /** Triage: the place's postcode lies in more than one force's area; the candidates are those forces. */
  | 'postcode-candidates'
  /** Triage: the report is about the chosen force's own professional standards or anti-corruption unit, or its chief officers. */
  | 'protected-unit'
  /** Triage: the chosen force had not joined the service on the day the report was received. */
  | 'not-yet-joined'
  | 'no-force-identified'
  /** Chosen by the contact centre on review. */
  | 'contact-centre'
  /** Passed on by the force that had it to another force (functions/domain/force-work.ts). */
  | 'transferred'
  | 'released';

export interface RoutingDecision {
  readonly destination: Destination;
  readonly rule: RoutingRule;
  readonly reason: string;
  /** Forces the report might belong to when it went to triage; empty otherwise. */
  readonly candidates: readonly ForceId[];
}

const NOT_KNOWN = /* @__PURE__ */ new Set(['unknown', 'not known', 'dont know', "don't know", 'do not know', 'not sure']);

// ─── protected units: a force's own professional standards, anti-corruption unit and chief officers ───

/**
 * Words that put a report beyond the force it concerns, matched as whole words in what the reporter
 * said about the person (see `protectedUnitMention`). Text is compared lower case, without accents,
 * full stops or apostrophes ("D.C.C." is "dcc"), every other mark a space; a trailing "s" is allowed
 * ("Chief Constable's office"). Bare "AC" and "CC" are left out: too many other things.
 */
type ProtectedKind = 'unit' | 'chief-officer' | 'commissioner';

const PROTECTED_TERMS: readonly { readonly kind: ProtectedKind; readonly phrases: readonly string[]; readonly onlyFor?: readonly ForceId[] }[] = [
  {
    kind: 'commissioner',
    phrases: ['police and crime commissioner', 'police fire and crime commissioner', 'pcc', 'pfcc'],
  },
  {
    kind: 'unit',
    phrases: [
      'professional standards', // department, directorate, unit
      'psd',
      'dps', // the Met's Directorate of Professional Standards
      'anti corruption',
      'anticorruption',
      'counter corruption',
      'countercorruption',
      'acu',
      'ccu',
    ],
  },
  {
    kind: 'chief-officer',
    phrases: ['chief constable', 'dcc', 'acc', 'deputy chief officer', 'assistant chief officer'],
  },
  {
    // The Met's and the City of London Police's chief officer ranks.
    kind: 'chief-officer',
    phrases: ['commissioner', 'dac', 'commander'],
    onlyFor: ['metropolitan', 'city-of-london'],
  },
  {
    // Elsewhere a commissioner is the police and crime commissioner who holds the chief constable to account.
    kind: 'commissioner',
    phrases: ['commissioner'],
  },
];

const phrasePattern = (phrases: readonly string[]) => new RegExp(` (?:${phrases.join('|')})s? `);
// Marked pure so that bundles which import only TRIAGE leave the rules out.
const PROTECTED_PATTERNS = /* @__PURE__ */ PROTECTED_TERMS.map((term) => ({ ...term, pattern: phrasePattern(term.phrases) }));

/** Words that only say which part of a force someone works in: dropped to find the force named. */
const UNIT_WORDS = /* @__PURE__ */ phrasePattern(['department', 'dept', 'directorate', 'unit', 'command', 'team', 'branch', 'office', 'of']);

const comparable = (text: string): string =>
  ` ${text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[.'’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;

/**
 * What the reporter typed for a force, with any words about a unit or rank taken out, so that
 * "Kent PSD" and "Chief Constable of Kent" still name Kent Police.
 */
const withoutUnitWords = (typed: string): string => {
  let text = comparable(typed);
  for (const pattern of [...PROTECTED_PATTERNS.map((term) => term.pattern), UNIT_WORDS]) {
    const global = new RegExp(pattern.source, 'g');
    // Phrases share their bounding spaces, so repeat until nothing more comes out.
    for (let previous = ''; previous !== text; ) (previous = text), (text = text.replace(global, ' '));
  }
  return text;
};

interface ProtectedMention {
  readonly kind: ProtectedKind;
  readonly field: string;
  readonly typed: string;
}

/**
 * Whether what the reporter said about the person puts the report beyond the force it concerns
 * (one of `forces`): the person's rank, station, name, the force they work for (as typed), and the
 * force the reporter named. Not the narrative: people write "I told professional standards and
 * nothing happened" in reports about anyone, and every contact's narrative is read by an analyst
 * at review.
 */
const protectedUnitMention = (report: ReportSubmission, forces: readonly ForceId[]): ProtectedMention | undefined => {
  const fields: readonly [string, string | undefined][] = [
    ['rank', report.subject?.rank],
    ['station', report.subject?.station],
    ['name', report.subject?.name],
    ['employer', report.subject?.force],
    ['force named', report.force],
  ];
  for (const [field, typed] of fields) {
    if (typed === undefined) continue;
    const text = comparable(typed);
    const term = PROTECTED_PATTERNS.find(
      ({ pattern, onlyFor }) => (onlyFor === undefined || onlyFor.some((id) => forces.includes(id))) && pattern.test(text),
    );
    if (term !== undefined) return { kind: term.kind, field, typed };
  }
  return undefined;
};

/** What the report is about, in words: of `force` where it is known, of a force in general where not. */
const protectedWhat = (mention: ProtectedMention, force?: Force): string =>
  mention.kind === 'unit'
    ? `${force === undefined ? 'a force' : force.name}'s own professional standards or anti-corruption unit`
    : mention.kind === 'chief-officer'
      ? `one of ${force === undefined ? 'a force' : force.name}'s chief officers`
      : `the police and crime commissioner who oversees ${force === undefined ? 'a force' : force.name}`;

// ─── names and places ─────────────────────────────────────────────────────────────────────────

const named = (typed: string | undefined): { typed: string; force: Force | undefined } | undefined => {
  if (typed === undefined || NOT_KNOWN.has(typed.trim().toLowerCase())) return undefined;
  const force = findForce(typed) ?? findForceIn(withoutUnitWords(typed));
  return { typed, force };
};

const findForceIn = (text: string): Force | undefined => (forceNameKey(text) === '' ? undefined : findForce(text));

/**
 * How the place's postcode is named in a reason. A full postcode is named by its sector only: a
 * reason can reach a force as it stands, while the postcode itself may be the reporter's home and
 * goes to a force only as the contact centre's review leaves it.
 */
const placeName = (postcode: Exclude<NormalisedPostcode, { kind: 'not-a-postcode' }>): string =>
  postcode.kind === 'full' ? `full postcode (sector ${postcode.sector})` : `postcode ${postcode.kind} ${postcode.postcode}`;

const percent = (share: number): string => (share < 0.005 ? 'under 1%' : `${Math.round(share * 100)}%`);

const listed = (names: readonly string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

const candidateNames = (candidates: readonly AreaShare[]): string =>
  listed(candidates.map(({ pfaCode, share }) => `${forceOfArea(pfaCode)?.name ?? pfaCode} (${percent(share)})`));

type Place =
  | { readonly kind: 'force'; readonly force: Force; readonly why: string }
  | { readonly kind: 'candidates'; readonly candidates: readonly ForceId[]; readonly why: string }
  | { readonly kind: 'unknown'; readonly why: string };

/** The force or forces whose area holds the postcode the reporter gave for where it happened. */
const placeOf = (typed: string | undefined, tables: PostcodeTables): Place | undefined => {
  if (typed === undefined) return undefined;
  const postcode = normalisePostcode(typed);
  if (postcode.kind === 'not-a-postcode') return { kind: 'unknown', why: 'the postcode given is not a UK postcode' };
  const place = `the place's ${placeName(postcode)}`;
  const resolution = resolvePostcode(postcode, tables);
  if (resolution.kind === 'candidates') {
    const where =
      postcode.kind === 'full'
        ? `${place} is not in the reference data, and its ${resolution.how} ${resolution.how === 'sector' ? postcode.sector : postcode.district} straddles`
        : `${place} straddles`;
    return {
      kind: 'candidates',
      candidates: resolution.candidates.map(({ pfaCode }) => forceOfArea(pfaCode)?.id).filter((id) => id !== undefined),
      why: `${where} ${candidateNames(resolution.candidates)}: the contact centre chooses`,
    };
  }
  const force = resolution.kind === 'force' ? forceOfArea(resolution.pfaCode) : undefined;
  if (resolution.kind === 'unknown' || force === undefined) {
    const district = postcode.kind === 'full' ? `the place's postcode (district ${postcode.district})` : `the place's postcode ${postcode.kind} ${postcode.postcode}`;
    return { kind: 'unknown', why: `${district} is not in the reference data` };
  }
  const why =
    resolution.how === 'northern-ireland'
      ? `${place} is in Northern Ireland, policed by the ${force.name}`
      : postcode.kind === 'full'
        ? `${place} lies in ${force.name}'s area`
        : `${place} lies wholly in ${force.name}'s area`;
  return { kind: 'force', force, why };
};

// ─── the rules ────────────────────────────────────────────────────────────────────────────────

/**
 * Decides where a report goes, in order: the force that employs the person it is about; the force
 * the reporter named for where it happened; the force whose area holds the place's postcode (a
 * partial postcode across more than one force, or one not in the reference data, is not guessed:
 * it goes to triage with the candidates); otherwise triage.
 *
 * Whichever rule chose it, the force does not receive a report about its own professional
 * standards or anti-corruption unit, or its chief officers: that goes to triage for independent
 * handling. Nor does a force that had not joined the service on the day the report was received:
 * the report waits in triage.
 *
 * `tables` are the postcode tables; by default the ones shipped with the service.
 */
export const routeReport = (report: ReportSubmission, receivedAt: string, tables: PostcodeTables = SHIPPED_POSTCODE_TABLES): RoutingDecision => {
  const employer = named(report.subject?.force);
  const concerned = named(report.force);
  const unrecognised = [employer, concerned].filter((n) => n !== undefined && n.force === undefined).map((n) => `"${n!.typed}"`);
  const notAForce = unrecognised.length > 0 ? `${unrecognised.join(' and ')} did not name a force in the registry` : undefined;

  const place = employer?.force === undefined && concerned?.force === undefined ? placeOf(report.location?.postcode, tables) : undefined;
  const choice =
    employer?.force !== undefined
      ? { force: employer.force, rule: 'subject-force' as const, why: `the person reported works for ${employer.force.name}` }
      : concerned?.force !== undefined
        ? { force: concerned.force, rule: 'named-force' as const, why: `the reporter named ${concerned.force.name}` }
        : place?.kind === 'force'
          ? { force: place.force, rule: 'postcode' as const, why: [place.why, notAForce].filter(Boolean).join('; ') }
          : undefined;

  if (choice === undefined) {
    const candidates = place?.kind === 'candidates' ? place.candidates : [];
    // Whoever takes it from triage must know it is not for the force it concerns.
    const mention = protectedUnitMention(report, candidates);
    const caution =
      mention === undefined
        ? undefined
        : `the report is about ${protectedWhat(mention)} (${mention.field} "${mention.typed}"): the force it concerns must not handle it`;
    if (place?.kind === 'candidates') {
      return {
        destination: TRIAGE,
        rule: 'postcode-candidates',
        reason: [notAForce, place.why, caution].filter(Boolean).join('; '),
        candidates,
      };
    }
    return {
      destination: TRIAGE,
      rule: 'no-force-identified',
      reason:
        notAForce !== undefined || place !== undefined
          ? `no force could be identified: ${[notAForce, place?.why, caution].filter(Boolean).join('; ')}`
          : ['the reporter did not name a force', caution].filter(Boolean).join('; '),
      candidates: [],
    };
  }

  const mention = protectedUnitMention(report, [choice.force.id]);
  if (mention !== undefined) {
    return {
      destination: TRIAGE,
      rule: 'protected-unit',
      reason:
        `${choice.why}, but the report is about ${protectedWhat(mention, choice.force)} ` +
        `(${mention.field} "${mention.typed}"), so ${choice.force.name} does not receive it: ` +
        'the contact centre arranges independent handling',
      candidates: [choice.force.id],
    };
  }

  const day = receivedAt.slice(0, 10);
  if (day < choice.force.joinedService) {
    return {
      destination: TRIAGE,
      rule: 'not-yet-joined',
      reason: `${choice.why}, but ${choice.force.name} joined the service on ${choice.force.joinedService}`,
      candidates: [choice.force.id],
    };
  }
  return { destination: choice.force.id, rule: choice.rule, reason: choice.why, candidates: [] };
};
