/**
 * Every problem the APIs answer with, in one place: its name, status, type and title, and which
 * problem each refusal of each step becomes. Nothing else in the service names a problem type;
 * the OpenAPI document lists this catalogue (scripts/api-documents.ts), and a test fails on a
 * `/problems/` literal anywhere else.
 *
 * Problems whose status says everything (404 Not Found, 401, 413 ...) keep RFC 9457's
 * "about:blank" type and are made with statusProblem().
 */
import type { NotFound, StepResult } from '#domain/entities/step-result.ts';
import { LOCKOUT_MS } from '#domain/follow-up-attempts.ts';
import type { FollowUpRefusal } from '#domain/follow-up.ts';
import type { ForceRefusal } from '#domain/force-work.ts';
import type { ReviewRefusal } from '#domain/review.ts';
import type { LinkRefusal } from '#domain/person-links/decisions.ts';
import { ConcurrentChange } from '#domain/ports.ts';
import { Problem, statusProblem, type FieldProblem } from './problem.ts';

interface CatalogueEntry {
  readonly status: number;
  readonly title: string;
  /** The type URI, when several entries share one (titles differ by what was refused); else `/problems/<name>`. */
  readonly type?: string;
  /** When the problem arises, as the OpenAPI document says. */
  readonly when: string;
}

export const PROBLEM_CATALOGUE = {
  // A body or query that needs attention: 400, with one entry per field in errors[].
  'invalid-report': { status: 400, title: 'The report has answers that need attention', when: 'A report, online or by phone, fails validation.' },
  'invalid-follow-up': { status: 400, title: 'The follow-up request needs attention', when: "A reporter's follow-up request fails validation." },
  'invalid-answer': { status: 400, title: 'The answer needs attention', when: "A reporter's answer fails validation." },
  'invalid-information': { status: 400, title: 'The information needs attention', when: 'Information a reporter adds fails validation.' },
  'invalid-sanitised-report': { status: 400, title: 'The sanitised report has answers that need attention', when: 'A sanitised report fails validation.' },
  'invalid-force-choice': { status: 400, title: 'The force choice needs attention', when: 'A force choice fails validation.' },
  'invalid-closure': { status: 400, title: 'The closure needs attention', when: 'A proposed closure fails validation.' },
  'invalid-return': { status: 400, title: 'The return needs a reason', when: 'A return to the analysts fails validation.' },
  'invalid-split': { status: 400, title: 'The split needs attention', when: 'A split fails validation.' },
  'invalid-person-link-decision': { status: 400, title: 'The link decision needs attention', when: 'A decision on a suggested link fails validation.' },
  'same-report': { status: 400, title: 'A report cannot be linked to itself', when: 'A link decision names the same report twice.' },
  'invalid-sanitised-answer': { status: 400, title: 'The sanitised answer needs attention', when: 'A sanitised answer fails validation.' },
  'invalid-question': { status: 400, title: 'The question needs attention', when: "A force's question fails validation." },
  'invalid-outcome': { status: 400, title: 'The outcome needs attention', when: "A force's outcome fails validation." },
  'invalid-transfer': { status: 400, title: 'The transfer needs attention', when: "A force's transfer fails validation." },
  'invalid-query': { status: 400, title: 'Unknown status', when: "A force lists its reports with a status they cannot have." },
  'invalid-statistics-query': { status: 400, title: 'The statistics query needs attention', when: 'A statistics query names no force, or months out of range.' },
  'unknown-force': { status: 400, title: 'No such force', when: 'A force named is not in the registry.' },
  'same-force-twice': { status: 400, title: 'A force is named twice', when: 'A split names one force twice.' },
  'same-force': { status: 400, title: 'That is your own force', when: 'A force passes a report to itself.' },

  // The public API answers only what comes through the website's CloudFront distribution.
  'not-through-website': {
    status: 403,
    title: "Send this through the service's website address",
    when: "A request reaches the public API without CloudFront's origin header: sent to the API's own address, around the website and its firewall.",
  },

  // Two people for every decision: 403 to the one who may not take the second step.
  'four-eyes': { status: 403, title: 'Another supervisor must approve this', when: 'The approver wrote or changed what the force will receive, or where it goes.' },
  'four-eyes-confirmation': { status: 403, type: '/problems/four-eyes', title: 'Another supervisor must confirm this', when: 'The supervisor confirming a closure proposed it.' },

  // A reporter coming back: the same 404 for an unknown reference and a wrong code; 429 after ten wrong codes.
  'not-recognised': { status: 404, title: 'No report matches that reference and follow-up code', when: 'The reference is unknown or the code is wrong.' },
  'no-such-question': { status: 404, title: 'There is no such question for this report', when: 'A reporter answers a question the report does not have.' },
  'too-many-attempts': { status: 429, title: 'Too many attempts to open this report', when: 'Ten wrong codes for the reference within an hour.' },

  // Not possible now: 409.
  'not-awaiting-review': { status: 409, title: 'This contact is not waiting for review', when: 'A review step on a contact that has left review.' },
  'not-sanitised': { status: 409, title: 'Nobody has sanitised this report yet', when: 'Approval before an analyst wrote the sanitised report.' },
  'answer-not-sanitised': { status: 409, type: '/problems/not-sanitised', title: 'Nobody has sanitised this answer yet', when: 'Approval before an analyst wrote the sanitised answer.' },
  'no-force-chosen': { status: 409, title: 'No force has been chosen', when: 'Approval of a report that has no force.' },
  'no-closure-proposed': { status: 409, title: 'Nobody has proposed closing this contact', when: 'Confirming a closure nobody proposed.' },
  'protected-unit': { status: 409, title: 'This may not go to that force', when: "What would reach the force speaks of its own professional standards, anti-corruption or vetting unit, or chief officers." },
  'foreign-reference': {
    status: 409,
    title: 'This names a report the force may not know of',
    when: "What the force would receive names a reporter's reference, or a force reference that is not that force's own (other than the held reports the service noted for it).",
  },
  'no-held-reports': { status: 409, title: 'The force holds no linked report', when: 'Noting held reports when no confirmed link leads to a report that force holds now.' },
  'not-suggested': { status: 409, title: 'This link is not suggested', when: 'A decision on two reports the service does not suggest may concern the same person, and nobody linked before.' },
  'wrong-state': { status: 409, title: 'Not possible at this stage', when: 'A step on a question or answer that has moved on.' },
  'lifecycle': { status: 409, title: 'Not possible at this stage', when: "A force's step the report's status does not allow." },
  'passed-on': { status: 409, title: 'Your force passed this report on', when: 'A force acts on a report it has passed to another force.' },
  'changed': { status: 409, title: 'Someone else changed this meanwhile', when: 'Another step changed the same thing between reading and writing.' },
  'already-answered': { status: 409, title: 'This question has already been answered', when: 'A reporter answers a question twice.' },
  'not-yet-recorded': { status: 409, title: 'Your report is still being recorded', when: 'A reporter adds information before the report is routed.' },
  'in-progress': { status: 409, title: 'This report is still being taken in', when: 'The same Idempotency-Key arrives while the first request is still being taken in.' },
  'idempotency-key-reused': { status: 422, title: 'This Idempotency-Key was used for a different report', when: 'An Idempotency-Key arrives again with a different report.' },
} as const satisfies Record<string, CatalogueEntry>;

export type ProblemName = keyof typeof PROBLEM_CATALOGUE;

/** The type URI of a catalogued problem. */
export const problemType = (name: ProblemName): string => {
  const entry: CatalogueEntry = PROBLEM_CATALOGUE[name];
  return entry.type ?? `/problems/${name}`;
};

export interface ProblemParticulars {
  readonly detail?: string;
  readonly errors?: readonly FieldProblem[];
  readonly headers?: Readonly<Record<string, string>>;
}

/** The catalogued problem, with the particulars of this occurrence. */
export const problem = (name: ProblemName, { detail, errors, headers }: ProblemParticulars = {}): Problem => {
  const { status, title } = PROBLEM_CATALOGUE[name];
  return new Problem(
    { type: problemType(name), title, status, ...(detail === undefined ? {} : { detail }), ...(errors === undefined ? {} : { errors }) },
    headers === undefined ? {} : { headers },
  );
};

/** Which problem each kind of refusal of a step becomes. */
export type RefusalProblems<Refusal extends { readonly kind: string }> = {
  readonly [K in Refusal['kind']]: (refusal: Extract<Refusal, { readonly kind: K }>) => Problem;
};

const spoken = (status: string): string => status.replace(/_/g, ' ');
const notFound = (detail: string) => () => statusProblem(404, 'Not Found', detail);
const protectedUnit = (why: string): Problem =>
  problem('protected-unit', { detail: `Not to ${why}. Choose a force that can handle it independently, or reword what the force will receive.` });
const unknownForce = ({ typed }: { typed: string }): Problem =>
  problem('unknown-force', { errors: [{ pointer: '/force', detail: `"${typed}" is not a force in the registry` }] });

export const REVIEW_REFUSALS: RefusalProblems<ReviewRefusal | NotFound> = {
  'not-found': notFound('There is no report with that reference.'),
  'not-awaiting-review': ({ status }) => problem('not-awaiting-review', { detail: `It is ${spoken(status)}.` }),
  'not-sanitised': () => problem('not-sanitised', { detail: 'An analyst must write the sanitised version before it can be approved.' }),
  'no-force-chosen': () => problem('no-force-chosen', { detail: 'Choose the force this report goes to before approving it.' }),
  'own-sanitisation': () => problem('four-eyes', { detail: 'You wrote the sanitised version of this report, so you may not approve it.' }),
  'own-change': () => problem('four-eyes', { detail: 'You changed what the force will receive or where it goes, so you may not approve it.' }),
  'no-closure-proposed': () => problem('no-closure-proposed', { detail: 'Propose the closure first; a supervisor who did not propose it confirms it.' }),
  'own-proposal': () => problem('four-eyes-confirmation', { detail: 'You proposed closing this contact, so you may not confirm it.' }),
  'protected-unit': ({ force }) =>
    protectedUnit(`${force}: the report speaks of its own professional standards, anti-corruption or vetting unit, or its chief officers`),
  'unknown-force': unknownForce,
  'same-force-twice': ({ force }) => problem('same-force-twice', { detail: `${force} is named more than once.` }),
  'foreign-reference': ({ references }) =>
    problem('foreign-reference', {
      detail: `Take out ${references.join(', ')}: a force sees only its own references. To tell it of reports it holds about the same person, note them (held-reports).`,
    }),
  'no-held-reports': () =>
    problem('no-held-reports', { detail: 'Confirm the links first; only reports the chosen force holds now can be named, by its own references.' }),
};

/** The contact centre's decisions on suggested links between reports about the same person. */
export const LINK_REFUSALS: RefusalProblems<LinkRefusal | NotFound> = {
  'not-found': notFound('There is no report with that reference, or none with the other.'),
  'same-report': () => problem('same-report', { detail: 'Name another report.' }),
  'not-suggested': () => problem('not-suggested', { detail: 'Only a link shown as suggested on the review screen can be confirmed or rejected.' }),
};

export const FORCE_REFUSALS: RefusalProblems<ForceRefusal> = {
  'not-found': notFound('There is no report with that reference for your force.'),
  'passed-on': () => problem('passed-on', { detail: 'Only the force that has it now can change it.' }),
  'not-allowed': ({ from, to }) => problem('lifecycle', { detail: `A report that is ${spoken(from)} cannot become ${spoken(to)}.` }),
  'unknown-force': unknownForce,
  'same-force': () => problem('same-force', { errors: [{ pointer: '/force', detail: 'Choose another force to pass the report to.' }] }),
};

/** The contact centre's steps on questions and answers. */
export const FOLLOW_UP_REFUSALS: RefusalProblems<FollowUpRefusal> = {
  'not-found': notFound('There is no such report, question or answer.'),
  'wrong-state': ({ status }) => problem('wrong-state', { detail: `It is ${spoken(status)}.` }),
  'not-sanitised': () => problem('answer-not-sanitised', { detail: 'An analyst must write the sanitised answer before it can be approved.' }),
  'own-sanitisation': () => problem('four-eyes', { detail: 'You wrote the sanitised answer, so you may not approve it.' }),
  'protected-unit': () =>
    protectedUnit('the sanitised answer speaks of the own professional standards, anti-corruption or vetting unit, or chief officers, of a force that has the report'),
  'foreign-reference': ({ references }) =>
    problem('foreign-reference', { detail: `Take out ${references.join(', ')}: a force sees only its own references.` }),
};

/** A reporter's own answers and additions, through the public API. */
export const REPORTER_REFUSALS: RefusalProblems<FollowUpRefusal> = {
  'not-found': () => problem('no-such-question'),
  // The only state a reporter can meet: the report has not been routed yet.
  'wrong-state': ({ status }) =>
    status === 'received' ? problem('not-yet-recorded', { detail: 'Try again in a few minutes.', headers: { 'Retry-After': '60' } }) : problem('already-answered'),
  'not-sanitised': () => problem('already-answered'),
  'own-sanitisation': () => problem('already-answered'),
  'protected-unit': () => problem('already-answered'),
  'foreign-reference': () => problem('already-answered'),
};

export const notRecognised = (): Problem => problem('not-recognised', { detail: 'Check the reference and the follow-up code and try again.' });

export const tooManyAttempts = (): Problem =>
  problem('too-many-attempts', {
    detail: 'There have been too many attempts with this reference. Try again in an hour.',
    headers: { 'Retry-After': String(LOCKOUT_MS / 1000) },
  });

/** What a step produced, or the problem its refusal is. */
export const doneOrProblem = <T, Refusal extends { readonly kind: string }>(result: StepResult<T, Refusal>, refusals: RefusalProblems<Refusal>): T => {
  if (result.kind === 'done') return result.value;
  const { refusal } = result;
  throw (refusals[refusal.kind as Refusal['kind']] as (refusal: Refusal) => Problem)(refusal);
};

/**
 * Runs a step and answers with what it produced, or the problem its refusal is. Someone else
 * changing the same thing meanwhile (the step's conditional write failed) is a 409 that asks the
 * caller to read again, whichever step it was.
 */
export const stepDoneOrProblem = async <T, Refusal extends { readonly kind: string }>(
  step: () => Promise<StepResult<T, Refusal>>,
  refusals: RefusalProblems<Refusal>,
): Promise<T> => {
  try {
    return doneOrProblem(await step(), refusals);
  } catch (error) {
    if (error instanceof ConcurrentChange) throw problem('changed', { detail: 'Read it again and retry.' });
    throw error;
  }
};
