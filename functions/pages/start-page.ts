/**
 * The start page, in each language, served as a static file (web/static/index.html and
 * web/static/cy/index.html, written from here by scripts/write-start-page.ts and checked against
 * this by a contract test).
 */
import { CATEGORIES, type Category } from '#domain/report.ts';
import { startButton } from './components.ts';
import { html } from './html.ts';
import { callContactCentre, page } from './layout.ts';
import { en } from './messages/en.ts';
import { messagesFor, pathIn, type Language } from './messages/language.ts';

/** What each category covers, in plain words, for the start page's list (English; each language's is its catalogue's). */
export const categoryPlainWords: Record<Category, string> = en.categories.plainWords;

export const startPage = (language: Language = 'en'): string => {
  const words = messagesFor(language);
  const start = words.start;
  return page({
    language,
    languageLink: { path: '/' },
    title: words.shell.serviceName,
    main: html`
<h1 class="govuk-heading-xl">${words.shell.serviceName}</h1>
<p class="govuk-body">${start.useThisService}</p>
<ul class="govuk-list govuk-list--bullet">
  ${CATEGORIES.map((category) => html`<li>${words.categories.plainWords[category]}</li>`)}
</ul>
<p class="govuk-body">${start.anyForce}</p>

<h2 class="govuk-heading-m">${start.anonymousHeading}</h2>
<p class="govuk-body">${start.anonymousDetails}</p>
<p class="govuk-body">${start.anonymousRemoval}</p>

<h2 class="govuk-heading-m">${start.afterHeading}</h2>
<p class="govuk-body">${start.afterText}</p>

${startButton(pathIn(language, '/report'), start.startNow)}

<p class="govuk-body"><a class="govuk-link" href="${pathIn(language, '/follow-up')}">${start.checkReport}</a></p>

<h2 class="govuk-heading-m">${start.otherWaysHeading}</h2>
<p class="govuk-body">${callContactCentre(language)}</p>

<h2 class="govuk-heading-m">${start.safeHeading}</h2>
<p class="govuk-body">${start.safeExit}</p>
<p class="govuk-body">${start.safeHistory}</p>`,
  });
};
