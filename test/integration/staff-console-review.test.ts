/**
 * The analyst's screens of the staff console in headless Chromium, against the whole service
 * running locally with review on, with the keyboard alone: an analyst opens an online contact from
 * the queue, sees its original with each flagged identifying detail highlighted (and labelled for a
 * screen reader), accepts the suggested redactions but undoes one, saves the sanitised version,
 * searches the force registry by an alias and chooses the force; the staff API's own view of the
 * contact then shows it sanitised and its force chosen, with the analyst as the actor in its audit
 * trail. On another contact the analyst proposes a closure with its reason; another is split
 * between Kent and Essex, each part chosen from its list by typing. Errors come back in
 * the GOV.UK error summary, refusals of the use cases are said plainly, and axe-core finds no
 * WCAG 2.2 AA violation on any of the screens.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations, tabTo, useBrowser } from '../support/browser.ts';
import { textOf, waitForContact, signInByKeyboard } from '../support/console-browser.ts';
import { captureOutput, eventually, postJson, send, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

captureOutput();
const local = useLocalStack({ review: 'on' });
const chromium = useBrowser();

const SESSION = '__Host-pac-staff-session';
const consoleAt = (path = '/'): string => `${local.stack.consoleUrl}${path}`;
const site = (path = '/'): string => `${local.stack.apiUrl}${path}`;

const text = textOf;

/** Signs in from the console's front page with the keyboard alone, as an analyst. */
const signInAsAnalyst = (page: Page, username: string): Promise<void> => signInByKeyboard(page, local.stack.consoleUrl, username, 'analysts');


/** Presses Enter on what has focus, and waits for the page it leads to. */
const enter = async (page: Page): Promise<void> => {
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
};

interface ReviewView {
  status: string;
  proposedForce: { destination: string };
  sanitised: { by: string; content: { narrative: string } } | null;
  closureProposed: { by: string; reason: string; note?: string } | null;
  audit: { type: string; by?: string; detail: Record<string, unknown> }[];
}

describe("the staff console's review screens", () => {
  it('lets an analyst sanitise a contact with the suggested redactions but one undone, choose its force by searching, and propose closing another, with the keyboard alone', async () => {
    const online = await postJson(
      site('/reports'),
      minimalReport({ force: 'kent', narrative: 'The officer asked me for money. Email me at jo.bloggs@example.com or call 07700 900123.' }),
    );
    assert.equal(online.status, 202, online.text);
    const phone = await postJson(site('/contact-centre/reports'), minimalReport({ force: 'essex' }), await local.staffHeaders('call-agent.cal', 'call-agents'));
    assert.equal(phone.status, 202, phone.text);
    const [first, second] = [online.json().reference as string, phone.json().reference as string];

    const { context, page, problems } = await chromium.open();
    try {
      await signInAsAnalyst(page, 'analyst.ann');
      await waitForContact(page, second);

      // From the queue to the contact's review, by its link.
      await tabTo(page, `a[href="/review/${first}"]`);
      await enter(page);
      assert.equal(await text(page, 'h1'), first);
      assert.equal(await text(page, '#signed-in-as'), 'Signed in as analyst.ann (Analyst)');
      assert.equal(await text(page, '#channel'), 'Online');
      assert.match(await text(page, '#proposed-force'), /^Kent Police/);
      assert.match(await text(page, '#waited'), /less than a minute|\d+ minutes?/);
      assert.equal(await text(page, '#flag-count'), '2');
      // Each flagged detail highlighted, and what kind it is said to a screen reader.
      assert.equal(await text(page, 'mark[data-kind="email"]'), 'Flagged e-mail address: jo.bloggs@example.com');
      assert.equal(await text(page, 'mark[data-kind="phone"]'), 'Flagged phone number: 07700 900123');
      assert.equal(await page.$eval('mark[data-kind="phone"] span', (span) => span.className), 'govuk-visually-hidden');
      // The sanitised version starts with every suggested redaction made.
      assert.equal(
        await page.inputValue('#sanitised-narrative'),
        'The officer asked me for money. Email me at [e-mail address removed] or call [phone number removed].',
      );
      assert.equal(await page.isChecked('#remove'), true);
      assert.equal(await page.isChecked('#remove-1'), true);
      assert.deepEqual(await axeViolations(page), [], 'the review screen');

      // Undo one (the phone number), and apply the choices: the text starts again from them.
      await tabTo(page, '#remove-1');
      await page.keyboard.press('Space');
      await tabTo(page, '#apply-choices');
      await enter(page);
      assert.equal(await page.isChecked('#remove'), true);
      assert.equal(await page.isChecked('#remove-1'), false);
      assert.equal(await page.inputValue('#sanitised-narrative'), 'The officer asked me for money. Email me at [e-mail address removed] or call 07700 900123.');
      assert.deepEqual(await axeViolations(page), [], 'the review screen with a redaction undone');

      // An edit of one's own on top, then save.
      await tabTo(page, '#sanitised-narrative');
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' It happened twice.');
      await tabTo(page, '#save-sanitised');
      await enter(page);
      assert.match(page.url(), new RegExp(`/review/${first}\\?done=sanitised$`));
      assert.match(await text(page, '.govuk-notification-banner'), /The sanitised version is saved\./);
      assert.match(await text(page, '#sanitised-by'), /^Saved by analyst\.ann on \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}\.$/);
      assert.equal(
        await page.inputValue('#sanitised-narrative'),
        'The officer asked me for money. Email me at [e-mail address removed] or call 07700 900123. It happened twice.',
        'the saved version, to edit further',
      );
      assert.deepEqual(await axeViolations(page), [], 'the review screen, saved');

      // Choose the force: search by an alias, then choose, first without a reason.
      await tabTo(page, '#choose-force');
      await enter(page);
      assert.equal(await text(page, 'h1'), 'Choose the force');
      assert.deepEqual(await axeViolations(page), [], 'the force screen');
      await tabTo(page, '#search');
      await page.keyboard.type('GMP');
      await enter(page);
      assert.match(page.url(), /\/force\?search=GMP$/);
      assert.deepEqual(await page.$$eval('input[name="force"]', (inputs) => inputs.map((input) => (input as unknown as { value: string }).value)), ['greater-manchester']);
      await tabTo(page, 'input[name="force"]');
      await page.keyboard.press('Space');
      await tabTo(page, '#choose');
      await enter(page);
      await page.waitForSelector('.govuk-error-summary');
      assert.match(await text(page, '.govuk-error-summary'), /There is a problem.*Say why this force/);
      assert.equal(await page.isChecked('#force'), true, 'the choice is kept');
      assert.deepEqual(await axeViolations(page), [], 'the force screen with an error');
      await tabTo(page, '#reason');
      await page.keyboard.type('The officer works in Manchester.');
      await tabTo(page, '#choose');
      await enter(page);
      assert.match(page.url(), new RegExp(`/review/${first}\\?done=force$`));
      assert.match(await text(page, '#proposed-force'), /^Greater Manchester Police/);

      // The staff API's own view: sanitised by the analyst, with the force chosen, and the analyst the actor in the trail.
      const staff = await local.staffHeaders('analyst.abe', 'analysts');
      const viewed = (await (await fetch(site(`/contact-centre/reviews/${first}`), { headers: staff })).json()) as ReviewView;
      assert.equal(viewed.status, 'awaiting_review');
      assert.equal(viewed.sanitised?.by, 'analyst.ann');
      assert.equal(viewed.sanitised?.content.narrative, 'The officer asked me for money. Email me at [e-mail address removed] or call 07700 900123. It happened twice.');
      assert.equal(viewed.proposedForce.destination, 'greater-manchester');
      const byType = (type: string) => viewed.audit.filter((event) => event.type === type);
      assert.deepEqual(byType('sanitised').map((event) => event.by), ['analyst.ann']);
      assert.deepEqual(byType('force_chosen').map((event) => [event.by, event.detail.to, event.detail.reason]), [['analyst.ann', 'greater-manchester', 'The officer works in Manchester.']]);
      assert.ok(byType('original_read').some((event) => event.by === 'analyst.ann'), 'the reading recorded, by the analyst');

      // Another contact: propose closing it, first without a reason.
      await tabTo(page, 'a[href="/queue"]', { backwards: true });
      await enter(page);
      await tabTo(page, `a[href="/review/${second}"]`);
      await enter(page);
      assert.equal(await text(page, '#channel'), 'Phone');
      await tabTo(page, '#propose-closure');
      await enter(page);
      assert.match(await text(page, '.govuk-error-summary'), /Choose why it should be closed/);
      assert.deepEqual(await axeViolations(page), [], 'the review screen with an error');
      await tabTo(page, '#reason');
      await page.keyboard.press('Space');
      await tabTo(page, '#note');
      await page.keyboard.type('The caller was asking about a parking fine.');
      await tabTo(page, '#propose-closure');
      await enter(page);
      assert.match(page.url(), new RegExp(`/review/${second}\\?done=closure$`));
      assert.equal(await text(page, '#closure-proposed-by'), 'analyst.ann');
      assert.match(await text(page, '#closure-proposed-at'), /^\d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}$/);
      assert.equal(await text(page, '#closure-reason'), 'Not about the police');
      assert.equal(await text(page, '#closure-note'), 'The caller was asking about a parking fine.');
      assert.equal(await page.$('#propose-closure'), null, 'proposed once: the form is not offered again');
      assert.deepEqual(await axeViolations(page), [], 'the review screen, closure proposed');
      const proposed = (await (await fetch(site(`/contact-centre/reviews/${second}`), { headers: staff })).json()) as ReviewView;
      assert.deepEqual(proposed.closureProposed && { by: proposed.closureProposed.by, reason: proposed.closureProposed.reason, note: proposed.closureProposed.note }, {
        by: 'analyst.ann',
        reason: 'not_about_police',
        note: 'The caller was asking about a parking fine.',
      });
      assert.equal(proposed.status, 'awaiting_review', 'nothing closes until a supervisor confirms it');
      assert.deepEqual(problems, [], 'no Content-Security-Policy violation');
    } finally {
      await context.close();
    }
  });

  it("shows the analyst a supervisor's return, who made it, when and why, at the top of the review screen until the sanitised version is saved again", async () => {
    const sent = await postJson(site('/reports'), minimalReport({ force: 'kent', narrative: 'PC Smith at Maidstone takes cash from dealers. Call me on 07700 900123.' }));
    assert.equal(sent.status, 202, sent.text);
    const reference = sent.json().reference as string;
    const amy = await local.staffHeaders('analyst.amy', 'analysts');
    await eventually(async () => ((await send(site(`/contact-centre/reviews/${reference}`), { method: 'GET', headers: amy })).status === 200 ? true : undefined));
    const written = await send(site(`/contact-centre/reviews/${reference}/sanitised`), {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...amy },
      body: JSON.stringify({ categories: ['bribery'], force: 'kent', narrative: 'PC Smith at Maidstone takes cash from dealers. Call me on 07700 900123.' }),
    });
    assert.equal(written.status, 200, written.text);
    const reason = 'The phone number is still in it: take it out.';
    const returned = await postJson(site(`/contact-centre/reviews/${reference}/return`), { reason }, await local.staffHeaders('supervisor.sue', 'supervisors'));
    assert.equal(returned.status, 200, returned.text);

    const { context, page, problems } = await chromium.open();
    try {
      await signInAsAnalyst(page, 'analyst.ann');
      await waitForContact(page, reference);
      await tabTo(page, `a[href="/review/${reference}"]`);
      await enter(page);
      assert.equal(await text(page, '#returned-title'), 'Returned to the analyst');
      assert.match(await text(page, '#returned .govuk-notification-banner__heading'), /^supervisor\.sue returned the sanitised version on \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}$/);
      assert.equal(await text(page, '#returned-reason'), reason);
      assert.equal(await page.getAttribute('#returned a', 'href'), '#sanitise-heading');
      assert.equal(
        await page.inputValue('#sanitised-narrative'),
        'PC Smith at Maidstone takes cash from dealers. Call me on 07700 900123.',
        'the draft returned, to change, not the suggested redactions',
      );
      assert.deepEqual(await page.$$eval('#returned, h1', (found) => found.map((element) => element.tagName)), ['DIV', 'H1'], 'above the heading');
      assert.deepEqual(await axeViolations(page), [], 'the review screen, returned');

      // Acted on: the sanitised version saved again, and the return no longer shown.
      await tabTo(page, '#save-sanitised');
      await enter(page);
      assert.match(page.url(), new RegExp(`/review/${reference}\\?done=sanitised$`));
      assert.equal(await page.$('#returned'), null);
      assert.deepEqual(await axeViolations(page), [], 'the review screen, sanitised again');
      assert.deepEqual(problems, [], 'no Content-Security-Policy violation');
    } finally {
      await context.close();
    }
  });

  it('says plainly when a step is refused: one force named twice in a split, and a force chosen for a contact already split', async () => {
    const sent = await postJson(site('/reports'), minimalReport({ force: 'kent' }));
    assert.equal(sent.status, 202, sent.text);
    const reference = sent.json().reference as string;
    const { context, page } = await chromium.open();
    try {
      await signInAsAnalyst(page, 'analyst.aya');
      await waitForContact(page, reference);
      const session = (await context.cookies()).find((cookie) => cookie.name === SESSION)!;
      const csrf = (await page.getAttribute('input[name="csrf"]', 'value'))!;
      const post = (path: string, body: Record<string, string | string[]>) => {
        const form = new URLSearchParams({ csrf });
        for (const [name, value] of Object.entries(body)) for (const one of [value].flat()) form.append(name, one);
        return fetch(consoleAt(path), {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: `${SESSION}=${session.value}`, 'content-type': 'application/x-www-form-urlencoded', origin: new URL(consoleAt('/')).origin },
          body: form.toString(),
        });
      };
      // A sanitised version too short to be a report: the error summary links to the field.
      const short = await post(`/review/${reference}/sanitised`, { action: 'save', choices: 'posted', '/narrative': 'Money.' });
      assert.equal(short.status, 400);
      const shortPage = await short.text();
      assert.match(shortPage, /<a href="#sanitised-narrative">What happened must be at least \d+ characters/);
      assert.match(shortPage, /<title>Error: Review /);
      // One force named twice: refused, said on the field and linked to it, nothing changed.
      const twice = await post(`/review/${reference}/split`, { splitForce: ['kent', 'kent', '', '', ''], splitReason: ['An officer', 'A member of staff', '', '', ''] });
      assert.equal(twice.status, 400);
      const twicePage = await twice.text();
      assert.match(twicePage, /<a href="#split-force-2">Kent Police is chosen more than once/);
      assert.match(twicePage, /id="split-force-2-error" class="govuk-error-message">[^]*?Kent Police is chosen more than once/);
      const split = await post(`/review/${reference}/split`, { splitForce: ['kent', 'essex', '', '', ''], splitReason: ['An officer in Kent', 'A member of staff in Essex', '', '', ''] });
      assert.equal(split.status, 303);
      assert.equal(split.headers.get('location'), `/review/${reference}?done=split`);
      const chosen = await post(`/review/${reference}/force`, { force: 'kent', reason: 'It happened in Kent' });
      assert.equal(chosen.status, 409);
      const page409 = await chosen.text();
      assert.match(page409, /govuk-error-summary/);
      assert.match(page409, /This contact is no longer waiting for review: it is split into reports for several forces\. Nothing was changed\./);
      // Without the session's token: refused, as every console form is.
      const forged = await fetch(consoleAt(`/review/${reference}/closure`), {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: `${SESSION}=${session.value}`, 'content-type': 'application/x-www-form-urlencoded', origin: new URL(consoleAt('/')).origin },
        body: 'reason=duplicate',
      });
      assert.equal(forged.status, 403);
      await page.goto(consoleAt(`/review/${reference}`));
      assert.match(await text(page, '#stage'), /No longer waiting for review: split into reports for several forces/);
      assert.equal(await page.$('#save-sanitised'), null, 'nothing left to do on it');
      assert.deepEqual(await axeViolations(page), [], 'a contact no longer in review');
    } finally {
      await context.close();
    }
  });
  it('lets an analyst split a contact between two forces with the keyboard alone, and says plainly when one force is chosen twice', async () => {
    const sent = await postJson(site('/reports'), minimalReport({ force: 'kent', narrative: 'A Kent sergeant and an Essex PCSO sell police records to a private detective.' }));
    assert.equal(sent.status, 202, sent.text);
    const reference = sent.json().reference as string;
    const { context, page, problems } = await chromium.open();
    try {
      await signInAsAnalyst(page, 'analyst.ada');
      await waitForContact(page, reference);
      await tabTo(page, `a[href="/review/${reference}"]`);
      await enter(page);
      await tabTo(page, '#choose-force');
      await enter(page);
      // A search that finds no force says so.
      await tabTo(page, '#search');
      await page.keyboard.type('Atlantis');
      await enter(page);
      assert.match(await text(page, '#no-forces'), /^No force found No force's name or alias contains "Atlantis"\. Check the spelling, or search for one word of the name or a short name, for example York, Met or GMP\./);
      assert.equal(await page.$('#choose'), null, 'nothing to choose, so no "Choose this force"');
      assert.equal(await page.$('#reason'), null, 'nor "Why this force"');
      assert.deepEqual(await axeViolations(page), [], 'the force screen, no force found');
      /** Chooses a force in a part's list by typing its name, as a keyboard user does, and gives the reason. */
      const part = async (index: number, force: string, reason: string) => {
        await tabTo(page, `#split-force-${index}`);
        await page.keyboard.type(force);
        await tabTo(page, `#split-reason-${index}`);
        await page.keyboard.press('Control+A');
        await page.keyboard.type(reason);
      };
      // Kent twice: refused, said on the second force's field, the summary linking to it, the choices kept.
      await part(1, 'Kent', 'The sergeant serves in Kent.');
      await part(2, 'Kent', 'The PCSO.');
      await tabTo(page, '#split');
      await enter(page);
      assert.match(await text(page, '.govuk-error-summary'), /Kent Police is chosen more than once/);
      assert.equal(await page.getAttribute('.govuk-error-summary a', 'href'), '#split-force-2');
      assert.match(await text(page, '#split-force-2-error'), /Kent Police is chosen more than once: choose another force as force 2/);
      assert.match(await page.title(), /^Error: /);
      assert.equal(await page.inputValue('#split-force-1'), 'kent', 'the choice kept');
      // The summary's link, followed by the keyboard, brings the field into view (far below the list
      // of forces), and the next Tab goes on from it.
      await tabTo(page, '.govuk-error-summary a[href="#split-force-2"]');
      await Promise.all([page.waitForURL(/#split-force-2$/), page.keyboard.press('Enter')]);
      assert.equal(
        await page.$eval('#split-force-2', (field) => {
          const box = field.getBoundingClientRect();
          return box.top >= 0 && box.bottom <= (globalThis as unknown as { innerHeight: number }).innerHeight;
        }),
        true,
        'the field in view',
      );
      await page.keyboard.press('Tab');
      assert.equal(await page.$eval('#split-reason-2', (field) => field.matches(':focus')), true, 'Tab goes on from the field');
      assert.deepEqual(await axeViolations(page), [], 'the force screen, one force chosen twice');
      // Kent and Essex.
      await part(2, 'Essex', 'The PCSO serves in Essex.');
      assert.equal(await page.inputValue('#split-force-2'), 'essex');
      await tabTo(page, '#split');
      await enter(page);
      assert.match(page.url(), new RegExp(`/review/${reference}\\?done=split$`));
      assert.match(await text(page, '.govuk-notification-banner'), /The contact is split: each part is now a report of its own, waiting for review\./);
      assert.equal(await page.$('#save-sanitised'), null, 'nothing left to do on the contact itself');
      assert.deepEqual(await axeViolations(page), [], 'the review screen, split');
      assert.deepEqual(problems, [], 'no Content-Security-Policy violation');

      // Each part is a report of its own, in the queue with its own force.
      const stored = (await local.scanTable()).find((item) => item.PK === `REPORT#${reference}` && item.SK === 'REPORT') as { status: string; review: { split: { into: string[]; by: string } } };
      assert.equal(stored.status, 'split');
      const [kent, essex] = stored.review.split.into as [string, string];
      await tabTo(page, 'a[href="/queue"]', { backwards: true });
      await enter(page);
      await waitForContact(page, kent);
      await waitForContact(page, essex);
      assert.match(await text(page, `tr[data-reference="${kent}"]`), /Kent Police/);
      assert.match(await text(page, `tr[data-reference="${essex}"]`), /Essex Police/);
      assert.equal(await page.$(`tr[data-reference="${reference}"]`), null, 'the contact split no longer waits');
    } finally {
      await context.close();
    }
  });

  it('shows the other reports that may concern the same person, and lets the analyst confirm one with the keyboard alone', async () => {
    const about = (subject: Record<string, string>) =>
      minimalReport({ categories: ['bribery'], subject: subject as never, narrative: 'He took money from a driver to let him off a ticket.' });
    const earlier = await postJson(site('/reports'), about({ role: 'officer', name: 'PC Gavin Pryce', collarNumber: 'KP 4471', force: 'Kent' }));
    assert.equal(earlier.status, 202, earlier.text);
    const later = await postJson(site('/reports'), about({ role: 'officer', name: 'Gav Pryce', collarNumber: '4471', force: 'Kent' }));
    assert.equal(later.status, 202, later.text);
    const [one, other] = [earlier.json().reference as string, later.json().reference as string];
    const { context, page } = await chromium.open();
    try {
      await signInAsAnalyst(page, 'analyst.ali');
      await waitForContact(page, other);
      await tabTo(page, `a[href="/review/${other}"]`);
      await enter(page);
      for (let attempt = 0; attempt < 50 && (await page.$(`#suggested-links li[data-other="${one}"]`)) === null; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        await page.reload();
      }
      assert.match(await text(page, '#links-heading'), /^\d+ other reports? may concern this person$/);
      assert.match(await text(page, `#suggested-links li[data-other="${one}"]`), new RegExp(`^${one}, Kent Police, received \\d{1,2} [A-Z][a-z]+ \\d{4}\\.`));
      assert.deepEqual(await axeViolations(page), [], 'the review screen with suggested links');
      await tabTo(page, `#suggested-links li[data-other="${one}"] button[value="confirmed"]`);
      await enter(page);
      assert.match(page.url(), new RegExp(`/review/${other}\\?done=confirmed$`));
      assert.equal(await page.$(`#suggested-links li[data-other="${one}"]`), null, 'no longer suggested');
      assert.match(await text(page, '#confirmed-links'), new RegExp(`${one}, Kent Police`));
      const viewed = (await (await fetch(site(`/contact-centre/reviews/${other}`), { headers: await local.staffHeaders('analyst.abe', 'analysts') })).json()) as {
        personLinks: { confirmed: { reference: string; confirmed: { by: string } }[] };
      };
      assert.deepEqual(viewed.personLinks.confirmed.map((link) => [link.reference, link.confirmed.by]), [[one, 'analyst.ali']]);
    } finally {
      await context.close();
    }
  });
});
