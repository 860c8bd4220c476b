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
import { editedFields, forcesMatching, redacted, refusalInWords, reviewPage, sanitisedContent, startingTexts, type ReviewScreen } from '../../functions/pages/console/review.ts';

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
