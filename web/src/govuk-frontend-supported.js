// GOV.UK Frontend's start-of-body snippet (its page template has it inline), as a file of the
// site's own, since the Content-Security-Policy allows no inline script. Loaded at the very start
// of <body>, before anything is drawn, so that what its components hide with JavaScript (a
// conditional reveal) is never drawn shown first.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
