/**
 * The shell every page of the public website shares: the quick exit, the service name, the
 * emergency notice, the main content with its error summary, and the footer. It is GOV.UK
 * Frontend's page template, without what belongs to GOV.UK alone: the service is run by a charity,
 * so its header is the package's generic header (no crown, no GOV.UK logo) and its footer its own.
 *
 * Nothing here loads anything from anywhere but this site: one stylesheet and two scripts, all
 * under /assets and built from the pinned govuk-frontend package (scripts/build-assets.ts), no
 * inline script or style (the Content-Security-Policy in security-headers.ts allows none), no
 * fonts, no images from elsewhere. The only address outside the site is where the quick exit goes.
 */
import { CONTACT_CENTRE_FREEPHONE, phoneDigits } from '#domain/contact-centre.ts';
import { attributes, html, type SafeHtml } from './html.ts';
import { en } from './messages/en.ts';
import { HTML_LANG, messagesFor, otherLanguage, pathIn, type Language, type Messages } from './messages/language.ts';

/** An answer that needs attention: the id of the input to link to, and what to do about it. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** The service's name in English; each language's is its catalogue's `shell.serviceName`. */
export const SERVICE_NAME = en.shell.serviceName;

/** The words every page's shell says, in English; each language's are its catalogue's `shell` (functions/pages/messages). */
export const SHELL_TEXT = en.shell;

/** How many presses of Shift, one after another, leave the site (web/src/site.js counts them). */
export const EXIT_SHIFT_PRESSES = 3;

/** Where "Leave this site" goes: an ordinary, harmless page that nobody would look twice at. */
export const EXIT_URL = 'https://www.bbc.co.uk/weather';

/** The contact centre's freephone number, from its one place (functions/domain/contact-centre.ts). */
export const CONTACT_CENTRE_PHONE = CONTACT_CENTRE_FREEPHONE;

/** The telephone number as a dialable link target. */
export const telHref = (number: string): string => `tel:${phoneDigits(number)}`;

/**
 * Where the language link goes: the same page in the other language. A page that answers a form
 * (`post`) links by sending the form again to the other language's path, with the fields given, so
 * that nothing typed or shown is lost; any other page links to its path in the other language.
 */
export type LanguageLink =
  | { readonly path: string }
  | { readonly post: string; readonly fields: SafeHtml; readonly note?: string };

export interface PageOptions {
  /** The page's language: its words, `<html lang>`, and where its links and forms go. */
  readonly language?: Language;
  /** The same page in the other language; by default, the start page. */
  readonly languageLink?: LanguageLink;
  /** What the page is, as in its h1; the service name is added to the browser title. */
  readonly title: string;
  /** The content of <main>, starting with anything that comes before the h1. */
  readonly main: SafeHtml;
  /** Answers that need attention: an error summary at the top, and "Error: " in the title. */
  readonly errors?: readonly FieldError[];
  /** A problem that belongs to no one answer, said in the error summary before any list. */
  readonly errorDescription?: string;
}

/**
 * GOV.UK error summary: "There is a problem", then a link to each answer that needs attention.
 * GOV.UK Frontend's script focuses it when the page arrives, and its links move to the field.
 */
export const errorSummary = (errors: readonly FieldError[], description?: string, words: Messages['shell'] = SHELL_TEXT): SafeHtml => html`
<div class="govuk-error-summary" data-module="govuk-error-summary">
  <div role="alert">
    <h2 class="govuk-error-summary__title">${words.errorSummaryTitle}</h2>
    <div class="govuk-error-summary__body">
      ${description === undefined ? '' : html`<p>${description}</p>`}
      ${errors.length === 0
        ? ''
        : html`<ul class="govuk-list govuk-error-summary__list">
        ${errors.map((error) => html`<li><a href="#${error.field}">${error.message}</a></li>`)}
      </ul>`}
    </div>
  </div>
</div>`;

/** One error per field, the first given: the error summary and the fields show the same one. */
export const firstErrorPerField = (errors: readonly FieldError[]): FieldError[] => {
  const seen = new Set<string>();
  return errors.filter((error) => (seen.has(error.field) ? false : (seen.add(error.field), true)));
};

/** GOV.UK skip link, the first thing on every page. */
export const skipLink = (words: Messages['shell'] = SHELL_TEXT): SafeHtml =>
  html`<a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">${words.skipLink}</a>`;

/** GOV.UK Frontend's generic header, for a service not on GOV.UK: the service's name, in its colour. */
export const serviceHeader = (name: string = SERVICE_NAME, home = '/'): SafeHtml => html`<div class="govuk-generic-header app-header">
  <div class="govuk-generic-header__container govuk-width-container">
    <div class="govuk-generic-header__logo">
      <a href="${home}" class="govuk-generic-header__homepage-link">${name}</a>
    </div>
  </div>
</div>`;

/** A complete HTML document. */
/**
 * The link to the same page in the other language, named in that language and marked as such
 * (`lang`, and `hreflang` on a link), so that a screen reader says "Cymraeg" in Welsh.
 */
export const languageSwitch = (language: Language, link: LanguageLink): SafeHtml => {
  const other = otherLanguage(language);
  const words = messagesFor(language).shell;
  const name = messagesFor(other).languageName;
  const lang = HTML_LANG[other];
  return html`<nav class="app-language" aria-label="${words.languageLabel}">
  ${'path' in link
    ? html`<a class="govuk-link app-language__link" href="${pathIn(other, link.path)}" hreflang="${lang}" lang="${lang}">${name}</a>`
    : html`<form method="post" action="${pathIn(other, link.post)}" novalidate accept-charset="utf-8" class="app-language__form">
    ${link.fields}
    <button type="submit" class="app-language__button" lang="${lang}"${attributes({ 'aria-describedby': link.note === undefined ? undefined : 'language-note' })}>${name}</button>
    ${link.note === undefined ? '' : html`<p class="govuk-body-s app-language__note" id="language-note">${link.note}</p>`}
  </form>`}
</nav>`;
};

/** What web/src/site.js says, as data attributes on the body, so that the script itself has no words. */
const scriptWords = (words: Messages['script']): SafeHtml =>
  attributes({
    'data-sending-text': words.sending,
    ...Object.fromEntries(
      Array.from({ length: EXIT_SHIFT_PRESSES - 1 }, (_, index) => [`data-exit-announce-${index + 1}`, words.exitPressesLeft(index + 1)]),
    ),
  });

export const page = ({ language = 'en', languageLink = { path: '/' }, title, main, errors = [], errorDescription }: PageOptions): string => {
  const words = messagesFor(language);
  const serviceName = words.shell.serviceName;
  const shown = firstErrorPerField(errors);
  const hasErrors = shown.length > 0 || errorDescription !== undefined;
  const documentTitle = `${hasErrors ? words.shell.errorTitlePrefix : ''}${title === serviceName ? serviceName : `${title} – ${serviceName}`}`;
  return `<!DOCTYPE html>\n${html`<html lang="${HTML_LANG[language]}" class="govuk-template">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="format-detection" content="telephone=no">
<title>${documentTitle}</title>
<link rel="stylesheet" href="/assets/site.css">
<script src="/assets/site.js" defer></script>
</head>
<body class="govuk-template__body"${scriptWords(words.script)}>
<script src="/assets/govuk-frontend-supported.js"></script>
${skipLink(words.shell)}
<nav class="app-exit" aria-label="${words.shell.quickExitLabel}">
  <div class="app-exit__inner">
    <a${attributes({ href: EXIT_URL, rel: 'nofollow noreferrer', class: 'app-exit__button', 'data-exit-link': true })}>${words.shell.quickExit}</a>
    <span class="app-exit__status govuk-visually-hidden" aria-live="polite" data-exit-status></span>
  </div>
</nav>
<header>
  ${serviceHeader(serviceName, pathIn(language, '/'))}
  <div class="app-emergency">
    <div class="govuk-width-container">
      <p class="app-emergency__text">${words.shell.emergency}</p>
    </div>
  </div>
</header>
<div class="govuk-width-container">
  ${languageSwitch(language, languageLink)}
  <main class="govuk-main-wrapper" id="main-content">
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        ${hasErrors ? errorSummary(shown, errorDescription, words.shell) : ''}
        ${main}
      </div>
    </div>
  </main>
</div>
<footer class="app-footer">
  <div class="govuk-width-container">
    <p class="app-footer__text">${words.shell.footer}</p>
  </div>
</footer>
</body>
</html>
`}`;
};

/** For any address the site does not have. */
export const notFoundPage = (language: Language = 'en'): string => {
  const words = messagesFor(language).notFound;
  return page({
    language,
    title: words.title,
    main: html`
<h1 class="govuk-heading-l">${words.title}</h1>
<p class="govuk-body">${words.typed}</p>
<p class="govuk-body">${words.pasted}</p>
<p class="govuk-body"><a class="govuk-link" href="${pathIn(language, '/')}">${words.startLink}</a></p>`,
  });
};

/** "You can also call our contact centre free on <number>.", with the number as a link to dial. */
export const callContactCentre = (language: Language): SafeHtml => {
  const words = messagesFor(language).callFree;
  return html`${words.before} <a class="govuk-link" href="${telHref(CONTACT_CENTRE_PHONE)}">${CONTACT_CENTRE_PHONE}</a>${words.after}`;
};

/** For anything that went wrong on our side. */
export const problemPage = (language: Language = 'en'): string => {
  const words = messagesFor(language).problem;
  return page({
    language,
    title: words.title,
    main: html`
<h1 class="govuk-heading-l">${words.title}</h1>
<p class="govuk-body">${words.tryLater}</p>
<p class="govuk-body">${words.notSent}</p>
<p class="govuk-body">${callContactCentre(language)}</p>`,
  });
};
