/**
 * The review screen's redactions and force search (functions/pages/console/review.ts): each flagged
 * detail replaced by its placeholder unless undone, the sanitised content built from the analyst's
 * texts and checked by the staff API's own schema, the registry searched by name or alias, and
 * every refusal of a review step said in words.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { disseminableContentSchema } from '../../functions/domain/disseminable-content.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { flagIdentifyingDetails } from '../../functions/domain/review-flags.ts';
import type { ReviewRefusal } from '../../functions/domain/review.ts';
import { editedFields, forcePage, forcesMatching, redacted, refusalInWords, reviewPage, sanitisedContent, splitFormErrors, startingTexts, type ReviewScreen } from '../../functions/pages/console/review.ts';
import { closuresPage } from '../../functions/pages/console/approval.ts';
import { CLOSURE_REASON_NAMES } from '../../functions/pages/console/words.ts';
import { CLOSURE_REASONS } from '../../functions/domain/review-state.ts';

const original = reportSubmissionSchema.parse({
  categories: ['bribery'],
  narrative: 'The officer asked me for money. Email me at jo.bloggs@example.com or call 07700 900123.',
  location: { description: 'Outside my flat at 12 Bute Crescent' },
  reporter: { mode: 'anonymous' },
});
const flags = flagIdentifyingDetails(original);

describe("the review screen's redactions", () => {
  it('replaces every flagged detail with its placeholder, and keeps one undone', () => {
    assert.deepEqual(
      flags.map((flag) => [flag.pointer, flag.kind]),
      [
        ['/location/description', 'address'],
        ['/narrative', 'email'],
        ['/narrative', 'phone'],
      ],
    );
    assert.deepEqual(startingTexts(original, flags, () => true), {
      '/narrative': 'The officer asked me for money. Email me at [e-mail address removed] or call [phone number removed].',
      '/location/description': 'Outside [address removed]',
    });
    assert.equal(redacted(original.narrative, '/narrative', flags, (index) => index !== 2), 'The officer asked me for money. Email me at [e-mail address removed] or call 07700 900123.');
    assert.equal(redacted(original.narrative, '/narrative', flags, () => false), original.narrative);
    assert.deepEqual(editedFields([]), ['/narrative'], 'the narrative is always edited');
  });

  it("builds what the force will see from the analyst's texts, never the reporter, and leaves out an emptied answer", () => {
    const content = disseminableContentSchema.parse(sanitisedContent(original, { '/narrative': '  The officer asked for money.\r\nTwice. ', '/location/description': '' }));
    assert.deepEqual(content, { categories: ['bribery'], narrative: 'The officer asked for money.\nTwice.', location: {} });
    assert.ok(!('reporter' in content));
    const placeholderOnly = disseminableContentSchema.parse(sanitisedContent(original, { '/narrative': 'The officer asked for money.', '/location/description': ' [address removed] ' }));
    assert.deepEqual(placeholderOnly.location, {}, 'an answer that is nothing but a placeholder is left out');
  });
});

describe("a supervisor's return, on the review screen", () => {
  const screen = (more: Partial<ReviewScreen>): string =>
    reviewPage({
      person: { username: 'analyst.amy', groups: ['analysts'], csrf: 'the-token' },
      reference: 'PAC-AAAA-BBBB',
      channel: 'online',
      status: 'awaiting_review',
      waitedSeconds: 600,
      proposedForce: 'Kent Police',
      why: 'The reporter named Kent Police',
      original,
      flags,
      links: { summary: null, suggested: [], confirmed: [] },
      ...more,
    });
  const returned = { by: 'supervisor.sue', at: '2026-12-03T15:04:00Z', reason: 'The phone number is still there.\nTake out <the flat> too.' };

  it('shows who returned it, when, and why, at the top, in a notification banner that links to the sanitised version', () => {
    const page = screen({ returned });
    const banner = /<div class="govuk-notification-banner" role="region" aria-labelledby="returned-title"[^]*?<\/div>\s*<\/div>/.exec(page)?.[0] ?? '';
    assert.match(banner, /supervisor\.sue returned the sanitised version on 3 December 2026 at 15:04/);
    assert.match(banner, /<div class="govuk-inset-text[^"]*" id="returned-reason">The phone number is still there\.<br>Take out &lt;the flat&gt; too\.<\/div>/);
    assert.match(banner, /href="#sanitise-heading"/);
    assert.ok(page.indexOf('id="returned"') < page.indexOf('<h1'), 'above the heading');
    assert.match(page, /id="sanitise-heading"/, 'the link has somewhere to go');
  });

  it('shows nothing of it once an analyst has acted on it, or when the contact is no longer in review', () => {
    assert.doesNotMatch(screen({}), /id="returned"/);
    assert.doesNotMatch(screen({ returned, status: 'closed' }), /id="returned"/);
  });

  it("starts the analyst's text from the draft returned, not from the suggested redactions, while the return is shown", () => {
    const draft = { categories: ['bribery' as const], narrative: 'The officer asked for money, twice. Call [phone number removed].', location: { description: 'In a flat' } };
    const page = screen({ returned: { ...returned, draft } });
    assert.equal(textareaValue(page, 'sanitised-narrative'), 'The officer asked for money, twice. Call [phone number removed].');
    assert.equal(textareaValue(page, 'sanitised-location-description'), 'In a flat');
    assert.match(page, /id="returned-draft"/, 'says the text is the version returned');
    // "Apply these choices" starts it again from the suggestions, as it says.
    const applied = screen({ returned: { ...returned, draft }, removed: new Set([0, 1, 2]) });
    assert.equal(textareaValue(applied, 'sanitised-narrative'), 'The officer asked me for money. Email me at [e-mail address removed] or call [phone number removed].');
    // Saved again: the saved version, the draft gone.
    const saved = screen({ sanitised: { by: 'analyst.amy', at: '2026-12-03T16:00:00Z', content: { ...draft, narrative: 'Saved again, long enough to be a report.' } } });
    assert.equal(textareaValue(saved, 'sanitised-narrative'), 'Saved again, long enough to be a report.');
    assert.match(saved, /Saved by <strong>analyst\.amy<\/strong> on 3 December 2026 at 16:00\./, 'in the console\'s one way of saying a moment');
  });
});

/** A textarea's text, as the browser would put it in the box (a first line break dropped, its entities undone). */
const textareaValue = (page: string, id: string): string | undefined =>
  new RegExp(`<textarea[^>]*id="${id}"[^>]*>\n?([^]*?)</textarea>`).exec(page)?.[1]?.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('a closure, on the review screen', () => {
  const screen = (more: Partial<ReviewScreen>): string =>
    reviewPage({
      person: { username: 'analyst.amy', groups: ['analysts'], csrf: 'the-token' },
      reference: 'PAC-AAAA-BBBB',
      channel: 'phone',
      status: 'awaiting_review',
      waitedSeconds: 600,
      proposedForce: 'Kent Police',
      why: 'The reporter named Kent Police',
      original,
      flags,
      links: { summary: null, suggested: [], confirmed: [] },
      ...more,
    });

  it('offers the reasons in the words the closures screen uses', () => {
    const review = screen({});
    const closures = closuresPage({
      person: { username: 'supervisor.sue', groups: ['supervisors'], csrf: 't' },
      closures: CLOSURE_REASONS.map((reason, index) => ({ reference: `PAC-AAAA-BBB${index}`, waitedSeconds: 60, proposedBy: 'analyst.amy', reason })),
    });
    for (const reason of CLOSURE_REASONS) {
      const words = CLOSURE_REASON_NAMES[reason];
      assert.match(review, new RegExp(`value="${reason}"[^>]*>\\s*<label[^>]*>\\s*${words}\\s*</label>`), `the choice ${reason}`);
      assert.ok(closures.includes(`<td class="govuk-table__cell">${words}</td>`), `the closures screen says ${reason} as "${words}"`);
    }
  });

  it('once proposed, shows who proposed it, when and why, instead of the form', () => {
    const page = screen({ closureProposed: { by: 'analyst.ann', at: '2026-12-03T15:04:00Z', reason: 'duplicate', note: 'Same as <the> other.' } });
    assert.doesNotMatch(page, /action="\/review\/PAC-AAAA-BBBB\/closure"/, 'no second proposal offered');
    assert.doesNotMatch(page, /id="propose-closure"/);
    const proposed = /<div id="closure-proposed">([^]*?)<\/dl>/.exec(page)?.[1] ?? '';
    assert.match(proposed, /id="closure-proposed-by">analyst\.ann</);
    assert.match(proposed, /id="closure-proposed-at">3 December 2026 at 15:04</);
    assert.match(proposed, /id="closure-reason">Repeats a report already made</);
    assert.match(proposed, /id="closure-note">Same as &lt;the&gt; other\.</);
    assert.match(proposed, /A supervisor who did not propose it must confirm it/);
  });
});

describe('the force screen', () => {
  const person = { username: 'analyst.amy', groups: ['analysts'], csrf: 'the-token' };
  const page = (more: Partial<Parameters<typeof forcePage>[0]>): string =>
    forcePage({ person, reference: 'PAC-AAAA-BBBB', proposedForce: 'Kent Police', why: 'named', search: '', ...more });

  it('says a search found nothing and how to search, and offers nothing to choose', () => {
    const none = page({ search: 'Atlantis' });
    const said = /<div id="no-forces">([^]*?)<\/div>/.exec(none)?.[1] ?? '';
    assert.match(said, /No force's name or alias contains "Atlantis"\./);
    assert.match(said, /for example York, Met or GMP/);
    assert.match(said, /href="\/review\/PAC-AAAA-BBBB\/force" id="all-forces"/);
    assert.doesNotMatch(none, /id="choose"/, 'no "Choose this force"');
    assert.doesNotMatch(none, /id="reason"/, 'no "Why this force" for the force chosen');
    const found = page({ search: 'Kent' });
    assert.match(found, /id="choose"/);
    assert.doesNotMatch(found, /id="no-forces"/);
  });

  it('puts a force chosen twice in a split on its field, linked from the error summary', () => {
    const rows = [
      { force: 'kent', reason: 'The sergeant.' },
      { force: 'kent', reason: 'The PCSO.' },
      { force: '', reason: '' },
      { force: '', reason: '' },
      { force: '', reason: '' },
    ];
    const errors = splitFormErrors(rows);
    assert.deepEqual(errors, [{ field: 'split-force-2', message: 'Kent Police is chosen more than once: choose another force as force 2' }]);
    const shown = page({ split: rows, errors });
    assert.match(shown, /<a href="#split-force-2">Kent Police is chosen more than once/);
    assert.match(shown, /<p id="split-force-2-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:<\/span> Kent Police is chosen more than once/);
    assert.match(shown, /<select class="govuk-select govuk-select--error" id="split-force-2"/);
    assert.deepEqual(splitFormErrors([{ force: '', reason: '' }, { force: 'essex', reason: 'x' }, { force: 'essex', reason: '' }]).map((error) => error.field), [
      'split-force-1',
      'split-reason-1',
      'split-reason-2',
      'split-force-3',
      'split-reason-3',
    ]);
  });
});

describe('the force search', () => {
  it('finds forces by any part of their name, short name or alias, and all of them for nothing typed', () => {
    assert.deepEqual(forcesMatching('GMP').map((force) => force.id), ['greater-manchester']);
    assert.deepEqual(forcesMatching('the met').map((force) => force.id), ['metropolitan']);
    assert.ok(forcesMatching('york').length >= 2, 'North and West Yorkshire, and more');
    assert.equal(forcesMatching('').length, forcesMatching('   ').length);
    assert.ok(forcesMatching('').length >= 45);
    assert.deepEqual(forcesMatching('no such place'), []);
  });
});

describe('refusals, in words', () => {
  it('says each plainly', () => {
    const refusals: ReviewRefusal[] = [
      { kind: 'not-awaiting-review', status: 'closed' },
      { kind: 'protected-unit', force: 'Kent Police' },
      { kind: 'same-force-twice', force: 'Kent Police' },
      { kind: 'unknown-force', typed: 'Narnia' },
      { kind: 'own-sanitisation' },
    ];
    assert.deepEqual(
      refusals.map(refusalInWords),
      [
        'This contact is no longer waiting for review: it is closed. Nothing was changed.',
        "This contact may not go to Kent Police: it speaks of that force's own professional standards, anti-corruption or vetting unit, or its chief officers. Choose a force that can handle it independently.",
        'Kent Police is chosen more than once: choose each force once.',
        '"Narnia" is not a force in the registry.',
        'You wrote the sanitised version of this contact, so someone else must approve it.',
      ],
    );
  });
});
