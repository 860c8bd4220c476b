/**
 * The staff console's sign-in and session (functions/adapters/console-session.ts), without a
 * network: the PKCE pair, what the sign-in start sends the browser to and keeps, that a sign-in
 * cookie cannot stand for a session (nor a tampered one for either), and the CSRF check.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { inFunctionEnvironment } from '../../functions/configuration/function-environment.ts';
import {
  beginSignIn,
  completeSignIn,
  consoleSettings,
  cookieValue,
  isOwnPost,
  pkcePair,
  SIGN_IN_COOKIE,
  signedIn,
  SignInFailed,
  signOutLocation,
  type ConsoleSettings,
} from '../../functions/adapters/console-session.ts';

const ENVIRONMENT = {
  CONSOLE_URL: 'https://console.example',
  STAFF_SIGN_IN_URL: 'https://staff.auth.eu-west-2.amazoncognito.com',
  STAFF_ISSUER: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_test',
  STAFF_CLIENT_IDS: 'console-client',
  CONSOLE_SESSION_KEY: 'a'.repeat(64),
};
const settings = (): ConsoleSettings => inFunctionEnvironment(ENVIRONMENT, () => consoleSettings());
const asCookies = (setCookie: string): string[] => [setCookie.split(';')[0]!];

describe("the staff console's sign-in", () => {
  it('makes a PKCE verifier of 43 characters and its S256 challenge', () => {
    const { verifier, challenge } = pkcePair();
    assert.match(verifier, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(challenge, createHash('sha256').update(verifier).digest('base64url'));
    assert.notEqual(pkcePair().verifier, verifier);
  });

  it('sends the browser to the managed login with the code flow, openid, a state and an S256 challenge, and keeps them in a __Host- cookie', async () => {
    const { location, cookie } = await beginSignIn(settings());
    const url = new URL(location);
    assert.equal(`${url.origin}${url.pathname}`, 'https://staff.auth.eu-west-2.amazoncognito.com/oauth2/authorize');
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('client_id'), 'console-client');
    assert.equal(url.searchParams.get('redirect_uri'), 'https://console.example/signed-in');
    assert.equal(url.searchParams.get('scope'), 'openid');
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.match(url.searchParams.get('state') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.match(cookie, /^__Host-pac-staff-sign-in=[^;]+; Path=\/; Secure; HttpOnly; SameSite=Lax; Max-Age=300$/);
    assert.ok(!cookie.includes(url.searchParams.get('state')!), 'the cookie is encrypted: the state is not in it in the clear');
  });

  it('refuses a return whose state is not the one this browser was sent with, before asking for any token', async () => {
    const { location, cookie } = await beginSignIn(settings());
    const state = new URL(location).searchParams.get('state')!;
    let asked = false;
    const fetchTokens = (async () => {
      asked = true;
      return new Response('{}', { status: 400 });
    }) as typeof fetch;
    await assert.rejects(completeSignIn(settings(), { code: 'c', state: `${state}x` }, asCookies(cookie), fetchTokens), SignInFailed);
    await assert.rejects(completeSignIn(settings(), { code: 'c', state }, [], fetchTokens), SignInFailed);
    assert.equal(asked, false);
    // With the right state the code is exchanged, with the verifier; a refusal there is a failed sign-in too.
    let body = '';
    await assert.rejects(
      completeSignIn(settings(), { code: 'c', state }, asCookies(cookie), (async (_url: string, init: RequestInit) => {
        body = String(init.body);
        return new Response('{"error":"invalid_grant"}', { status: 400 });
      }) as unknown as typeof fetch),
      SignInFailed,
    );
    const sent = new URLSearchParams(body);
    assert.equal(sent.get('grant_type'), 'authorization_code');
    assert.equal(sent.get('redirect_uri'), 'https://console.example/signed-in');
    assert.match(sent.get('code_verifier') ?? '', /^[A-Za-z0-9_-]{43}$/);
  });

  it('takes no sign-in cookie, and no tampered cookie, for a session', async () => {
    const { cookie } = await beginSignIn(settings());
    const value = cookieValue(asCookies(cookie), SIGN_IN_COOKIE)!;
    assert.equal(await signedIn(settings(), [`__Host-pac-staff-session=${value}`]), undefined, 'a sign-in cookie is not a session');
    const tampered = `${value.slice(0, -2)}${value.endsWith('A') ? 'B' : 'A'}${value.at(-1)}`;
    assert.equal(await signedIn(settings(), [`__Host-pac-staff-session=${tampered}`]), undefined);
    assert.equal(await signedIn(settings(), []), undefined);
  });

  it('takes a form post as the person\'s own only with the session\'s token, from the console\'s own origin', () => {
    const person = { username: 'ann', groups: ['analysts'], csrf: 'x'.repeat(43) };
    const form = (csrf?: string) => new URLSearchParams(csrf === undefined ? {} : { csrf });
    assert.equal(isOwnPost(settings(), person, form(person.csrf), 'https://console.example'), true);
    assert.equal(isOwnPost(settings(), person, form(person.csrf), undefined), true, 'no Origin header: the token decides');
    assert.equal(isOwnPost(settings(), person, form(person.csrf), 'null'), false);
    assert.equal(isOwnPost(settings(), person, form(person.csrf), 'https://report.example'), false);
    assert.equal(isOwnPost(settings(), person, form('y'.repeat(43)), 'https://console.example'), false);
    assert.equal(isOwnPost(settings(), person, form(), 'https://console.example'), false);
  });

  it('ends at the managed login\'s sign-out, which comes back to the console', () => {
    const url = new URL(signOutLocation(settings()));
    assert.equal(`${url.origin}${url.pathname}`, 'https://staff.auth.eu-west-2.amazoncognito.com/logout');
    assert.equal(url.searchParams.get('client_id'), 'console-client');
    assert.equal(url.searchParams.get('logout_uri'), 'https://console.example/signed-out');
  });
});
