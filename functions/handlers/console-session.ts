/**
 * The staff console's front door, on its own origin: `GET /` (the sign-in page, or on to the
 * queue for someone signed in), `GET /sign-in` (to the staff sign-in, with PKCE), `GET /signed-in`
 * (the return: the code exchanged server-side, the session cookie set), `POST /sign-out` (the
 * session cookie cleared, then the sign-in's own sign-out), `GET /signed-out`, and the console's
 * one stylesheet (`GET /assets/console.css`, GOV.UK Frontend built by scripts/build-assets.ts).
 */
import {
  beginSignIn,
  clearedCookie,
  completeSignIn,
  consoleSettings,
  isOwnPost,
  SESSION_COOKIE,
  SIGN_IN_COOKIE,
  signedIn,
  SignInFailed,
  signOutLocation,
} from '#adapters/console-session.ts';
import { consolePageAnswer, failed, headerOf, notThroughConsole, postedForm, redirect, type ConsoleEvent, type ConsoleResult } from '#adapters/console-http.ts';
import { logger } from '#adapters/logger.ts';
import { CONSOLE_STYLESHEET } from '#pages/console/stylesheet.generated.ts';
import { consoleSecurityHeaders } from '#pages/console/security-headers.ts';
import { homeFor } from '#pages/console/layout.ts';
import { forbiddenPage, notFoundPage, signedInPage, signedOutPage, signInFailedPage, signInPage, staleFormPage } from '#pages/console/pages.ts';

const answer = async (event: ConsoleEvent): Promise<ConsoleResult> => {
  const settings = consoleSettings();
  switch (event.routeKey) {
    case 'GET /': {
      const person = await signedIn(settings, event.cookies);
      if (person === undefined) return consolePageAnswer(200, signInPage());
      const home = homeFor(person.groups);
      return home === '/' ? consolePageAnswer(403, forbiddenPage(person, 'Your account has none of the console\'s roles: call agent, analyst or supervisor.')) : redirect(home);
    }
    case 'GET /sign-in': {
      const { location, cookie } = await beginSignIn(settings);
      return redirect(location, [cookie]);
    }
    case 'GET /signed-in': {
      try {
        const { cookie, username, groups } = await completeSignIn(settings, event.queryStringParameters ?? {}, event.cookies);
        logger.info('Signed in to the staff console', { username });
        return consolePageAnswer(200, signedInPage(username, homeFor(groups)), [cookie, clearedCookie(SIGN_IN_COOKIE)]);
      } catch (error) {
        if (!(error instanceof SignInFailed)) throw error;
        logger.warn('A sign-in to the staff console failed', { why: error.message });
        return consolePageAnswer(400, signInFailedPage(), [clearedCookie(SIGN_IN_COOKIE)]);
      }
    }
    case 'POST /sign-out': {
      const person = await signedIn(settings, event.cookies);
      const form = postedForm(event);
      // Signing out is refused only to a post that is not the session's own: someone else's page
      // must not be able to sign a member of staff out. With no session, there is nothing to end.
      if (person !== undefined && (form === undefined || !isOwnPost(settings, person, form, headerOf(event, 'origin')))) {
        return consolePageAnswer(403, staleFormPage());
      }
      if (person !== undefined) logger.info('Signed out of the staff console', { username: person.username });
      return redirect(signOutLocation(settings), [clearedCookie(SESSION_COOKIE)]);
    }
    case 'GET /assets/console.css':
      return {
        statusCode: 200,
        headers: { ...consoleSecurityHeaders(settings.signInUrl), 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
        body: CONSOLE_STYLESHEET,
      };
    case 'GET /signed-out':
      return consolePageAnswer(200, signedOutPage(), [clearedCookie(SESSION_COOKIE)]);
    default:
      return consolePageAnswer(404, notFoundPage());
  }
};

export const handler = async (event: ConsoleEvent): Promise<ConsoleResult> => {
  try {
    return notThroughConsole(event) ?? (await answer(event));
  } catch (error) {
    return failed(error);
  }
};
