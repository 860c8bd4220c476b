/**
 * A staff console session got over HTTP, without a browser: the sign-in a browser makes (the
 * console's /sign-in, the local issuer's form, the console's /signed-in with the code), its cookies
 * carried by hand. For tests that send the console requests of their own, such as the fuzzer.
 */
import type { StaffRole } from './console-browser.ts';

export interface ConsoleSession {
  /** The Cookie header that carries the session. */
  readonly cookie: string;
  /** The session's CSRF token, as its forms carry it. */
  readonly csrf: string;
}

const cookiesOf = (answer: Response): string[] => answer.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!).filter((pair) => !pair.endsWith('='));

export const consoleSession = async (consoleUrl: string, username: string, role: StaffRole): Promise<ConsoleSession> => {
  const start = await fetch(`${consoleUrl}/sign-in`, { redirect: 'manual' });
  const signInCookies = cookiesOf(start);
  const authorize = new URL(start.headers.get('location') ?? '');
  const form = new URLSearchParams(authorize.searchParams);
  form.set('username', username);
  form.set('group', role);
  const issued = await fetch(new URL('/oauth2/authorize', authorize), { method: 'POST', body: form, redirect: 'manual' });
  const back = issued.headers.get('location');
  if (back === null) throw new Error(`the local issuer answered ${issued.status} without sending the browser back`);
  const signedIn = await fetch(back, { redirect: 'manual', headers: { Cookie: signInCookies.join('; ') } });
  const session = cookiesOf(signedIn).find((pair) => pair.startsWith('__Host-pac-staff-session='));
  if (session === undefined) throw new Error(`signing in answered ${signedIn.status} without a session`);
  const page = await (await fetch(`${consoleUrl}/queue`, { headers: { Cookie: session } })).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
  if (csrf === undefined) throw new Error('the console gave no CSRF token');
  return { cookie: session, csrf };
};
