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

/** An answer that needs attention: the id of the input to link to, and what to do about it. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export const SERVICE_NAME = 'Report police corruption and abuse';

/** The words every page's shell says, in one place, so that a message catalogue per language can give them. */
export const SHELL_TEXT = {
  errorSummaryTitle: 'There is a problem',
  errorTitlePrefix: 'Error: ',
  skipLink: 'Skip to main content',
  quickExitLabel: 'Quick exit',
  quickExit: 'Leave this site',
  emergency: 'If you or someone else is in danger now, call 999.',
  footer: 'Run by an independent charity. We never record your IP address, browser or device. This site uses no cookies.',
} as const;

/** Where "Leave this site" goes: an ordinary, harmless page that nobody would look twice at. */
export const EXIT_URL = 'https://www.bbc.co.uk/weather';

/** The contact centre's freephone number, from its one place (functions/domain/contact-centre.ts). */
export const CONTACT_CENTRE_PHONE = CONTACT_CENTRE_FREEPHONE;

/** The telephone number as a dialable link target. */
export const telHref = (number: string): string => `tel:${phoneDigits(number)}`;

export interface PageOptions {
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
export const errorSummary = (errors: readonly FieldError[], description?: string): SafeHtml => html`
<div class="govuk-error-summary" data-module="govuk-error-summary">
  <div role="alert">
    <h2 class="govuk-error-summary__title">${SHELL_TEXT.errorSummaryTitle}</h2>
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
export const skipLink = (): SafeHtml => html`<a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">${SHELL_TEXT.skipLink}</a>`;

/** GOV.UK Frontend's generic header, for a service not on GOV.UK: the service's name, in its colour. */
export const serviceHeader = (): SafeHtml => html`<div class="govuk-generic-header app-header">
  <div class="govuk-generic-header__container govuk-width-container">
    <div class="govuk-generic-header__logo">
      <a href="/" class="govuk-generic-header__homepage-link">${SERVICE_NAME}</a>
    </div>
  </div>
</div>`;

/** A complete HTML document. */
export const page = ({ title, main, errors = [], errorDescription }: PageOptions): string => {
  const shown = firstErrorPerField(errors);
  const hasErrors = shown.length > 0 || errorDescription !== undefined;
  const documentTitle = `${hasErrors ? SHELL_TEXT.errorTitlePrefix : ''}${title === SERVICE_NAME ? SERVICE_NAME : `${title} – ${SERVICE_NAME}`}`;
  return `<!DOCTYPE html>\n${html`<html lang="en-GB" class="govuk-template">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="format-detection" content="telephone=no">
<title>${documentTitle}</title>
<link rel="stylesheet" href="/assets/site.css">
<script src="/assets/site.js" defer></script>
</head>
<body class="govuk-template__body">
<script src="/assets/govuk-frontend-supported.js"></script>
${skipLink()}
<nav class="app-exit" aria-label="${SHELL_TEXT.quickExitLabel}">
  <div class="app-exit__inner">
    <a${attributes({ href: EXIT_URL, rel: 'nofollow noreferrer', class: 'app-exit__button', 'data-exit-link': true })}>${SHELL_TEXT.quickExit}</a>
    <span class="app-exit__status govuk-visually-hidden" aria-live="polite" data-exit-status></span>
  </div>
</nav>
<header>
  ${serviceHeader()}
  <div class="app-emergency">
    <div class="govuk-width-container">
      <p class="app-emergency__text">${SHELL_TEXT.emergency}</p>
    </div>
  </div>
</header>
<div class="govuk-width-container">
  <main class="govuk-main-wrapper" id="main-content">
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        ${hasErrors ? errorSummary(shown, errorDescription) : ''}
        ${main}
      </div>
    </div>
  </main>
</div>
<footer class="app-footer">
  <div class="govuk-width-container">
    <p class="app-footer__text">${SHELL_TEXT.footer}</p>
  </div>
</footer>
</body>
</html>
`}`;
};

/** For any address the site does not have. */
export const notFoundPage = (): string =>
  page({
    title: 'Page not found',
    main: html`
<h1 class="govuk-heading-l">Page not found</h1>
<p class="govuk-body">If you typed the web address, check it is correct.</p>
<p class="govuk-body">If you pasted the web address, check you copied the entire address.</p>
<p class="govuk-body"><a class="govuk-link" href="/">Go to the start page</a></p>`,
  });

/** For anything that went wrong on our side. */
export const problemPage = (): string =>
  page({
    title: 'Sorry, there is a problem with the service',
    main: html`
<h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>
<p class="govuk-body">Try again later.</p>
<p class="govuk-body">If you saw this after pressing ‘Send report’, your report was not sent.</p>
<p class="govuk-body">You can also call our contact centre free on <a class="govuk-link" href="${telHref(CONTACT_CENTRE_PHONE)}">${CONTACT_CENTRE_PHONE}</a>.</p>`,
  });
