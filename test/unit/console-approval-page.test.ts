/** The supervisor's approval screen: what it compares, what it calls out, how it says a refusal. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { flagIdentifyingDetails } from '../../functions/domain/review-flags.ts';
import { answerApprovalPage, answerApprovedPage, answerRefusalInWords, approvalPage, compareFields, detailsLeftIn, refusalInWords, returnedPage } from '../../functions/pages/console/approval.ts';
import { KIND_NAMES } from '../../functions/pages/console/redactions.ts';
import { minimalReport } from '../support/reports.ts';

const person = { username: 'supervisor.sue', groups: ['supervisors'], csrf: 'the-token' };
const original = reportSubmissionSchema.parse(
  minimalReport({ force: 'kent', narrative: 'My name is Jo Bloggs. PC Smith takes cash; e-mail me at jo.bloggs@example.com <script>alert(1)</script>' }),
);
const sanitised = { categories: original.categories, force: 'kent', narrative: 'PC Smith takes cash; e-mail JO.BLOGGS@example.com <script>alert(1)</script>' };

describe('the approval screen', () => {
  it('compares each field either version has, word by word', () => {
    const fields = compareFields(original, sanitised);
    const narrative = fields.find((field) => field.pointer === '/narrative');
    assert.ok(narrative !== undefined);
    assert.equal(narrative.original, original.narrative);
    assert.equal(narrative.sanitised, sanitised.narrative);
    assert.ok(narrative.parts.some((part) => part.kind === 'removed' && part.text.includes('Jo Bloggs')));
    assert.equal(fields.find((field) => field.pointer === '/force')?.parts[0]?.kind, 'kept');
    assert.equal(fields.find((field) => field.pointer === '/subject/name'), undefined, 'a field neither has is not shown');
  });

  it('calls out a flagged detail still in the sanitised version, whatever its case, once', () => {
    const left = detailsLeftIn(flagIdentifyingDetails(original), compareFields(original, sanitised));
    assert.deepEqual(
      left.filter((detail) => detail.kind === 'email').map((detail) => [detail.text.toLowerCase(), detail.label]),
      [['jo.bloggs@example.com', 'What happened']],
    );
    assert.ok(!left.some((detail) => /Jo Bloggs/.test(detail.text) && detail.kind === 'self_identification'), 'the name taken out is not called out');
  });

  it('finds a detail the analyst wrote in, with the detector the service uses', () => {
    const written = { ...sanitised, narrative: 'PC Smith takes cash. Call 07700 900456.' };
    const left = detailsLeftIn([], compareFields(original, written));
    assert.deepEqual(left.map((detail) => [detail.kind, detail.text]), [['phone', '07700 900456']]);
  });

  it('marks what was removed and added, with words for a screen reader, and escapes the reporter\'s words', () => {
    const page = approvalPage({ person, reference: 'PAC-AAAA-BBBB', waitedSeconds: 90, proposedForce: 'Kent Police', why: 'the reporter named Kent Police', original, flags: flagIdentifyingDetails(original), sanitised: { by: 'analyst.amy', at: '2026-12-03T10:00:00Z', content: sanitised } });
    assert.match(page, /<del><span class="govuk-visually-hidden">\[removed: <\/span>My name is Jo Bloggs\. <span class="govuk-visually-hidden">\]<\/span><\/del>/);
    assert.match(page, /<ins><span class="govuk-visually-hidden">\[added: <\/span>/);
    assert.ok(!page.includes('<script>alert'), 'nothing the reporter wrote is markup');
    assert.equal(page.match(/name="csrf" value="the-token"/g)?.length, 3, 'sign-out, approve and return each carry the token');
    assert.match(page, /id="details-left-in"/);
    const forceNamed = compareFields(original, sanitised).find((field) => field.pointer === '/force');
    assert.deepEqual([forceNamed?.original, forceNamed?.sanitised], ['Kent Police', 'Kent Police'], 'a force chosen from the list by its registry name, not its id');
    assert.equal(compareFields(reportSubmissionSchema.parse(minimalReport({ force: 'the Met, I think' })), { ...sanitised, force: 'the Met, I think' }).find((field) => field.pointer === '/force')?.original, 'the Met, I think', 'what was typed, as typed');
  });

  it('shows a placeholder as one addition, against the words it took out as one removal', () => {
    const withPlaceholder = { ...sanitised, narrative: '[name or description removed]. PC Smith takes cash.' };
    const page = approvalPage({ person, reference: 'PAC-AAAA-BBBB', waitedSeconds: 90, proposedForce: 'Kent Police', why: 'named', original, flags: [], sanitised: { by: 'analyst.amy', at: '2026-12-03T10:00:00Z', content: withPlaceholder } });
    const sanitisedSide = /data-side="sanitised">([^]*?)<\/p>/.exec(page)?.[1] ?? '';
    assert.match(sanitisedSide, /^<ins><span class="govuk-visually-hidden">\[added: <\/span>\[name or description removed\]<span class="govuk-visually-hidden">\]<\/span><\/ins>\. PC Smith takes cash/);
    const originalSide = /data-side="original">([^]*?)<\/p>/.exec(page)?.[1] ?? '';
    assert.match(originalSide, /^<del><span class="govuk-visually-hidden">\[removed: <\/span>My name is Jo Bloggs<span class="govuk-visually-hidden">\]<\/span><\/del>\. PC Smith takes cash/);
  });

  it('has nothing to approve while the contact waits for an analyst', () => {
    const page = approvalPage({ person, reference: 'PAC-AAAA-BBBB', waitedSeconds: 90, proposedForce: 'Kent Police', why: 'named', original, flags: [], returned: { by: 'supervisor.sue', at: '2026-12-03T10:00:00Z', reason: 'Still names them' } });
    assert.match(page, /id="nothing-to-approve"/);
    assert.match(page, /<h1 class="govuk-heading-l">Nothing to approve yet<\/h1>/, 'no heading offering an approval there is not');
    assert.match(page, /By supervisor\.sue, 3 December 2026 at 10:00: Still names them/);
    assert.doesNotMatch(page, /action="\/approvals\/PAC-AAAA-BBBB\/approval"/);
    assert.match(page, /Still names them/);
    const approved = approvalPage({ person, reference: 'PAC-AAAA-BBBB', waitedSeconds: 90, proposedForce: 'Kent Police', why: 'named', original, flags: [], status: 'disseminated' });
    assert.match(approved, /There is nothing to decide: this contact is already with its force\./);
    assert.match(approved, /<h1 class="govuk-heading-l">Nothing to decide<\/h1>/);
  });

  it('names each kind of detail left in as the review screen does', () => {
    const page = approvalPage({ person, reference: 'PAC-AAAA-BBBB', waitedSeconds: 90, proposedForce: 'Kent Police', why: 'named', original, flags: flagIdentifyingDetails(original), sanitised: { by: 'analyst.amy', at: '2026-12-03T10:00:00Z', content: sanitised } });
    assert.match(page, new RegExp(`“JO\\.BLOGGS@example\\.com” \\(${KIND_NAMES.email}\\) in what happened|“jo\\.bloggs@example\\.com” \\(${KIND_NAMES.email}\\) in what happened`));
    assert.equal(KIND_NAMES.email, 'e-mail address');
  });

  it('says what happened after a step in words that agree', () => {
    const returned = returnedPage(person, 'PAC-AAAA-BBBB');
    assert.match(returned, /<h1 class="govuk-panel__title">\s*Returned to the analyst\s*<\/h1>/);
    assert.match(returned, /PAC-AAAA-BBBB is back with the analyst, with your reason/);
    assert.doesNotMatch(returned, /analysts/);
    const information = answerApprovedPage(person, 'PAC-AAAA-BBBB', false);
    assert.match(information, /<title>Information approved and sent/);
    assert.match(information, /<h1 class="govuk-panel__title">\s*Information approved and sent\s*<\/h1>/);
    assert.doesNotMatch(information, /Answer approved/);
    assert.match(answerApprovedPage(person, 'PAC-AAAA-BBBB', true), /<h1 class="govuk-panel__title">\s*Answer approved and sent\s*<\/h1>/);
  });

  it('says each refusal plainly', () => {
    assert.equal(refusalInWords({ kind: 'own-sanitisation' }, 'approve'), 'You wrote the sanitised version of this contact, so you cannot approve it. Another supervisor must approve it.');
    assert.equal(refusalInWords({ kind: 'own-proposal' }, 'confirm'), 'You proposed closing this contact, so you cannot confirm it. Another supervisor must confirm it.');
    assert.equal(refusalInWords({ kind: 'not-awaiting-review', status: 'disseminated' }, 'approve'), 'Nothing was changed: this contact is already with its force.');
    assert.match(refusalInWords({ kind: 'protected-unit', force: 'Kent Police' }, 'approve'), /cannot go to Kent Police/);
  });

  it("shows a reporter's answer beside its sanitised version, with a detail left in called out", () => {
    const page = answerApprovalPage({
      person,
      reference: 'PAC-AAAA-BBBB',
      answerId: '00000000-0000-4000-8000-000000000000',
      question: 'Which taxi firm?',
      original: 'Castle Cabs. Ring me on 07700 900987.',
      sanitised: { by: 'analyst.amy', at: '2026-12-03T10:00:00Z', text: 'Castle Cabs. Ring 07700 900987.' },
      approved: false,
    });
    assert.match(page, /<del><span class="govuk-visually-hidden">\[removed: <\/span>me on/);
    assert.match(page, /“07700 900987” \(phone number\)/, 'each kind of detail named as the review screen names it');
    assert.match(page, /action="\/answers\/PAC-AAAA-BBBB\/00000000-0000-4000-8000-000000000000\/approval"/);
    assert.equal(answerRefusalInWords({ kind: 'own-sanitisation' }), 'You sanitised this answer, so you cannot approve it. Another supervisor must approve it.');
    const notYet = answerApprovalPage({ person, reference: 'PAC-AAAA-BBBB', answerId: '00000000-0000-4000-8000-000000000000', original: 'More.', approved: false });
    assert.match(notYet, /<h1 class="govuk-heading-l">Nothing to approve yet<\/h1>/);
    assert.match(notYet, /<title>Approve the information added to PAC-AAAA-BBBB/);
  });
});
