/**
 * The analyst's screens on the staff console, for one contact:
 *
 * - `GET /review/{reference}`: the review screen. The original is opened exactly as the staff
 *   API's review view opens it (openForReview: the reading recorded in the audit trail, by the
 *   person signed in), its identifying details flagged as that view flags them, and the other
 *   reports that may concern the same person (personLinksOf).
 * - `POST /review/{reference}/sanitised`: `action=apply` renders the sanitised version again from
 *   the redactions chosen; `action=save` saves it (the sanitise use case, as the signed-in analyst).
 * - `POST /review/{reference}/closure`: proposes closing it (the proposal use case).
 * - `POST /review/{reference}/links/{otherReference}`: confirms or rejects a suggested link.
 * - `GET /review/{reference}/force?search=`: the registry searched by name or alias;
 *   `POST /review/{reference}/force` chooses one; `POST /review/{reference}/split` splits it.
 *
 * Every step is the staff API's own use case (functions/domain/review.ts, person-links/decisions.ts),
 * checked against the same request schemas; a refusal is said plainly on the page it came from.
 */
import { proposedForceName } from '#pages/console/words.ts';
import { clock, originalsVault, personLinkStore, portsFor, reportStore } from '#adapters/composition-root.ts';
import { personLinksView } from '#adapters/contact-centre-views.ts';
import { consolePageAnswer, consoleScreen, redirect, type ConsoleEvent, type ConsoleResult } from '#adapters/console-http.ts';
import { disseminableContentSchema } from '#domain/disseminable-content.ts';
import type { ReportRecord } from '#domain/entities/report-record.ts';
import { decidePersonLink, personLinksOf } from '#domain/person-links/decisions.ts';
import { ConcurrentChange } from '#domain/ports.ts';
import { parseReference, type Reference } from '#domain/reference.ts';
import { flagIdentifyingDetails } from '#domain/review-flags.ts';
import { closureSchema, forceChoiceSchema, MAX_SPLIT_PARTS, personLinkDecisionSchema, splitSchema } from '#domain/review-requests.ts';
import { chooseForce, openForReview, proposeClosure, reviewStep, sanitise, secondsWaiting, splitContact, type ReviewOutcome } from '#domain/review.ts';
import type { FieldError } from '#pages/layout.ts';
import type { Person } from '#pages/console/layout.ts';
import { forbiddenPage, notFoundPage } from '#pages/console/pages.ts';
import { editedFields, forcePage, refusalInWords, reviewPage, sanitisedContent, sanitisedFieldError, splitFormErrors, type ForceScreen, type ReviewScreen } from '#pages/console/review.ts';

const reviewPorts = portsFor({ reports: reportStore, vault: originalsVault, links: personLinkStore, clock });
type Ports = ReturnType<typeof reviewPorts>;

const proposedForceOf = (record: ReportRecord): string => proposedForceName(record.routing.destination);

/** The supervisor's last return while its draft is still kept: no analyst has sanitised the contact since. */
const returnWaiting = (record: ReportRecord): ReviewScreen['returned'] => {
  const returned = record.review?.returned;
  return returned?.draft === undefined ? undefined : { by: returned.by, at: returned.at, reason: returned.reason, draft: returned.draft.content };
};

type Extras = Partial<Pick<ReviewScreen, 'removed' | 'texts' | 'errors' | 'errorDescription' | 'done' | 'closure'>>;

type OpenedForReview = Extract<Awaited<ReturnType<typeof openForReview>>, { kind: 'done' }>['value'];
type NotOpened = Extract<Awaited<ReturnType<typeof openForReview>>, { kind: 'refused' }>['refusal'];

/** Why there is nothing to open: 410 once the original has ended under the retention schedule, else 404. */
const notOpenedAnswer = (person: Person, refusal: NotOpened): ConsoleResult =>
  refusal.kind === 'original-ended'
    ? consolePageAnswer(410, forbiddenPage(person, `The reporter's original words ended under the retention schedule on ${refusal.on}.`))
    : consolePageAnswer(404, notFoundPage(person));

/** The review screen of a contact opened already (its flagged details found already, when they were). */
const renderReview = async (ports: Ports, person: Person, { record, original }: OpenedForReview, status: number, extras: Extras = {}, flags = flagIdentifyingDetails(original)): Promise<ConsoleResult> => {
  const links = personLinksView(await personLinksOf(ports, record));
  return consolePageAnswer(
    status,
    reviewPage({
      person,
      reference: record.reference,
      channel: record.channel,
      status: record.status,
      waitedSeconds: secondsWaiting(record, ports.clock()),
      proposedForce: proposedForceOf(record),
      why: record.routing.reason,
      original,
      flags,
      sanitised: record.review?.sanitised,
      closureProposed: record.review?.closureProposed,
      returned: returnWaiting(record),
      links,
      ...extras,
    }),
  );
};

/** Opens the contact (recording the reading) and renders the review screen; 404 or 410 when there is nothing to open. */
const reviewAnswer = async (ports: Ports, person: Person, reference: Reference, status: number, extras: Extras = {}): Promise<ConsoleResult> => {
  const opened = await openForReview(ports, reference, person.username, ports.clock());
  return opened.kind === 'refused' ? notOpenedAnswer(person, opened.refusal) : renderReview(ports, person, opened.value, status, extras);
};

const forceAnswer = async (ports: Ports, person: Person, reference: Reference, status: number, extras: Partial<ForceScreen> = {}): Promise<ConsoleResult> => {
  const record = await ports.reports.find(reference);
  if (record === undefined) return consolePageAnswer(404, notFoundPage(person));
  return consolePageAnswer(
    status,
    forcePage({ person, reference, proposedForce: proposedForceOf(record), why: record.routing.reason, search: '', ...extras }),
  );
};

/** A review step taken: the refusal's words, or none when it was done. */
const refusalOf = async (step: () => Promise<ReviewOutcome>): Promise<string | undefined> => {
  try {
    const outcome = await step();
    return outcome.kind === 'refused' ? refusalInWords(outcome.refusal) : undefined;
  } catch (error) {
    if (error instanceof ConcurrentChange) return refusalInWords({ kind: 'changed' });
    throw error;
  }
};

const done = (reference: Reference, what: string, path = ''): ConsoleResult => redirect(`/review/${reference}${path}?done=${what}`);

const sanitised = async (ports: Ports, person: Person, reference: Reference, form: URLSearchParams): Promise<ConsoleResult> => {
  if (!person.groups.includes('analysts')) return consolePageAnswer(403, forbiddenPage(person, 'Only an analyst writes the sanitised version.'));
  if (form.get('action') !== 'save') {
    const removed = new Set(form.getAll('remove').map(Number).filter(Number.isInteger));
    return reviewAnswer(ports, person, reference, 200, { removed });
  }
  const opened = await openForReview(ports, reference, person.username, ports.clock());
  if (opened.kind === 'refused') return notOpenedAnswer(person, opened.refusal);
  const flags = flagIdentifyingDetails(opened.value.original);
  const texts = Object.fromEntries(editedFields(flags).map((pointer) => [pointer, form.get(pointer) ?? '']));
  const parsed = disseminableContentSchema.safeParse(sanitisedContent(opened.value.original, texts));
  if (!parsed.success) {
    const errors: FieldError[] = parsed.error.issues.map((issue) => sanitisedFieldError(`/${issue.path.map(String).join('/')}`, issue.message));
    // The contact as opened for this save: nothing has changed, so it is not opened (and its reading recorded) again.
    return renderReview(ports, person, opened.value, 400, { texts, errors }, flags);
  }
  const refusal = await refusalOf(() => reviewStep(ports.reports, reference, (contact) => sanitise(contact, parsed.data, person.username, ports.clock())));
  return refusal === undefined ? done(reference, 'sanitised') : reviewAnswer(ports, person, reference, 409, { texts, errorDescription: refusal });
};

const closure = async (ports: Ports, person: Person, reference: Reference, form: URLSearchParams): Promise<ConsoleResult> => {
  const typed = { reason: form.get('reason') ?? '', note: form.get('note') ?? '' };
  const parsed = closureSchema.safeParse({ reason: typed.reason, ...(typed.note.trim() === '' ? {} : { note: typed.note }) });
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) =>
      issue.path[0] === 'note' ? { field: 'note', message: 'The note must be 2,000 characters or fewer' } : { field: 'reason', message: 'Choose why it should be closed' },
    );
    return reviewAnswer(ports, person, reference, 400, { errors, closure: typed });
  }
  const { reason, note } = parsed.data;
  const refusal = await refusalOf(() => reviewStep(ports.reports, reference, (contact) => proposeClosure(contact, reason, note, person.username, ports.clock())));
  return refusal === undefined ? done(reference, 'closure') : reviewAnswer(ports, person, reference, 409, { errorDescription: refusal, closure: typed });
};

const LINK_REFUSAL_WORDS = {
  'not-found': 'There is no report with that reference.',
  'same-report': 'A report cannot be linked to itself.',
  'not-suggested': 'That link is not suggested for this contact, so it cannot be confirmed or rejected here.',
} as const;

const link = async (ports: Ports, person: Person, reference: Reference, otherTyped: string | undefined, form: URLSearchParams): Promise<ConsoleResult> => {
  const other = parseReference(otherTyped ?? '');
  const parsed = personLinkDecisionSchema.safeParse({ decision: form.get('decision') ?? '' });
  if (other === undefined) return consolePageAnswer(404, notFoundPage(person));
  if (!parsed.success) return reviewAnswer(ports, person, reference, 400, { errorDescription: 'Choose to confirm or to reject the link.' });
  const decided = await decidePersonLink(ports, reference, other, parsed.data.decision, person.username, ports.clock());
  return decided.kind === 'refused'
    ? reviewAnswer(ports, person, reference, 409, { errorDescription: LINK_REFUSAL_WORDS[decided.refusal.kind] })
    : done(reference, parsed.data.decision);
};

const force = async (ports: Ports, person: Person, reference: Reference, form: URLSearchParams): Promise<ConsoleResult> => {
  const typed = { chosen: form.get('force') ?? '', reason: form.get('reason') ?? '', search: form.get('search') ?? '' };
  const parsed = forceChoiceSchema.safeParse({ force: typed.chosen, reason: typed.reason });
  const back = { search: typed.search, reason: typed.reason, ...(typed.chosen === '' ? {} : { chosen: typed.chosen }) };
  if (!parsed.success) {
    const errors = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))].map((field) =>
      field === 'force' ? { field: 'force', message: 'Choose a force' } : { field: 'reason', message: 'Say why this force, in a few words' },
    );
    return forceAnswer(ports, person, reference, 400, { ...back, errors });
  }
  const refusal = await refusalOf(() =>
    reviewStep(ports.reports, reference, (contact) => chooseForce(contact, parsed.data.force, parsed.data.reason, person.username, ports.clock())),
  );
  return refusal === undefined ? done(reference, 'force') : forceAnswer(ports, person, reference, 409, { ...back, errorDescription: refusal });
};

const split = async (ports: Ports, person: Person, reference: Reference, form: URLSearchParams): Promise<ConsoleResult> => {
  const forces = form.getAll('splitForce');
  const reasons = form.getAll('splitReason');
  const rows = Array.from({ length: MAX_SPLIT_PARTS }, (_, index) => ({ force: forces[index] ?? '', reason: reasons[index] ?? '' }));
  const errors = splitFormErrors(rows);
  const parts = rows.filter((row) => row.force !== '' || row.reason.trim() !== '');
  const parsed = splitSchema.safeParse({ parts });
  if (errors.length > 0 || !parsed.success) {
    return forceAnswer(ports, person, reference, 400, { split: rows, errors, ...(errors.length > 0 ? {} : { errorDescription: 'Choose at least two forces, each with why.' }) });
  }
  const refusal = await refusalOf(() => splitContact(ports.reports, reference, parsed.data.parts, person.username, ports.clock()));
  return refusal === undefined ? done(reference, 'split') : forceAnswer(ports, person, reference, 409, { split: rows, errorDescription: refusal });
};

export const handler = consoleScreen(['analysts', 'supervisors'], 'Reviewing contacts is for analysts and supervisors.', async (event: ConsoleEvent, { person, form }) => {
  const ports = reviewPorts();
  const reference = parseReference(event.pathParameters?.reference ?? '');
  if (reference === undefined) return consolePageAnswer(404, notFoundPage(person));
  const query = event.queryStringParameters ?? {};
  switch (event.routeKey) {
    case 'GET /review/{reference}':
      return reviewAnswer(ports, person, reference, 200, query.done === undefined ? {} : { done: query.done });
    case 'GET /review/{reference}/force':
      return forceAnswer(ports, person, reference, 200, { search: (query.search ?? '').slice(0, 100) });
    case 'POST /review/{reference}/sanitised':
      return sanitised(ports, person, reference, form);
    case 'POST /review/{reference}/closure':
      return closure(ports, person, reference, form);
    case 'POST /review/{reference}/links/{otherReference}':
      return link(ports, person, reference, event.pathParameters?.otherReference, form);
    case 'POST /review/{reference}/force':
      return force(ports, person, reference, form);
    case 'POST /review/{reference}/split':
      return split(ports, person, reference, form);
    default:
      return consolePageAnswer(404, notFoundPage(person));
  }
});
