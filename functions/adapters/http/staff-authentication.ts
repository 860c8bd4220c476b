/**
 * Who is calling, on the contact centre's routes: verifies the OAuth2 access token in the
 * `Authorization: Bearer` header and lets the request through only for a staff member in one of
 * the route's groups, whom the handler then reads with `staffOf(event)`.
 *
 * The token is checked against the keys its issuer publishes at `<issuer>/.well-known/jwks.json`:
 * in AWS the Cognito user pool (where API Gateway's JWT authorizer has already checked it once;
 * this is the same check in the function, so nothing depends on the route being configured
 * right), locally the issuer the local stack runs. There is no other path: local tests exercise
 * the same verification as production.
 *
 * Configuration comes from the environment, read at first use: STAFF_ISSUER, the issuer URL
 * exactly as tokens carry it in `iss` (for Cognito `https://cognito-idp.<region>.amazonaws.com/<pool id>`),
 * and STAFF_CLIENT_IDS, the comma-separated app client ids whose tokens this service accepts.
 *
 * Use it before anything reads the body, so that a caller who is not signed in learns nothing
 * else. Behind anonymise() only as anonymise({ authenticated: true }): plain anonymise() removes the
 * Authorization header, and every request would get 401.
 * Once verified, the header is removed from the event, so no later code can log the token.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventHeaders, APIGatewayProxyEventV2 } from 'aws-lambda';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { functionEnvironment } from '../../configuration/function-environment.ts';
import { readSettings } from '../../configuration/settings.ts';
import { logger } from '../logger.ts';
import { Problem } from './problem.ts';
import type { StaffGroup } from '../../configuration/stack-names.ts';

export interface StaffMember {
  readonly username: string;
  /** Every Cognito group the token names, allowed on this route or not. */
  readonly groups: readonly string[];
  /** The token's `sub`: stable for the person, whatever their username becomes. */
  readonly subject: string;
}

/** What a verified access token says, for people and machine clients alike. */
export interface AccessToken {
  readonly subject: string;
  readonly clientId: string;
  /** Absent on a machine client's (client-credentials) token. */
  readonly username?: string;
  readonly groups: readonly string[];
  readonly scopes: readonly string[];
}

export interface IssuerConfig {
  readonly issuer: string;
  readonly clientIds: ReadonlySet<string>;
}

export type WithStaff<Event = APIGatewayProxyEventV2> = Event & { readonly staff: StaffMember };

/** Tolerated difference between our clock and the issuer's, on `exp`, `iat` and `nbf`. */
const CLOCK_TOLERANCE_SECONDS = 30;
const RETRY_AFTER_SECONDS = '30';

export const staffIssuerFromEnvironment = (): IssuerConfig => {
  const { staffIssuer, staffClientIds } = readSettings(functionEnvironment(), ['staffIssuer', 'staffClientIds']);
  return { issuer: staffIssuer, clientIds: new Set(staffClientIds) };
};

/** The issuer's keys could not be had: our side of the arrangement failed, not the caller's token. */
class IssuerUnavailable extends Error {
  constructor(cause: unknown) {
    super('Could not get the signing keys of the staff token issuer', { cause });
    this.name = 'IssuerUnavailable';
  }
}

/**
 * One remote key set per issuer per process: jose fetches it at first use, keeps it for ten
 * minutes, and fetches again (at most every 30 seconds) when a token names a key it lacks, which
 * is how Cognito's key rotation reaches us.
 */
const keySets = new Map<string, JWTVerifyGetKey>();

const keysOf = (issuer: string): JWTVerifyGetKey => {
  let keys = keySets.get(issuer);
  if (keys === undefined) {
    const remote = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
    keys = async (header, token) => {
      try {
        return await remote(header, token);
      } catch (error) {
        // A token naming a key the issuer does not publish is the token's fault; failing to
        // fetch or read the published keys at all is ours.
        if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
        throw new IssuerUnavailable(error);
      }
    };
    keySets.set(issuer, keys);
  }
  return keys;
};

export const unauthorized = (detail: string, invalidToken = true): Problem =>
  new Problem(
    { type: 'about:blank', title: 'Unauthorized', status: 401, detail },
    // RFC 6750 §3: a request with no credentials gets the bare challenge; a bad token, the error code.
    { headers: { 'WWW-Authenticate': invalidToken ? 'Bearer error="invalid_token"' : 'Bearer' } },
  );

const NOT_VERIFIED = 'The access token could not be verified. Get a new one and try again.';

const headerNamed = (headers: APIGatewayProxyEventHeaders | undefined, wanted: string): string | undefined =>
  Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === wanted)?.[1];

/** The bearer token in the Authorization header, or 401. Shared by staff and force routes. */
export const bearerToken = (headers: APIGatewayProxyEventHeaders | undefined): string => {
  const authorization = headerNamed(headers, 'authorization');
  if (authorization === undefined || authorization.trim() === '') {
    throw unauthorized('This needs an access token in the Authorization header, as "Bearer <token>".', false);
  }
  // RFC 6750 §2.1: the scheme is case-insensitive, the token a b64token.
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization);
  if (match?.[1] === undefined) throw unauthorized('The Authorization header must be "Bearer <token>".', false);
  return match[1];
};

const stringClaim = (payload: JWTPayload, name: string): string | undefined => {
  const value = payload[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

const stringsClaim = (payload: JWTPayload, name: string): readonly string[] | undefined => {
  const value = payload[name];
  if (value === undefined) return [];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
};

/**
 * Verifies a Cognito-shaped access token: RS256 only, signed by a key the issuer publishes,
 * `iss` the configured issuer, unexpired (with 30 s of clock tolerance), `token_use` "access",
 * `client_id` one of the configured clients. Throws a 401 Problem for any token that fails, a
 * 503 Problem when the issuer's keys cannot be fetched.
 */
export const verifyAccessToken = async (token: string, { issuer, clientIds }: IssuerConfig): Promise<AccessToken> => {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keysOf(issuer), {
      issuer,
      algorithms: ['RS256'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'iat', 'sub'],
    }));
  } catch (error) {
    if (error instanceof IssuerUnavailable) {
      // An unreachable issuer is our fault, not the caller's: 401 would send a signed-in person
      // round a sign-in loop that cannot help (and a machine client into re-minting tokens), and
      // 500 would hide that it is temporary. 503 with Retry-After says "try again shortly". Either
      // way it fails closed. The log line carries the error and the issuer, never the token.
      logger.error('Token issuer unavailable', { error, issuer });
      throw new Problem(
        {
          type: 'about:blank',
          title: 'Service Unavailable',
          status: 503,
          detail: 'Access tokens cannot be checked just now. Please try again shortly.',
        },
        { headers: { 'Retry-After': RETRY_AFTER_SECONDS } },
      );
    }
    if (error instanceof errors.JWTExpired) throw unauthorized('The access token has expired. Get a new one and try again.');
    if (error instanceof errors.JOSEError) throw unauthorized(NOT_VERIFIED);
    throw error;
  }
  if (payload.token_use !== 'access') throw unauthorized('This is not an access token. Send the access token, not the id token.');
  const clientId = stringClaim(payload, 'client_id');
  if (clientId === undefined || !clientIds.has(clientId)) throw unauthorized('The access token was not issued for this service.');
  const subject = stringClaim(payload, 'sub');
  const groups = stringsClaim(payload, 'cognito:groups');
  const scope = payload.scope;
  const username = payload.username;
  if (subject === undefined || groups === undefined || (scope !== undefined && typeof scope !== 'string') || (username !== undefined && typeof username !== 'string')) {
    throw unauthorized(NOT_VERIFIED);
  }
  return {
    subject,
    clientId,
    ...(username === undefined ? {} : { username }),
    groups: Object.freeze([...groups]),
    scopes: Object.freeze((scope ?? '').split(' ').filter((s) => s !== '')),
  };
};

/**
 * Lets a request through only with a valid staff access token naming at least one of the
 * allowed groups: 401 (with WWW-Authenticate: Bearer) without a valid token, 403 with a valid
 * one that names none of them, 503 when the issuer's keys cannot be fetched.
 */
export const authenticatedStaff = <Event extends { headers?: APIGatewayProxyEventHeaders } = APIGatewayProxyEventV2>(options: {
  readonly allowedGroups: readonly StaffGroup[];
}): MiddlewareObj<Event> => {
  if (options.allowedGroups.length === 0) throw new Error('authenticatedStaff needs at least one allowed group');
  let config: IssuerConfig | undefined;
  return {
    before: async (request) => {
      config ??= staffIssuerFromEnvironment();
      const token = await verifyAccessToken(bearerToken(request.event.headers), config);
      if (!token.groups.some((group) => (options.allowedGroups as readonly string[]).includes(group))) {
        throw new Problem({
          type: 'about:blank',
          title: 'Forbidden',
          status: 403,
          detail: `This is open to staff in ${options.allowedGroups.join(' or ')} only.`,
        });
      }
      if (token.username === undefined) throw unauthorized(NOT_VERIFIED);
      const staff: StaffMember = Object.freeze({ username: token.username, groups: token.groups, subject: token.subject });
      const headers = Object.fromEntries(Object.entries(request.event.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'authorization'));
      request.event = { ...request.event, headers, staff } as Event;
    },
  };
};

/** The staff member authenticatedStaff() let in; a handler without that middleware fails loudly. */
export const staffOf = (event: object): StaffMember => {
  const { staff } = event as { staff?: StaffMember };
  if (staff === undefined) throw new Error('No staff member on the event: authenticatedStaff() must run before this handler');
  return staff;
};
