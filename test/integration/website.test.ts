/**
 * The website in headless Chromium, against the whole service running locally: the pages from the
 * real handlers behind the local gateway, the static files as CloudFront serves them, every
 * response with the site's security headers, so a Content-Security-Policy violation shows here.
 *
 * With JavaScript on and off, and with the keyboard alone, a person makes a report (an empty form
 * says what to fix, its error links lead to the answers), gets a reference and a follow-up code,
 * and later, with them, sees that the report was passed to the police, never which force, and
 * answers the question the force asked through the contact centre. axe-core checks every page
 * against WCAG 2.2 AA; the quick exit leaves nothing of the site in the history; wrong follow-up
 * codes are answered as an unknown reference would be, and ten of them shut the report for an hour.
 * The site's script (site.js, with GOV.UK Frontend's components) is exercised too: sending a form
 * once, falling back when fetch fails, the conditional reveal, the character count, and focus on
 * errors.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { EXIT_URL } from '../../functions/pages/layout.ts';
import { HTML_LANG, messagesFor, pathIn, type Language } from '../../functions/pages/messages/language.ts';
import { activeElement, axeViolations, EXIT_PAGE_TITLE, hasFocus, historyLength, tabTo, useBrowser, type OpenOptions } from '../support/browser.ts';
import { captureOutput, eventually, notificationsFor, postJson, send, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

captureOutput();
const local = useLocalStack({ review: 'off' });
const chromium = useBrowser();

const site = (path = '/'): string => `${local.stack.apiUrl}${path}`;
const KENT_QUEUE = 'pac-local-reports-kent.fifo';
const REFERENCE_FORMAT = /^PAC-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const CODE_FORMAT = /^\d{4} \d{4} \d{4} \d{4}$/;
const SERVICE = 'Report police corruption and abuse';
const NOT_FOUND = 'We could not find a report with that reference and follow-up code. Check them and try again.';
const TOO_MANY = 'There have been too many attempts to open this report. Try again in an hour.';

// ---------------------------------------------------------------------------------------------
// The service's other users, through the API
// ---------------------------------------------------------------------------------------------

const analyst = () => local.staffHeaders('analyst.ann', 'analysts');
const kentSystem = () => local.forceHeaders('kent');

const reportThroughApi = async (): Promise<{ reference: string; code: string }> => {
  const answer = await postJson(site('/reports'), minimalReport({ force: 'kent' }));
  assert.equal(answer.status, 202, answer.text);
  const { reference, followUpCode } = answer.json<{ reference: string; followUpCode: string }>();
  return { reference, code: followUpCode };
};

const openThroughApi = (reference: string, code: string) => postJson(site(`/reports/${reference}/follow-up`), { code });

const passedToForce = (reference: string, code: string) =>
  eventually(async () => ((await openThroughApi(reference, code)).json().status === 'passed_to_a_police_force' ? true : undefined), 15_000);

/** Kent asks the reporter a question and the contact centre relays it; the question's id. */
const kentAsks = async (reference: string, question: string): Promise<string> => {
  const asked = await postJson(site(`/force/reports/${await local.forceReference(reference, 'kent')}/questions`), { question }, await kentSystem());
  assert.equal(asked.status, 201, asked.text);
  const questionId = asked.json().questionId as string;
  const relayed = await postJson(site(`/contact-centre/reviews/${reference}/questions/${questionId}/relay`), {}, await analyst());
  assert.equal(relayed.status, 200, relayed.text);
  return questionId;
};

/** A code that is not the one given: the same digits, the last one changed. */
const wrong = (code: string): string => code.slice(0, -1) + String((Number(code.at(-1)) + 1) % 10);

// ---------------------------------------------------------------------------------------------
// Reading the page (never assert on a Playwright handle itself: a failing assertion inspects the
// whole client behind it and hangs; compare counts, text or booleans)
// ---------------------------------------------------------------------------------------------

/** An element's text, spaces collapsed; '' if there is none. It does not wait: the page is read as it is. */
const text = async (page: Page, selector: string): Promise<string> => {
  const element = await page.$(selector);
  return element === null ? '' : ((await element.textContent()) ?? '').replace(/\s+/g, ' ').trim();
};
const texts = async (page: Page, selector: string): Promise<string[]> =>
  (await page.locator(selector).allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());

/**
 * Does something that sends a form, and waits for the page that answers it: a new document
 * without JavaScript, a new body with it (site.js swaps the body for the answer's).
 */
const answerTo = async (page: Page, act: () => Promise<void>): Promise<void> => {
  await page.evaluate(`document.body.setAttribute('data-before', '')`);
  await act();
  await page.waitForSelector('body:not([data-before])', { state: 'attached' });
  // A new document has a body before it is all read (its first script, GOV.UK Frontend's
  // start-of-body one, is fetched first): wait for the whole of it. After fetch, it is there already.
  await page.waitForLoadState('domcontentloaded');
};

/** The summary list's status tag on the follow-up page. */
const statusTag = (page: Page, language: Language = 'en') =>
  text(page, `.govuk-summary-list__row:has(dt:text-is("${messagesFor(language).followUp.status}")) .govuk-tag`);

/** Whether the page scrolls sideways at its current width (WCAG 1.4.10 Reflow): how far, in CSS pixels. */
const sidewaysOverflow = (page: Page): Promise<number> =>
  page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

// ---------------------------------------------------------------------------------------------
// Every page, as someone reaches it by the site's own links and forms
// ---------------------------------------------------------------------------------------------

/** A report that has reached Kent, with one question answered and one open. */
let known = { reference: '', code: '' };

const signIn = async (page: Page, reference: string, code: string, language: Language = 'en') => {
  await page.goto(site(pathIn(language, '/follow-up')));
  await page.fill('#reference', reference);
  await page.fill('#code', code);
  await page.click('main button[type="submit"]');
};

/**
 * Fills in the form, sends a different report with its key first (as if this page had been sent,
 * then gone back to and changed), then sends this one: the page saying it is different.
 */
const sentAgainChanged = async (page: Page, narrative: string, language: Language = 'en'): Promise<void> => {
  await page.goto(site(pathIn(language, '/report')));
  await page.check('#categories');
  await page.fill('#narrative', narrative);
  await page.selectOption('#force', 'kent');
  await page.check('#reporterMode');
  const key = await page.inputValue('input[name="idempotencyKey"]');
  const first = new URLSearchParams({ idempotencyKey: key, categories: 'bribery', narrative: 'The report as it was first sent, before it was changed.' });
  const sent = await send(site('/report'), { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: first.toString() });
  assert.equal(sent.status, 200, sent.text);
  await answerTo(page, () => page.click('main button[type="submit"]'));
  await page.waitForSelector(`h1:text-is("${messagesFor(language).changed.title}")`);
};

/** Every page, in a language, as someone reaches it by the site's own links and forms. */
const journeysIn = (language: Language): Record<string, (page: Page) => Promise<void>> => {
  const at = (path: string) => site(pathIn(language, path));
  const words = messagesFor(language);
  const journeys: Record<string, (page: Page) => Promise<void>> = {
    start: async (page) => {
      await page.goto(at('/'));
    },
    'report form': async (page) => {
      await page.goto(at('/report'));
    },
    'report form with errors': async (page) => {
      await page.goto(at('/report'));
      await page.check('#reporterMode-confidential');
      await page.fill('#contactEmail', 'not an email');
      await page.fill('#whenDay', '31');
      await page.fill('#whenMonth', '2');
      await page.fill('#whenYear', '2024');
      await page.click('main button[type="submit"]');
      await page.waitForSelector('.govuk-error-summary');
    },
    confirmation: async (page) => {
      await page.goto(at('/report'));
      await page.check('#categories');
      await page.fill('#narrative', 'An officer asked me for money to drop a speeding ticket.');
      await page.click('main button[type="submit"]');
      await page.waitForSelector('.govuk-panel');
    },
    // The form sent, then changed and sent again with its key: the page that offers a new report.
    'report sent again, changed': async (page) => {
      await sentAgainChanged(page, 'An officer asked me for money to drop a speeding ticket, twice.', language);
    },
    // A report bigger than the service takes is refused before anything reads it: the problem page.
    problem: async (page) => {
      await page.goto(at('/report'));
      await page.check('#categories');
      await page.fill('#narrative', 'x'.repeat(200_000));
      const answered = page.waitForResponse((response) => response.url() === at('/report') && response.request().method() === 'POST');
      await page.click('main button[type="submit"]');
      assert.equal((await answered).status(), 413);
      await page.waitForSelector(`h1:text-is("${words.problem.title}")`);
    },
    'follow-up sign in': async (page) => {
      await page.goto(at('/follow-up'));
    },
    'follow-up sign in with errors': async (page) => {
      await page.goto(at('/follow-up'));
      await page.click('main button[type="submit"]');
      await page.waitForSelector('.govuk-error-summary a[href="#code"]');
    },
    'follow-up sign in, refused': async (page) => {
      await signIn(page, known.reference, wrong(known.code), language);
      await page.waitForSelector(`.govuk-error-summary:has-text("${words.signIn.notRecognised}")`);
    },
    'follow-up': async (page) => {
      await signIn(page, known.reference, known.code, language);
      await page.waitForSelector('#information');
    },
    'follow-up, answer missing': async (page) => {
      await journeys['follow-up']!(page);
      await page.click(`form[action="${pathIn(language, '/follow-up/answer')}"] button`);
      await page.waitForSelector('.govuk-error-summary');
    },
    'follow-up, answer sent': async (page) => {
      const questionId = await kentAsks(known.reference, 'Did you see which car they drove?');
      await journeys['follow-up']!(page);
      await page.fill(`#answer-${questionId}`, 'A blue estate car.');
      await page.click(`form:has(#answer-${questionId}) button`);
      await page.waitForSelector(`.govuk-notification-banner:has-text("${words.followUp.answerReceived}")`);
    },
    'follow-up, information sent': async (page) => {
      await journeys['follow-up']!(page);
      await page.fill('#information', 'It happened again last week.');
      await page.click(`form[action="${pathIn(language, '/follow-up/information')}"] button`);
      await page.waitForSelector(`.govuk-notification-banner:has-text("${words.followUp.informationReceived}")`);
    },
    'not found': async (page) => {
      const answer = await page.goto(at('/nowhere'));
      assert.equal(answer?.status(), 404);
      assert.equal(await page.title(), `${words.notFound.title} – ${words.shell.serviceName}`);
    },
  };
  return journeys;
};

/**
 * Each page is checked at every width, one after another: the journey to it is made once. At each
 * width axe runs, and the page must not scroll sideways: 1024 px; 640 px, which is a 1280 px
 * window at 200% zoom; and 320 px, the width WCAG's reflow criterion names (1280 px at 400%).
 * Zooming the page in Chromium lays it out as a viewport that many CSS pixels wide, which is what
 * these are.
 */
const MODES: readonly (OpenOptions & { readonly name: string; readonly widths: readonly number[]; readonly journeys?: readonly string[] })[] = [
  { name: '1024px, 640px (200% zoom) and 320px wide', widths: [1024, 640, 320] },
  // axe cannot run with JavaScript off (Chromium closes the page), so: the page without site.js,
  // for the pages site.js changes (the contact details shown, no character count).
  { name: '320px wide, without JavaScript', widths: [320], withoutSiteScript: true, journeys: ['report form', 'report form with errors', 'problem'] },
];

const LANGUAGES: readonly Language[] = ['en', 'cy'];

describe('the website in a browser, against the local stack', { timeout: 300_000 }, () => {
  // Each check has a context of its own and changes nothing another reads, so four run at once.
  describe('meets WCAG 2.2 AA (axe-core), with no Content-Security-Policy violation, on every page', { concurrency: 4 }, () => {
    before(async () => {
      known = await reportThroughApi();
      await passedToForce(known.reference, known.code);
      await kentAsks(known.reference, 'What time of day was it?\nWas anyone else there?');
      const answered = await kentAsks(known.reference, 'Which car park was it?');
      const answer = await postJson(site(`/reports/${known.reference}/answers`), { code: known.code, questionId: answered, answer: 'The one by the station.' });
      assert.equal(answer.status, 202, answer.text);
    });

    for (const language of LANGUAGES) {
      for (const mode of MODES) {
        for (const [name, journey] of Object.entries(journeysIn(language)).filter(([page]) => mode.journeys?.includes(page) ?? true)) {
        it(`${language === 'cy' ? 'in Welsh: ' : ''}${name}, ${mode.name}`, async () => {
          const [first, ...others] = mode.widths;
          const { context, page, problems } = await chromium.open({ ...mode, width: first! });
          try {
            await journey(page);
            assert.equal(await page.getAttribute('html', 'lang'), HTML_LANG[language]);
            assert.deepEqual(await axeViolations(page), [], `${first}px wide`);
            assert.equal(await sidewaysOverflow(page), 0, `${first}px wide: no scrolling sideways`);
            for (const width of others) {
              await page.setViewportSize({ width, height: 800 });
              assert.deepEqual(await axeViolations(page), [], `${width}px wide`);
              assert.equal(await sidewaysOverflow(page), 0, `${width}px wide: no scrolling sideways`);
            }
            assert.deepEqual(problems, []);
          } finally {
            await context.close();
          }
        });
        }
      }
    }

    it('and the Content-Security-Policy is in force in the page: a script of its own from anywhere but the site is refused', async () => {
      const { context, page, problems } = await chromium.open();
      try {
        await page.goto(site('/report'));
        await page.addScriptTag({ content: `document.body.setAttribute('data-injected', '')` }).catch(() => undefined);
        assert.equal(await page.locator('body[data-injected]').count(), 0, 'the inline script did not run');
        assert.match(problems.join('\n'), /Content Security Policy/);
        assert.deepEqual(await axeViolations(page), [], 'while axe, evaluated through DevTools, runs');
      } finally {
        await context.close();
      }
    });
  });

  // -------------------------------------------------------------------------------------------
  // The "Done when", by keyboard alone
  // -------------------------------------------------------------------------------------------

  for (const [language, javaScript] of [['en', true], ['en', false], ['cy', true], ['cy', false]] as const) {
    describe(`a person with the keyboard alone, JavaScript ${javaScript ? 'on' : 'off'}${language === 'cy' ? ', in Welsh' : ''}`, () => {
      const words = messagesFor(language);
      const at = (path: string) => site(pathIn(language, path));
      const service = words.shell.serviceName;
      const narrative = `An officer at the front desk asked me for 200 pounds to lose my brother's file (${javaScript ? 'on' : 'off'}, ${language}).`;
      const answerText = 'It was on a Friday evening, after nine.';
      let reference = '';
      let code = '';
      let questionId = '';

      it('makes a report: Start now, an empty form says what to fix, its links lead to the answers, and the confirmation gives a reference and a follow-up code', async () => {
        const { context, page, problems } = await chromium.open({ javaScript });
        try {
          await page.goto(at('/'));
          await tabTo(page, 'a.govuk-button--start');
          // It looks like a button, so with JavaScript the space bar works too, as on a button.
          await page.keyboard.press(javaScript ? 'Space' : 'Enter');
          await page.waitForURL(at('/report'));
          await page.waitForSelector(`h1:text-is("${words.form.title}")`);

          // Sent empty: what to fix, at the top and at each answer.
          const send = `form[action="${pathIn(language, '/report')}"] button[type="submit"]`;
          await tabTo(page, send);
          await answerTo(page, () => page.keyboard.press('Enter'));
          assert.equal(await page.title(), `${words.shell.errorTitlePrefix}${words.form.title} – ${service}`);
          assert.equal(await page.getAttribute('html', 'lang'), HTML_LANG[language]);
          assert.deepEqual(await texts(page, '.govuk-error-summary__list a'), [words.formErrors.chooseCategory, words.formErrors.narrativeTooShort(20)]);
          assert.equal(await text(page, '#categories-error'), `${words.components.errorPrefix} ${words.formErrors.chooseCategory}`);
          assert.equal(await text(page, '#narrative-error'), `${words.components.errorPrefix} ${words.formErrors.narrativeTooShort(20)}`);
          if (javaScript) assert.ok(await hasFocus(page, '.govuk-error-summary'), 'the error summary has focus');

          // The first error's link leads to what is asked for (with JavaScript, site.js moves focus;
          // without, Chromium focuses a link's target when it can take focus).
          await tabTo(page, '.govuk-error-summary a[href="#categories"]');
          await page.keyboard.press('Enter');
          assert.ok(await hasFocus(page, '#categories'), `the link leads to the first box: ${await activeElement(page)}`);
          await page.keyboard.press('Space');
          assert.equal(await page.isChecked('#categories'), true);

          // Back up to the second link, and on to what happened.
          await tabTo(page, '.govuk-error-summary a[href="#narrative"]', { backwards: true });
          await page.keyboard.press('Enter');
          assert.ok(await hasFocus(page, '#narrative'), `the link leads to what happened: ${await activeElement(page)}`);
          await page.keyboard.type(narrative);

          // Kent, from the list, by typing its name.
          await tabTo(page, '#force');
          await page.keyboard.type('Kent');
          assert.equal(await page.inputValue('#force'), 'kent');

          // Stay anonymous: Space chooses the radio that has focus.
          await tabTo(page, 'input[name="reporterMode"]');
          await page.keyboard.press('Space');
          assert.equal(await page.isChecked('#reporterMode'), true);

          await tabTo(page, send);
          await answerTo(page, () => page.keyboard.press('Enter'));
          assert.equal(await page.title(), `${words.confirmation.title} – ${service}`);
          reference = await text(page, '.govuk-panel .app-reference');
          code = await text(page, '#follow-up-code');
          assert.match(reference, REFERENCE_FORMAT);
          assert.match(code, CODE_FORMAT);
          if (javaScript) assert.match(await activeElement(page), /^h1/, 'the heading has focus');
          assert.deepEqual(problems, []);
        } finally {
          await context.close();
        }
      });

      it('the report exists and reaches Kent, as it was typed', async () => {
        assert.equal((await openThroughApi(reference, code)).status, 200, 'the reference and code open it');
        const [notification] = await notificationsFor(local.sqs, local.queueUrl(KENT_QUEUE), reference, { settleMs: 0 });
        assert.ok(notification, 'Kent is told of it');
        const read = await send(site(`/force/reports/${await local.forceReference(reference, 'kent')}`), { method: 'GET', headers: await kentSystem() });
        assert.equal(read.status, 200, read.text);
        const report = read.json<{ categories: string[]; content: { narrative: string }; reporter?: unknown }>();
        assert.deepEqual(report.categories, ['bribery']);
        assert.equal(report.content.narrative, narrative);
        assert.equal(report.reporter, undefined, 'whether the reporter left a way to reach them is not for the force to know');
        await passedToForce(reference, code);
        questionId = await kentAsks(reference, 'Which evening did it happen?');
      });

      it('comes back later with the reference and code, sees the report passed to the police (never which force) and answers the question', async () => {
        const { context, page, problems } = await chromium.open({ javaScript });
        try {
          await page.goto(at('/'));
          await tabTo(page, `a[href="${pathIn(language, '/follow-up')}"]`);
          await page.keyboard.press('Enter');
          await page.waitForURL(at('/follow-up'));
          await page.waitForSelector(`h1:text-is("${words.signIn.title}")`);
          await tabTo(page, '#reference');
          await page.keyboard.type(reference);
          await page.keyboard.press('Tab');
          assert.ok(await hasFocus(page, '#code'));
          await page.keyboard.type(code);
          await answerTo(page, () => page.keyboard.press('Enter'));

          assert.equal(await page.title(), `${words.followUp.title} – ${service}`);
          assert.equal(await text(page, '.app-reference'), reference);
          assert.equal(await statusTag(page, language), words.followUp.statuses.passed_to_a_police_force.tag);
          assert.equal(await text(page, '.app-status-explanation'), words.followUp.statuses.passed_to_a_police_force.explanation);
          const shown = (await text(page, 'main')).replace(reference, '');
          assert.doesNotMatch(shown, /kent/i, 'the force is not named');
          assert.equal(await text(page, `label[for="answer-${questionId}"]`), 'Which evening did it happen?');

          await tabTo(page, `#answer-${questionId}`);
          await page.keyboard.type(answerText);
          await tabTo(page, `form:has(#answer-${questionId}) button[type="submit"]`);
          await answerTo(page, () => page.keyboard.press('Enter'));
          assert.ok((await text(page, '.govuk-notification-banner')).includes(words.followUp.answerReceived));
          if (javaScript) assert.ok(await hasFocus(page, '.govuk-notification-banner'), 'the banner has focus');
          assert.equal(await page.locator(`#answer-${questionId}`).count(), 0, 'the question cannot be answered twice');
          assert.deepEqual(await texts(page, '.app-question .govuk-tag'), [words.followUp.answered]);
          assert.deepEqual(problems, []);
        } finally {
          await context.close();
        }
      });

      it('the answer waits for the contact centre’s review, in the person’s own words', async () => {
        const waiting = await send(site('/contact-centre/follow-ups'), { method: 'GET', headers: await analyst() });
        assert.equal(waiting.status, 200, waiting.text);
        const answer = waiting
          .json<{ answersAwaitingReview: { id: string; reference: string; questionId?: string; channel: string }[] }>()
          .answersAwaitingReview.find((a) => a.reference === reference && a.questionId === questionId);
        assert.equal(answer?.channel, 'online');
        const full = await send(site(`/contact-centre/reviews/${reference}/answers/${answer?.id}`), { method: 'GET', headers: await analyst() });
        assert.equal(full.json().original, answerText);
      });
    });
  }

  it('throttles wrong codes: ten are answered as an unknown reference is, and then even the right code is refused', async () => {
    const { reference, code } = await reportThroughApi();
    const { context, page, problems } = await chromium.open();
    try {
      await page.goto(site('/follow-up'));
      const attempt = async (typedReference: string, typedCode: string) => {
        await tabTo(page, '#reference');
        await page.keyboard.press('Control+A');
        await page.keyboard.type(typedReference);
        await page.keyboard.press('Tab');
        await page.keyboard.type(typedCode);
        const answered = page.waitForResponse((response) => response.url() === site('/follow-up') && response.request().method() === 'POST');
        await answerTo(page, () => page.keyboard.press('Enter'));
        return { status: (await answered).status(), summary: await text(page, '.govuk-error-summary'), title: await page.title() };
      };

      const unknown = await attempt('PAC-0000-0000', code);
      assert.equal(unknown.status, 404);
      assert.equal(unknown.summary, `There is a problem ${NOT_FOUND}`);
      for (let i = 1; i <= 10; i += 1) {
        assert.deepEqual(await attempt(reference, wrong(code)), unknown, `wrong code ${i}`);
        assert.equal(await page.inputValue('#reference'), reference, 'the reference is kept');
        assert.equal(await page.inputValue('#code'), '', 'the code is not');
      }
      const refused = await attempt(reference, code);
      assert.equal(refused.status, 429);
      assert.equal(refused.summary, `There is a problem ${TOO_MANY}`);
      assert.equal(await page.locator('#information').count(), 0, 'the report is not shown');
      assert.deepEqual(await axeViolations(page), []);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  // -------------------------------------------------------------------------------------------
  // Leaving quickly
  // -------------------------------------------------------------------------------------------

  it('leaves at once from "Leave this site", and nothing of the site is left in the history', async () => {
    const { context, page, problems } = await chromium.open();
    try {
      await page.goto('about:blank');
      assert.equal(await historyLength(page), 1);
      await page.goto(site('/'));
      await page.click('text=Start now');
      await page.waitForURL(site('/report'));
      await page.check('#categories');
      await page.fill('#narrative', 'something private');
      await page.click('main button[type="submit"]');
      await page.waitForSelector('.govuk-error-summary');
      await page.fill('#narrative', 'something private, and more of it');
      await page.click('a[data-exit-link]');
      await page.waitForURL(EXIT_URL);
      assert.equal(await page.title(), EXIT_PAGE_TITLE);
      assert.equal(await historyLength(page), 2, 'about:blank and the exit page');
      await page.goBack();
      assert.equal(page.url(), 'about:blank', 'Back goes to where the visit started');
      assert.equal(await historyLength(page), 2);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('leaves from "Leave this site" with JavaScript off too (an ordinary link)', async () => {
    const { context, page } = await chromium.open({ javaScript: false });
    try {
      await page.goto(site('/report'));
      await page.click('a[data-exit-link]');
      await page.waitForURL(EXIT_URL);
    } finally {
      await context.close();
    }
  });

  it('leaves when Shift is pressed 3 times, but not when Shift is used for capitals', async () => {
    const { context, page } = await chromium.open();
    try {
      await page.goto(site('/report'));
      await page.focus('#narrative');
      await page.keyboard.press('Shift');
      await page.keyboard.press('Shift+KeyH');
      await page.keyboard.press('Shift');
      assert.equal(new URL(page.url()).pathname, '/report');
      assert.match((await page.textContent('[data-exit-status]')) ?? '', /press 2 more times/);
      await page.keyboard.press('Shift');
      await page.keyboard.press('Shift');
      await page.keyboard.press('Shift');
      await page.waitForURL(EXIT_URL);
    } finally {
      await context.close();
    }
  });

  // -------------------------------------------------------------------------------------------
  // site.js
  // -------------------------------------------------------------------------------------------

  it('keeps one history entry for the whole visit: links replace, forms are sent with fetch', async () => {
    const { context, page, problems } = await chromium.open();
    try {
      await page.goto(site('/'));
      const start = await historyLength(page);
      await page.click('text=Start now');
      await page.waitForURL(site('/report'));
      await page.click('main button[type="submit"]');
      await page.waitForSelector('.govuk-error-summary');
      assert.equal(await page.title(), `Error: Make a report – ${SERVICE}`);
      assert.match(await activeElement(page), /govuk-error-summary/, 'the error summary has focus');
      await page.check('#categories');
      await page.fill('#narrative', 'An officer asked me for money to drop a speeding ticket.');
      await page.click('main button[type="submit"]');
      await page.waitForSelector('.govuk-panel');
      assert.match(await activeElement(page), /^h1/, 'the h1 has focus');
      await page.click('text=check a report you made');
      await page.waitForURL(site('/follow-up'));
      assert.equal(await historyLength(page), start);
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  it('changes language from any page, keeping what was typed: the language link, with JavaScript and without', async () => {
    for (const javaScript of [true, false]) {
      const { context, page, problems } = await chromium.open({ javaScript });
      try {
        await page.goto(site('/'));
        await page.click('a[hreflang="cy"]');
        await page.waitForURL(site('/cy/'));
        assert.equal(await page.getAttribute('html', 'lang'), 'cy');
        await page.goto(site('/cy/report'));
        await page.fill('#narrative', 'byr');
        await answerTo(page, () => page.click('main button[type="submit"]'));
        assert.equal(await text(page, '.govuk-error-summary__title'), 'Mae problem wedi codi');
        // On a page that answers a form the link is a button that sends the form again, to the English path.
        await answerTo(page, () => page.click('button[lang="en-GB"]'));
        assert.equal(await page.getAttribute('html', 'lang'), 'en-GB', 'the page says it is in English (site.js sets it after fetch)');
        assert.equal(await text(page, '.govuk-error-summary__title'), 'There is a problem');
        assert.equal(await page.inputValue('#narrative'), 'byr', 'what was typed is kept');
        assert.equal(await text(page, 'h1'), 'Make a report');
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    }
  });

  it('sends a form once, however often it is pressed, and says it is sending', async () => {
    const { context, page } = await chromium.open();
    try {
      await page.goto(site('/report'));
      await page.check('#categories');
      await page.fill('#narrative', 'An officer asked me for money to drop a speeding ticket.');
      const posts: string[] = [];
      await page.route(site('/report'), async (route) => {
        if (route.request().method() === 'POST') {
          posts.push(route.request().resourceType());
          await new Promise((resolve) => setTimeout(resolve, 400));
        }
        await route.continue();
      });
      const label = await page.evaluate<string>(`(() => {
        const button = document.querySelector('button[type="submit"]');
        button.click();
        button.click();
        button.form.requestSubmit();
        return button.textContent + '|' + button.disabled;
      })()`);
      assert.equal(label, 'Sending…|true');
      await page.waitForSelector('.govuk-panel');
      assert.match(await text(page, '.govuk-panel .app-reference'), REFERENCE_FORMAT);
      assert.deepEqual(posts, ['fetch'], 'one POST');
    } finally {
      await context.close();
    }
  });

  it('sends the form the ordinary way when fetch fails', async () => {
    const { context, page } = await chromium.open();
    try {
      await page.goto(site('/report'));
      const posts: string[] = [];
      await page.route(site('/report'), (route) => {
        if (route.request().method() === 'POST') posts.push(route.request().resourceType());
        return route.request().resourceType() === 'fetch' ? route.abort() : route.continue();
      });
      await page.check('#categories');
      await page.fill('#narrative', 'An officer asked me for money to drop a speeding ticket.');
      await page.click('main button[type="submit"]');
      await page.waitForSelector('.govuk-panel');
      assert.match(await text(page, '.govuk-panel .app-reference'), REFERENCE_FORMAT);
      assert.deepEqual(posts, ['fetch', 'document']);
    } finally {
      await context.close();
    }
  });

  it('shows the contact details only with "Leave contact details", and sends none that are hidden', async () => {
    const { context, page } = await chromium.open();
    try {
      await page.goto(site('/report'));
      const conditional = '#conditional-reporterMode-confidential';
      assert.equal(await page.isVisible(conditional), false);
      assert.equal(await page.getAttribute('#reporterMode-confidential', 'aria-controls'), 'conditional-reporterMode-confidential');
      await page.check('#reporterMode-confidential');
      assert.equal(await page.isVisible(conditional), true);
      await page.fill('#contactEmail', 'sam@example.com');
      await page.check('#reporterMode');
      assert.equal(await page.isVisible(conditional), false);
      assert.equal(await page.isDisabled('#contactEmail'), true);
      await page.check('#categories');
      await page.fill('#narrative', 'An officer asked me for money to drop a speeding ticket.');
      const sent = page.waitForRequest((request) => request.url() === site('/report') && request.method() === 'POST');
      await page.click('main button[type="submit"]');
      await page.waitForSelector('.govuk-panel');
      const body = new URLSearchParams((await sent).postData() ?? '');
      assert.equal(body.get('reporterMode'), 'anonymous');
      assert.equal(body.has('contactEmail'), false, `nothing hidden is sent: ${[...body.keys()].join(', ')}`);
    } finally {
      await context.close();
    }
  });

  it('counts the characters left in what happened, and says so to screen readers after a pause', async () => {
    const { context, page } = await chromium.open();
    try {
      await page.goto(site('/report'));
      assert.equal(await page.textContent('.govuk-character-count__status'), 'You have 10,000 characters remaining');
      await page.fill('#narrative', 'x'.repeat(10_002));
      assert.equal(await page.textContent('.govuk-character-count__status'), 'You have 2 characters too many');
      assert.equal(await page.getAttribute('.govuk-character-count__sr-status', 'aria-live'), 'polite');
      // GOV.UK Frontend tells screen readers the count when typing pauses (it looks each second), not at every key.
      assert.notEqual(await page.textContent('.govuk-character-count__sr-status'), 'You have 2 characters too many', 'not at once');
      // waitForFunction evaluates a string in the page, which the Content-Security-Policy forbids.
      await page.waitForSelector('.govuk-character-count__sr-status:text-is("You have 2 characters too many")', { state: 'attached' });
      assert.match((await page.getAttribute('#narrative', 'class')) ?? '', /govuk-textarea--error/);
    } finally {
      await context.close();
    }
  });

  it('focuses the error summary when a page with one arrives, by fetch or by loading, and its links move to the field', async () => {
    const { context, page } = await chromium.open();
    try {
      await page.goto(site('/follow-up'));
      await page.click('main button[type="submit"]');
      await page.waitForSelector('.govuk-error-summary');
      assert.match(await activeElement(page), /govuk-error-summary/, 'answered through fetch');

      await page.route(site('/follow-up'), (route) => (route.request().resourceType() === 'fetch' ? route.abort() : route.continue()));
      await page.fill('#reference', 'PAC-7K3M-X9QD');
      await answerTo(page, () => page.click('main button[type="submit"]'));
      assert.deepEqual(await texts(page, '.govuk-error-summary__list a'), ['Enter your follow-up code']);
      assert.match(await activeElement(page), /govuk-error-summary/, 'answered by loading the page');

      const before = await historyLength(page);
      await page.click('a[href="#code"]');
      assert.match(await activeElement(page), /^input#code/);
      assert.equal(await historyLength(page), before);
    } finally {
      await context.close();
    }
  });

  it('can be filled in with the keyboard alone, in the order it reads', async () => {
    const { context, page } = await chromium.open();
    try {
      await page.goto(site('/report'));
      const stops: string[] = [];
      for (let press = 0; press < 60; press += 1) {
        await page.keyboard.press('Tab');
        const active = await activeElement(page);
        stops.push(active);
        if (active.startsWith('button')) break;
      }
      const ids = stops.map((stop) => /#([^.]+)/.exec(stop)?.[1]).filter((id): id is string => id !== undefined);
      const expected = ['categories', 'narrative', 'subjectRole', 'subjectName', 'subjectCollarNumber', 'subjectRank', 'subjectStation', 'force', 'postcode', 'locationDescription', 'whenDay', 'whenMonth', 'whenYear', 'ongoing', 'reporterMode'];
      for (const id of expected) assert.ok(ids.includes(id), `Tab reaches #${id}: ${ids.join(' ')}`);
      assert.deepEqual(
        ids.filter((id) => expected.includes(id)),
        expected,
        'in the order of the page',
      );
      assert.match(stops.at(-1) ?? '', /^button/, 'and then Send report');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('ArrowDown');
      assert.match(await activeElement(page), /#reporterMode-confidential/);
      assert.equal(await page.isVisible('#contactName'), true, 'choosing with the arrow keys reveals the contact details');
    } finally {
      await context.close();
    }
  });

  for (const javaScript of [true, false]) {
    it(`sends a changed report, sent again with its form's key, as a new report at one press, JavaScript ${javaScript ? 'on' : 'off'}`, async () => {
      const narrative = `An officer took 50 pounds from me at the station.\nAnother officer saw it & said "nothing" <twice> (${javaScript ? 'on' : 'off'}).`;
      const { context, page, problems } = await chromium.open({ javaScript });
      try {
        await sentAgainChanged(page, narrative);
        assert.equal(await page.title(), `You have already sent a report from this form – ${SERVICE}`);
        await tabTo(page, 'form[action="/report"] button[type="submit"]');
        await answerTo(page, () => page.keyboard.press('Enter'));
        assert.equal(await page.title(), `Report sent – ${SERVICE}`);
        const reference = await text(page, '.govuk-panel .app-reference');
        assert.match(reference, REFERENCE_FORMAT);
        assert.deepEqual(problems, []);

        await notificationsFor(local.sqs, local.queueUrl(KENT_QUEUE), reference, { settleMs: 0 });
        const read = await send(site(`/force/reports/${await local.forceReference(reference, 'kent')}`), { method: 'GET', headers: await kentSystem() });
        assert.equal(read.status, 200, read.text);
        assert.equal(read.json<{ content: { narrative: string } }>().content.narrative, narrative, 'the report as it was typed, line break and all');
      } finally {
        await context.close();
      }
    });
  }

  it('works with JavaScript off: the contact fields are shown, and forms post and answer with the next page', async () => {
    const { context, page } = await chromium.open({ javaScript: false });
    try {
      await page.goto(site('/report'));
      assert.equal(await page.isVisible('#contactName'), true);
      await page.click('main button[type="submit"]');
      await page.waitForSelector('.govuk-error-summary');
      assert.equal(await page.title(), `Error: Make a report – ${SERVICE}`);
      await page.check('#categories');
      await page.fill('#narrative', 'An officer asked me for money to drop a speeding ticket.');
      await page.check('#reporterMode');
      await page.fill('#contactPhone', '07700 900982');
      await page.click('main button[type="submit"]');
      await page.waitForSelector('.govuk-error-summary');
      assert.match((await page.textContent('.govuk-error-summary')) ?? '', /You chose to stay anonymous/);
      await page.fill('#contactPhone', '');
      await page.click('main button[type="submit"]');
      await page.waitForSelector('.govuk-panel');
      assert.match(await text(page, '#follow-up-code'), CODE_FORMAT);
    } finally {
      await context.close();
    }
  });
});
