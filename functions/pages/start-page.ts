/**
 * The start page, served as a static file (web/static/index.html, written from here by
 * scripts/write-start-page.ts and checked against this by a contract test).
 */
import { CATEGORIES, type Category } from '#domain/report.ts';
import { startButton } from './components.ts';
import { html } from './html.ts';
import { CONTACT_CENTRE_PHONE, page, SERVICE_NAME, telHref } from './layout.ts';

/** What each category covers, in plain words, for the start page's list. */
export const categoryPlainWords: Record<Category, string> = {
  bribery: 'taking bribes, or selling or passing on police information',
  abuse_of_position: 'using their police role for their own gain',
  sexual_misconduct: 'using their police role to pursue a sexual or improper emotional relationship with someone',
  domestic_abuse: 'abusing or controlling a partner or ex-partner',
  discrimination: 'being racist, homophobic, misogynistic or disablist',
  other_criminality: 'any other crime',
};

export const startPage = (): string =>
  page({
    title: SERVICE_NAME,
    main: html`
<h1 class="govuk-heading-xl">${SERVICE_NAME}</h1>
<p class="govuk-body">Use this service to report a police officer, member of police staff or police volunteer for:</p>
<ul class="govuk-list govuk-list--bullet">
  ${CATEGORIES.map((category) => html`<li>${categoryPlainWords[category]}</li>`)}
</ul>
<p class="govuk-body">It can be about any police force in the UK. It can be someone you know, or someone you live with.</p>

<h2 class="govuk-heading-m">You can stay anonymous</h2>
<p class="govuk-body">You do not have to tell us who you are. If you want to, you can leave contact details. Only our contact centre will see them.</p>
<p class="govuk-body">Our contact centre removes anything that could identify you before your report is passed to the police.</p>

<h2 class="govuk-heading-m">After you send a report</h2>
<p class="govuk-body">You will get a reference and a follow-up code. Use them to check on your report and answer any questions the police have, without telling us who you are.</p>

${startButton('/report', 'Start now')}

<p class="govuk-body"><a class="govuk-link" href="/follow-up">Check a report you made</a></p>

<h2 class="govuk-heading-m">Other ways to report</h2>
<p class="govuk-body">You can also call our contact centre free on <a class="govuk-link" href="${telHref(CONTACT_CENTRE_PHONE)}">${CONTACT_CENTRE_PHONE}</a>.</p>

<h2 class="govuk-heading-m">Staying safe online</h2>
<p class="govuk-body">If you need to leave this site quickly, use the ‘Leave this site’ button at the top of every page.</p>
<p class="govuk-body">Someone who uses your phone or computer may be able to see that you visited this site. You may want to use a private browsing window, or clear your browsing history afterwards.</p>`,
  });
