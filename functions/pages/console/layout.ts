/**
 * The shell every page of the contact centre's staff console shares: GOV.UK Frontend's page
 * template with the package's generic header, the console's own stylesheet (from its own origin),
 * no script, and on every signed-in page who is signed in, their role, and a sign-out button.
 * In English only (staff pages need no Welsh).
 */
import { html, type SafeHtml } from '../html.ts';
import { hiddenInput, serviceHeader, skipLink } from './parts.ts';

export const CONSOLE_NAME = 'Contact centre console';

/** The staff groups, as the console names the role each gives. */
const ROLE_NAMES: Readonly<Record<string, string>> = {
  'call-agents': 'Call agent',
  analysts: 'Analyst',
  supervisors: 'Supervisor',
};

/** Someone's roles, in words: "Analyst", or "Analyst and supervisor"; "No role" for none of the console's. */
const roleNames = (groups: readonly string[]): string => {
  const names = groups.flatMap((group) => (ROLE_NAMES[group] === undefined ? [] : [ROLE_NAMES[group]]));
  if (names.length === 0) return 'No role';
  return names.map((name, index) => (index === 0 ? name : name.toLowerCase())).join(' and ');
};

/** The console's screens, and the roles each is for. */
const CONSOLE_SCREENS = [
  { href: '/phone-report', text: 'Take a report by phone', groups: ['call-agents'] },
  { href: '/queue', text: 'The queue', groups: ['analysts', 'supervisors'] },
  { href: '/approvals', text: 'Contacts to approve', groups: ['supervisors'] },
  { href: '/closures', text: 'Closures to confirm', groups: ['supervisors'] },
  { href: '/answers', text: 'Answers to approve', groups: ['supervisors'] },
  { href: '/questions', text: 'Questions to relay', groups: ['analysts', 'call-agents'] },
  { href: '/phone-answer', text: "A caller's answer or added information", groups: ['call-agents'] },
  { href: '/answers-to-sanitise', text: 'Answers to sanitise', groups: ['analysts'] },
] as const;

/** Where someone goes once signed in: the first screen their role has ('/' when none). */
export const homeFor = (groups: readonly string[]): string =>
  CONSOLE_SCREENS.find((screen) => screen.groups.some((group) => groups.includes(group)))?.href ?? '/';

/** Who is signed in, as the page shows them. */
export interface Person {
  readonly username: string;
  readonly groups: readonly string[];
  /** The session's CSRF token, which every form posts back. */
  readonly csrf: string;
}

interface ConsolePageOptions {
  readonly title: string;
  readonly main: SafeHtml;
  /** Who is signed in; none on the sign-in and signed-out pages. */
  readonly person?: Person;
  /** The screen's own address, marked in the navigation between the screens the person's role has. */
  readonly path?: string;
  /** A path of the console's own to move on to at once (a same-site navigation, which a redirect from elsewhere is not). */
  readonly moveOnTo?: string;
}

const signedInBar = (person: Person): SafeHtml => html`<div class="app-signed-in">
  <p class="app-signed-in__who" id="signed-in-as">Signed in as <strong>${person.username}</strong> (${roleNames(person.groups)})</p>
  <form method="post" action="/sign-out" class="app-signed-in__form" novalidate>
    ${hiddenInput('csrf', person.csrf)}
    <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button">Sign out</button>
  </form>
</div>`;

const navigationList = (person: Person, path: string | undefined): SafeHtml | '' => {
  const screens = CONSOLE_SCREENS.filter((screen) => screen.groups.some((group) => person.groups.includes(group)));
  return screens.length < 2
    ? ''
    : html`<nav aria-label="Console" class="govuk-!-margin-top-4">
  <ul class="govuk-list">
    ${screens.map((screen) => html`<li><a class="govuk-link" href="${screen.href}"${screen.href === path ? html` aria-current="page"` : ''}>${screen.text}</a></li>`)}
  </ul>
</nav>`;
};

export const consolePage = ({ title, main, person, path, moveOnTo }: ConsolePageOptions): string =>
  `<!DOCTYPE html>\n${html`<html lang="en" class="govuk-template">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<meta name="robots" content="noindex, nofollow">
${moveOnTo === undefined ? '' : html`<meta http-equiv="refresh" content="0; url=${moveOnTo}">`}
<title>${title === CONSOLE_NAME ? CONSOLE_NAME : `${title} – ${CONSOLE_NAME}`}</title>
<link rel="stylesheet" href="/assets/console.css">
</head>
<body class="govuk-template__body">
${skipLink()}
<header>
  ${serviceHeader(CONSOLE_NAME, '/')}
</header>
<div class="govuk-width-container">
  ${person === undefined ? '' : signedInBar(person)}
  ${person === undefined ? '' : navigationList(person, path)}
  <main class="govuk-main-wrapper" id="main-content">
    ${main}
  </main>
</div>
</body>
</html>
`}`;
