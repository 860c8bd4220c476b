/*
 * Report police corruption and abuse: the website's only script. Every page works without it;
 * with it, the site leaves less behind and is quicker to leave.
 *
 *  1. Leave this site: the exit link, or the Shift key pressed 3 times within 5 seconds, blanks
 *     the page at once and replaces it with the exit page, so Back does not return here.
 *  2. No history trail: links within the site replace the current page instead of adding to the
 *     history, and forms are sent with fetch, their answer replacing this page, so the browser's
 *     history holds one entry for the whole visit. A form is sent once, however often it is
 *     pressed; if fetch fails, the form is sent the ordinary way.
 *  3. The contact details under "Leave contact details" show only when that option is chosen
 *     (GOV.UK's conditional reveal, tied to the option with aria-controls).
 *  4. A character count under long answers.
 *  5. An error summary, or a success banner, is focused when a page shows one.
 *
 * Plain ES2020, no build step, no dependencies. All behaviour hangs off listeners on `document`,
 * so it keeps working when a form's answer replaces the body.
 */
'use strict';

(function () {
  var EXIT_FALLBACK = 'https://www.bbc.co.uk/weather';
  var SHIFT_PRESSES = 3;
  var SHIFT_WINDOW_MS = 5000;
  var COUNT_ANNOUNCE_DELAY_MS = 1000;

  var elementOf = function (target) {
    return target instanceof Element ? target : target && target.parentElement ? target.parentElement : null;
  };

  // -------------------------------------------------------------------------------------------
  // 1. Leave this site
  // -------------------------------------------------------------------------------------------

  var exitHref = function () {
    var link = document.querySelector('a[data-exit-link]');
    return link && link.href ? link.href : EXIT_FALLBACK;
  };

  var leave = function (href) {
    try {
      document.documentElement.hidden = true;
      document.title = '';
      document.body.innerHTML = '';
    } catch (error) {
      // Leaving matters more than blanking.
    }
    window.location.replace(href || exitHref());
  };

  var shiftPresses = 0;
  var shiftTimer = null;
  var otherKeySinceShift = false;

  var announceExit = function (text) {
    var status = document.querySelector('[data-exit-status]');
    if (status) status.textContent = text;
  };

  var resetShift = function () {
    shiftPresses = 0;
    if (shiftTimer !== null) window.clearTimeout(shiftTimer);
    shiftTimer = null;
    announceExit('');
  };

  // A link that looks like a button (Start now) does what a button does with the space bar, as GOV.UK's does.
  document.addEventListener('keydown', function (event) {
    var target = event.target;
    if (event.key === ' ' && target instanceof HTMLAnchorElement && target.getAttribute('role') === 'button') {
      event.preventDefault();
      target.click();
    }
  });

  document.addEventListener('keydown', function (event) {
    if (event.key === 'Shift') {
      if (!event.repeat) otherKeySinceShift = false;
      return;
    }
    // Shift held for a capital letter is typing, not a call to leave.
    otherKeySinceShift = true;
    if (shiftPresses > 0) resetShift();
  });

  document.addEventListener('keyup', function (event) {
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
    var left = SHIFT_PRESSES - shiftPresses;
    announceExit('Shift, press ' + left + ' more ' + (left === 1 ? 'time' : 'times') + ' to leave this site.');
  });

  // -------------------------------------------------------------------------------------------
  // Focus, as GOV.UK moves it
  // -------------------------------------------------------------------------------------------

  var focusElement = function (element, options) {
    if (!element) return;
    if (!element.matches('a[href], button, input, select, textarea, [tabindex]')) {
      element.setAttribute('tabindex', '-1');
      element.addEventListener(
        'blur',
        function () {
          element.removeAttribute('tabindex');
        },
        { once: true },
      );
    }
    element.focus(options);
  };

  /** The legend or label that says what an input is, to scroll into view with it. */
  var questionOf = function (input) {
    var fieldset = input.closest('fieldset');
    var isChoice = input.type === 'checkbox' || input.type === 'radio' || input.classList.contains('govuk-date-input__input');
    if (fieldset && isChoice) {
      var legend = fieldset.querySelector('legend');
      if (legend) return legend;
    }
    return input.id ? document.querySelector('label[for="' + CSS.escape(input.id) + '"]') : null;
  };

  /** A link to somewhere on this page: there, without a history entry. */
  var goToFragment = function (hash) {
    var id;
    try {
      id = decodeURIComponent(hash.slice(1));
    } catch (error) {
      return false;
    }
    var target = id === '' ? null : document.getElementById(id);
    if (!target) return false;
    var question = target.matches('input, select, textarea') ? questionOf(target) : null;
    if (question) {
      question.scrollIntoView();
      focusElement(target, { preventScroll: true });
    } else {
      focusElement(target);
    }
    return true;
  };

  var focusOnArrival = function (fallbackToHeading) {
    var summary = document.querySelector('.govuk-error-summary');
    var banner = document.querySelector('.govuk-notification-banner[role="alert"]');
    var first = summary || banner;
    if (first) {
      focusElement(first);
      return;
    }
    if (fallbackToHeading) focusElement(document.querySelector('h1'));
  };

  // -------------------------------------------------------------------------------------------
  // 2. No history trail: links
  // -------------------------------------------------------------------------------------------

  document.addEventListener('click', function (event) {
    var element = elementOf(event.target);
    if (!element) return;

    var exit = element.closest('a[data-exit-link]');
    if (exit) {
      event.preventDefault();
      leave(exit.href);
      return;
    }

    var link = element.closest('a[href]');
    if (!link || event.defaultPrevented) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (link.hasAttribute('download') || (link.target && link.target !== '_self')) return;
    var url;
    try {
      url = new URL(link.href, window.location.href);
    } catch (error) {
      return;
    }
    if (url.origin !== window.location.origin) return;

    var here = window.location;
    if (url.hash && url.pathname === here.pathname && url.search === here.search) {
      if (goToFragment(url.hash)) event.preventDefault();
      return;
    }
    event.preventDefault();
    window.location.replace(url.href);
  });

  // -------------------------------------------------------------------------------------------
  // 2. No history trail: forms
  // -------------------------------------------------------------------------------------------

  var SENDING = 'Sending…';

  var submitButtonsOf = function (form) {
    return Array.prototype.slice.call(form.querySelectorAll('button[type="submit"], button:not([type])'));
  };

  var markSending = function (form) {
    form.setAttribute('data-submitting', 'true');
    form.setAttribute('aria-busy', 'true');
    submitButtonsOf(form).forEach(function (button) {
      button.setAttribute('data-idle-text', button.textContent);
      button.textContent = SENDING;
      button.disabled = true;
    });
  };

  var markIdle = function (form) {
    form.removeAttribute('data-submitting');
    form.removeAttribute('aria-busy');
    submitButtonsOf(form).forEach(function (button) {
      var idle = button.getAttribute('data-idle-text');
      if (idle !== null) button.textContent = idle;
      button.removeAttribute('data-idle-text');
      button.disabled = false;
    });
  };

  /** The answer to a form, shown in place of this page, as the one entry in the history. */
  var showPage = function (markup, url) {
    var next = new DOMParser().parseFromString(markup, 'text/html');
    if (!next.body) throw new Error('The answer has no body');
    document.title = next.title;
    document.body.replaceWith(document.adoptNode(next.body));
    if (url) window.history.replaceState(null, '', url);
    window.scrollTo(0, 0);
    enhance();
    focusOnArrival(true);
  };

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || event.defaultPrevented) return;
    if ((form.getAttribute('method') || 'get').toLowerCase() !== 'post') return;
    var action;
    try {
      action = new URL(form.action, window.location.href);
    } catch (error) {
      return;
    }
    if (action.origin !== window.location.origin) return;

    event.preventDefault();
    if (form.getAttribute('data-submitting') === 'true') return;
    var body = new URLSearchParams(new FormData(form));
    markSending(form);

    var sendTheOrdinaryWay = function () {
      // form.submit() fires no submit event, so this cannot loop; the form's idempotency key
      // makes a report that did arrive the first time one report.
      form.submit();
    };

    window
      .fetch(action.href, {
        method: 'POST',
        body: body,
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'follow',
        referrerPolicy: 'no-referrer',
        headers: { Accept: 'text/html' },
      })
      .then(function (response) {
        var type = response.headers.get('content-type') || '';
        if (!/text\/html/i.test(type)) {
          sendTheOrdinaryWay();
          return null;
        }
        return response.text().then(function (markup) {
          showPage(markup, response.url);
        });
      })
      .catch(sendTheOrdinaryWay);
  });

  // A page brought back from the back-forward cache must not be stuck "Sending…".
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    Array.prototype.forEach.call(document.querySelectorAll('form[data-submitting]'), markIdle);
  });

  // -------------------------------------------------------------------------------------------
  // 3. Conditional reveal, as GOV.UK's radios and checkboxes do it
  // -------------------------------------------------------------------------------------------

  var syncConditional = function (input) {
    var id = input.getAttribute('aria-controls');
    var target = id ? document.getElementById(id) : null;
    if (!target) return;
    var shown = input.checked;
    // GOV.UK once also set aria-expanded here; ARIA does not allow it on a radio or checkbox, so
    // aria-controls alone ties the option to what it reveals.
    target.hidden = !shown;
    // What is hidden is not sent: contact details typed and then hidden by choosing to stay
    // anonymous stay on this page only.
    Array.prototype.forEach.call(target.querySelectorAll('input, textarea, select'), function (field) {
      field.disabled = !shown;
    });
  };

  var syncGroup = function (input) {
    if (input.type === 'radio' && input.name) {
      var scope = input.form || document;
      Array.prototype.forEach.call(scope.querySelectorAll('input[type="radio"][aria-controls]'), function (radio) {
        if (radio.name === input.name) syncConditional(radio);
      });
    } else if (input.hasAttribute('aria-controls')) {
      syncConditional(input);
    }
  };

  document.addEventListener('change', function (event) {
    var input = elementOf(event.target);
    if (input instanceof HTMLInputElement && (input.type === 'radio' || input.type === 'checkbox')) syncGroup(input);
  });

  var enhanceConditionals = function () {
    Array.prototype.forEach.call(document.querySelectorAll('input[data-aria-controls]'), function (input) {
      var id = input.getAttribute('data-aria-controls');
      input.removeAttribute('data-aria-controls');
      if (!id || !document.getElementById(id)) return;
      input.setAttribute('aria-controls', id);
      syncConditional(input);
    });
  };

  // -------------------------------------------------------------------------------------------
  // 4. Character count
  // -------------------------------------------------------------------------------------------

  var countMessage = function (remaining) {
    var n = Math.abs(remaining);
    var characters = n.toLocaleString('en-GB') + (n === 1 ? ' character' : ' characters');
    return remaining >= 0 ? 'You have ' + characters + ' remaining' : 'You have ' + characters + ' too many';
  };

  var updateCount = function (textarea, announce) {
    var wrapper = textarea.closest('[data-module="character-count"]');
    if (!wrapper) return;
    var max = Number(wrapper.getAttribute('data-maxlength'));
    var remaining = max - textarea.value.length;
    var over = remaining < 0;
    var message = countMessage(remaining);
    var visible = wrapper.querySelector('.govuk-character-count__status');
    if (visible) {
      visible.textContent = message;
      visible.classList.toggle('govuk-error-message', over);
      visible.classList.toggle('govuk-hint', !over);
    }
    if (wrapper.getAttribute('data-server-error') !== 'true') textarea.classList.toggle('govuk-textarea--error', over);
    var spoken = wrapper.querySelector('.govuk-character-count__sr-status');
    if (!spoken) return;
    var timer = Number(wrapper.getAttribute('data-count-timer'));
    if (timer) window.clearTimeout(timer);
    if (!announce) return;
    wrapper.setAttribute(
      'data-count-timer',
      String(
        window.setTimeout(function () {
          spoken.textContent = message;
        }, COUNT_ANNOUNCE_DELAY_MS),
      ),
    );
  };

  var enhanceCharacterCounts = function () {
    Array.prototype.forEach.call(document.querySelectorAll('[data-module="character-count"]:not([data-enhanced])'), function (wrapper) {
      var textarea = wrapper.querySelector('textarea');
      if (!textarea || !Number(wrapper.getAttribute('data-maxlength'))) return;
      wrapper.setAttribute('data-enhanced', 'true');
      if (textarea.classList.contains('govuk-textarea--error')) wrapper.setAttribute('data-server-error', 'true');
      var info = document.getElementById(textarea.id + '-info');
      // The static message stays as the textarea's description; the count is shown instead.
      if (info) info.classList.add('govuk-visually-hidden');
      var visible = document.createElement('div');
      visible.className = 'govuk-hint govuk-character-count__status';
      visible.setAttribute('aria-hidden', 'true');
      var spoken = document.createElement('div');
      spoken.className = 'govuk-character-count__sr-status govuk-visually-hidden';
      spoken.setAttribute('aria-live', 'polite');
      var after = info || textarea;
      after.insertAdjacentElement('afterend', spoken);
      after.insertAdjacentElement('afterend', visible);
      updateCount(textarea, false);
    });
  };

  document.addEventListener('input', function (event) {
    var target = elementOf(event.target);
    if (target instanceof HTMLTextAreaElement && target.closest('[data-module="character-count"][data-enhanced]')) {
      updateCount(target, true);
    }
  });

  // -------------------------------------------------------------------------------------------
  // Start: now, and again whenever a form's answer replaces the page
  // -------------------------------------------------------------------------------------------

  var enhance = function () {
    enhanceConditionals();
    enhanceCharacterCounts();
  };

  enhance();
  focusOnArrival(false);
})();
