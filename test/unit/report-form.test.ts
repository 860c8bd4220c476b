/**
 * The report form: what a urlencoded post becomes, which problems the person is told about, and
 * that every error links to an input the page really has.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FORCES } from '../../functions/domain/forces.ts';
import { CATEGORIES, reportSubmissionSchema } from '../../functions/domain/report.ts';
import {
  ANONYMOUS_WITH_CONTACT,
  checkDate,
  confirmationPage,
  fieldErrors,
  groupDigits,
  orderedErrors,
  REPORT_FORM_FIELDS,
  reportFormPage,
  submissionFromForm,
  type DateCheck,
  type FieldError,
} from '../../functions/pages/report-form.ts';

const NOW = new Date('2025-06-15T12:00:00Z');
const NARRATIVE = 'The officer at the front desk asked me for £200 to make my brother’s case go away.';

const form = (fields: Record<string, string | string[]>): URLSearchParams => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) params.append(name, one);
  return params;
};

const fullForm = () =>
  form({
    idempotencyKey: '0b5f3c1e-0000-4000-8000-000000000000',
    categories: ['bribery', 'discrimination'],
    narrative: `${NARRATIVE}\r\nIt happened twice.`,
    subjectRole: 'officer',
    subjectName: 'PC Smith',
    subjectCollarNumber: 'AB123',
    subjectRank: 'Constable',
    subjectStation: 'Brixton',
    force: 'metropolitan',
    postcode: 'sw1a 1aa',
    locationDescription: 'Outside the station',
    whenDay: '3',
    whenMonth: '2',
    whenYear: '2024',
    ongoing: 'yes',
    reporterMode: 'confidential',
    contactName: 'Sam',
    contactEmail: 'sam@example.com',
    contactPhone: '07700 900982',
    contactSafeTimes: 'Weekday mornings, email only',
  });

/** Everything the page and the schema say about a form, as the handler puts it together. */
const allErrors = (fields: URLSearchParams): FieldError[] => {
  const { submission, errors } = submissionFromForm(fields, NOW);
  const parsed = reportSubmissionSchema.safeParse(submission);
  return [...errors, ...(parsed.success ? [] : fieldErrors(parsed.error.issues))];
};

const idsIn = (page: string): Set<string> => new Set([...page.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!));

const formIds = idsIn(reportFormPage({ idempotencyKey: 'key' }));

describe('submissionFromForm', () => {
  it('maps a fully filled form to a report the schema accepts', () => {
    const { submission, errors, values } = submissionFromForm(fullForm(), NOW);
    assert.deepEqual(errors, []);
    const parsed = reportSubmissionSchema.safeParse(submission);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    assert.deepEqual(submission, {
      categories: ['bribery', 'discrimination'],
      subject: { role: 'officer', name: 'PC Smith', collarNumber: 'AB123', rank: 'Constable', station: 'Brixton' },
      force: 'metropolitan',
      location: { postcode: 'sw1a 1aa', description: 'Outside the station' },
      when: { from: '2024-02-03', ongoing: true },
      narrative: `${NARRATIVE}\nIt happened twice.`,
      reporter: {
        mode: 'confidential',
        contact: { name: 'Sam', email: 'sam@example.com', phone: '07700 900982', safeTimes: 'Weekday mornings, email only' },
      },
    });
    assert.equal(values.subjectName, 'PC Smith');
    assert.equal(values.ongoing, true);
  });

  it('leaves out every optional answer left empty, and the force when it is not known', () => {
    const { submission, errors } = submissionFromForm(
      form({
        categories: 'bribery',
        narrative: NARRATIVE,
        subjectName: '  ',
        force: 'unknown',
        postcode: '',
        whenDay: '',
        whenMonth: '',
        whenYear: '',
        reporterMode: 'anonymous',
        contactEmail: ' ',
      }),
      NOW,
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(submission, { categories: ['bribery'], narrative: NARRATIVE, reporter: { mode: 'anonymous' } });
  });

  it('says who it is about only when something about them is given, their role unknown unless chosen', () => {
    assert.deepEqual((submissionFromForm(form({ subjectRank: 'Sergeant' }), NOW).submission as { subject: unknown }).subject, {
      role: 'unknown',
      rank: 'Sergeant',
    });
    assert.deepEqual((submissionFromForm(form({ subjectRole: 'staff' }), NOW).submission as { subject: unknown }).subject, { role: 'staff' });
    assert.equal('subject' in (submissionFromForm(form({}), NOW).submission as object), false);
  });

  it('gives an empty form errors for what it is about and what happened, nothing else', () => {
    const errors = allErrors(form({}));
    assert.deepEqual(
      errors.map((error) => error.field),
      ['categories', 'narrative'],
    );
    assert.deepEqual(
      errors.map((error) => error.message),
      ['Select what the report is about', 'Tell us what happened, in at least 20 characters'],
    );
  });

  it('refuses contact details with "stay anonymous", and sends none of them', () => {
    const { submission, errors } = submissionFromForm(
      form({ categories: 'bribery', narrative: NARRATIVE, reporterMode: 'anonymous', contactPhone: '07700 900982' }),
      NOW,
    );
    assert.deepEqual(errors, [{ field: 'reporterMode', message: ANONYMOUS_WITH_CONTACT }]);
    assert.deepEqual((submission as { reporter: unknown }).reporter, { mode: 'anonymous' });
    // The schema does not say it a second time.
    assert.equal(reportSubmissionSchema.safeParse(submission).success, true);
  });

  it('asks which to choose when contact details are given with neither option chosen', () => {
    assert.deepEqual(
      allErrors(form({ categories: 'bribery', narrative: NARRATIVE, contactEmail: 'sam@example.com' })).map((error) => error.field),
      ['reporterMode'],
    );
  });

  it('accepts "leave contact details" with none given', () => {
    const { submission } = submissionFromForm(form({ categories: 'bribery', narrative: NARRATIVE, reporterMode: 'confidential' }), NOW);
    assert.deepEqual((submission as { reporter: unknown }).reporter, { mode: 'confidential' });
  });

  it('refuses a force that is not on the list', () => {
    assert.deepEqual(allErrors(form({ categories: 'bribery', narrative: NARRATIVE, force: 'the Met' })).map((e) => e.field), ['force']);
  });

  it('checks contact details as the schema does, in GOV.UK words', () => {
    const errors = allErrors(
      form({ categories: 'bribery', narrative: NARRATIVE, reporterMode: 'confidential', contactEmail: 'sam', contactPhone: 'call me' }),
    );
    assert.deepEqual(errors, [
      { field: 'contactEmail', message: 'Enter an email address in the correct format, like name@example.com' },
      { field: 'contactPhone', message: 'Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192' },
    ]);
  });
});

describe('the date it started', () => {
  const check = (day: string, month: string, year: string) => checkDate({ day, month, year }, '2025-06-15');

  it('is optional, and whole or not at all', () => {
    assert.deepEqual(check('', '', ''), { kind: 'empty' });
    assert.deepEqual(check('3', '', ''), { kind: 'problem', message: 'Date it started must include a month and year', parts: ['month', 'year'] });
    assert.deepEqual(check('', '2', '2024'), { kind: 'problem', message: 'Date it started must include a day', parts: ['day'] });
    assert.deepEqual(check('', '', '2024'), { kind: 'problem', message: 'Date it started must include a day and month', parts: ['day', 'month'] });
  });

  it('must be a real date, with a 4-digit year, and not in the future', () => {
    const message = (result: DateCheck) => (result.kind === 'problem' ? result.message : result.kind);
    assert.equal(message(check('31', '2', '2024')), 'Date it started must be a real date');
    assert.equal(check('29', '2', '2023').kind, 'problem');
    assert.deepEqual(check('29', '2', '2024'), { kind: 'date', iso: '2024-02-29' });
    assert.equal(message(check('x', '2', '2024')), 'Date it started must be a real date');
    assert.equal(check('1', '13', '2024').kind, 'problem');
    assert.deepEqual(check('1', '2', '24'), { kind: 'problem', message: 'Year must include 4 numbers', parts: ['year'] });
    assert.deepEqual(check('16', '6', '2025'), {
      kind: 'problem',
      message: 'Date it started must be today or in the past',
      parts: ['day', 'month', 'year'],
    });
    assert.deepEqual(check('15', '6', '2025'), { kind: 'date', iso: '2025-06-15' });
  });

  it('takes month names as well as numbers', () => {
    assert.deepEqual(check('3', 'Feb', '2024'), { kind: 'date', iso: '2024-02-03' });
    assert.deepEqual(check(' 03 ', 'september', ' 2024 '), { kind: 'date', iso: '2024-09-03' });
  });

  it('is reported on the first part that needs attention, and the report is not sent with it', () => {
    const { submission, errors } = submissionFromForm(form({ categories: 'bribery', narrative: NARRATIVE, whenDay: '3', ongoing: 'yes' }), NOW);
    assert.deepEqual(errors, [{ field: 'whenMonth', message: 'Date it started must include a month and year' }]);
    assert.deepEqual((submission as { when: unknown }).when, { ongoing: true });
  });

  it('marks the parts that need attention on the page', () => {
    const page = reportFormPage({
      idempotencyKey: 'key',
      values: { whenDay: '3' },
      errors: [{ field: 'whenMonth', message: 'Date it started must include a month and year' }],
    });
    assert.match(page, /class="[^"]*govuk-input--error[^"]*" id="whenMonth"/);
    assert.match(page, /class="[^"]*govuk-input--error[^"]*" id="whenYear"/);
    assert.doesNotMatch(page, /class="[^"]*govuk-input--error[^"]*" id="whenDay"/);
  });
});

/** Submissions that reach every part of the schema with something wrong. */
const BAD_SUBMISSIONS: unknown[] = [
  {},
  null,
  { categories: 'bribery', narrative: 42 },
  { categories: [], narrative: 'short' },
  { categories: ['parking'], narrative: 'x'.repeat(10_001) },
  { categories: ['bribery', 'bribery'], narrative: `${NARRATIVE}\u202E` },
  { categories: [...CATEGORIES, 'bribery'], narrative: NARRATIVE },
  { categories: ['bribery'], narrative: NARRATIVE, colour: 'red' },
  { categories: ['bribery'], narrative: NARRATIVE, subject: 'PC Smith' },
  { categories: ['bribery'], narrative: NARRATIVE, subject: { role: 'chief', shoeSize: 9 } },
  {
    categories: ['bribery'],
    narrative: NARRATIVE,
    subject: { role: 'officer', name: ' ', collarNumber: 'x'.repeat(21), rank: 'x'.repeat(101), station: '\u0007', force: '' },
  },
  { categories: ['bribery'], narrative: NARRATIVE, force: 'x'.repeat(201) },
  { categories: ['bribery'], narrative: NARRATIVE, location: 'here' },
  { categories: ['bribery'], narrative: NARRATIVE, location: { postcode: 'nowhere', description: 'x'.repeat(2_001), floor: 2 } },
  { categories: ['bribery'], narrative: NARRATIVE, when: 'yesterday' },
  { categories: ['bribery'], narrative: NARRATIVE, when: { from: '2024-13-01', to: '2024-02-30', ongoing: 'yes' } },
  { categories: ['bribery'], narrative: NARRATIVE, when: { from: '2024-02-01', to: '2024-01-01', at: 'noon' } },
  { categories: ['bribery'], narrative: NARRATIVE, reporter: 'me' },
  { categories: ['bribery'], narrative: NARRATIVE, reporter: { mode: 'loud' } },
  { categories: ['bribery'], narrative: NARRATIVE, reporter: { mode: 'anonymous', contact: { email: 'a@b.example' } } },
  { categories: ['bribery'], narrative: NARRATIVE, reporter: { mode: 'confidential', contact: 'call me', extra: 1 } },
  {
    categories: ['bribery'],
    narrative: NARRATIVE,
    reporter: {
      mode: 'confidential',
      contact: { name: '', email: 'not an email', phone: 'call me', safeTimes: 'x'.repeat(501), pager: '1' },
    },
  },
  {
    categories: ['bribery'],
    narrative: NARRATIVE,
    reporter: { mode: 'confidential', contact: { email: `${'x'.repeat(250)}@example.com` } },
  },
];

/** Forms with something wrong in every input. */
const BAD_FORMS: URLSearchParams[] = [
  form({}),
  form({ categories: 'parking', narrative: 'short', subjectRole: 'chief', force: 'nowhere', postcode: 'nowhere' }),
  form({
    categories: ['bribery', 'bribery'],
    narrative: 'x'.repeat(10_001),
    subjectName: 'x'.repeat(201),
    subjectCollarNumber: 'x'.repeat(21),
    subjectRank: 'x'.repeat(101),
    subjectStation: '\u0007station',
    locationDescription: 'x'.repeat(2_001),
    whenDay: '31',
    whenMonth: '2',
    whenYear: '2024',
    reporterMode: 'confidential',
    contactName: 'x'.repeat(201),
    contactEmail: 'no',
    contactPhone: 'no',
    contactSafeTimes: 'x'.repeat(501),
  }),
  form({ categories: 'bribery', narrative: NARRATIVE, whenYear: '2024', reporterMode: 'anonymous', contactName: 'Sam' }),
  form({ categories: 'bribery', narrative: NARRATIVE, whenDay: '1', whenMonth: '1', whenYear: '99', contactName: 'Sam' }),
  form({ categories: 'bribery', narrative: NARRATIVE, reporterMode: 'loud' }),
];

describe('fieldErrors', () => {
  it('links every error, for every part of the schema, to an input the form has', () => {
    const seenFields = new Set<string>();
    for (const submission of BAD_SUBMISSIONS) {
      const parsed = reportSubmissionSchema.safeParse(submission);
      assert.equal(parsed.success, false, JSON.stringify(submission));
      const errors = fieldErrors(parsed.error!.issues);
      assert.ok(errors.length > 0);
      for (const error of errors) {
        assert.ok(formIds.has(error.field), `${error.field} (for ${JSON.stringify(submission)}) is not an id on the form`);
        assert.match(error.message, /^[A-Z‘].*[^.]$/, `"${error.message}" is a sentence without a full stop, as GOV.UK writes them`);
        seenFields.add(error.field);
      }
    }
    // Every input but the month and year, which only the form's own date check points at.
    for (const field of REPORT_FORM_FIELDS.filter((field) => field !== 'whenMonth' && field !== 'whenYear')) {
      assert.ok(seenFields.has(field), `no bad submission reached ${field}`);
    }
  });

  it('links every error from a bad form to an input the form has, and the page shows each beside it', () => {
    for (const fields of BAD_FORMS) {
      const { values } = submissionFromForm(fields, NOW);
      const errors = allErrors(fields);
      assert.ok(errors.length > 0);
      const page = reportFormPage({ values, errors, idempotencyKey: 'key' });
      const ids = idsIn(page);
      for (const error of orderedErrors(errors)) {
        assert.ok(formIds.has(error.field), `${error.field} is not an id on the form`);
        assert.ok(page.includes(`<a href="#${error.field}">`), `the error summary links to #${error.field}`);
        assert.ok(ids.has(`${error.field}-error`) || ids.has('when-error'), `the page shows the error for ${error.field} by its input`);
      }
      assert.match(page, /<title>Error: /);
    }
  });

  it('says the schema’s problems as GOV.UK messages', () => {
    const messages = (submission: unknown) => fieldErrors(reportSubmissionSchema.safeParse(submission).error!.issues);
    assert.deepEqual(messages({ categories: ['bribery'], narrative: NARRATIVE, location: { postcode: 'nowhere' } }), [
      { field: 'postcode', message: 'Enter a postcode, like SW1A 1AA, or the first part, like SW1A' },
    ]);
    assert.deepEqual(messages({ categories: ['bribery'], narrative: 'x'.repeat(10_001) }), [
      { field: 'narrative', message: 'What happened must be 10,000 characters or less' },
    ]);
    assert.deepEqual(messages({ categories: ['bribery'], narrative: NARRATIVE, subject: { role: 'officer', collarNumber: 'x'.repeat(21) } }), [
      { field: 'subjectCollarNumber', message: 'Their collar or shoulder number must be 20 characters or less' },
    ]);
    assert.deepEqual(messages({ categories: ['bribery'], narrative: NARRATIVE, reporter: { mode: 'anonymous', contact: {} } }), [
      { field: 'reporterMode', message: ANONYMOUS_WITH_CONTACT },
    ]);
    assert.deepEqual(messages({ categories: ['bribery'], narrative: NARRATIVE, when: { from: '2024-02-30' } }), [
      { field: 'whenDay', message: 'Date it started must be a real date' },
    ]);
  });

  it('gives one error per input, in the order of the form', () => {
    const ordered = orderedErrors([
      { field: 'contactEmail', message: 'b' },
      { field: 'whenYear', message: 'date' },
      { field: 'categories', message: 'a' },
      { field: 'categories', message: 'a again' },
      { field: 'whenDay', message: 'date again' },
    ]);
    assert.deepEqual(ordered, [
      { field: 'categories', message: 'a' },
      { field: 'whenYear', message: 'date' },
      { field: 'contactEmail', message: 'b' },
    ]);
  });
});

describe('reportFormPage', () => {
  const page = reportFormPage({ idempotencyKey: '0b5f3c1e-0000-4000-8000-000000000000' });

  it('is one form posting to /report, with the idempotency key, checked by the server not the browser', () => {
    assert.equal(page.match(/<form /g)?.length, 1);
    assert.match(page, /<form method="post" action="\/report" novalidate/);
    assert.match(page, /<input type="hidden" name="idempotencyKey" value="0b5f3c1e-0000-4000-8000-000000000000">/);
    assert.match(page, /<button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true">Send report<\/button>/);
  });

  it('has an input, with a label, for every field', () => {
    for (const name of ['narrative', 'subjectName', 'subjectCollarNumber', 'subjectRank', 'subjectStation', 'force', 'postcode', 'locationDescription', 'whenDay', 'whenMonth', 'whenYear', 'ongoing', 'contactName', 'contactEmail', 'contactPhone', 'contactSafeTimes']) {
      assert.match(page, new RegExp(`id="${name}" name="${name}"`), name);
      assert.match(page, new RegExp(`<label class="[^"]*" for="${name}">`), `label for ${name}`);
    }
    for (const category of CATEGORIES) assert.match(page, new RegExp(`name="categories" type="checkbox" value="${category}"`));
    for (const role of ['officer', 'staff', 'volunteer', 'unknown']) assert.match(page, new RegExp(`name="subjectRole" type="radio" value="${role}"`));
    for (const mode of ['anonymous', 'confidential']) assert.match(page, new RegExp(`name="reporterMode" type="radio" value="${mode}"`));
    for (const id of [...formIds].filter((id) => /^(categories|subjectRole|reporterMode)/.test(id) && !id.endsWith('hint'))) {
      assert.match(page, new RegExp(`for="${id}"`), `label for ${id}`);
    }
  });

  it('offers every force by name, and "I do not know" first', () => {
    assert.match(page, /<select class="govuk-select" id="force" name="force"[^>]*>\s*<option value="unknown" selected>I do not know<\/option>/);
    for (const force of FORCES) assert.ok(page.includes(`<option value="${force.id}">${force.name}</option>`), force.id);
  });

  it('puts the contact fields under "Leave contact details", for site.js to reveal', () => {
    const conditional = page.indexOf('id="conditional-reporterMode-confidential"');
    assert.ok(conditional > page.indexOf('value="confidential"'));
    assert.ok(page.indexOf('id="contactName"') > conditional);
    assert.match(page, /value="confidential" data-aria-controls="conditional-reporterMode-confidential"|value="confidential" aria-describedby="[^"]+" data-aria-controls="conditional-reporterMode-confidential"/);
  });

  it('asks browsers to fill in only the reporter’s own contact details', () => {
    assert.match(page, /id="contactName" name="contactName" type="text" aria-describedby|id="contactName" name="contactName" type="text" autocomplete="name"/);
    assert.match(page, /id="contactEmail" name="contactEmail" type="email" autocomplete="email"/);
    assert.match(page, /id="contactPhone" name="contactPhone" type="tel" autocomplete="tel"/);
    for (const id of ['narrative', 'subjectName', 'postcode', 'locationDescription', 'contactSafeTimes', 'whenDay']) {
      assert.match(page, new RegExp(`id="${id}" [^>]*autocomplete="off"`), id);
    }
  });

  it('fills in again what was typed', () => {
    const { values } = submissionFromForm(fullForm(), NOW);
    const filled = reportFormPage({ values, idempotencyKey: 'key' });
    assert.match(filled, /value="bribery" checked/);
    assert.match(filled, /value="discrimination" checked/);
    assert.match(filled, /value="officer" checked/);
    assert.match(filled, /<option value="metropolitan" selected>/);
    assert.match(filled, /value="confidential" checked/);
    assert.match(filled, /id="ongoing" name="ongoing" type="checkbox" value="yes" checked/);
    assert.match(filled, /id="contactEmail" name="contactEmail" type="email" value="sam@example.com"/);
    assert.ok(filled.includes(`>\n${NARRATIVE}\nIt happened twice.</textarea>`));
  });
});

describe('confirmationPage', () => {
  const page = confirmationPage({ reference: 'PAC-7K3M-X9QD', followUpCode: '1234567890123456' });

  it('groups the follow-up code in fours, for reading aloud and writing down', () => {
    assert.equal(groupDigits('1234567890123456'), '1234 5678 9012 3456');
    assert.equal(groupDigits('12345'), '1234 5');
    assert.equal(groupDigits(' 1234 5678 '), '1234 5678');
    assert.match(page, /<p class="app-code" id="follow-up-code">1234 5678 9012 3456<\/p>/);
  });

  it('shows the reference in a confirmation panel, and says the code cannot be recovered', () => {
    assert.match(page, /<div class="govuk-panel govuk-panel--confirmation">\s*<h1 class="govuk-panel__title">Report sent<\/h1>/);
    assert.ok(page.includes('PAC-7K3M-X9QD'));
    assert.match(page, /Nobody can recover your follow-up code, including us/);
    assert.match(page, /href="\/follow-up"/);
    assert.equal(page.match(/<h1/g)?.length, 1);
  });
});
