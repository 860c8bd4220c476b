/**
 * Which force is calling, on the force API's routes: verifies the OAuth2 access token in the
 * `Authorization: Bearer` header (with verifyAccessToken, the same check the contact centre's
 * routes make, against the force systems' own user pool) and lets the request through only for a
 * force's machine client, which the handler then reads with `forceOf(event)` and must scope every
 * read and write to. A route answers 404, never 403, for another force's report: that is the
 * handler's part, and it can only do it by using `forceOf(event).id`.
 *
 * How a token names its force, and why two things must agree:
 * - the scope: exactly one `police-reporting/force.<id>`, `<id>` a force in the registry. In
 *   Cognito each force's app client may obtain only its own force's scope, so the scope alone
 *   would do if every app client were always configured right;
 * - the client: FORCE_CLIENT_IDS binds each app client id to its force. Cognito client ids are
 *   random (the token carries the id, not the client's name), so the binding cannot be a naming
 *   convention; it comes from the stack. A token whose scope names a force other than its
 *   client's is refused, so one mis-set allowed scope on one client (in the console, say) does not
 *   open another force's reports.
 *
 * Configuration comes from the environment, read at first use: FORCE_TOKEN_ISSUER, the issuer URL
 * exactly as tokens carry it in `iss` (`https://cognito-idp.<region>.amazonaws.com/<pool id>`),
 * and FORCE_CLIENT_IDS, comma-separated `<force id>=<app client id>` entries, one per app client
 * (a force may have more than one client, a client only one force).
 *
 * Answers: 401 with WWW-Authenticate: Bearer for a missing or bad token, or one from a client not
 * in FORCE_CLIENT_IDS (a staff member's token among them: the contact centre's client is not a
 * force's); 403 for a valid force-client token that names no force, several, a force not in the
 * registry or not its client's, or that a person signed in for (has a `username`); 503 when the
 * issuer's keys cannot be fetched. Once verified, the Authorization header is removed from the
 * event, so no later code can log the token.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventHeaders, APIGatewayProxyEventV2 } from 'aws-lambda';
import { forceById, type ForceId } from '../../domain/forces.ts';
import { functionEnvironment } from '../../configuration/function-environment.ts';
import { readSettings } from '../../configuration/settings.ts';
import { Problem } from './problem.ts';
import { bearerToken, unauthorized, verifyAccessToken, type IssuerConfig } from './staff-authentication.ts';
import { FORCE_RESOURCE_SERVER } from '../../configuration/stack-names.ts';

/** The scope a force's app client may obtain: `police-reporting/force.<force id>`. */
export const forceScope = (forceId: ForceId): string => `${FORCE_RESOURCE_SERVER}/force.${forceId}`;
const FORCE_SCOPE_PREFIX = `${FORCE_RESOURCE_SERVER}/force.`;

/** The force whose system is calling, and the app client it called through. */
export interface ForceCaller {
  readonly id: ForceId;
  readonly clientId: string;
}

export type WithForce<Event = APIGatewayProxyEventV2> = Event & { readonly force: ForceCaller };

export interface ForceIssuerConfig extends IssuerConfig {
  /** The force each accepted app client belongs to, by client id. */
  readonly forceOfClient: ReadonlyMap<string, ForceId>;
}

export const forceIssuerFromEnvironment = (): ForceIssuerConfig => {
  const { forceTokenIssuer: issuer, forceClientIds } = readSettings(functionEnvironment(), ['forceTokenIssuer', 'forceClientIds']);
  const forceOfClient = new Map<string, ForceId>();
  for (const entry of forceClientIds) {
    const [forceId, clientId, ...rest] = entry.split('=').map((part) => part.trim());
    if (forceId === undefined || clientId === undefined || forceId === '' || clientId === '' || rest.length > 0) {
      throw new Error(`FORCE_CLIENT_IDS entry "${entry}" is not <force id>=<client id>`);
    }
    if (forceById(forceId) === undefined) throw new Error(`FORCE_CLIENT_IDS names ${forceId}, which is not a force in the registry`);
    const bound = forceOfClient.get(clientId);
    if (bound !== undefined && bound !== forceId) throw new Error(`FORCE_CLIENT_IDS binds client ${clientId} to both ${bound} and ${forceId}`);
    forceOfClient.set(clientId, forceId);
  }
  return { issuer, clientIds: new Set(forceOfClient.keys()), forceOfClient };
};

const forbidden = (detail: string): Problem => new Problem({ type: 'about:blank', title: 'Forbidden', status: 403, detail });

/**
 * Lets a request through only with a valid access token of a force's machine client naming that
 * force, and puts the force on the event (`forceOf(event)`).
 */
export const authenticatedForce = <Event extends { headers?: APIGatewayProxyEventHeaders } = APIGatewayProxyEventV2>(): MiddlewareObj<Event> => {
  let config: ForceIssuerConfig | undefined;
  return {
    before: async (request) => {
      config ??= forceIssuerFromEnvironment();
      const token = await verifyAccessToken(bearerToken(request.event.headers), config);
      if (token.username !== undefined) {
        throw forbidden("This is open to forces' systems only, with their client credentials, not to people signed in.");
      }
      const forceScopes = token.scopes.filter((scope) => scope.startsWith(FORCE_SCOPE_PREFIX));
      if (forceScopes.length !== 1) {
        throw forbidden(`The access token must carry exactly one force scope (${forceScope('<force id>')}); it carries ${forceScopes.length}.`);
      }
      const forceId = forceScopes[0]!.slice(FORCE_SCOPE_PREFIX.length);
      if (forceById(forceId) === undefined) throw forbidden(`The access token's force scope names no force this service knows.`);
      if (config.forceOfClient.get(token.clientId) !== forceId) {
        throw forbidden("The access token's force scope is not the force its client belongs to.");
      }
      const force: ForceCaller = Object.freeze({ id: forceId, clientId: token.clientId });
      const headers = Object.fromEntries(Object.entries(request.event.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'authorization'));
      request.event = { ...request.event, headers, force } as Event;
    },
  };
};

/** The force authenticatedForce() let in; a handler without that middleware fails loudly. */
export const forceOf = (event: object): ForceCaller => {
  const { force } = event as { force?: ForceCaller };
  if (force === undefined) throw new Error('No force on the event: authenticatedForce() must run before this handler');
  return force;
};
