/** The staff console's pages around signing in and out, and its error pages. */
import { html } from '../html.ts';
import { consolePage, CONSOLE_NAME, type Person } from './layout.ts';
import { startButton } from './parts.ts';

/** The console's front door, for someone not signed in. */
export const signInPage = (): string =>
  consolePage({
    title: CONSOLE_NAME,
    main: html`
<h1 class="govuk-heading-l">${CONSOLE_NAME}</h1>
<p class="govuk-body">For the contact centre's call agents, analysts and supervisors.</p>
<p class="govuk-body">Sign in with your staff account. You will be asked for your password and the code from your authenticator app.</p>
${startButton('/sign-in', 'Sign in')}`,
  });

export const signedOutPage = (): string =>
  consolePage({
    title: 'You have signed out',
    main: html`
<h1 class="govuk-heading-l">You have signed out</h1>
<p class="govuk-body">Nothing of your session is left in this browser.</p>
<p class="govuk-body"><a class="govuk-link" href="/sign-in">Sign in again</a></p>`,
  });

/** The return from sign-in that cannot be used (started elsewhere, too late, or refused). */
export const signInFailedPage = (): string =>
  consolePage({
    title: 'You could not be signed in',
    main: html`
<h1 class="govuk-heading-l">You could not be signed in</h1>
<p class="govuk-body">The sign-in took too long, was started in another browser, or was not accepted.</p>
<p class="govuk-body"><a class="govuk-link" href="/sign-in">Try signing in again</a></p>`,
  });

/**
 * After signing in: a page of the console's own that moves on to the queue. Not a redirect: the
 * browser arrived here from the sign-in's site, and a SameSite=Strict cookie set now is only sent
 * with the next request that starts on the console itself.
 */
export const signedInPage = (username: string, next: string): string =>
  consolePage({
    title: 'You are signed in',
    moveOnTo: next,
    main: html`
<h1 class="govuk-heading-l">You are signed in</h1>
<p class="govuk-body">Signed in as <strong>${username}</strong>.</p>
${startButton(next, 'Continue')}`,
  });

export const forbiddenPage = (person: Person, what: string): string =>
  consolePage({
    person,
    title: 'This is not open to your role',
    main: html`
<h1 class="govuk-heading-l">This is not open to your role</h1>
<p class="govuk-body">${what}</p>
<p class="govuk-body"><a class="govuk-link" href="/">Go to the console's start</a></p>`,
  });

export const notFoundPage = (person?: Person): string =>
  consolePage({
    ...(person === undefined ? {} : { person }),
    title: 'Page not found',
    main: html`
<h1 class="govuk-heading-l">Page not found</h1>
<p class="govuk-body"><a class="govuk-link" href="/">Go to the console's start</a></p>`,
  });

/** A request that did not come through the console's own address (its CloudFront distribution and firewall). */
export const notThroughConsolePage = (): string =>
  consolePage({
    title: "Use the console's address",
    main: html`
<h1 class="govuk-heading-l">Use the console's address</h1>
<p class="govuk-body">The staff console answers only at its own address. Open it from the link your team gave you.</p>`,
  });

/** A form post without this session's token, or from another site. */
export const staleFormPage = (): string =>
  consolePage({
    title: 'That form had expired',
    main: html`
<h1 class="govuk-heading-l">That form had expired</h1>
<p class="govuk-body">Nothing was changed. Your session may have ended: go back to the console and try again.</p>
<p class="govuk-body"><a class="govuk-link" href="/">Go to the console's start</a></p>`,
  });

export const consoleProblemPage = (): string =>
  consolePage({
    title: 'Sorry, there is a problem with the console',
    main: html`
<h1 class="govuk-heading-l">Sorry, there is a problem with the console</h1>
<p class="govuk-body">Try again in a few minutes. Nothing you had not already been shown as done was saved.</p>`,
  });
