/**
 * The website's pages as HTML: the same shell on every page (quick exit, emergency notice,
 * landmarks, one h1), nothing inline for the Content-Security-Policy to refuse, nothing from
 * anywhere else, and every value from outside escaped.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { FOLLOW_UP_CODE_DIGITS } from '../../functions/domain/follow-up-code.ts';
import { FORCES } from '../../functions/domain/forces.ts';
import { CATEGORIES } from '../../functions/domain/report.ts';
import { followUpPage, followUpSignInPage, notFoundPage, problemPage, type FollowUpQuestion } from '../../functions/pages/follow-up.ts';
import { attributes, escapeHtml, html } from '../../functions/pages/html.ts';
import { EXIT_URL, page } from '../../functions/pages/layout.ts';
import {
  changedReportPage,
  confirmationPage,
  REPORT_FORM_FIELDS,
  reportFormPage,
  valuesFromForm,
  type ReportFormValues,
} from '../../functions/pages/report-form.ts';
import { startPage } from '../../functions/pages/start-page.ts';

const QUESTIONS: FollowUpQuestion[] = [
  { id: '6f1c0b8e-3d5a-4c1e-9a7b-2f8e4d6c0a1b', askedAt: '2025-03-03T10:00:00.000Z', text: 'What time of day was it?', answered: false },
  { id: '0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d', askedAt: '2025-02-01T23:30:00.000Z', text: 'Which car park was it?', answered: true },
];

const CHANGED: ReportFormValues = {
  categories: ['bribery', 'abuse_of_position'],
  narrative: 'He took £200 "for the file" & said <nothing> would happen.\nIt was at the front desk.',
  subjectRole: 'officer',
  subjectName: "PC O'Brien",
  subjectCollarNumber: 'AB123',
  subjectRank: '',
  subjectStation: '',
  force: 'kent',
  postcode: 'ME14 1XQ',
  locationDescription: '',
  whenDay: '3',
  whenMonth: 'March',
  whenYear: '2025',
  ongoing: true,
  reporterMode: 'anonymous',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
  contactSafeTimes: '',
};

const PAGES: Record<string, string> = {
  start: startPage(),
  'report form': reportFormPage({ idempotencyKey: 'key' }),
  'report form with errors': reportFormPage({
    idempotencyKey: 'key',
    errors: [
      { field: 'categories', message: 'Select what the report is about' },
      { field: 'narrative', message: 'Tell us what happened, in at least 20 characters' },
      { field: 'whenDay', message: 'Date it started must be a real date' },
      { field: 'contactEmail', message: 'Enter an email address in the correct format, like name@example.com' },
    ],
  }),
  confirmation: confirmationPage({ reference: 'PAC-7K3M-X9QD', followUpCode: '1234567890123456' }),
  'report sent again, changed': changedReportPage({ values: CHANGED, idempotencyKey: 'fresh-key' }),
  'follow-up sign in': followUpSignInPage({}),
  'follow-up sign in, refused': followUpSignInPage({ values: { reference: 'PAC-7K3M-X9QD' }, refusal: 'not-recognised' }),
  'follow-up sign in, with errors': followUpSignInPage({ errors: [{ field: 'code', message: 'Enter your follow-up code' }] }),
  'follow-up': followUpPage({ reference: 'PAC-7K3M-X9QD', code: '1234567890123456', status: 'received', questions: QUESTIONS }),
  'follow-up with notice': followUpPage({
    reference: 'PAC-7K3M-X9QD',
    code: '1234567890123456',
    status: 'passed_to_a_police_force',
    questions: [],
    notice: 'information-received',
  }),
  'follow-up with errors': followUpPage({
    reference: 'PAC-7K3M-X9QD',
    code: '1234567890123456',
    status: 'closed',
    questions: QUESTIONS,
    errors: [{ field: `answer-${QUESTIONS[0]!.id}`, message: 'Enter your answer' }],
  }),
  'not found': notFoundPage(),
  problem: problemPage(),
};

const idsIn = (markup: string): string[] => [...markup.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!);

describe('every page', () => {
  for (const [name, markup] of Object.entries(PAGES)) {
    describe(name, () => {
      it('is a whole document in British English, with the site’s stylesheet and deferred script', () => {
        assert.match(markup, /^<!DOCTYPE html>\n<html lang="en-GB" class="govuk-template">/);
        assert.match(markup, /<meta charset="utf-8">/);
        assert.match(markup, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
        assert.match(markup, /<link rel="stylesheet" href="\/assets\/site.css">/);
        assert.match(markup, /<script src="\/assets\/site.js" defer><\/script>/);
        assert.match(markup, /<title>[^<]+ – Report police corruption and abuse<\/title>|<title>Report police corruption and abuse<\/title>/);
      });

      it('has a skip link, landmarks, and one h1', () => {
        // GOV.UK Frontend's start-of-body script first (a file: no inline script), then the skip link.
        assert.match(
          markup,
          /<body class="govuk-template__body"[^>]*>\n<script src="\/assets\/govuk-frontend-supported.js"><\/script>\n<a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Skip to main content<\/a>/,
        );
        assert.equal(markup.match(/<header[\s>]/g)?.length, 1);
        assert.equal(markup.match(/<main[\s>]/g)?.length, 1);
        assert.equal(markup.match(/<footer[\s>]/g)?.length, 1);
        assert.match(markup, /<main class="govuk-main-wrapper" id="main-content">/);
        assert.equal(markup.match(/<h1[\s>]/g)?.length, 1);
      });

      it('has the quick exit at the top, and the emergency notice', () => {
        const exit = markup.indexOf(`<a href="${EXIT_URL}" rel="nofollow noreferrer" class="app-exit__button" data-exit-link>Leave this site</a>`);
        assert.ok(exit > 0 && exit < markup.indexOf('<header'));
        assert.ok(markup.includes('If you or someone else is in danger now, call 999.'));
        assert.ok(markup.includes('We never record your IP address, browser or device. This site uses no cookies.'));
      });

      it('has nothing inline for the Content-Security-Policy to refuse', () => {
        assert.doesNotMatch(markup, /style=/i);
        assert.doesNotMatch(markup, /<style/i);
        assert.doesNotMatch(markup, /\son[a-z]+=/i, 'no event handler attributes');
        assert.doesNotMatch(markup, /javascript:/i);
        for (const script of markup.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/gi)) {
          assert.match(script[1]!, /\ssrc="\/assets\/(site|govuk-frontend-supported)\.js"/);
          assert.equal(script[2], '', 'no inline script body');
        }
      });

      it('links nowhere outside the site but the quick exit', () => {
        // An inline SVG's xmlns names its namespace; nothing is fetched from it.
        const urls = [...markup.matchAll(/(?:https?:)?\/\/[^\s"'<>]+/gi)].map((match) => match[0]).filter((url) => url !== 'http://www.w3.org/2000/svg');
        assert.deepEqual([...new Set(urls)], [EXIT_URL]);
        assert.doesNotMatch(markup, /<(img|iframe|object|embed|link(?! rel="stylesheet" href="\/assets\/))[\s>]/i);
      });

      it('gives every id once, and every input a label', () => {
        const ids = idsIn(markup);
        assert.deepEqual(ids, [...new Set(ids)], 'ids are unique');
        for (const field of markup.matchAll(/<(input|textarea|select)\s([^>]*)>/g)) {
          if (/type="hidden"/.test(field[2]!)) continue;
          const id = /\bid="([^"]+)"/.exec(field[2]!)?.[1];
          assert.ok(id !== undefined, `an id for ${field[0]}`);
          assert.ok(markup.includes(`for="${id}"`), `a label for #${id}`);
        }
        for (const describedBy of markup.matchAll(/aria-describedby="([^"]+)"/g)) {
          for (const id of describedBy[1]!.split(' ')) assert.ok(ids.includes(id), `aria-describedby points at #${id}`);
        }
        for (const link of markup.matchAll(/href="#([^"]+)"/g)) assert.ok(ids.includes(link[1]!), `#${link[1]} is on the page`);
      });

      it('says "Error: " in the title exactly when it shows an error summary', () => {
        const hasSummary = markup.includes('class="govuk-error-summary"');
        assert.equal(/<title>Error: /.test(markup), hasSummary);
        if (hasSummary) assert.ok(markup.indexOf('govuk-error-summary') < markup.indexOf('<h1'), 'the summary comes before the h1');
      });
    });
  }
});

describe('html', () => {
  it('escapes what is interpolated, and only that', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    const text = '<script>alert(1)</script>';
    assert.equal(String(html`<p title="${text}">${text}</p>`), '<p title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    assert.equal(String(html`<ul>${['<a>', html`<li>ok</li>`]}</ul>`), '<ul>&lt;a&gt;<li>ok</li></ul>');
    assert.equal(String(html`${undefined}${null}${false}${0}`), '0');
    assert.equal(String(attributes({ value: '"><script>', checked: true, hidden: false, title: undefined, alt: '' })), ' value="&quot;&gt;&lt;script&gt;" checked');
  });
});

describe('the shell', () => {
  it('prefixes the title with "Error: " and lists each error, linked to its field, before the content', () => {
    const markup = page({ title: 'Something', main: html`<h1>Something</h1>`, errors: [{ field: 'x', message: 'Enter x' }] });
    assert.match(markup, /<title>Error: Something – Report police corruption and abuse<\/title>/);
    assert.match(markup, /<h2 class="govuk-error-summary__title">There is a problem<\/h2>/);
    assert.match(markup, /<li><a href="#x">Enter x<\/a><\/li>/);
  });
});

describe('the start page', () => {
  const markup = PAGES.start!;

  it('says what can be reported, that you can stay anonymous, and what you get', () => {
    assert.equal(markup.match(/<li>/g)?.length, CATEGORIES.length);
    assert.match(markup, /You can stay anonymous/);
    assert.match(markup, /reference and a follow-up code/);
    assert.match(markup, /call our contact centre free on <a class="govuk-link" href="tel:08000850000">0800 085 0000<\/a>/);
  });

  it('starts a report, and leads to checking one', () => {
    assert.match(markup, /<a href="\/report" role="button" draggable="false" class="govuk-button govuk-button--start" data-module="govuk-button">Start now/);
    assert.match(markup, /<a class="govuk-link" href="\/follow-up">Check a report you made<\/a>/);
  });
});

describe('the report form sent again, changed', () => {
  const markup = PAGES['report sent again, changed']!;
  const hiddenFields = (form: string): URLSearchParams => {
    const unescape = (value: string) =>
      value.replace(/&(amp|lt|gt|quot|#39);/g, (_, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity]!);
    const fields = new URLSearchParams();
    // An empty value leaves the attribute out; the browser sends the field, empty.
    for (const input of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?>/g)) fields.append(input[1]!, unescape(input[2] ?? ''));
    return fields;
  };

  it('says plainly that the first report was received and what was sent just now was not taken in', () => {
    assert.match(markup, /<title>You have already sent a report from this form – Report police corruption and abuse<\/title>/);
    assert.match(markup, /<h1 class="govuk-heading-l">You have already sent a report from this form<\/h1>/);
    assert.match(markup, /We received the report you sent first/);
    assert.match(markup, /What you sent just now is different from your first report, so we have not taken it in/);
    assert.doesNotMatch(markup, /govuk-error-summary/);
  });

  it('shows nothing that was sent, and no reference', () => {
    const main = markup.slice(markup.indexOf('<main'), markup.indexOf('</main>'));
    const shown = main.replace(/<input type="hidden"[^>]*>/g, '');
    for (const typed of ['front desk', 'O&#39;Brien', 'AB123', 'ME14', 'kent']) assert.ok(!shown.includes(typed), `${typed} is shown`);
    assert.doesNotMatch(shown, /PAC-/);
  });

  it('posts what was sent, escaped, with the new key, as a new report at one press', () => {
    const forms = markup.match(/<form[\s\S]*?<\/form>/g) ?? [];
    assert.equal(forms.length, 1);
    const [form] = forms as [string];
    assert.match(form, /^<form method="post" action="\/report" novalidate accept-charset="utf-8">/);
    assert.match(form, /<button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true">Send as a new report<\/button>/);
    assert.ok(form.includes('value="He took £200 &quot;for the file&quot; &amp; said &lt;nothing&gt; would happen.\nIt was at the front desk."'));
    const fields = hiddenFields(form);
    assert.deepEqual(fields.getAll('idempotencyKey'), ['fresh-key']);
    assert.deepEqual(valuesFromForm(fields), CHANGED);
  });

  it('gives back exactly what was sent, whatever it was', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.boolean(), (typed, ongoing) => {
        const values = valuesFromForm(
          new URLSearchParams([
            ...REPORT_FORM_FIELDS.filter((field) => field !== 'ongoing').map((field): [string, string] => [field, typed]),
            ['categories', `${typed}2`],
            ...(ongoing ? [['ongoing', 'yes'] as [string, string]] : []),
          ]),
        );
        const fields = hiddenFields(changedReportPage({ values, idempotencyKey: 'k' }));
        assert.deepEqual(valuesFromForm(fields), values);
      }),
      { numRuns: 200 },
    );
  });

  it('leads to adding to the first report, and back to the start', () => {
    assert.match(markup, /<a class="govuk-link" href="\/follow-up">add information to a report you made<\/a>/);
    assert.match(markup, /<a class="govuk-link" href="\/">Go to the start page<\/a>/);
  });
});

describe('the follow-up pages', () => {
  it('signs in with the reference and code, neither remembered by the browser', () => {
    const markup = followUpSignInPage({ values: { reference: 'PAC-7K3M-X9QD', code: '1234' } });
    assert.match(markup, /<form method="post" action="\/follow-up" novalidate/);
    assert.match(markup, /id="reference" name="reference" type="text" value="PAC-7K3M-X9QD" aria-describedby="reference-hint" autocomplete="off"/);
    assert.match(markup, /id="code" name="code" type="text" value="1234" aria-describedby="code-hint" autocomplete="off" inputmode="numeric"/);
    assert.ok(markup.includes(`${FOLLOW_UP_CODE_DIGITS} numbers`));
  });

  it('says the same whatever was wrong with the reference or the code', () => {
    const markup = followUpSignInPage({ refusal: 'not-recognised' });
    assert.match(markup, /<title>Error: /);
    assert.match(markup, /We could not find a report with that reference and follow-up code. Check them and try again./);
    assert.match(followUpSignInPage({ refusal: 'too-many-attempts' }), /There have been too many attempts to open this report. Try again in an hour./);
  });

  it('shows the status, never the force, and a form for each question still to answer', () => {
    const markup = PAGES['follow-up']!;
    assert.match(markup, /<strong class="govuk-tag govuk-tag--blue">Received<\/strong>/);
    const [open, answered] = QUESTIONS;
    assert.equal(markup.match(/<form method="post" action="\/follow-up\/answer"/g)?.length, 1);
    assert.match(markup, new RegExp(`<input type="hidden" name="questionId" value="${open!.id}">`));
    assert.match(markup, new RegExp(`id="answer-${open!.id}" name="answer"`));
    assert.doesNotMatch(markup, new RegExp(`answer-${answered!.id}`));
    assert.match(markup, /Question asked on 3 March 2025/);
    assert.match(markup, /Question asked on 1 February 2025/);
    assert.match(markup, />Answered</);
    assert.match(markup, /<form method="post" action="\/follow-up\/information"/);
    assert.match(markup, /id="information" name="information"/);
    assert.match(markup, /removes anything that could identify you before it is passed on/);
    assert.match(markup, /<a class="govuk-link" href="\/">Sign out<\/a>/);
  });

  it('posts the reference and code again with every form (the language link\'s too)', () => {
    const markup = PAGES['follow-up']!;
    const forms = markup.match(/<form[\s\S]*?<\/form>/g) ?? [];
    assert.equal(forms.length, 3);
    assert.match(forms[0]!, /<form method="post" action="\/cy\/follow-up"/);
    for (const form of forms) {
      assert.match(form, /<input type="hidden" name="reference" value="PAC-7K3M-X9QD">/);
      assert.match(form, /<input type="hidden" name="code" value="1234567890123456">/);
    }
  });

  it('explains each status in a sentence', () => {
    for (const [status, tag] of [
      ['received', 'Received'],
      ['passed_to_a_police_force', 'Passed to a police force'],
      ['closed', 'Closed'],
    ] as const) {
      const markup = followUpPage({ reference: 'PAC-7K3M-X9QD', code: '1', status, questions: [] });
      assert.match(markup, new RegExp(`class="govuk-tag govuk-tag--[a-z]+">${tag}</strong><p class="govuk-body app-status-explanation">[A-Z][^<]+\\.</p>`));
      assert.match(markup, /There are no questions for you at the moment/);
    }
  });

  it('confirms an answer or information with a success banner at the top', () => {
    const markup = followUpPage({ reference: 'PAC-7K3M-X9QD', code: '1', status: 'received', questions: [], notice: 'answer-received' });
    assert.match(markup, /govuk-notification-banner--success" role="alert"/);
    assert.match(markup, /Your answer has been sent/);
    assert.ok(markup.indexOf('govuk-notification-banner') < markup.indexOf('<h1'));
  });
});

describe('escaping', () => {
  const ATTACK = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
  const escaped = escapeHtml(ATTACK);

  const everyValue = (text: string): ReportFormValues => ({
    ...(Object.fromEntries(REPORT_FORM_FIELDS.map((field) => [field, text])) as unknown as Omit<ReportFormValues, 'categories' | 'ongoing'>),
    categories: [text, ...CATEGORIES],
    ongoing: true,
  });

  /** Every page, with `text` in every value that comes from outside. */
  const pagesWith = (text: string): string[] => [
    reportFormPage({
      values: everyValue(text),
      errors: [{ field: text, message: text }, ...REPORT_FORM_FIELDS.map((field) => ({ field, message: text }))],
      idempotencyKey: text,
    }),
    confirmationPage({ reference: text, followUpCode: text }),
    changedReportPage({ values: everyValue(text), idempotencyKey: text }),
    followUpSignInPage({ values: { reference: text, code: text }, errors: [{ field: text, message: text }] }),
    followUpPage({
      reference: text,
      code: text,
      status: 'received',
      questions: [
        { id: text, askedAt: text, text, answered: false },
        { id: `${text}2`, askedAt: text, text, answered: true },
      ],
      values: { information: text, [`answer-${text}`]: text },
      errors: [{ field: text, message: text }],
      notice: 'answer-received',
    }),
  ];

  it('escapes every interpolated value on every page', () => {
    for (const markup of pagesWith(ATTACK)) {
      assert.ok(!markup.includes('<script>alert'), 'no script from a value');
      assert.ok(!markup.includes('<img'), 'no element from a value');
      assert.ok(markup.includes(escaped) || markup.includes(escapeHtml(ATTACK.replace(/\s+/g, ''))), 'the value is there, as text');
    }
  });

  it('never lets arbitrary text become markup, and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (arbitrary) => {
        // ⟦ appears in no page, so the raw value can only be in the output if it was not escaped.
        const text = `⟦${arbitrary}<`;
        for (const markup of pagesWith(text)) {
          assert.ok(!markup.includes(text), `"${text}" appears unescaped`);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the report form without Intl at start-up', () => {
  it('lists the forces in the order en-GB collation gives, after "I do not know"', () => {
    const markup = reportFormPage({ idempotencyKey: '00000000-0000-4000-8000-000000000000' });
    const select = markup.slice(markup.indexOf('<select'), markup.indexOf('</select>', markup.indexOf('<select')));
    const shown = [...select.matchAll(/<option[^>]*>([^<]*)<\/option>/g)].map((option) => option[1]!.replace(/&#39;/g, "'").replace(/&amp;/g, '&'));
    const collated = [...FORCES].map((force) => force.name).sort((a, b) => a.localeCompare(b, 'en-GB'));
    assert.deepEqual(shown, ['I do not know', ...collated]);
  });

  it('writes the limits it names as en-GB writes them', () => {
    assert.match(reportFormPage({ idempotencyKey: '00000000-0000-4000-8000-000000000000' }), /You can enter up to 10,000 characters/);
  });
});
