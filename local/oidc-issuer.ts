/**
 * A local stand-in for the Cognito user pool that signs contact-centre staff in: an OAuth2/OIDC
 * issuer on 127.0.0.1 with its own RS256 key pair, made at start and never written anywhere. It
 * publishes its discovery document and its public keys where Cognito publishes a pool's
 * (`<issuer>/.well-known/openid-configuration` and `<issuer>/.well-known/jwks.json`, the issuer
 * ending in a pool id as Cognito's does), and issues tokens shaped like Cognito access tokens, so
 * that the handlers verify local tokens exactly as they verify Cognito's: by fetching the
 * published keys over HTTP.
 *
 * For a developer with curl there is a token endpoint, `POST /oauth2/token`, with two grants:
 * `password` (any username, no password check, `group` repeated for each Cognito group) for staff
 * and `client_credentials` (`client_id`, `scope`) for a force's machine client. It checks no
 * password and holds no users: it is for this machine only, and never deployed. It logs nothing.
 *
 * For the staff console it offers the flow Cognito's managed login offers: `GET /oauth2/authorize`
 * (authorization code with PKCE, S256 only) shows a sign-in page where one picks a username and a
 * role (no password; the demo users are suggested), and sends the browser back to the console with
 * a code, which `POST /oauth2/token` (`grant_type=authorization_code`) exchanges, once, within a
 * minute, for the same client and redirect URI, with the verifier whose challenge it was given.
 * `GET /logout` sends the browser back to `logout_uri`. Redirect URIs must be on an origin the
 * local stack allowed (`allowRedirectsTo`), as Cognito holds each client to its callback URLs.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { escapeHtml } from '../functions/pages/html.ts';

/** The app client the contact centre's staff sign in through, locally (STAFF_CLIENT_IDS). */
export const LOCAL_STAFF_CLIENT_ID = 'pac-local-contact-centre';
/** Stands in for a Cognito user pool id, which ends the issuer URL as it does in AWS. */
export const LOCAL_USER_POOL_ID = 'eu-west-2_local';

const DEFAULT_EXPIRES_IN_SECONDS = 3_600;
/** What a sign-in through the authorization code grant gives: Cognito's staff tokens' 15 minutes. */
const STAFF_SESSION_SECONDS = 15 * 60;
const STAFF_SCOPE = 'openid profile';
const MAX_FORM_BYTES = 16 * 1024;

export interface TokenClaims {
  /** A person's username. Leave it out for a machine client's (client-credentials) token. */
  readonly username?: string;
  /** Cognito groups, as `cognito:groups`: `call-agents`, `analysts`, `supervisors`. */
  readonly groups?: readonly string[];
  /** The app client the token is for; LOCAL_STAFF_CLIENT_ID unless given. */
  readonly clientId?: string;
  /** Space-separated scopes. */
  readonly scope?: string;
  /** Negative for a token that has already expired. */
  readonly expiresInSeconds?: number;
  /** An id token is not an access token: it says who signed in, not what they may call. */
  readonly tokenUse?: 'access' | 'id';
}

export interface LocalIssuer {
  /** The `iss` of its tokens, e.g. http://127.0.0.1:54321/eu-west-2_local (STAFF_ISSUER). */
  readonly issuer: string;
  readonly jwksUri: string;
  readonly tokenEndpoint: string;
  /** The origin of its endpoints: what stands for the staff pool's managed login (`/oauth2/authorize`, `/oauth2/token`, `/logout`). */
  readonly signInUrl: string;
  mintToken(claims: TokenClaims): Promise<string>;
  /** Lets sign-in and sign-out send browsers back to this origin (the staff console's). */
  allowRedirectsTo(origin: string): void;
  stop(): Promise<void>;
}

/** The people the local sign-in page suggests, one per role: what `npm start` prints. */
export const DEMO_STAFF = [
  { username: 'call-agent.one', group: 'call-agents' },
  { username: 'analyst.one', group: 'analysts' },
  { username: 'supervisor.one', group: 'supervisors' },
] as const;

const STAFF_ROLES = [
  { group: 'call-agents', name: 'Call agent' },
  { group: 'analysts', name: 'Analyst' },
  { group: 'supervisors', name: 'Supervisor' },
] as const;

/** How long an authorization code may wait to be exchanged (Cognito's: 5 minutes; here less). */
const CODE_SECONDS = 60;

interface PendingCode {
  readonly username: string;
  readonly groups: readonly string[];
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly until: number;
}

/** The local sign-in page: plain HTML, no script or style, labelled for a screen reader and a keyboard. */
const signInPage = (fields: URLSearchParams, error?: string): string => `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in (local) – Contact centre staff</title></head>
<body>
<main>
<h1>Sign in to the contact centre (local)</h1>
<p>This stands in for the staff user pool's sign-in on this machine. There are no passwords here. Demo users: ${DEMO_STAFF.map((user) => `<code>${user.username}</code>`).join(', ')}.</p>
${error === undefined ? '' : `<p role="alert" id="sign-in-error"><strong>${escapeHtml(error)}</strong></p>`}
<form method="post" action="/oauth2/authorize">
${['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method']
  .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(fields.get(name) ?? '')}">`)
  .join('\n')}
<p><label for="username">Username</label><br><input id="username" name="username" autocomplete="username" spellcheck="false" autofocus value="${escapeHtml(fields.get('username') ?? '')}"></p>
<fieldset>
<legend>Role</legend>
${STAFF_ROLES.map((role, index) => `<p><input type="radio" id="role-${role.group}" name="group" value="${role.group}"${(fields.get('group') ?? 'analysts') === role.group ? ' checked' : ''}> <label for="role-${role.group}">${role.name}</label></p>`).join('\n')}
</fieldset>
<p><button type="submit">Sign in</button></p>
</form>
</main>
</body>
</html>
`;

const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; form-action 'self' http://localhost:* http://127.0.0.1:*; base-uri 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/** A UUID derived from the name (RFC 9562 version 8), so a username keeps its `sub` across restarts. */
const stableSubject = (name: string): string => {
  const hex = createHash('sha256').update(`pac-local-staff:${name}`).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

class TokenRequestError extends Error {
  readonly error: 'invalid_request' | 'unsupported_grant_type' | 'invalid_grant';
  readonly description: string;

  constructor(error: 'invalid_request' | 'unsupported_grant_type' | 'invalid_grant', description: string) {
    super(description);
    this.error = error;
    this.description = description;
  }
}

const readForm = (request: IncomingMessage): Promise<URLSearchParams> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_FORM_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > MAX_FORM_BYTES) reject(new TokenRequestError('invalid_request', 'The request body is too large.'));
      else resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    });
    request.on('error', reject);
  });

/** A client id from HTTP Basic client authentication, as Cognito's token endpoint takes it. */
const basicClientId = (request: IncomingMessage): string | undefined => {
  const match = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (match?.[1] === undefined) return undefined;
  const [id] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
  return id === undefined || id === '' ? undefined : decodeURIComponent(id);
};

const sendJson = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
};

export const startOidcIssuer = async ({ port = 0 }: { port?: number } = {}): Promise<LocalIssuer> => {
  const kid = randomUUID();
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwks: { keys: JWK[] } = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
  const poolPath = `/${LOCAL_USER_POOL_ID}`;
  let issuer = '';
  const codes = new Map<string, PendingCode>();
  const redirectOrigins = new Set<string>();
  const mayRedirectTo = (uri: string | null): uri is string => {
    if (uri === null) return false;
    try {
      return redirectOrigins.has(new URL(uri).origin);
    } catch {
      return false;
    }
  };

  /** GET shows the sign-in page; POST, with a username and role, sends the browser back with a code. */
  const authorize = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const fields = request.method === 'POST' ? await readForm(request) : new URL(request.url ?? '/', 'http://local').searchParams;
    const redirectUri = fields.get('redirect_uri');
    if (fields.get('response_type') !== 'code' || !mayRedirectTo(redirectUri) || fields.get('client_id') === null) {
      response.writeHead(400, PAGE_HEADERS);
      response.end('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bad sign-in request</title></head><body><main><h1>Bad sign-in request</h1><p>The client, the response type or the redirect URI is not one this issuer serves.</p></main></body></html>');
      return;
    }
    const challenge = fields.get('code_challenge') ?? '';
    // Cognito accepts a sign-in without PKCE; the local issuer does not, so that a console that forgot it fails here.
    if (fields.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
      const back = new URL(redirectUri);
      back.search = new URLSearchParams({ error: 'invalid_request', error_description: 'PKCE (S256) is required', ...(fields.get('state') === null ? {} : { state: fields.get('state')! }) }).toString();
      response.writeHead(302, { Location: back.toString(), 'Cache-Control': 'no-store' });
      response.end();
      return;
    }
    if (request.method !== 'POST') {
      response.writeHead(200, PAGE_HEADERS);
      response.end(signInPage(fields));
      return;
    }
    const username = (fields.get('username') ?? '').trim();
    const group = fields.get('group') ?? '';
    if (!/^[A-Za-z0-9._@-]{1,128}$/.test(username) || !STAFF_ROLES.some((role) => role.group === group)) {
      response.writeHead(200, PAGE_HEADERS);
      response.end(signInPage(fields, 'Enter a username (letters, digits, dots, hyphens) and choose a role.'));
      return;
    }
    const code = randomUUID();
    codes.set(code, { username, groups: [group], clientId: fields.get('client_id')!, redirectUri, challenge, until: Date.now() + CODE_SECONDS * 1000 });
    const back = new URL(redirectUri);
    back.search = new URLSearchParams({ code, ...(fields.get('state') === null ? {} : { state: fields.get('state')! }) }).toString();
    response.writeHead(302, { Location: back.toString(), 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
    response.end();
  };

  const mintToken = async (claims: TokenClaims): Promise<string> => {
    const clientId = claims.clientId ?? LOCAL_STAFF_CLIENT_ID;
    const now = Math.floor(Date.now() / 1000);
    const groups = claims.groups === undefined || claims.groups.length === 0 ? {} : { 'cognito:groups': [...claims.groups] };
    const common = {
      sub: claims.username === undefined ? clientId : stableSubject(claims.username),
      ...groups,
      auth_time: now,
      jti: randomUUID(),
      origin_jti: randomUUID(),
    };
    // Cognito's id tokens name their client in `aud` and the user in `cognito:username`; its
    // access tokens name the client in `client_id` and carry no `aud`.
    const payload =
      claims.tokenUse === 'id'
        ? { ...common, aud: clientId, token_use: 'id', ...(claims.username === undefined ? {} : { 'cognito:username': claims.username }) }
        : {
            ...common,
            client_id: clientId,
            token_use: 'access',
            scope: claims.scope ?? (claims.username === undefined ? '' : STAFF_SCOPE),
            ...(claims.username === undefined ? {} : { username: claims.username }),
          };
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(issuer)
      .setIssuedAt(now)
      .setExpirationTime(now + (claims.expiresInSeconds ?? DEFAULT_EXPIRES_IN_SECONDS))
      .sign(privateKey);
  };

  const tokenResponse = async (request: IncomingMessage): Promise<unknown> => {
    if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers['content-type'] ?? '')) {
      throw new TokenRequestError('invalid_request', 'Send the request as application/x-www-form-urlencoded.');
    }
    const form = await readForm(request);
    const grantType = form.get('grant_type');
    let claims: TokenClaims;
    if (grantType === 'password') {
      const username = form.get('username');
      if (username === null || username === '') throw new TokenRequestError('invalid_request', 'username is required.');
      const clientId = form.get('client_id') ?? basicClientId(request);
      claims = { username, groups: form.getAll('group'), ...(clientId === undefined || clientId === null ? {} : { clientId }) };
      const scope = form.get('scope');
      if (scope !== null) claims = { ...claims, scope };
    } else if (grantType === 'client_credentials') {
      const clientId = form.get('client_id') ?? basicClientId(request);
      if (clientId === null || clientId === undefined || clientId === '') {
        throw new TokenRequestError('invalid_request', 'client_id is required, in the form or by HTTP Basic authentication.');
      }
      claims = { clientId, scope: form.get('scope') ?? '' };
    } else if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      const pending = codes.get(code);
      codes.delete(code);
      const clientId = form.get('client_id') ?? basicClientId(request);
      const verifier = form.get('code_verifier') ?? '';
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      if (
        pending === undefined ||
        pending.until < Date.now() ||
        pending.clientId !== clientId ||
        pending.redirectUri !== form.get('redirect_uri') ||
        !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) ||
        pending.challenge !== challenge
      ) {
        return Promise.reject(new TokenRequestError('invalid_grant', 'The code is unknown, used, expired, or not for this client, redirect URI and verifier.'));
      }
      const person = { username: pending.username, groups: pending.groups, clientId: pending.clientId, expiresInSeconds: STAFF_SESSION_SECONDS };
      return {
        access_token: await mintToken({ ...person, scope: 'openid' }),
        id_token: await mintToken({ ...person, tokenUse: 'id' }),
        token_type: 'Bearer',
        expires_in: STAFF_SESSION_SECONDS,
      };
    } else {
      throw new TokenRequestError('unsupported_grant_type', 'grant_type must be password, client_credentials or authorization_code.');
    }
    return { access_token: await mintToken(claims), token_type: 'Bearer', expires_in: DEFAULT_EXPIRES_IN_SECONDS };
  };

  const discovery = () => ({
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    token_endpoint: `${new URL(issuer).origin}/oauth2/token`,
    authorization_endpoint: `${new URL(issuer).origin}/oauth2/authorize`,
    end_session_endpoint: `${new URL(issuer).origin}/logout`,
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    grant_types_supported: ['password', 'client_credentials', 'authorization_code'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'client_secret_post'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'profile'],
    claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'auth_time', 'jti', 'client_id', 'token_use', 'scope', 'username', 'cognito:groups'],
  });

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://local').pathname;
    if (request.method === 'GET' && path === `${poolPath}/.well-known/openid-configuration`) return sendJson(response, 200, discovery());
    if (request.method === 'GET' && path === `${poolPath}/.well-known/jwks.json`) return sendJson(response, 200, jwks);
    if (path === '/oauth2/authorize' && (request.method === 'GET' || request.method === 'POST')) {
      authorize(request, response).catch(() => {
        if (!response.headersSent) sendJson(response, 500, { error: 'server_error' });
      });
      return;
    }
    if (request.method === 'GET' && path === '/logout') {
      const logoutUri = new URL(request.url ?? '/', 'http://local').searchParams.get('logout_uri');
      if (!mayRedirectTo(logoutUri)) return sendJson(response, 400, { error: 'invalid_request', error_description: 'logout_uri is not an allowed address.' });
      response.writeHead(302, { Location: logoutUri, 'Cache-Control': 'no-store' });
      response.end();
      return;
    }
    if (path === '/oauth2/token') {
      if (request.method !== 'POST') return sendJson(response, 405, { error: 'invalid_request', error_description: 'Use POST.' });
      tokenResponse(request).then(
        (body) => sendJson(response, 200, body),
        (error: unknown) =>
          error instanceof TokenRequestError
            ? sendJson(response, 400, { error: error.error, error_description: error.description })
            : sendJson(response, 500, { error: 'server_error' }),
      );
      return;
    }
    sendJson(response, 404, { error: 'not_found' });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  issuer = `${origin}${poolPath}`;

  return {
    issuer,
    jwksUri: `${issuer}/.well-known/jwks.json`,
    tokenEndpoint: `${origin}/oauth2/token`,
    signInUrl: origin,
    mintToken,
    allowRedirectsTo: (allowed: string) => {
      redirectOrigins.add(new URL(allowed).origin);
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // Clients such as fetch keep connections alive; close them so stop() means unreachable.
        server.closeAllConnections();
      }),
  };
};
