/**
 * The website and the public API in Welsh:
 * - the Welsh catalogue has exactly the English one's keys (and each message of the same kind);
 * - every Welsh page, in every state the service shows it in (errors included), is marked Welsh,
 *   links to the same page in English, keeps its links and forms under /cy, and shows none of the
 *   English catalogue's sentences;
 * - every message the public request schemas can give (a corpus of bad requests), and every
 *   detail and title a public route answers with, has Welsh for `Accept-Language: cy`;
 * - anonymise() keeps no more of Accept-Language than the language to answer in.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as z from '../../functions/domain/zod.ts';
import { preferredLanguage } from '../../functions/adapters/http/accept-language.ts';
import { anonymousRequest } from '../../functions/adapters/http/anonymous-request.ts';
import { fieldProblems } from '../../functions/adapters/http/validated-body.ts';
import { PROBLEM_CATALOGUE } from '../../functions/adapters/http/problem-catalogue.ts';
import { welshMessage, welshTitle } from '../../functions/adapters/http/problem-welsh.ts';
import { CATEGORIES, NARRATIVE_MAX, reportSubmissionSchema } from '../../functions/domain/report.ts';
import { informationRequestSchema, openReportRequestSchema, reporterAnswerRequestSchema } from '../../functions/domain/reporter-follow-up.ts';
import { followUpPage, followUpSignInPage, notFoundPage, problemPage, type FollowUpQuestion } from '../../functions/pages/follow-up.ts';
import { cy } from '../../functions/pages/messages/cy.ts';
import { en } from '../../functions/pages/messages/en.ts';
import {
  changedReportPage,
  confirmationPage,
  fieldErrors,
  reportFormPage,
  submissionFromForm,
  valuesFromForm,
  type FieldError,
} from '../../functions/pages/report-form.ts';
import { startPage } from '../../functions/pages/start-page.ts';

// ─── the catalogues ────────────────────────────────────────────────────────────────────────────

/** Every key path of a catalogue, with what kind of message is there (text, or a function of n arguments). */
const shape = (catalogue: unknown, prefix = ''): string[] => {
  if (typeof catalogue === 'string') return [`${prefix}: text`];
  if (typeof catalogue === 'function') return [`${prefix}: function of ${catalogue.length}`];
  return Object.entries(catalogue as Record<string, unknown>)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([key, value]) => shape(value, prefix === '' ? key : `${prefix}.${key}`));
};

/** Sample arguments, so that a message with something in it can be compared too. */
const SAMPLE_ARGUMENTS: readonly unknown[][] = [[1], [2], [7], ['10,000'], [['day']], [['day', 'month', 'year']], ['3 March 2025']];

/** Every English message (text, and functions given sample arguments), with its key. */
const englishMessages = (catalogue: unknown, prefix = ''): [string, string][] => {
  if (typeof catalogue === 'string') return [[prefix, catalogue]];
  if (typeof catalogue === 'function') {
    return SAMPLE_ARGUMENTS.flatMap((args): [string, string][] => {
      try {
        const text = (catalogue as (...args: unknown[]) => unknown)(...args);
        return typeof text === 'string' && !text.includes('undefined') && !text.includes('[object') ? [[prefix, text]] : [];
      } catch {
        return [];
      }
    });
  }
  return Object.entries(catalogue as Record<string, unknown>).flatMap(([key, value]) => englishMessages(value, prefix === '' ? key : `${prefix}.${key}`));
};

/** English that may appear on a Welsh page: names and numbers, not words. */
const NOT_WORDS = new Set(['languageName', 'locale']);

/** Sentences and phrases of the English catalogue: more than a couple of words. */
const ENGLISH = [
  ...new Map(
    englishMessages(en)
      .filter(([key]) => !NOT_WORDS.has(key))
      .map(([key, text]): [string, string] => [text.replace(/\s+/g, ' ').trim(), key])
      .filter(([text]) => text.split(' ').length > 2),
  ),
];

describe('the message catalogues', () => {
  it('the Welsh has every key the English has, and no other, each the same kind of message', () => {
    assert.deepEqual(shape(cy), shape(en));
  });

  it('no Welsh message is the English one, but for names', () => {
    const welsh = new Map(englishMessages(cy));
    const same = englishMessages(en).filter(([key, text]) => !NOT_WORDS.has(key) && text.split(' ').length > 1 && welsh.get(key) === text);
    assert.deepEqual(same, []);
  });

  it('the check below has English to look for (a test that can fail)', () => {
    assert.ok(ENGLISH.length > 150, `${ENGLISH.length} English phrases`);
    assert.ok(englishLeftIn(reportFormPage({ idempotencyKey: 'k' })).length > 50, 'the English form is full of them');
  });
});

// ─── every Welsh page, in every state ──────────────────────────────────────────────────────────

/** What a page shows and says: its text and its attribute values, with the characters the html template escapes read back. */
const readable = (markup: string): string =>
  markup
    .replace(/<[^>]*?((?:\s[\w.:-]+(?:="[^"]*")?)*)\s*\/?>/g, (_, attrs: string) => ` ${[...attrs.matchAll(/="([^"]*)"/g)].map((m) => m[1]).join(' ')} `)
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

const englishLeftIn = (markup: string): string[] => {
  const text = readable(markup);
  return ENGLISH.filter(([phrase]) => text.includes(phrase)).map(([phrase, key]) => `${key}: ${phrase}`);
};

const QUESTIONS: FollowUpQuestion[] = [
  { id: '6f1c0b8e-3d5a-4c1e-9a7b-2f8e4d6c0a1b', askedAt: '2025-03-03T10:00:00.000Z', text: 'Pa amser o’r dydd oedd hi?', answered: false },
  { id: '0a9b8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d', askedAt: '2025-02-01T23:30:00.000Z', text: 'Pa faes parcio oedd e?', answered: true },
];

/** Forms that, between them, make every error the report form can show. */
const BAD_FORMS: Record<string, string>[] = [
  {},
  { categories: 'bribery', narrative: 'short' },
  { categories: 'bribery', narrative: 'x'.repeat(NARRATIVE_MAX + 1), whenDay: '3' },
  { categories: 'nonsense', narrative: 'a\u0001'.repeat(20), whenDay: '31', whenMonth: '2', whenYear: '2020' },
  { whenDay: 'x', whenMonth: 'y', whenYear: 'z', force: 'atlantis', reporterMode: 'anonymous', contactName: 'Jo' },
  { whenDay: '1', whenMonth: '1', whenYear: '99', reporterMode: '', contactEmail: 'jo@example.org' },
  { whenDay: '1', whenMonth: '1', whenYear: '1850', reporterMode: 'confidential', contactEmail: 'not an address', contactPhone: 'call me' },
  { whenDay: '1', whenMonth: '1', whenYear: '2999', reporterMode: 'sometimes', postcode: 'not a postcode', subjectRole: 'wizard' },
  {
    subjectName: 'x'.repeat(201),
    subjectCollarNumber: 'x'.repeat(21),
    subjectRank: 'x'.repeat(101),
    subjectStation: 'x'.repeat(201),
    locationDescription: 'x'.repeat(2001),
    reporterMode: 'confidential',
    contactName: 'x'.repeat(201),
    contactEmail: `${'x'.repeat(250)}@example.org`,
    contactSafeTimes: 'x'.repeat(501),
  },
  { subjectName: '\u0001', subjectCollarNumber: '\u0001', subjectRank: '\u0001', subjectStation: '\u0001', locationDescription: '\u0001', reporterMode: 'confidential', contactName: '\u0001', contactSafeTimes: '\u0001' },
];

const NOW = new Date('2025-06-15T12:00:00Z');

const welshFormErrors = (fields: Record<string, string>): { values: ReturnType<typeof valuesFromForm>; errors: FieldError[] } => {
  const form = new URLSearchParams(fields);
  const { values, submission, errors } = submissionFromForm(form, NOW, 'cy');
  const parsed = reportSubmissionSchema.safeParse(submission);
  return { values, errors: [...errors, ...(parsed.success ? [] : fieldErrors(parsed.error.issues, 'cy'))] };
};

/** Every message the report form can give, as the issue mapping gives it: one form page per bad form. */
const formPagesWithErrors = BAD_FORMS.map((fields, index): [string, string] => {
  const { values, errors } = welshFormErrors(fields);
  assert.ok(errors.length > 0, `bad form ${index} has errors`);
  return [`the form with errors (${index})`, reportFormPage({ values, errors, idempotencyKey: '00000000-0000-4000-8000-000000000000', language: 'cy' })];
});

const REFERENCE = 'PAC-7K3M-X9QD';
const CODE = '1234567890123456';

const WELSH_PAGES: [string, string][] = [
  ['the start page', startPage('cy')],
  ['the form', reportFormPage({ idempotencyKey: 'k', language: 'cy' })],
  ...formPagesWithErrors,
  ['the confirmation', confirmationPage({ reference: REFERENCE, followUpCode: CODE, language: 'cy', sent: { values: valuesFromForm(new URLSearchParams({ categories: 'bribery' })), idempotencyKey: 'k', seal: 'v1.seal' } })],
  ['the form sent again, changed', changedReportPage({ values: valuesFromForm(new URLSearchParams({ categories: 'bribery' })), idempotencyKey: 'n', sentIdempotencyKey: 'k', language: 'cy' })],
  ['sign in', followUpSignInPage({ language: 'cy' })],
  ['sign in, refused', followUpSignInPage({ values: { reference: REFERENCE }, refusal: 'not-recognised', language: 'cy' })],
  ['sign in, too many attempts', followUpSignInPage({ values: { reference: REFERENCE }, refusal: 'too-many-attempts', language: 'cy' })],
  [
    'sign in, with errors',
    followUpSignInPage({
      language: 'cy',
      errors: [
        { field: 'reference', message: cy.signIn.enterReference },
        { field: 'code', message: cy.signIn.codeFormat(16) },
      ],
    }),
  ],
  ...(['received', 'passed_to_a_police_force', 'closed'] as const).map((status): [string, string] => [
    `the report, ${status}`,
    followUpPage({ reference: REFERENCE, code: CODE, status, questions: QUESTIONS, language: 'cy' }),
  ]),
  ['the report, no questions', followUpPage({ reference: REFERENCE, code: CODE, status: 'received', questions: [], language: 'cy' })],
  ['the report, answer sent', followUpPage({ reference: REFERENCE, code: CODE, status: 'received', questions: QUESTIONS, notice: 'answer-received', language: 'cy' })],
  ['the report, information sent', followUpPage({ reference: REFERENCE, code: CODE, status: 'closed', questions: [], notice: 'information-received', language: 'cy' })],
  [
    'the report, with errors',
    followUpPage({
      reference: REFERENCE,
      code: CODE,
      status: 'passed_to_a_police_force',
      questions: QUESTIONS,
      language: 'cy',
      errors: [
        { field: `answer-${QUESTIONS[0]!.id}`, message: cy.followUp.alreadyAnswered },
        { field: 'information', message: cy.followUp.informationTooLong('10,000') },
      ],
    }),
  ],
  ['not found', notFoundPage('cy')],
  ['a problem', problemPage('cy')],
];

describe('every Welsh page, in every state', () => {
  for (const [name, markup] of WELSH_PAGES) {
    describe(name, () => {
      it('shows no English sentence of the catalogue', () => {
        assert.deepEqual(englishLeftIn(markup), []);
      });

      it('is marked Welsh, and links to itself in English, named and marked in English', () => {
        assert.match(markup, /^<!DOCTYPE html>\n<html lang="cy" class="govuk-template">/);
        assert.match(markup, /<nav class="app-language" aria-label="Iaith">/);
        assert.match(markup, /(<a class="govuk-link app-language__link" href="\/[^"]*" hreflang="en-GB" lang="en-GB">English<\/a>|<button type="submit" class="app-language__button" lang="en-GB"[^>]*>English<\/button>)/);
        assert.match(markup, /<title>[^<]+ – Rhoi gwybod am lygredd a cham-drin gan yr heddlu<\/title>|<title>Rhoi gwybod am lygredd a cham-drin gan yr heddlu<\/title>/);
      });

      it('keeps its links and forms in Welsh (under /cy), but for the language link, the quick exit and the telephone', () => {
        const language = markup.slice(markup.indexOf('<nav class="app-language"'), markup.indexOf('</nav>', markup.indexOf('<nav class="app-language"')));
        const rest = markup.replace(language, '');
        for (const [, target] of rest.matchAll(/\s(?:href|action)="([^"#]+)"/g)) {
          if (target!.startsWith('/assets/') || target!.startsWith('tel:') || target!.startsWith('https://www.bbc.co.uk/')) continue;
          assert.match(target!, /^\/cy(\/|$)/, target);
        }
        for (const [, target] of language.matchAll(/\s(?:href|action)="([^"]+)"/g)) assert.doesNotMatch(target!, /^\/cy/, 'the language link goes to English');
      });

      it('gives site.js its words in Welsh', () => {
        assert.match(markup, /data-sending-text="Yn anfon…"/);
        assert.match(markup, /data-exit-announce-1="Shift: pwyswch unwaith eto i adael y wefan hon."/);
      });
    });
  }

  it('the form gives GOV.UK Frontend’s character count its words in Welsh, for every plural category', () => {
    const markup = reportFormPage({ idempotencyKey: 'k', language: 'cy' });
    assert.match(markup, /Gallwch roi hyd at 10,000 nod/);
    for (const rule of ['zero', 'one', 'two', 'few', 'many', 'other']) {
      assert.match(markup, new RegExp(`data-i18n.characters-under-limit.${rule}="Mae gennych %\\{count\\} nod yn weddill"`));
      assert.match(markup, new RegExp(`data-i18n.characters-over-limit.${rule}="Mae gennych %\\{count\\} nod yn ormod"`));
    }
    assert.match(markup, /data-i18n.characters-at-limit="Mae gennych 0 nod yn weddill"/);
    assert.doesNotMatch(reportFormPage({ idempotencyKey: 'k' }), /data-i18n/, 'the English page leaves the package its own');
  });

  it('names the Welsh forces in Welsh, in order', () => {
    const markup = reportFormPage({ idempotencyKey: 'k', language: 'cy' });
    for (const name of ['Heddlu Dyfed-Powys', 'Heddlu Gwent', 'Heddlu Gogledd Cymru', 'Heddlu De Cymru']) assert.ok(markup.includes(`>${name}</option>`), name);
    assert.ok(!markup.includes('North Wales Police'));
  });

  it('dates questions in Welsh', () => {
    assert.match(followUpPage({ reference: REFERENCE, code: CODE, status: 'received', questions: QUESTIONS, language: 'cy' }), /Cwestiwn a ofynnwyd ar 3 Mawrth 2025/);
  });

  it('takes a month in Welsh', () => {
    const { errors } = welshFormErrors({ categories: 'bribery', narrative: 'x'.repeat(30), whenDay: '3', whenMonth: 'Chwefror', whenYear: '2025', reporterMode: 'anonymous' });
    assert.deepEqual(errors, []);
  });

  it('the check fails on an English page (the test can fail)', () => {
    assert.notDeepEqual(englishLeftIn(startPage('en')), []);
    assert.notDeepEqual(englishLeftIn(WELSH_PAGES[0]![1].replace('Dechrau nawr', en.start.startNow + ' ' + en.start.checkReport)), []);
  });
});

// ─── the public API's problems ─────────────────────────────────────────────────────────────────

/** A body with every optional part given, for each public schema. */
const FULL_REPORT = {
  categories: ['bribery', 'discrimination'],
  subject: { role: 'officer', name: 'A', collarNumber: 'B1', rank: 'PC', station: 'X', force: 'kent' },
  force: 'kent',
  location: { description: 'Here', postcode: 'ME14 1XQ' },
  when: { from: '2025-01-01', to: '2025-02-01', ongoing: false },
  narrative: 'An officer asked me for money to drop a ticket.',
  reporter: { mode: 'confidential', contact: { name: 'Jo', email: 'jo@example.org', phone: '07700 900982', safeTimes: 'Mornings' } },
};
const CODE_BODY = { code: '1234 5678 9012 3456' };
const BAD_VALUES: readonly unknown[] = [undefined, null, 0, true, '', ' ', 'x'.repeat(20_000), [], {}, ['x'], '\u0001', '\uFFFE', 'not-a-date', 'x'];

const withValue = (body: unknown, path: readonly string[], value: unknown): unknown => {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const copy: Record<string, unknown> = Array.isArray(body) ? ([...body] as unknown as Record<string, unknown>) : { ...(body as Record<string, unknown>) };
  const next = withValue(copy[head], rest, value);
  if (next === undefined) delete copy[head];
  else copy[head] = next;
  return copy;
};

const pathsOf = (body: unknown, prefix: readonly string[] = []): string[][] =>
  body !== null && typeof body === 'object'
    ? [prefix as string[], ...Object.entries(body).flatMap(([key, value]) => pathsOf(value, [...prefix, key]))]
    : [prefix as string[]];

/** Bad requests: each part of a full body replaced with each bad value, an extra field in each object, and a few a field at a time cannot make. */
const corpus = (body: unknown): unknown[] => [
  ...pathsOf(body).flatMap((path) => BAD_VALUES.map((value) => withValue(body, path, value))),
  ...pathsOf(body)
    .filter((path) => { const at = path.reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], body); return at !== null && typeof at === 'object' && !Array.isArray(at); })
    .map((path) => withValue(body, [...path, 'extra'], 1)),
];

const SCHEMA_CORPORA: [string, z.ZodMiniType, unknown[]][] = [
  [
    'report',
    reportSubmissionSchema,
    [
      ...corpus(FULL_REPORT),
      { ...FULL_REPORT, categories: ['bribery', 'bribery'] },
      { ...FULL_REPORT, categories: [...CATEGORIES, 'bribery'] },
      { ...FULL_REPORT, when: { from: '2025-02-01', to: '2025-01-01' } },
      { ...FULL_REPORT, reporter: { mode: 'anonymous', contact: { name: 'Jo' } } },
      { ...FULL_REPORT, reporter: { mode: 'sometimes' } },
      { ...FULL_REPORT, narrative: 'short' },
      { ...FULL_REPORT, narrative: `${'x'.repeat(30)}\u202E` },
      { ...FULL_REPORT, reporter: { mode: 'confidential', contact: { ...FULL_REPORT.reporter.contact, email: `${'x'.repeat(250)}@example.org` } } },
    ],
  ],
  ['follow-up', openReportRequestSchema, [...corpus(CODE_BODY), { code: '1234' }]],
  ['answer', reporterAnswerRequestSchema, corpus({ ...CODE_BODY, questionId: 'q1', answer: 'It was morning.' })],
  ['information', informationRequestSchema, corpus({ ...CODE_BODY, information: 'And the week before.' })],
];

describe('the public API in Welsh', () => {
  for (const [name, schema, bodies] of SCHEMA_CORPORA) {
    it(`every message the ${name} schema gives has Welsh (${bodies.length} bad requests)`, () => {
      const messages = new Set<string>();
      for (const body of bodies) {
        const result = schema.safeParse(body);
        if (!result.success) for (const problem of fieldProblems(result.error)) messages.add(problem.detail);
      }
      assert.ok(messages.size > 5, `${messages.size} messages`);
      assert.deepEqual([...messages].filter((message) => welshMessage(message) === undefined), []);
    });
  }

  it('every catalogued problem and every status title has a Welsh title', () => {
    for (const entry of Object.values(PROBLEM_CATALOGUE)) assert.ok(welshTitle(entry.title) !== undefined, entry.title);
    for (const title of ['Bad Request', 'Not Found', 'Content Too Large', 'Unsupported Media Type', 'Internal Server Error']) assert.ok(welshTitle(title) !== undefined, title);
  });

  it('has Welsh for the details a public route gives', () => {
    for (const detail of [
      'Something went wrong on our side. Please try again later.',
      'The request body is not valid JSON.',
      'Send the report as JSON, with Content-Type: application/json.',
      'Send a new report with a new Idempotency-Key.',
      'Wait a moment and send it again with the same Idempotency-Key.',
      "This address answers only requests sent through the service's website address.",
      'Check the reference and the follow-up code and try again.',
      'There have been too many attempts with this reference. Try again in an hour.',
      'Try again in a few minutes.',
      'The request body must be at most 65536 bytes.',
      '1 answer needs attention.',
      '3 answers need attention.',
    ]) {
      assert.ok(welshMessage(detail) !== undefined, detail);
    }
    assert.equal(welshMessage('A message nobody wrote Welsh for'), undefined, 'a message without Welsh is found out');
  });
});

describe('Accept-Language', () => {
  it('is Welsh when Welsh is preferred to English, and English otherwise', () => {
    const cases: [string | undefined, 'cy' | 'en'][] = [
      [undefined, 'en'],
      ['', 'en'],
      ['cy', 'cy'],
      ['cy-GB', 'cy'],
      ['CY', 'cy'],
      ['cy, en;q=0.8', 'cy'],
      ['en-GB,en;q=0.9,cy;q=0.8', 'en'],
      ['en;q=0.5, cy;q=0.7', 'cy'],
      ['fr, cy;q=0.4', 'cy'],
      ['cy;q=0', 'en'],
      ['en, cy', 'en'],
      ['x-canary-lang', 'en'],
    ];
    for (const [header, language] of cases) assert.equal(preferredLanguage(header), language, String(header));
  });

  it('anonymise() keeps of it only the language to answer in', () => {
    const event = (value: string) =>
      anonymousRequest({
        version: '2.0',
        routeKey: 'POST /reports',
        rawPath: '/reports',
        rawQueryString: '',
        headers: { 'accept-language': value, 'user-agent': 'x' },
        requestContext: { accountId: '1', apiId: 'a', domainName: 'd', domainPrefix: 'p', http: { method: 'POST', path: '/reports', protocol: 'HTTP/1.1', sourceIp: '1.2.3.4', userAgent: 'x' }, requestId: 'r', routeKey: 'POST /reports', stage: '$default', time: '', timeEpoch: 0 },
        isBase64Encoded: false,
      }).headers;
    assert.deepEqual(event('cy-GB,cy;q=0.9,en-GB;q=0.8,de;q=0.1'), { 'accept-language': 'cy' });
    assert.deepEqual(event('de-CH, x-canary-lang'), { 'accept-language': 'en' });
  });
});
