/**
 * The staff console's sign-in and session, on the console's own origin only.
 *
 * Sign-in is OAuth 2.0's authorization code grant with PKCE (RFC 7636, S256) against the staff
 * user pool's managed login (locally, the local issuer's same endpoints): the console makes the
 * code verifier and the state, keeps them in a sign-in cookie of its own for five minutes, sends
 * the browser to `<sign-in>/oauth2/authorize` with the challenge, and on return exchanges the code
 * for tokens itself, server to server (`<sign-in>/oauth2/token`). The browser never holds a token.
 *
 * The session is the access token the exchange gave, checked exactly as the staff API checks a
 * bearer token (staff-authentication.ts verifyAccessToken: the pool's keys, issuer, client,
 * `token_use`) on every request, and kept encrypted (JWE, dir + A256GCM, under a key derived from
 * a secret generated at deploy) in a cookie that is `__Host-` prefixed (this origin only, path /,
 * Secure), HttpOnly, SameSite=Strict, and ends when the token does (15 minutes in AWS). Each
 * session carries a random CSRF token of its own, which every form the console serves posts back
 * (`csrf`); a post without it, or from another origin, is refused.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { compactDecrypt, CompactEncrypt } from 'jose';
import { functionEnvironment, perFunction } from '../configuration/function-environment.ts';
import { readSettings } from '../configuration/settings.ts';
import { Problem } from './http/problem.ts';
import { verifyAccessToken, type IssuerConfig } from './http/staff-authentication.ts';

export const SESSION_COOKIE = '__Host-pac-staff-session';
export const SIGN_IN_COOKIE = '__Host-pac-staff-sign-in';
/** The most a session lasts, whatever the token says: Cognito's staff access tokens last 15 minutes. */
export const MAX_SESSION_SECONDS = 15 * 60;
/** How long someone has to finish signing in at the managed login. */
export const SIGN_IN_SECONDS = 5 * 60;
/** The console's paths that the sign-in comes back to and the sign-out ends at. */
export const CALLBACK_PATH = '/signed-in';
export const SIGNED_OUT_PATH = '/signed-out';

export interface ConsoleSettings {
  readonly consoleUrl: string;
  readonly signInUrl: string;
  readonly issuer: IssuerConfig;
  readonly clientId: string;
  readonly key: Uint8Array;
}

export const consoleSettings = perFunction((): ConsoleSettings => {
  const settings = readSettings(functionEnvironment(), ['consoleUrl', 'staffSignInUrl', 'staffIssuer', 'staffClientIds', 'consoleSessionKey']);
  const [clientId] = settings.staffClientIds;
  if (clientId === undefined) throw new Error('STAFF_CLIENT_IDS names no client');
  return {
    consoleUrl: settings.consoleUrl.replace(/\/$/, ''),
    signInUrl: settings.staffSignInUrl.replace(/\/$/, ''),
    issuer: { issuer: settings.staffIssuer, clientIds: new Set(settings.staffClientIds) },
    clientId,
    // 256 bits for AES-256-GCM from the generated secret, bound to what it is for.
    key: createHash('sha256').update(`pac-staff-console-session\0${settings.consoleSessionKey}`).digest(),
  };
});

const base64url = (bytes: Buffer): string => bytes.toString('base64url');
const randomToken = (): string => base64url(randomBytes(32));

/** A PKCE verifier (43 characters of 32 random bytes) and its S256 challenge. */
export const pkcePair = (): { verifier: string; challenge: string } => {
  const verifier = randomToken();
  return { verifier, challenge: base64url(createHash('sha256').update(verifier).digest()) };
};

type Purpose = 'session' | 'sign-in';

/** Encrypts what a cookie carries, with its purpose and end inside, so one cookie cannot stand for the other. */
const seal = async (key: Uint8Array, purpose: Purpose, payload: Record<string, string>, seconds: number): Promise<string> =>
  new CompactEncrypt(new TextEncoder().encode(JSON.stringify({ ...payload, purpose, until: Date.now() + seconds * 1000 })))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .encrypt(key);

const open = async (key: Uint8Array, purpose: Purpose, value: string | undefined): Promise<Record<string, string> | undefined> => {
  if (value === undefined || value === '') return undefined;
  try {
    const { plaintext } = await compactDecrypt(value, key, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
    const payload = JSON.parse(new TextDecoder().decode(plaintext)) as Record<string, unknown>;
    if (payload.purpose !== purpose || typeof payload.until !== 'number' || payload.until <= Date.now()) return undefined;
    return Object.fromEntries(Object.entries(payload).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return undefined;
  }
};

/** A cookie of this origin only: `__Host-` (Secure, Path=/, no Domain), and never readable by script. */
const cookie = (name: string, value: string, seconds: number, sameSite: 'Strict' | 'Lax'): string =>
  `${name}=${value}; Path=/; Secure; HttpOnly; SameSite=${sameSite}; Max-Age=${Math.max(0, Math.floor(seconds))}`;

export const clearedCookie = (name: string): string => `${name}=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0`;

/** A cookie's value from API Gateway's `cookies` (each `name=value`). */
export const cookieValue = (cookies: readonly string[] | undefined, name: string): string | undefined => {
  for (const entry of cookies ?? []) {
    const at = entry.indexOf('=');
    if (at > 0 && entry.slice(0, at).trim() === name) return entry.slice(at + 1).trim();
  }
  return undefined;
};

// ─── signing in ────────────────────────────────────────────────────────────────────────────────

/** Where to send the browser to sign in, and the sign-in cookie that remembers the verifier and state. */
export const beginSignIn = async (settings: ConsoleSettings): Promise<{ location: string; cookie: string }> => {
  const { verifier, challenge } = pkcePair();
  const state = randomToken();
  const authorize = new URL(`${settings.signInUrl}/oauth2/authorize`);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: `${settings.consoleUrl}${CALLBACK_PATH}`,
    scope: 'openid',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  // Lax, not Strict: the browser comes back to the console from the sign-in's site, and a Strict
  // cookie is not sent on that navigation. It holds no credential, only what proves the return is ours.
  const sealed = await seal(settings.key, 'sign-in', { verifier, state }, SIGN_IN_SECONDS);
  return { location: authorize.toString(), cookie: cookie(SIGN_IN_COOKIE, sealed, SIGN_IN_SECONDS, 'Lax') };
};

export class SignInFailed extends Error {}

const sameText = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * The return from sign-in: the state must be the one this browser's sign-in cookie holds; the code
 * is exchanged, with the verifier, for tokens; the access token is verified as the staff API
 * verifies it. Answers the session cookie.
 */
export const completeSignIn = async (
  settings: ConsoleSettings,
  query: Readonly<Record<string, string | undefined>>,
  cookies: readonly string[] | undefined,
  fetchTokens: typeof fetch = fetch,
): Promise<{ cookie: string; username: string; groups: readonly string[] }> => {
  const pending = await open(settings.key, 'sign-in', cookieValue(cookies, SIGN_IN_COOKIE));
  const { code, state } = query;
  if (pending?.verifier === undefined || pending.state === undefined) throw new SignInFailed('No sign-in was started in this browser, or it took too long.');
  if (code === undefined || state === undefined || !sameText(state, pending.state)) throw new SignInFailed('The sign-in did not come back as it was sent.');
  const answer = await fetchTokens(`${settings.signInUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: settings.clientId,
      code,
      redirect_uri: `${settings.consoleUrl}${CALLBACK_PATH}`,
      code_verifier: pending.verifier,
    }).toString(),
    signal: AbortSignal.timeout(5_000),
  });
  if (!answer.ok) throw new SignInFailed(`The sign-in's token endpoint answered ${answer.status}.`);
  const tokens = (await answer.json()) as { access_token?: unknown };
  if (typeof tokens.access_token !== 'string') throw new SignInFailed('The sign-in gave no access token.');
  const accessToken = tokens.access_token;
  const verified = await verifyAccessToken(accessToken, settings.issuer).catch((error: unknown) => {
    if (error instanceof Problem && error.status === 401) throw new SignInFailed('The sign-in gave an access token this service does not accept.');
    throw error;
  });
  if (verified.username === undefined) throw new SignInFailed('The access token names no person.');
  const expiresIn = Math.min(MAX_SESSION_SECONDS, secondsLeft(accessToken));
  const sealed = await seal(settings.key, 'session', { accessToken, csrf: randomToken() }, expiresIn);
  return { cookie: cookie(SESSION_COOKIE, sealed, expiresIn, 'Strict'), username: verified.username, groups: verified.groups };
};

/** Seconds until the (already verified) token expires, from its `exp`. */
const secondsLeft = (token: string): number => {
  const [, payload] = token.split('.');
  const exp = (JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as { exp?: unknown }).exp;
  return typeof exp === 'number' ? Math.max(0, exp - Math.floor(Date.now() / 1000)) : 0;
};

// ─── being signed in ───────────────────────────────────────────────────────────────────────────

export type ConsoleRole = 'call-agents' | 'analysts' | 'supervisors';

export interface SignedIn {
  readonly username: string;
  readonly groups: readonly string[];
  /** The token every form of this session posts back. */
  readonly csrf: string;
}

/** Who is signed in on this request, or undefined: no cookie, a cookie that does not open, or a token no longer valid. */
export const signedIn = async (settings: ConsoleSettings, cookies: readonly string[] | undefined): Promise<SignedIn | undefined> => {
  const session = await open(settings.key, 'session', cookieValue(cookies, SESSION_COOKIE));
  if (session?.accessToken === undefined || session.csrf === undefined) return undefined;
  try {
    const token = await verifyAccessToken(session.accessToken, settings.issuer);
    if (token.username === undefined) return undefined;
    return { username: token.username, groups: token.groups, csrf: session.csrf };
  } catch (error) {
    if (error instanceof Problem && error.status === 401) return undefined;
    throw error;
  }
};

/**
 * A form post is the signed-in person's own: it carries the session's CSRF token, and the browser
 * says it comes from the console's own origin (`Origin`, which every current browser sends on a
 * POST), belt and braces with SameSite=Strict.
 */
export const isOwnPost = (settings: ConsoleSettings, person: SignedIn, form: URLSearchParams, origin: string | undefined): boolean => {
  const sent = form.get('csrf');
  if (sent === null || !sameText(sent, person.csrf)) return false;
  return origin === undefined || origin === new URL(settings.consoleUrl).origin;
};

/** Where signing out ends: the managed login's logout, which comes back to the console's signed-out page. */
export const signOutLocation = (settings: ConsoleSettings): string => {
  const logout = new URL(`${settings.signInUrl}/logout`);
  logout.search = new URLSearchParams({ client_id: settings.clientId, logout_uri: `${settings.consoleUrl}${SIGNED_OUT_PATH}` }).toString();
  return logout.toString();
};
