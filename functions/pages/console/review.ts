/**
 * The analyst's screens for one contact: the review screen (the reporter's original with each
 * flagged identifying detail highlighted, the contact's channel, age, proposed force and why, the
 * other reports that may concern the same person, the sanitised version to edit, a closure to
 * propose) and the force screen (a search of the force registry by name or alias, the force
 * chosen with a reason, or the contact split between several forces).
 *
 * The sanitised version starts from the original with every flagged detail replaced by a
 * placeholder ("[phone number removed]"); each suggested redaction is a checkbox, checked, so the
 * analyst can undo one by one without JavaScript: posting the choices renders the text again from
 * them. Everything works without script; every form carries the session's CSRF token.
 */
import type { FlaggedDetail } from '#domain/review-flags.ts';
import type { ReportSubmission } from '#domain/report.ts';
import type { DisseminableContent } from '#domain/disseminable-content.ts';
import { contentFromSubmission } from '#domain/disseminable-content.ts';
import { FORCES, forceById, forceNameKey, forcesByName, type Force } from '#domain/forces.ts';
import { CLOSURE_REASONS, type ClosureReason } from '#domain/review-state.ts';
import type { ReviewRefusal } from '#domain/review.ts';
import type { ReportStatus } from '#domain/entities/report-record.ts';
import { MAX_SPLIT_PARTS } from '#domain/review-requests.ts';
import { checkboxes, radios, select, successBanner, textarea, textInput } from '../components.ts';
import { html, type SafeHtml } from '../html.ts';
import { errorSummary, type FieldError } from '../layout.ts';
import { consolePage, type Person } from './layout.ts';
import { hiddenInput } from './parts.ts';
import { waitInWords } from './queue-page.ts';
import { KIND_NAMES, markedText, PLACEHOLDERS, withPlaceholders } from './redactions.ts';
import { channelName, CLOSURE_REASON_NAMES, dateAndTime, dayInWords, withLineBreaks } from './words.ts';

// ─── the redactions ────────────────────────────────────────────────────────────────────────────

/** A text field of the report, by its JSON Pointer ("/narrative", "/location/description"). */
const segmentsOf = (pointer: string): string[] => pointer.split('/').slice(1).map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));

const textAt = (value: unknown, pointer: string): string | undefined => {
  let here: unknown = value;
  for (const segment of segmentsOf(pointer)) {
    if (typeof here !== 'object' || here === null) return undefined;
    here = (here as Record<string, unknown>)[segment];
  }
  return typeof here === 'string' ? here : undefined;
};

const withTextAt = (value: unknown, segments: readonly string[], text: string): unknown => {
  const [first, ...rest] = segments;
  if (first === undefined) return text;
  const holder = typeof value === 'object' && value !== null ? value : {};
  const copy: Record<string, unknown> = Array.isArray(holder) ? ([...holder] as unknown as Record<string, unknown>) : { ...holder };
  copy[first] = withTextAt(copy[first], rest, text);
  return copy;
};

/** The fields the analyst edits: the narrative, and every other field with a detail flagged in it. */
export const editedFields = (flags: readonly FlaggedDetail[]): string[] => [...new Set(['/narrative', ...flags.map((flag) => flag.pointer)])];

/** One field's text with the flagged details chosen for removal replaced by their placeholders. */
export const redacted = (text: string, pointer: string, flags: readonly FlaggedDetail[], remove: (index: number) => boolean): string =>
  withPlaceholders(text, flags.filter((flag, index) => flag.pointer === pointer && remove(index)));

/** The sanitised version's starting text for each edited field: the original with the chosen redactions. */
export const startingTexts = (original: ReportSubmission, flags: readonly FlaggedDetail[], remove: (index: number) => boolean): Record<string, string> =>
  Object.fromEntries(editedFields(flags).map((pointer) => [pointer, redacted(textAt(original, pointer) ?? '', pointer, flags, remove)]));

const PLACEHOLDER_PATTERN = new RegExp(Object.values(PLACEHOLDERS).map((placeholder) => placeholder.replace(/[[\]]/g, '\\$&')).join('|'), 'g');

/**
 * What the force will see: the original without the reporter, with the edited fields as the
 * analyst left them. An optional answer emptied, or left as nothing but placeholders (a postcode
 * removed whole), is left out rather than sent as a placeholder.
 */
export const sanitisedContent = (original: ReportSubmission, texts: Readonly<Record<string, string>>): unknown =>
  Object.entries(texts).reduce<unknown>((content, [pointer, text]) => {
    const trimmed = text.replace(/\r\n/g, '\n').trim();
    if (trimmed.replace(PLACEHOLDER_PATTERN, '').trim() === '' && pointer !== '/narrative') return withoutAt(content, segmentsOf(pointer));
    return withTextAt(content, segmentsOf(pointer), trimmed);
  }, contentFromSubmission(original));

const withoutAt = (value: unknown, segments: readonly string[]): unknown => {
  const [first, ...rest] = segments;
  if (first === undefined || typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (rest.length === 0) delete copy[first];
  else copy[first] = withoutAt(copy[first], rest);
  return copy;
};

/** The id of an edited field's textarea (and of its error link). */
const fieldId = (pointer: string): string => `sanitised${pointer.replace(/[^A-Za-z0-9]+/g, '-')}`;

const FIELD_LABELS: Readonly<Record<string, string>> = {
  '/narrative': 'What happened',
  '/location/description': 'The place',
  '/location/postcode': 'Postcode where it happened',
  '/subject/name': 'Their name',
  '/subject/rank': 'Rank or job',
  '/subject/station': 'Station or team',
  '/subject/collarNumber': 'Collar or shoulder number',
  '/when/description': 'When it happened',
};
const fieldLabel = (pointer: string): string => FIELD_LABELS[pointer] ?? `The answer at ${pointer}`;

/** An answer of the sanitised version that needs attention, named as the screen names it ("What happened must be at least 20 characters…"). */
export const sanitisedFieldError = (pointer: string, message: string): FieldError => ({
  field: fieldId(pointer),
  message: message.replace(/^[A-Za-z.]+(?= )/, fieldLabel(pointer)),
});

// ─── the words for refusals ────────────────────────────────────────────────────────────────────

const STATUS_WORDS: Readonly<Record<string, string>> = {
  received: 'still being received',
  awaiting_review: 'waiting for review',
  approved: 'approved',
  disseminated: 'passed to its force',
  closed: 'closed',
  split: 'split into reports for several forces',
};
const statusInWords = (status: ReportStatus | string): string => STATUS_WORDS[status] ?? status.replace(/_/g, ' ');

/** Every refusal of a review step, said plainly. */
export const refusalInWords = (refusal: ReviewRefusal | { readonly kind: 'not-found' } | { readonly kind: 'changed' }): string => {
  switch (refusal.kind) {
    case 'not-found':
      return 'There is no contact with that reference.';
    case 'changed':
      return 'Someone else changed this contact while you were working on it. Nothing of yours was saved: look at it again and try once more.';
    case 'not-awaiting-review':
      return `This contact is no longer waiting for review: it is ${statusInWords(refusal.status)}. Nothing was changed.`;
    case 'not-sanitised':
      return 'Nobody has written the sanitised version yet.';
    case 'no-force-chosen':
      return 'No force has been chosen for this contact yet.';
    case 'own-sanitisation':
      return 'You wrote the sanitised version of this contact, so someone else must approve it.';
    case 'own-change':
      return 'You changed what the force will receive or where it goes, so someone else must approve it.';
    case 'no-closure-proposed':
      return 'Nobody has proposed closing this contact.';
    case 'own-proposal':
      return 'You proposed closing this contact, so another supervisor must confirm it.';
    case 'protected-unit':
      return `This contact may not go to ${refusal.force}: it speaks of that force's own professional standards, anti-corruption or vetting unit, or its chief officers. Choose a force that can handle it independently.`;
    case 'unknown-force':
      return `"${refusal.typed}" is not a force in the registry.`;
    case 'same-force-twice':
      return `${refusal.force} is chosen more than once: choose each force once.`;
    case 'foreign-reference':
      return `Take out ${refusal.references.join(', ')}: a force sees only its own references.`;
    case 'no-held-reports':
      return 'The chosen force holds no report confirmed as about the same person.';
  }
};

// ─── shared pieces ─────────────────────────────────────────────────────────────────────────────

/** The banners after a step done, by the `done` in the address. */
const DONE_MESSAGES: Readonly<Record<string, string>> = {
  sanitised: 'The sanitised version is saved.',
  force: 'The force is chosen.',
  split: 'The contact is split: each part is now a report of its own, waiting for review.',
  closure: 'The closure is proposed. A supervisor who did not propose it must confirm it.',
  confirmed: 'The link is confirmed.',
  rejected: 'The link is rejected; it will not be suggested again.',
};

const reviewPath = (reference: string): string => `/review/${reference}`;

const title = (text: string, problem: boolean): string => (problem ? `Error: ${text}` : text);

// ─── the review screen ─────────────────────────────────────────────────────────────────────────

interface LinkSuggestion {
  readonly reference: string;
  readonly force: { readonly name: string } | null;
  readonly receivedOn: string;
  readonly evidence: readonly string[];
}

export interface ReviewScreen {
  readonly person: Person;
  readonly reference: string;
  readonly channel: string;
  readonly status: ReportStatus;
  readonly waitedSeconds: number;
  readonly proposedForce: string;
  readonly why: string;
  readonly original: ReportSubmission;
  readonly flags: readonly FlaggedDetail[];
  readonly sanitised?: { readonly by: string; readonly at: string; readonly content: DisseminableContent } | undefined;
  readonly closureProposed?: { readonly by: string; readonly at: string; readonly reason: ClosureReason; readonly note?: string } | undefined;
  readonly links: {
    readonly summary: string | null;
    readonly suggested: readonly LinkSuggestion[];
    readonly confirmed: readonly { readonly reference: string; readonly force: { readonly name: string } | null; readonly receivedOn: string }[];
  };
  /** The redactions chosen (flag indexes), when the analyst posted choices; all suggested otherwise. */
  readonly removed?: ReadonlySet<number>;
  /** The textareas' text as the analyst sent it, when the page comes back with an error. */
  readonly texts?: Readonly<Record<string, string>>;
  readonly errors?: readonly FieldError[];
  /** A refusal, said at the top. */
  readonly errorDescription?: string;
  readonly done?: string;
  /** The closure form's answers, when it comes back with an error. */
  readonly closure?: { readonly reason?: string; readonly note?: string };
  /**
   * A supervisor's return of the sanitised version that no analyst has acted on yet (by sanitising
   * it again), with the draft returned: the analyst's text starts from it, not from the suggestions.
   */
  readonly returned?: { readonly by: string; readonly at: string; readonly reason: string; readonly draft?: DisseminableContent } | undefined;
}

const summaryRow = (key: string, value: SafeHtml | string, id?: string): SafeHtml => html`<div class="govuk-summary-list__row">
    <dt class="govuk-summary-list__key">${key}</dt>
    <dd class="govuk-summary-list__value"${id === undefined ? '' : html` id="${id}"`}>${value}</dd>
  </div>`;

/** A return waiting for the analyst, at the top of the screen until they write the sanitised version again. */
const returnedBanner = (view: ReviewScreen, returned: NonNullable<ReviewScreen['returned']>): SafeHtml => html`<div class="govuk-notification-banner" role="region" aria-labelledby="returned-title" data-module="govuk-notification-banner" id="returned">
  <div class="govuk-notification-banner__header">
    <h2 class="govuk-notification-banner__title" id="returned-title">Returned to the analyst</h2>
  </div>
  <div class="govuk-notification-banner__content">
    <p class="govuk-notification-banner__heading">${returned.by} returned the sanitised version on ${dateAndTime(returned.at)}</p>
    <p class="govuk-body">Their reason:</p>
    <div class="govuk-inset-text govuk-!-margin-top-0" id="returned-reason">${withLineBreaks(returned.reason)}</div>
    <p class="govuk-body">Nothing can be approved until an analyst saves the sanitised version again. The version returned is in the text below, to change. <a class="govuk-notification-banner__link" href="#sanitise-heading">Change the sanitised version<span class="govuk-visually-hidden"> of ${view.reference}</span></a></p>
  </div>
</div>`;

const linksSection = (view: ReviewScreen, open: boolean): SafeHtml => {
  const { links } = view;
  if (links.suggested.length === 0 && links.confirmed.length === 0) return html``;
  return html`<h2 class="govuk-heading-m" id="links-heading">${links.summary ?? 'Reports confirmed as about the same person'}</h2>
${links.suggested.length === 0
    ? ''
    : html`<ul class="govuk-list" id="suggested-links">
  ${links.suggested.map(
    (link) => html`<li class="govuk-!-margin-bottom-4" data-other="${link.reference}">
    <a class="govuk-link" href="${reviewPath(link.reference)}">${link.reference}</a>, ${link.force?.name ?? 'in triage'}, received ${dayInWords(link.receivedOn)}.
    <span class="govuk-body-s">Matched on: ${link.evidence.join(', ')}.</span>
    ${open
      ? html`<form method="post" action="${reviewPath(view.reference)}/links/${link.reference}" novalidate class="govuk-!-margin-top-2">
      ${hiddenInput('csrf', view.person.csrf)}
      <div class="govuk-button-group">
        <button type="submit" name="decision" value="confirmed" class="govuk-button govuk-button--secondary" data-module="govuk-button">Confirm<span class="govuk-visually-hidden"> ${link.reference} is about the same person</span></button>
        <button type="submit" name="decision" value="rejected" class="govuk-button govuk-button--secondary" data-module="govuk-button">Reject<span class="govuk-visually-hidden"> the link to ${link.reference}</span></button>
      </div>
    </form>`
      : ''}
  </li>`,
  )}
</ul>`}
${links.confirmed.length === 0
    ? ''
    : html`<p class="govuk-body">Confirmed as about the same person:</p>
<ul class="govuk-list govuk-list--bullet" id="confirmed-links">
  ${links.confirmed.map((link) => html`<li><a class="govuk-link" href="${reviewPath(link.reference)}">${link.reference}</a>, ${link.force?.name ?? 'in triage'}, received ${dayInWords(link.receivedOn)}</li>`)}
</ul>`}`;
};

const sanitiseSection = (view: ReviewScreen, errorFor: (field: string) => string | undefined): SafeHtml => {
  const removed = view.removed;
  const remove = (index: number) => removed === undefined || removed.has(index);
  // The text starts from what was saved, or else from the draft a supervisor returned while the
  // return waits, unless the analyst has just chosen the redactions again.
  const saved = view.sanitised?.content;
  const draft = view.status === 'awaiting_review' ? view.returned?.draft : undefined;
  const startFrom = saved ?? draft;
  const fields = editedFields(view.flags);
  const starting =
    view.texts ??
    (removed === undefined && startFrom !== undefined
      ? Object.fromEntries(fields.map((pointer) => [pointer, textAt(startFrom, pointer) ?? '']))
      : startingTexts(view.original, view.flags, remove));
  const mayWrite = view.person.groups.includes('analysts');
  return html`<h2 class="govuk-heading-m" id="sanitise-heading">The sanitised version</h2>
${view.sanitised === undefined ? '' : html`<p class="govuk-body" id="sanitised-by">Saved by <strong>${view.sanitised.by}</strong> on ${dateAndTime(view.sanitised.at)}.</p>`}
${saved === undefined && draft !== undefined && removed === undefined && view.texts === undefined ? html`<p class="govuk-body" id="returned-draft">The text below is the version returned. "Apply these choices" starts it again from the suggested redactions.</p>` : ''}
${mayWrite
    ? html`<form method="post" action="${reviewPath(view.reference)}/sanitised" novalidate accept-charset="utf-8">
${hiddenInput('csrf', view.person.csrf)}
${hiddenInput('choices', 'posted')}
${view.flags.length === 0
  ? html`<p class="govuk-body">No identifying detail was flagged. Read the original and take out anything that could identify the reporter.</p>`
  : checkboxes({
      name: 'remove',
      idPrefix: 'remove',
      legend: 'Suggested redactions',
      hint: 'Each is taken out of the text below, unless you untick it. Then press "Apply these choices" to start the text again from them.',
      items: view.flags.map((flag, index) => ({ value: String(index), text: html`Remove the ${KIND_NAMES[flag.kind]} "${flag.text}"` })),
      checked: view.flags.flatMap((_flag, index) => (remove(index) ? [String(index)] : [])),
      small: true,
    })}
${view.flags.length === 0
  ? ''
  : html`<button type="submit" name="action" value="apply" class="govuk-button govuk-button--secondary" data-module="govuk-button" id="apply-choices">Apply these choices</button>`}
${fields.map((pointer) =>
  textarea({ id: fieldId(pointer), name: pointer, label: fieldLabel(pointer), value: starting[pointer] ?? '', error: errorFor(fieldId(pointer)), rows: pointer === '/narrative' ? 12 : 3, spellcheck: true }),
)}
<button type="submit" name="action" value="save" class="govuk-button" data-module="govuk-button" id="save-sanitised">Save sanitised version</button>
</form>`
    : html`<p class="govuk-body">Only an analyst writes the sanitised version.</p>`}`;
};

const closureSection = (view: ReviewScreen, errorFor: (field: string) => string | undefined): SafeHtml => {
  const proposed = view.closureProposed;
  if (proposed !== undefined) {
    return html`<h2 class="govuk-heading-m" id="closure-heading">Closing it without passing it to a force</h2>
<div id="closure-proposed">
<p class="govuk-body">Closing it is proposed. A supervisor who did not propose it must confirm it${view.person.groups.includes('supervisors') ? html`, on <a class="govuk-link" href="/closures">closures to confirm</a>` : ''}.</p>
<dl class="govuk-summary-list">
  ${summaryRow('Proposed by', proposed.by, 'closure-proposed-by')}
  ${summaryRow('When', dateAndTime(proposed.at), 'closure-proposed-at')}
  ${summaryRow('Reason', CLOSURE_REASON_NAMES[proposed.reason], 'closure-reason')}
  ${proposed.note === undefined ? '' : summaryRow('Note', withLineBreaks(proposed.note), 'closure-note')}
</dl>
</div>`;
  }
  return html`<h2 class="govuk-heading-m" id="closure-heading">Close without passing it to a force</h2>
<form method="post" action="${reviewPath(view.reference)}/closure" novalidate accept-charset="utf-8">
${hiddenInput('csrf', view.person.csrf)}
${radios({
  name: 'reason',
  idPrefix: 'reason',
  legend: 'Why should it be closed?',
  error: errorFor('reason'),
  items: CLOSURE_REASONS.map((reason) => ({ value: reason, text: CLOSURE_REASON_NAMES[reason] })),
  checked: view.closure?.reason === undefined ? [] : [view.closure.reason],
  small: true,
})}
${textarea({ id: 'note', name: 'note', label: 'Anything the supervisor should know (optional)', value: view.closure?.note, error: errorFor('note'), rows: 3 })}
<button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" id="propose-closure">Propose closing it</button>
</form>`;
};

export const reviewPage = (view: ReviewScreen): string => {
  const errors = view.errors ?? [];
  const problem = errors.length > 0 || view.errorDescription !== undefined;
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const open = view.status === 'awaiting_review';
  const textFields = editedFields(view.flags).filter((pointer) => textAt(view.original, pointer) !== undefined);
  return consolePage({
    person: view.person,
    title: title(`Review ${view.reference}`, problem),
    main: html`
${problem ? errorSummary(errors, view.errorDescription) : ''}
${view.done !== undefined && DONE_MESSAGES[view.done] !== undefined ? successBanner(DONE_MESSAGES[view.done]!) : ''}
${open && view.returned !== undefined ? returnedBanner(view, view.returned) : ''}
<p class="govuk-body"><a class="govuk-link" href="/queue">Back to the queue</a></p>
<span class="govuk-caption-l">Review</span>
<h1 class="govuk-heading-l">${view.reference}</h1>
<dl class="govuk-summary-list" id="contact-summary">
  ${summaryRow('Channel', channelName(view.channel), 'channel')}
  ${summaryRow('Waiting', waitInWords(view.waitedSeconds), 'waited')}
  ${summaryRow('Proposed force', html`<strong>${view.proposedForce}</strong><br><span class="govuk-body-s">${view.why}</span>`, 'proposed-force')}
  ${summaryRow('Identifying details flagged', view.flags.length.toLocaleString('en-GB'), 'flag-count')}
  ${summaryRow('Stage', open ? 'Waiting for review' : `No longer waiting for review: ${statusInWords(view.status)}`, 'stage')}
</dl>

<h2 class="govuk-heading-m" id="original-heading">The reporter's original</h2>
<p class="govuk-body">Flagged details are highlighted. Reading the original is recorded in the audit trail.</p>
${textFields.map(
  (pointer) => html`<h3 class="govuk-heading-s">${fieldLabel(pointer)}</h3>
<div class="govuk-inset-text" data-original="${pointer}">${markedText(textAt(view.original, pointer) ?? '', view.flags.filter((flag) => flag.pointer === pointer))}</div>`,
)}

${linksSection(view, open)}

${open
  ? html`${sanitiseSection(view, errorFor)}
<h2 class="govuk-heading-m">The force</h2>
<p class="govuk-body"><a class="govuk-link" href="${reviewPath(view.reference)}/force" id="choose-force">Choose the force, or split it between forces</a></p>
${closureSection(view, errorFor)}`
  : html`<p class="govuk-body">Nothing more can be done to it here.</p>`}`,
  });
};

// ─── the force screen ──────────────────────────────────────────────────────────────────────────

/** The forces whose id, name, short name or an alias contains what was typed (all of them for nothing typed), by name. */
export const forcesMatching = (search: string): Force[] => {
  const key = forceNameKey(search);
  return forcesByName().filter((force) => key === '' || [force.id, force.name, force.shortName, ...force.aliases].some((name) => forceNameKey(name).includes(key)));
};

export interface ForceScreen {
  readonly person: Person;
  readonly reference: string;
  readonly proposedForce: string;
  readonly why: string;
  readonly search: string;
  readonly chosen?: string;
  readonly reason?: string;
  readonly split?: readonly { readonly force: string; readonly reason: string }[];
  readonly errors?: readonly FieldError[];
  readonly errorDescription?: string;
}

/** One part of the split form, as posted: a force's id (or nothing) and why. */
export interface SplitRow {
  readonly force: string;
  readonly reason: string;
}

/**
 * What is wrong with the split form, field by field, in the order of the fields: a part without its
 * force or its reason (the first two are needed, the others only once started), or a force chosen
 * again. Each error names its field, so the error summary links to it and the field says it.
 */
export const splitFormErrors = (rows: readonly SplitRow[]): FieldError[] => {
  const errors: FieldError[] = [];
  const chosen = new Set<string>();
  rows.forEach((row, index) => {
    const part = index + 1;
    if (row.force === '' && row.reason.trim() === '' && index >= 2) return;
    if (row.force === '') errors.push({ field: `split-force-${part}`, message: `Choose force ${part}` });
    else if (chosen.has(row.force)) {
      const name = forceById(row.force)?.name ?? row.force;
      errors.push({ field: `split-force-${part}`, message: `${name} is chosen more than once: choose another force as force ${part}` });
    }
    chosen.add(row.force);
    if (row.reason.trim().length < 3) errors.push({ field: `split-reason-${part}`, message: `Say why force ${part}, in a few words` });
  });
  return errors;
};

const FORCE_OPTIONS = [{ value: '', text: 'Choose a force' }, ...forcesMatching('').map((force) => ({ value: force.id, text: force.name }))];

export const forcePage = (view: ForceScreen): string => {
  const errors = view.errors ?? [];
  const problem = errors.length > 0 || view.errorDescription !== undefined;
  const errorFor = (field: string) => errors.find((error) => error.field === field)?.message;
  const found = forcesMatching(view.search);
  const path = `${reviewPath(view.reference)}/force`;
  return consolePage({
    person: view.person,
    title: title(`Choose the force for ${view.reference}`, problem),
    main: html`
${problem ? errorSummary(errors, view.errorDescription) : ''}
<p class="govuk-body"><a class="govuk-link" href="${reviewPath(view.reference)}">Back to ${view.reference}</a></p>
<span class="govuk-caption-l">${view.reference}</span>
<h1 class="govuk-heading-l">Choose the force</h1>
<p class="govuk-body" id="proposed-force">Proposed: <strong>${view.proposedForce}</strong>. <span class="govuk-body-s">${view.why}</span></p>

<form method="get" action="${path}" novalidate role="search" aria-label="Forces">
${textInput({ id: 'search', name: 'search', label: 'Search the forces by name or alias', hint: 'For example, Met, Scotland Yard or Thames Valley', value: view.search, autocomplete: 'off', spellcheck: false })}
<button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" id="search-forces">Search</button>
</form>

${found.length === 0
  ? html`<div id="no-forces">
<h2 class="govuk-heading-m">No force found</h2>
<p class="govuk-body">No force's name or alias contains "${view.search}".</p>
<p class="govuk-body">Check the spelling, or search for one word of the name or a short name, for example York, Met or GMP. <a class="govuk-link" href="${path}" id="all-forces">See all the forces</a></p>
</div>`
  : html`<form method="post" action="${path}" novalidate accept-charset="utf-8">
${hiddenInput('csrf', view.person.csrf)}
${hiddenInput('search', view.search)}
${radios({
  name: 'force',
  idPrefix: 'force',
  legend: found.length === FORCES.length ? 'All forces' : `Forces matching "${view.search}"`,
  error: errorFor('force'),
  items: found.map((force) => ({ value: force.id, text: force.name, ...(force.aliases.length === 0 ? {} : { hint: `Also known as ${force.aliases.join(', ')}` }) })),
  checked: view.chosen === undefined ? [] : [view.chosen],
  small: true,
})}
${textarea({ id: 'reason', name: 'reason', label: 'Why this force', hint: 'Kept by the contact centre: the force is told only that the contact centre chose it.', value: view.reason, error: errorFor('reason'), rows: 3 })}
<button type="submit" class="govuk-button" data-module="govuk-button" id="choose">Choose this force</button>
</form>`}

<h2 class="govuk-heading-m" id="split-heading">Or split it between forces</h2>
<p class="govuk-body">When it is about people in more than one force, each force gets a report of its own, with its own review and approval.</p>
<form method="post" action="${reviewPath(view.reference)}/split" novalidate accept-charset="utf-8">
${hiddenInput('csrf', view.person.csrf)}
${Array.from({ length: MAX_SPLIT_PARTS }, (_, index) => {
  const part = view.split?.[index];
  return html`<fieldset class="govuk-fieldset govuk-!-margin-bottom-4">
  <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Force ${index + 1}${index < 2 ? '' : ' (optional)'}</legend>
  ${select({ id: `split-force-${index + 1}`, name: 'splitForce', label: 'Force', value: part?.force ?? '', error: errorFor(`split-force-${index + 1}`), options: FORCE_OPTIONS })}
  ${textInput({ id: `split-reason-${index + 1}`, name: 'splitReason', label: 'Why this force', value: part?.reason, error: errorFor(`split-reason-${index + 1}`) })}
</fieldset>`;
})}
<button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" id="split">Split it</button>
</form>`,
  });
};
