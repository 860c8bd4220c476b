/**
 * The pages' components against GOV.UK Frontend's own published markup: each TypeScript renderer in
 * functions/pages/components.ts (and the layout's skip link and header) gives the same HTML as the
 * package's Nunjucks macro given the same options, from the version pinned in package.json. Markup
 * is compared as a list of tags (attributes and classes in any order) and texts (spaces collapsed),
 * so that only what a browser would see differently fails.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { html, type SafeHtml } from '../../functions/pages/html.ts';
import {
  checkboxes,
  dateInput,
  panel,
  radios,
  select,
  startButton,
  submitButton,
  successBanner,
  tag,
  textarea,
  textInput,
  warningText,
} from '../../functions/pages/components.ts';
import { errorSummary, serviceHeader, skipLink } from '../../functions/pages/layout.ts';
import { cy } from '../../functions/pages/messages/cy.ts';

const require = createRequire(import.meta.url);
const nunjucks = require('nunjucks') as {
  configure(paths: string[], options: { autoescape: boolean }): { renderString(template: string, context: object): string };
};
const GOVUK_DIST = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist');
const environment = nunjucks.configure([GOVUK_DIST], { autoescape: true });

const MACROS: Record<string, string> = {
  button: 'govukButton',
  'character-count': 'govukCharacterCount',
  checkboxes: 'govukCheckboxes',
  'date-input': 'govukDateInput',
  'error-summary': 'govukErrorSummary',
  'generic-header': 'govukGenericHeader',
  input: 'govukInput',
  'notification-banner': 'govukNotificationBanner',
  panel: 'govukPanel',
  radios: 'govukRadios',
  select: 'govukSelect',
  'skip-link': 'govukSkipLink',
  tag: 'govukTag',
  textarea: 'govukTextarea',
  'warning-text': 'govukWarningText',
};

/** What the package's macro for `component` renders with these options. */
const macro = (component: string, params: object): string => {
  const name = MACROS[component];
  if (name === undefined) throw new Error(`no macro for ${component}`);
  return environment.renderString(`{% from "govuk/components/${component}/macro.njk" import ${name} %}{{ ${name}(params) }}`, { params });
};

/** Markup as tags and texts, one a line: attributes sorted, classes sorted, spaces collapsed. */
export const normalise = (markup: string): string[] =>
  (markup.match(/<[^>]+>|[^<]+/g) ?? [])
    .map((token) => {
      if (!token.startsWith('<')) return token.replace(/\s+/g, ' ').trim();
      if (token.startsWith('</')) return token.replace(/\s+/g, '');
      const [, name = '', rest = ''] = /^<([a-zA-Z0-9-]+)([\s\S]*?)\/?>$/.exec(token) ?? [];
      const attributes = [...rest.matchAll(/([^\s=]+)(?:\s*=\s*"([^"]*)")?/g)].map(([, key = '', value]) => {
        if (value === undefined) return key;
        const cleaned = key === 'class' || key === 'aria-describedby' ? value.split(/\s+/).filter(Boolean).sort().join(' ') : value.replace(/\s+/g, ' ').trim();
        return `${key}="${cleaned}"`;
      });
      return `<${name}${attributes.sort().map((attribute) => ` ${attribute}`).join('')}>`;
    })
    .filter((token) => token !== '');

const same = (ours: SafeHtml | string, theirs: string): void => assert.deepEqual(normalise(String(ours)), normalise(theirs));

describe('the components give GOV.UK Frontend’s own markup (its Nunjucks macros, the pinned version)', () => {
  it('text input: label, hint, error, width, type and input attributes', () => {
    same(
      textInput({ id: 'contactEmail', name: 'contactEmail', label: 'Email address (optional)', type: 'email', value: 'a@b', error: 'Enter an email', autocomplete: 'email', spellcheck: false }),
      macro('input', {
        id: 'contactEmail',
        name: 'contactEmail',
        type: 'email',
        label: { text: 'Email address (optional)' },
        value: 'a@b',
        errorMessage: { text: 'Enter an email' },
        autocomplete: 'email',
        spellcheck: false,
      }),
    );
    same(
      textInput({ id: 'postcode', name: 'postcode', label: 'Postcode', hint: 'The full postcode', autocapitalize: 'characters', width: 'govuk-input--width-10', inputmode: 'numeric' }),
      macro('input', {
        id: 'postcode',
        name: 'postcode',
        label: { text: 'Postcode' },
        hint: { text: 'The full postcode' },
        classes: 'govuk-input--width-10',
        inputmode: 'numeric',
        attributes: { autocapitalize: 'characters' },
      }),
    );
  });

  it('textarea, with a label that is its section’s heading', () => {
    same(
      textarea({ id: 'where', name: 'where', label: 'Where?', heading: true, hint: 'A street', rows: 3, value: '\nkept', error: 'Too long', autocomplete: 'off' }),
      macro('textarea', {
        id: 'where',
        name: 'where',
        label: { text: 'Where?', classes: 'govuk-label--m', isPageHeading: true },
        hint: { text: 'A street' },
        rows: 3,
        value: '\nkept',
        errorMessage: { text: 'Too long' },
        autocomplete: 'off',
      }).replace('<h1', '<h2').replace('</h1>', '</h2>'),
    );
  });

  it('character count', () => {
    same(
      textarea({ id: 'narrative', name: 'narrative', label: 'What happened?', hint: 'Tell us', rows: 10, maxLength: 10_000, value: 'x', error: 'Tell us more' }),
      macro('character-count', {
        id: 'narrative',
        name: 'narrative',
        label: { text: 'What happened?' },
        hint: { text: 'Tell us' },
        rows: 10,
        maxlength: 10_000,
        value: 'x',
        errorMessage: { text: 'Tell us more' },
      }).replace('You can enter up to 10000 characters', 'You can enter up to 10,000 characters'),
    );
  });

  it('character count in Welsh: its words given to the package’s script as its macro gives them (i18n options)', () => {
    same(
      textarea({ id: 'narrative', name: 'narrative', label: 'Beth ddigwyddodd?', rows: 10, maxLength: 10_000, words: cy.components }),
      macro('character-count', {
        id: 'narrative',
        name: 'narrative',
        label: { text: 'Beth ddigwyddodd?' },
        rows: 10,
        maxlength: 10_000,
        textareaDescriptionText: 'Gallwch roi hyd at %{count} nod',
        charactersUnderLimitText: cy.components.charactersUnderLimit,
        charactersAtLimitText: cy.components.charactersAtLimit,
        charactersOverLimitText: cy.components.charactersOverLimit,
      }).replace('Gallwch roi hyd at 10000 nod', 'Gallwch roi hyd at 10,000 nod'),
    );
  });

  it('select', () => {
    const options = [
      { value: '', text: 'I do not know' },
      { value: 'kent', text: 'Kent Police' },
    ];
    same(
      select({ id: 'force', name: 'force', label: 'Police force', hint: 'The force', value: 'kent', error: 'Choose', options, autocomplete: 'off' }),
      macro('select', {
        id: 'force',
        name: 'force',
        label: { text: 'Police force' },
        hint: { text: 'The force' },
        value: 'kent',
        errorMessage: { text: 'Choose' },
        items: options,
        attributes: { autocomplete: 'off' },
      }),
    );
  });

  it('checkboxes with a legend that is the heading, item hints and an error', () => {
    same(
      checkboxes({
        name: 'categories',
        idPrefix: 'categories',
        legend: 'What is it about?',
        heading: true,
        hint: 'Select all that apply.',
        error: 'Select what',
        items: [
          { value: 'bribery', text: 'Bribery', hint: 'Taking money' },
          { value: 'other', text: 'Other' },
        ],
        checked: ['other'],
      }),
      macro('checkboxes', {
        name: 'categories',
        idPrefix: 'categories',
        fieldset: { legend: { text: 'What is it about?', classes: 'govuk-fieldset__legend--m', isPageHeading: true } },
        hint: { text: 'Select all that apply.' },
        errorMessage: { text: 'Select what' },
        items: [
          { value: 'bribery', text: 'Bribery', hint: { text: 'Taking money' }, id: 'categories' },
          { value: 'other', text: 'Other', id: 'categories-other' },
        ],
        values: ['other'],
      })
        .replace('<h1', '<h2')
        .replace('</h1>', '</h2>'),
    );
  });

  it('a single small checkbox with no fieldset', () => {
    same(
      checkboxes({ name: 'ongoing', idPrefix: 'ongoing', error: 'Say', items: [{ value: 'yes', text: 'It is still happening' }], checked: ['yes'], small: true }),
      macro('checkboxes', {
        name: 'ongoing',
        idPrefix: 'ongoing',
        classes: 'govuk-checkboxes--small',
        errorMessage: { text: 'Say' },
        items: [{ value: 'yes', text: 'It is still happening', id: 'ongoing' }],
        values: ['yes'],
      }),
    );
  });

  it('radios with a conditional reveal, chosen and not', () => {
    for (const chosen of ['anonymous', 'confidential']) {
      same(
        radios({
          name: 'reporterMode',
          idPrefix: 'reporterMode',
          legend: 'Do you want to stay anonymous?',
          items: [
            { value: 'anonymous', text: 'Stay anonymous' },
            { value: 'confidential', text: 'Leave contact details', hint: 'Our contact centre', conditional: html`<p class="govuk-body">Details</p>` },
          ],
          checked: [chosen],
        }),
        macro('radios', {
          name: 'reporterMode',
          idPrefix: 'reporterMode',
          fieldset: { legend: { text: 'Do you want to stay anonymous?', classes: 'govuk-fieldset__legend--s' } },
          items: [
            { value: 'anonymous', text: 'Stay anonymous', id: 'reporterMode' },
            {
              value: 'confidential',
              text: 'Leave contact details',
              hint: { text: 'Our contact centre' },
              id: 'reporterMode-confidential',
              conditional: { html: '<p class="govuk-body">Details</p>' },
            },
          ],
          value: chosen,
        }),
      );
    }
  });

  it('date input', () => {
    same(
      dateInput({
        id: 'when',
        legend: 'When did it start? (optional)',
        hint: 'For example, 27 3 2024.',
        error: 'Enter a real date',
        parts: [
          { id: 'whenDay', name: 'whenDay', label: 'Day', value: '31', width: 2, error: true },
          { id: 'whenMonth', name: 'whenMonth', label: 'Month', value: '2', width: 2, error: false },
          { id: 'whenYear', name: 'whenYear', label: 'Year', value: undefined, width: 4, error: false },
        ],
      }),
      macro('date-input', {
        id: 'when',
        fieldset: { legend: { text: 'When did it start? (optional)', classes: 'govuk-fieldset__legend--s' } },
        hint: { text: 'For example, 27 3 2024.' },
        errorMessage: { text: 'Enter a real date' },
        items: [
          { id: 'whenDay', name: 'whenDay', label: 'Day', value: '31', classes: 'govuk-input--width-2 govuk-input--error', autocomplete: 'off' },
          { id: 'whenMonth', name: 'whenMonth', label: 'Month', value: '2', classes: 'govuk-input--width-2', autocomplete: 'off' },
          { id: 'whenYear', name: 'whenYear', label: 'Year', classes: 'govuk-input--width-4', autocomplete: 'off' },
        ],
      }),
    );
  });

  it('buttons: submit, sent once, and start', () => {
    same(submitButton('Send report'), macro('button', { text: 'Send report', type: 'submit', preventDoubleClick: true }));
    same(startButton('/report', 'Start now'), macro('button', { text: 'Start now', href: '/report', isStartButton: true }));
  });

  it('error summary, with a description and links', () => {
    const errors = [
      { field: 'categories', message: 'Select what the report is about' },
      { field: 'narrative', message: 'Tell us what happened' },
    ];
    same(
      errorSummary(errors, 'We could not find a report'),
      macro('error-summary', {
        titleText: 'There is a problem',
        descriptionText: 'We could not find a report',
        errorList: errors.map((error) => ({ text: error.message, href: `#${error.field}` })),
      }),
    );
    same(errorSummary(errors), macro('error-summary', { titleText: 'There is a problem', errorList: errors.map((error) => ({ text: error.message, href: `#${error.field}` })) }));
  });

  it('panel, warning text, tag and success banner', () => {
    same(panel('Report sent', html`Your reference<br><strong class="app-reference">PAC-1</strong>`), macro('panel', { titleText: 'Report sent', html: 'Your reference<br><strong class="app-reference">PAC-1</strong>' }));
    same(warningText(html`Write it down.`), macro('warning-text', { html: 'Write it down.', iconFallbackText: 'Warning' }));
    same(tag('Answered', 'green'), macro('tag', { text: 'Answered', classes: 'govuk-tag--green' }));
    same(
      successBanner('Your answer has been sent', 'We will check it.'),
      macro('notification-banner', { type: 'success', html: '<p class="govuk-notification-banner__heading">Your answer has been sent</p><p class="govuk-body">We will check it.</p>' }),
    );
  });

  it('the layout’s skip link and header (GOV.UK’s generic header: no crown, not GOV.UK’s)', () => {
    same(skipLink(), macro('skip-link', { text: 'Skip to main content', href: '#main-content' }));
    same(serviceHeader(), macro('generic-header', { logoText: 'Report police corruption and abuse', url: '/', classes: 'app-header' }));
  });
});
