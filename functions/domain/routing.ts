/**
 * Routing: which force a report goes to, which rule decided, and why, in words a contact-centre
 * analyst or a force's anti-corruption unit can read. Pure: the same report on the same day is
 * always routed the same way.
 */
import { findForce, forceNameKey, type Force, type ForceId } from './forces.ts';
import { appliesTo, contentFields, protectedMentions, protectedWhat, withoutProtectedWords } from './protected-units.ts';
import type { Protection } from './entities/protection.ts';
import { TRIAGE, type RoutingDecision } from './entities/routing-decision.ts';
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

const NOT_KNOWN = /* @__PURE__ */ new Set(['unknown', 'not known', 'dont know', "don't know", 'do not know', 'not sure']);

// ─── names and places ─────────────────────────────────────────────────────────────────────────

const named = (typed: string | undefined): { typed: string; force: Force | undefined } | undefined => {
  if (typed === undefined || NOT_KNOWN.has(typed.trim().toLowerCase())) return undefined;
  const force = findForce(typed) ?? findForceIn(withoutProtectedWords(typed));
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

  // Every force the report might concern, for the protection: it must reach none of them if it
  // speaks of their own units or chief officers.
  const forcesConcerned = [
    ...new Set([employer?.force?.id, concerned?.force?.id, choice?.force.id, ...(place?.kind === 'candidates' ? place.candidates : [])].filter((id) => id !== undefined)),
  ];
  const protection = protectionOf(report, forcesConcerned);
  // For the contact centre only (a force reads fixed wording instead): what was found, and where.
  const about = (force?: Force) => (protection === undefined ? undefined : describeMentions(report, protection, force));
  const caution = about() === undefined ? undefined : `the report is about ${about()}: the force it concerns must not handle it`;
  const protectedFields = protection === undefined ? {} : { protection };

  if (choice === undefined) {
    const candidates = place?.kind === 'candidates' ? place.candidates : [];
    if (place?.kind === 'candidates') {
      return {
        destination: TRIAGE,
        rule: 'postcode-candidates',
        reason: [notAForce, place.why, caution].filter(Boolean).join('; '),
        candidates,
        ...protectedFields,
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
      ...protectedFields,
    };
  }

  if (protection?.from.includes(choice.force.id)) {
    return {
      destination: TRIAGE,
      rule: 'protected-unit',
      reason: `${choice.why}, but the report is about ${about(choice.force)}, so ${choice.force.name} does not receive it: the contact centre arranges independent handling`,
      candidates: [choice.force.id],
      protection,
    };
  }

  const day = receivedAt.slice(0, 10);
  if (day < choice.force.joinedService) {
    return {
      destination: TRIAGE,
      rule: 'not-yet-joined',
      reason: [`${choice.why}, but ${choice.force.name} joined the service on ${choice.force.joinedService}`, caution].filter(Boolean).join('; '),
      candidates: [choice.force.id],
      ...protectedFields,
    };
  }
  const mentioned = protection === undefined ? undefined : `the report mentions ${about()}: it is reviewed before ${choice.force.name} receives it`;
  return { destination: choice.force.id, rule: choice.rule, reason: [choice.why, mentioned].filter(Boolean).join('; '), candidates: [], ...protectedFields };
};

const FIELD_NAMES: Readonly<Record<string, string>> = {
  '/subject/rank': 'rank',
  '/subject/station': 'station',
  '/subject/name': 'name',
  '/subject/force': 'employer',
  '/force': 'force named',
  '/location/description': 'place',
  '/narrative': 'narrative',
};

/** Where each protected mention was found, as the reporter typed it (the narrative by the words that matched). */
const describeMentions = (report: Pick<ReportSubmission, 'subject' | 'force' | 'location'>, protection: Protection, force?: Force): string => {
  const typed = (field: string): string | undefined =>
    ({ '/subject/rank': report.subject?.rank, '/subject/station': report.subject?.station, '/subject/name': report.subject?.name, '/subject/force': report.subject?.force, '/force': report.force })[field];
  const mentions = protection.mentions.filter((m) => force === undefined || appliesTo(m, force.id));
  const shown = mentions.length > 0 ? mentions : protection.mentions;
  return [...new Set(shown.map((m) => `${protectedWhat(m.kind, force?.name)} (${FIELD_NAMES[m.field] ?? m.field} "${typed(m.field) ?? m.term}")`))].join(' and ');
};

/**
 * The protection a report needs, from everything it says: the forces it must never reach are the
 * forces it concerns, and for words only some forces use (the Met's "Commander") those forces.
 * Undefined when it speaks of no protected unit.
 */
export const protectionOf = (
  report: Pick<ReportSubmission, 'subject' | 'force' | 'location' | 'narrative'>,
  forcesConcerned: readonly ForceId[],
): Protection | undefined => {
  const mentions = protectedMentions(contentFields(report));
  if (mentions.length === 0) return undefined;
  const from = new Set<ForceId>();
  for (const mention of mentions) {
    if (mention.onlyFor.length > 0) for (const id of mention.onlyFor) from.add(id);
    else for (const id of forcesConcerned) from.add(id);
  }
  return { from: [...from], mentions };
};

/**
 * Whether a report may go to a force: not when it was found to be about that force's protected
 * units, nor when what the force would receive speaks of them.
 */
export const mayReach = (
  protection: Protection | undefined,
  content: Parameters<typeof contentFields>[0] | undefined,
  force: ForceId,
): boolean =>
  !(protection?.from.includes(force) ?? false) && (content === undefined || protectedMentions(contentFields(content), force).length === 0);
