/**
 * GOV.UK Frontend's components, rendered in TypeScript with the `html` template (so everything
 * interpolated is escaped): each gives the same markup as the package's own Nunjucks macro, from
 * the version pinned in package.json, which test/unit/govuk-components.test.ts checks. Their
 * styles and behaviour come from the package too (web/src, built by scripts/build-assets.ts).
 * All text is given by the caller, so the pages' words can move to a message catalogue.
 */
import { attributes, html, tokens, type Interpolation, type SafeHtml } from './html.ts';
import { en, type Messages } from './messages/en.ts';

type Content = string | SafeHtml;

/**
 * The words the components themselves say (GOV.UK Frontend's macros take each as an option), in
 * English; each component takes a language's own as `words` (its catalogue's `components`).
 */
export type ComponentWords = Messages['components'];
export const COMPONENT_TEXT: ComponentWords = en.components;

export const errorMessage = (id: string, error: string | undefined, words: ComponentWords = COMPONENT_TEXT): SafeHtml | '' =>
  error === undefined
    ? ''
    : html`<p id="${id}-error" class="govuk-error-message"><span class="govuk-visually-hidden">${words.errorPrefix}</span> ${error}</p>`;

/**
 * GOV.UK Frontend's i18n attributes for the character count's script (`data-i18n.<key>.<plural>`),
 * as its macro writes them from the charactersUnderLimitText, charactersAtLimitText and
 * charactersOverLimitText options. Only for a language other than English: the script's own are English.
 */
const characterCountI18n = (words: ComponentWords): SafeHtml =>
  words === COMPONENT_TEXT
    ? attributes({})
    : attributes({
        ...Object.fromEntries(Object.entries(words.charactersUnderLimit).map(([rule, text]) => [`data-i18n.characters-under-limit.${rule}`, text])),
        'data-i18n.characters-at-limit': words.charactersAtLimit,
        ...Object.fromEntries(Object.entries(words.charactersOverLimit).map(([rule, text]) => [`data-i18n.characters-over-limit.${rule}`, text])),
      });

const hintBlock = (id: string, hint: Content | undefined): SafeHtml | '' =>
  hint === undefined ? '' : html`<div id="${id}-hint" class="govuk-hint">${hint}</div>`;

const describedBy = (id: string, hint: unknown, error: unknown, ...first: string[]): string | undefined =>
  tokens(...first, hint !== undefined && `${id}-hint`, error !== undefined && `${id}-error`);

const formGroup = (error: string | undefined, content: SafeHtml, extraClass?: string): SafeHtml =>
  html`<div class="${tokens('govuk-form-group', extraClass, error !== undefined && 'govuk-form-group--error')}">${content}</div>`;

const label = (id: string, text: Content, heading: boolean | undefined): SafeHtml =>
  heading === true
    ? html`<h2 class="govuk-label-wrapper"><label class="govuk-label govuk-label--m" for="${id}">${text}</label></h2>`
    : html`<label class="govuk-label" for="${id}">${text}</label>`;

interface FieldOptions {
  readonly id: string;
  readonly name: string;
  readonly label: Content;
  /** The label is the heading of its section (an h2), as GOV.UK does for a question-as-heading. */
  readonly heading?: boolean;
  readonly hint?: Content;
  readonly error?: string | undefined;
  readonly value?: string | undefined;
  readonly autocomplete?: string;
  readonly spellcheck?: boolean;
  /** The components' own words in the page's language; English by default. */
  readonly words?: ComponentWords;
}

/** What stands above every single field: its label, its hint, and its error if it has one. */
const fieldLead = (options: FieldOptions): SafeHtml => html`${label(options.id, options.label, options.heading)}
  ${hintBlock(options.id, options.hint)}
  ${errorMessage(options.id, options.error, options.words)}`;

export interface TextInputOptions extends FieldOptions {
  readonly type?: 'text' | 'email' | 'tel';
  readonly inputmode?: 'numeric' | 'email' | 'tel' | 'text';
  readonly autocapitalize?: 'none' | 'characters' | 'words' | 'sentences';
  /** A GOV.UK width class, such as govuk-input--width-10. */
  readonly width?: string;
}

export const textInput = (options: TextInputOptions): SafeHtml =>
  formGroup(
    options.error,
    html`
  ${fieldLead(options)}
  <input${attributes({
    class: tokens('govuk-input', options.width, options.error !== undefined && 'govuk-input--error'),
    id: options.id,
    name: options.name,
    type: options.type ?? 'text',
    value: options.value,
    'aria-describedby': describedBy(options.id, options.hint, options.error),
    autocomplete: options.autocomplete,
    inputmode: options.inputmode,
    autocapitalize: options.autocapitalize,
    spellcheck: options.spellcheck === undefined ? undefined : String(options.spellcheck),
  })}>`,
  );

export interface TextareaOptions extends FieldOptions {
  readonly rows?: number;
  /** A GOV.UK character count under the textarea, counted down by GOV.UK Frontend's script. */
  readonly maxLength?: number;
}

export const textarea = (options: TextareaOptions): SafeHtml => {
  const info = options.maxLength === undefined ? undefined : `${options.id}-info`;
  // The newline after the opening tag is dropped by the HTML parser, so a value that itself starts
  // with a newline keeps it.
  const field = html`
  ${fieldLead(options)}
  <textarea${attributes({
    class: tokens('govuk-textarea', options.error !== undefined && 'govuk-textarea--error', info !== undefined && 'govuk-js-character-count'),
    id: options.id,
    name: options.name,
    rows: options.rows ?? 5,
    'aria-describedby': describedBy(options.id, options.hint, options.error, ...(info === undefined ? [] : [info])),
    autocomplete: options.autocomplete,
    spellcheck: options.spellcheck === undefined ? undefined : String(options.spellcheck),
  })}>\n${options.value ?? ''}</textarea>
  ${info === undefined || options.maxLength === undefined
    ? ''
    : html`<div id="${info}" class="govuk-hint govuk-character-count__message">${(options.words ?? COMPONENT_TEXT).characterLimit(options.maxLength)}</div>`}`;
  return options.maxLength === undefined
    ? formGroup(options.error, field)
    : html`<div class="${tokens('govuk-form-group', options.error !== undefined && 'govuk-form-group--error', 'govuk-character-count')}" data-module="govuk-character-count"${attributes({ 'data-maxlength': options.maxLength })}${characterCountI18n(options.words ?? COMPONENT_TEXT)}>${field}</div>`;
};

export interface SelectOptions extends FieldOptions {
  readonly options: readonly { readonly value: string; readonly text: string }[];
}

export const select = (options: SelectOptions): SafeHtml =>
  formGroup(
    options.error,
    html`
  ${fieldLead(options)}
  <select${attributes({
    class: tokens('govuk-select', options.error !== undefined && 'govuk-select--error'),
    id: options.id,
    name: options.name,
    'aria-describedby': describedBy(options.id, options.hint, options.error),
    autocomplete: options.autocomplete,
  })}>
    ${options.options.map(
      (option) => html`<option value="${option.value}"${attributes({ selected: option.value === options.value })}>${option.text}</option>`,
    )}
  </select>`,
  );

export interface ChoiceItem {
  readonly value: string;
  readonly text: Content;
  readonly hint?: Content;
  /** Shown under the item: with JavaScript, only while the item is chosen. */
  readonly conditional?: SafeHtml;
}

export interface ChoicesOptions {
  readonly name: string;
  /** The id of the first input (linked to from the error summary); the others add their value. */
  readonly idPrefix: string;
  /** The group's question; without one, no fieldset (a single checkbox that is its own question). */
  readonly legend?: Content;
  /** The legend is the heading of its section (an h2). */
  readonly heading?: boolean;
  readonly hint?: Content;
  readonly error?: string | undefined;
  readonly items: readonly ChoiceItem[];
  readonly checked: readonly string[];
  readonly small?: boolean;
  readonly words?: ComponentWords;
}

/** The id of each item of a group of checkboxes or radios: the first has the group's id. */
export const choiceId = (idPrefix: string, value: string, index: number): string =>
  index === 0 ? idPrefix : `${idPrefix}-${value}`;

const legend = (text: Content, heading: boolean | undefined): SafeHtml =>
  heading === true
    ? html`<legend class="govuk-fieldset__legend govuk-fieldset__legend--m"><h2 class="govuk-fieldset__heading">${text}</h2></legend>`
    : html`<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">${text}</legend>`;

const choices = (kind: 'checkboxes' | 'radios', options: ChoicesOptions): SafeHtml => {
  const id = options.idPrefix;
  const groupDescribedBy = describedBy(id, options.hint, options.error);
  const hasFieldset = options.legend !== undefined;
  const items = options.items.map((item, index): SafeHtml => {
    const itemId = choiceId(id, item.value, index);
    const itemHintId = item.hint === undefined ? undefined : `${itemId}-item-hint`;
    const conditionalId = item.conditional === undefined ? undefined : `conditional-${itemId}`;
    const checked = options.checked.includes(item.value);
    return html`
    <div class="govuk-${kind}__item">
      <input${attributes({
        class: `govuk-${kind}__input`,
        id: itemId,
        name: options.name,
        type: kind === 'checkboxes' ? 'checkbox' : 'radio',
        value: item.value,
        checked,
        'data-aria-controls': conditionalId,
        // Without a fieldset to carry it, each input is described by the group's hint and error.
        'aria-describedby': tokens(hasFieldset ? undefined : groupDescribedBy, itemHintId),
      })}>
      <label class="govuk-label govuk-${kind}__label" for="${itemId}">${item.text}</label>
      ${itemHintId === undefined ? '' : html`<div id="${itemHintId}" class="govuk-hint govuk-${kind}__hint">${item.hint}</div>`}
    </div>
    ${conditionalId === undefined
      ? ''
      : html`<div class="${tokens(`govuk-${kind}__conditional`, !checked && `govuk-${kind}__conditional--hidden`)}" id="${conditionalId}">${item.conditional}</div>`}`;
  });
  const inner = html`
    ${hintBlock(id, options.hint)}
    ${errorMessage(id, options.error, options.words)}
    <div class="${tokens(`govuk-${kind}`, options.small === true && `govuk-${kind}--small`)}" data-module="govuk-${kind}">
      ${items}
    </div>`;
  return formGroup(
    options.error,
    options.legend === undefined
      ? inner
      : html`
  <fieldset class="govuk-fieldset"${attributes({ 'aria-describedby': groupDescribedBy })}>
    ${legend(options.legend, options.heading)}
    ${inner}
  </fieldset>`,
  );
};

export const checkboxes = (options: ChoicesOptions): SafeHtml => choices('checkboxes', options);
export const radios = (options: ChoicesOptions): SafeHtml => choices('radios', options);

export interface DatePart {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly value: string | undefined;
  readonly width: 2 | 4;
  readonly error: boolean;
}

export interface DateInputOptions {
  /** The id the hint and error message hang from. */
  readonly id: string;
  readonly legend: Content;
  readonly hint?: Content;
  readonly error?: string | undefined;
  readonly parts: readonly DatePart[];
  readonly words?: ComponentWords;
}

export const dateInput = (options: DateInputOptions): SafeHtml =>
  formGroup(
    options.error,
    html`
  <fieldset class="govuk-fieldset" role="group"${attributes({ 'aria-describedby': describedBy(options.id, options.hint, options.error) })}>
    ${legend(options.legend, false)}
    ${hintBlock(options.id, options.hint)}
    ${errorMessage(options.id, options.error, options.words)}
    <div class="govuk-date-input" id="${options.id}">
      ${options.parts.map(
        (part) => html`
      <div class="govuk-date-input__item">
        <div class="govuk-form-group">
          <label class="govuk-label govuk-date-input__label" for="${part.id}">${part.label}</label>
          <input${attributes({
            class: tokens('govuk-input', 'govuk-date-input__input', `govuk-input--width-${part.width}`, part.error && 'govuk-input--error'),
            id: part.id,
            name: part.name,
            type: 'text',
            inputmode: 'numeric',
            autocomplete: 'off',
            value: part.value,
          })}>
        </div>
      </div>`,
      )}
    </div>
  </fieldset>`,
  );

export const hiddenInput = (name: string, value: string): SafeHtml =>
  html`<input${attributes({ type: 'hidden', name, value })}>`;

/** The submit button; site.js disables it while the form is being sent, so one press sends once (and GOV.UK Frontend ignores a second click). */
export const submitButton = (text: string): SafeHtml =>
  html`<button type="submit" class="govuk-button" data-module="govuk-button" data-prevent-double-click="true">${text}</button>`;

/** The GOV.UK start button: a link that looks and acts as a button, its arrow drawn inline (no image fetched). */
export const startButton = (href: string, text: string): SafeHtml =>
  html`<a href="${href}" role="button" draggable="false" class="govuk-button govuk-button--start" data-module="govuk-button">${text}
  <svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false"><path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z"/></svg></a>`;

/** GOV.UK panel, for a confirmation. */
export const panel = (title: string, body: Interpolation): SafeHtml => html`
<div class="govuk-panel govuk-panel--confirmation">
  <h1 class="govuk-panel__title">${title}</h1>
  <div class="govuk-panel__body">${body}</div>
</div>`;

/** GOV.UK warning text: the "!" is for sight only; screen readers hear "Warning". */
export const warningText = (body: Interpolation, words: ComponentWords = COMPONENT_TEXT): SafeHtml => html`
<div class="govuk-warning-text">
  <span class="govuk-warning-text__icon" aria-hidden="true">!</span>
  <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">${words.warning}</span> ${body}</strong>
</div>`;

export type TagColour = 'blue' | 'green' | 'grey';

export const tag = (text: string, colour: TagColour): SafeHtml => html`<strong class="govuk-tag govuk-tag--${colour}">${text}</strong>`;

/** GOV.UK success notification banner, announced and focused (by GOV.UK Frontend's script) when the page loads. */
export const successBanner = (heading: string, body?: string, words: ComponentWords = COMPONENT_TEXT): SafeHtml => html`
<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="govuk-notification-banner-title" data-module="govuk-notification-banner">
  <div class="govuk-notification-banner__header">
    <h2 class="govuk-notification-banner__title" id="govuk-notification-banner-title">${words.success}</h2>
  </div>
  <div class="govuk-notification-banner__content">
    <p class="govuk-notification-banner__heading">${heading}</p>
    ${body === undefined ? '' : html`<p class="govuk-body">${body}</p>`}
  </div>
</div>`;
