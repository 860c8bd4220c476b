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
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/** The app client the contact centre's staff sign in through, locally (STAFF_CLIENT_IDS). */
export const LOCAL_STAFF_CLIENT_ID = 'pac-local-contact-centre';
/** Stands in for a Cognito user pool id, which ends the issuer URL as it does in AWS. */
export const LOCAL_USER_POOL_ID = 'eu-west-2_local';

const DEFAULT_EXPIRES_IN_SECONDS = 3_600;
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
  mintToken(claims: TokenClaims): Promise<string>;
  stop(): Promise<void>;
}

/** A UUID derived from the name (RFC 9562 version 8), so a username keeps its `sub` across restarts. */
const stableSubject = (name: string): string => {
  const hex = createHash('sha256').update(`pac-local-staff:${name}`).digest('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

class TokenRequestError extends Error {
  readonly error: 'invalid_request' | 'unsupported_grant_type';
  readonly description: string;

  constructor(error: 'invalid_request' | 'unsupported_grant_type', description: string) {
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
    } else {
      throw new TokenRequestError('unsupported_grant_type', 'grant_type must be password or client_credentials.');
    }
    return { access_token: await mintToken(claims), token_type: 'Bearer', expires_in: DEFAULT_EXPIRES_IN_SECONDS };
  };

  const discovery = () => ({
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    token_endpoint: `${new URL(issuer).origin}/oauth2/token`,
    grant_types_supported: ['password', 'client_credentials'],
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
    mintToken,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // Clients such as fetch keep connections alive; close them so stop() means unreachable.
        server.closeAllConnections();
      }),
  };
};
