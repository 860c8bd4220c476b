/*
 * Report police corruption and abuse: the website's script, bundled by scripts/build-assets.ts
 * with GOV.UK Frontend's components (from the pinned npm package) into web/static/assets/site.js.
 * Every page works without it; with it, the site leaves less behind and is quicker to leave.
 *
 * GOV.UK Frontend does the components' own behaviour: the button (one press, the space bar on a
 * link that is a button), the conditional reveal of radios and checkboxes, the character count,
 * the error summary (focused when it arrives, its links moving to the field), the success banner
 * (focused) and the skip link. What the package does not do, this service does itself:
 *
 *  1. Leave this site: the exit link, or the Shift key pressed 3 times within 5 seconds, blanks
 *     the page at once and replaces it with the exit page, so Back does not return here (GOV.UK's
 *     "Exit this page" adds a history entry).
 *  2. No history trail: links within the site replace the current page instead of adding to the
 *     history, and forms are sent with fetch, their answer replacing this page, so the browser's
 *     history holds one entry for the whole visit. A form is sent once, however often it is
 *     pressed; if fetch fails, the form is sent the ordinary way.
 *  3. What a conditional reveal hides is not sent: its fields are disabled while it is hidden.
 *  4. A page that arrives by fetch with neither an error summary nor a success banner has its
 *     heading focused, as a page load would start there.
 *
 * All of this hangs off listeners on `document`, so it keeps working when a form's answer replaces
 * the body; GOV.UK Frontend's components are started again on the new body.
 */
import { Button, CharacterCount, Checkboxes, createAll, ErrorSummary, NotificationBanner, Radios, SkipLink } from 'govuk-frontend';

const EXIT_FALLBACK = 'https://www.bbc.co.uk/weather';
const SHIFT_PRESSES = 3;
const SHIFT_WINDOW_MS = 5000;

/** What web/src/govuk-frontend-supported.js sets on the body as the page starts. */
const SUPPORTED_CLASSES = ['js-enabled', 'govuk-frontend-supported'];

const elementOf = (target) => (target instanceof Element ? target : target && target.parentElement ? target.parentElement : null);

// -------------------------------------------------------------------------------------------------
// GOV.UK Frontend's components, on this body
// -------------------------------------------------------------------------------------------------

const startComponents = () => {
  const scope = document.body;
  for (const Component of [Button, CharacterCount, Checkboxes, ErrorSummary, NotificationBanner, Radios, SkipLink]) {
    createAll(Component, undefined, { scope });
  }
};

// -------------------------------------------------------------------------------------------------
// 1. Leave this site
// -------------------------------------------------------------------------------------------------

const exitHref = () => {
  const link = document.querySelector('a[data-exit-link]');
  return link && link.href ? link.href : EXIT_FALLBACK;
};

const leave = (href) => {
  try {
    document.documentElement.hidden = true;
    document.title = '';
    document.body.innerHTML = '';
  } catch {
    // Leaving matters more than blanking.
  }
  window.location.replace(href || exitHref());
};

let shiftPresses = 0;
let shiftTimer = null;
let otherKeySinceShift = false;

const announceExit = (text) => {
  const status = document.querySelector('[data-exit-status]');
  if (status) status.textContent = text;
};

const resetShift = () => {
  shiftPresses = 0;
  if (shiftTimer !== null) window.clearTimeout(shiftTimer);
  shiftTimer = null;
  announceExit('');
};

document.addEventListener('keydown', (event) => {
  if (event.key === 'Shift') {
    if (!event.repeat) otherKeySinceShift = false;
    return;
  }
  // Shift held for a capital letter is typing, not a call to leave.
  otherKeySinceShift = true;
  if (shiftPresses > 0) resetShift();
});

document.addEventListener('keyup', (event) => {
  if (event.key !== 'Shift') return;
  if (otherKeySinceShift) {
    otherKeySinceShift = false;
    return;
  }
  shiftPresses += 1;
  if (shiftPresses >= SHIFT_PRESSES) {
    resetShift();
    leave();
    return;
  }
  if (shiftPresses === 1) shiftTimer = window.setTimeout(resetShift, SHIFT_WINDOW_MS);
  const left = SHIFT_PRESSES - shiftPresses;
  // The page gives the words, in its language (functions/pages/layout.ts): this script has none.
  announceExit(document.body.getAttribute(`data-exit-announce-${left}`) || '');
});

// -------------------------------------------------------------------------------------------------
// Focus, as GOV.UK moves it
// -------------------------------------------------------------------------------------------------

const focusElement = (element, options) => {
  if (!element) return;
  if (!element.matches('a[href], button, input, select, textarea, [tabindex]')) {
    element.setAttribute('tabindex', '-1');
    element.addEventListener('blur', () => element.removeAttribute('tabindex'), { once: true });
  }
  element.focus(options);
};

/** A link to somewhere on this page (the skip link): there, without a history entry. */
const goToFragment = (hash) => {
  let id;
  try {
    id = decodeURIComponent(hash.slice(1));
  } catch {
    return false;
  }
  const target = id === '' ? null : document.getElementById(id);
  if (!target) return false;
  focusElement(target);
  return true;
};

// -------------------------------------------------------------------------------------------------
// 2. No history trail: links
// -------------------------------------------------------------------------------------------------

document.addEventListener('click', (event) => {
  const element = elementOf(event.target);
  if (!element) return;

  const exit = element.closest('a[data-exit-link]');
  if (exit) {
    event.preventDefault();
    leave(exit.href);
    return;
  }

  const link = element.closest('a[href]');
  // The error summary's links are GOV.UK Frontend's: it moves to the field and prevents the default.
  if (!link || event.defaultPrevented) return;
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (link.hasAttribute('download') || (link.target && link.target !== '_self')) return;
  let url;
  try {
    url = new URL(link.href, window.location.href);
  } catch {
    return;
  }
  if (url.origin !== window.location.origin) return;

  const here = window.location;
  if (url.hash && url.pathname === here.pathname && url.search === here.search) {
    if (goToFragment(url.hash)) event.preventDefault();
    return;
  }
  event.preventDefault();
  window.location.replace(url.href);
});

// -------------------------------------------------------------------------------------------------
// 2. No history trail: forms, each sent once
// -------------------------------------------------------------------------------------------------

/** "Sending…" in the page's language, from the page (functions/pages/layout.ts): this script has no words of its own. */
const sendingText = () => document.body.getAttribute('data-sending-text') || '…';

const submitButtonsOf = (form) => Array.from(form.querySelectorAll('button[type="submit"], button:not([type])'));

const markSending = (form) => {
  form.setAttribute('data-submitting', 'true');
  form.setAttribute('aria-busy', 'true');
  for (const button of submitButtonsOf(form)) {
    button.setAttribute('data-idle-text', button.textContent);
    button.textContent = sendingText();
    button.disabled = true;
  }
};

const markIdle = (form) => {
  form.removeAttribute('data-submitting');
  form.removeAttribute('aria-busy');
  for (const button of submitButtonsOf(form)) {
    const idle = button.getAttribute('data-idle-text');
    if (idle !== null) button.textContent = idle;
    button.removeAttribute('data-idle-text');
    button.disabled = false;
  }
};

/** The answer to a form, shown in place of this page, as the one entry in the history. */
const showPage = (markup, url) => {
  const next = new DOMParser().parseFromString(markup, 'text/html');
  if (!next.body) throw new Error('The answer has no body');
  document.title = next.title;
  // The answer may be in the other language (the language link sends a form to the other language's path).
  const lang = next.documentElement.getAttribute('lang');
  if (lang) document.documentElement.setAttribute('lang', lang);
  const body = document.adoptNode(next.body);
  // What govuk-frontend-supported.js did for the first body, for this one.
  body.classList.add(...SUPPORTED_CLASSES);
  document.body.replaceWith(body);
  if (url) window.history.replaceState(null, '', url);
  window.scrollTo(0, 0);
  enhance();
  // The error summary and the success banner focus themselves (GOV.UK Frontend); otherwise the
  // heading, where reading a new page starts.
  if (!document.querySelector('.govuk-error-summary, .govuk-notification-banner[role="alert"]')) focusElement(document.querySelector('h1'));
};

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
  if ((form.getAttribute('method') || 'get').toLowerCase() !== 'post') return;
  let action;
  try {
    action = new URL(form.action, window.location.href);
  } catch {
    return;
  }
  if (action.origin !== window.location.origin) return;

  event.preventDefault();
  if (form.getAttribute('data-submitting') === 'true') return;
  const body = new URLSearchParams(new FormData(form));
  markSending(form);

  const sendTheOrdinaryWay = () => {
    // form.submit() fires no submit event, so this cannot loop; the form's idempotency key
    // makes a report that did arrive the first time one report.
    form.submit();
  };

  window
    .fetch(action.href, {
      method: 'POST',
      body,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'follow',
      referrerPolicy: 'no-referrer',
      headers: { Accept: 'text/html' },
    })
    .then((response) => {
      const type = response.headers.get('content-type') || '';
      if (!/text\/html/i.test(type)) {
        sendTheOrdinaryWay();
        return null;
      }
      return response.text().then((markup) => showPage(markup, response.url));
    })
    .catch(sendTheOrdinaryWay);
});

// A page brought back from the back-forward cache must not be stuck "Sending…".
window.addEventListener('pageshow', (event) => {
  if (!event.persisted) return;
  document.querySelectorAll('form[data-submitting]').forEach(markIdle);
});

// -------------------------------------------------------------------------------------------------
// 3. What a conditional reveal hides is not sent
// -------------------------------------------------------------------------------------------------

/**
 * GOV.UK Frontend shows and hides the reveal; this disables its fields while it is hidden, so that
 * contact details typed and then hidden by choosing to stay anonymous stay on this page only. It
 * reads the options' own state, so it does not depend on which listener runs first. GOV.UK
 * Frontend also sets aria-expanded on the option; ARIA does not allow it on a radio (axe-core
 * reports it), so it is taken off radios again: aria-controls alone ties the option to what it
 * reveals.
 */
const syncHiddenFields = (scope) => {
  scope.querySelectorAll('input[aria-controls]').forEach((input) => {
    const target = document.getElementById(input.getAttribute('aria-controls'));
    if (!target) return;
    target.querySelectorAll('input, textarea, select').forEach((field) => {
      field.disabled = !input.checked;
    });
  });
};

// GOV.UK Frontend sets it when it starts, on every click and again on pageshow: whenever it does.
new MutationObserver((changes) => {
  for (const { target } of changes) {
    if (target instanceof HTMLInputElement && target.type === 'radio' && target.hasAttribute('aria-expanded')) target.removeAttribute('aria-expanded');
  }
}).observe(document.documentElement, { subtree: true, attributeFilter: ['aria-expanded'] });

document.addEventListener('change', (event) => {
  const input = elementOf(event.target);
  if (input instanceof HTMLInputElement && (input.type === 'radio' || input.type === 'checkbox')) syncHiddenFields(input.form || document);
});

// -------------------------------------------------------------------------------------------------
// Start: now, and again whenever a form's answer replaces the page
// -------------------------------------------------------------------------------------------------

const enhance = () => {
  startComponents();
  syncHiddenFields(document);
};

enhance();
