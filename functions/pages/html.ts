/**
 * Building HTML safely. Every page is a string built with the `html` tagged template, which
 * escapes everything interpolated into it unless it is itself markup built by `html`. Text from
 * outside (what someone typed, a reference, a question from a force) can therefore only ever
 * appear in a page as text, never as markup, in element content and in quoted attributes alike.
 */

/** Markup that may go into a page as it is: only `html` and `attributes` make it. */
export class SafeHtml {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  toString(): string {
    return this.#value;
  }
}

/** What may be interpolated: text (escaped), markup, lists of either, or nothing. */
export type Interpolation = SafeHtml | string | number | false | null | undefined | readonly Interpolation[];

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for element content and for quoted attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);

const render = (value: Interpolation): string => {
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
};

/** The tagged template: html`<p>${text}</p>` escapes `text`; nested html`` stays markup. */
export const html = (strings: TemplateStringsArray, ...values: readonly Interpolation[]): SafeHtml =>
  new SafeHtml(strings.reduce((out, string, index) => out + render(values[index - 1]) + string));

/**
 * Attributes from an object, each value escaped: `true` writes a boolean attribute, and
 * `false`, `undefined` or '' leave the attribute out. Keys are written as given, so they must be
 * fixed names in the code, never text from outside.
 */
export const attributes = (attrs: Readonly<Record<string, string | number | boolean | undefined>>): SafeHtml =>
  new SafeHtml(
    Object.entries(attrs)
      .filter(([, value]) => value !== undefined && value !== false && value !== '')
      .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`))
      .join(''),
  );

/** Space-separated ids or classes, leaving out the empty ones; undefined when none remain. */
export const tokens = (...values: readonly (string | false | undefined)[]): string | undefined => {
  const present = values.filter((value): value is string => typeof value === 'string' && value !== '');
  return present.length === 0 ? undefined : present.join(' ');
};
