/**
 * Anonymity by construction: the first middleware on every public route. It replaces the API
 * Gateway event with a copy that holds only what the service may know about a request (method,
 * path, body, and the content type, length and idempotency key headers, and of Accept-Language
 * only whether to answer in Welsh or English). The source IP, user agent, cookies, forwarded-for
 * and every other header are gone before any other code runs, so nothing downstream can read, log,
 * store or forward them, even by mistake.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { preferredLanguage } from './accept-language.ts';

export const PERMITTED_HEADERS = ['content-type', 'content-length', 'idempotency-key'] as const;

export interface AnonymityOptions {
  /** Staff and force routes: keep the authorization header and the whole query string. */
  readonly authenticated?: boolean;
  /** Public routes: the query parameters the route reads; every other one is dropped (tracking ids included). */
  readonly query?: readonly string[];
}

const namedParameters = (parameters: APIGatewayProxyEventV2['queryStringParameters'], names: readonly string[]) => {
  if (names.length === 0) return undefined;
  const kept: Record<string, string> = {};
  for (const name of names) {
    const value = parameters?.[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
};

/**
 * The request as the service may see it. Authenticated routes (staff and force systems) also keep
 * the `authorization` header, for authenticatedStaff() or authenticatedForce() to verify and
 * remove, and the query string (paging); path parameters are part of the resource and always kept.
 */
export const anonymousRequest = (
  event: APIGatewayProxyEventV2,
  { authenticated = false, query = [] }: AnonymityOptions = {},
): APIGatewayProxyEventV2 => {
  const permitted: readonly string[] = authenticated ? [...PERMITTED_HEADERS, 'authorization'] : PERMITTED_HEADERS;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    const lower = name.toLowerCase();
    if (value !== undefined && permitted.includes(lower)) headers[lower] = value;
    // A browser's list of languages says something about who sends it: only the answer's language is kept.
    if (value !== undefined && lower === 'accept-language') headers[lower] = preferredLanguage(value);
  }
  const parameters = authenticated ? event.queryStringParameters : namedParameters(event.queryStringParameters, query);
  return {
    version: event.version,
    routeKey: event.routeKey,
    rawPath: event.rawPath,
    rawQueryString: '',
    headers,
    ...(event.pathParameters === undefined ? {} : { pathParameters: event.pathParameters }),
    ...(parameters === undefined ? {} : { queryStringParameters: parameters }),
    requestContext: {
      accountId: event.requestContext.accountId,
      apiId: event.requestContext.apiId,
      domainName: '',
      domainPrefix: '',
      http: {
        method: event.requestContext.http.method,
        path: event.requestContext.http.path,
        protocol: event.requestContext.http.protocol,
        sourceIp: '',
        userAgent: '',
      },
      requestId: event.requestContext.requestId,
      routeKey: event.requestContext.routeKey,
      stage: event.requestContext.stage,
      time: '',
      timeEpoch: 0,
    },
    ...(event.body === undefined ? {} : { body: event.body }),
    isBase64Encoded: event.isBase64Encoded,
  };
};

/** Typed for any event that starts as an API Gateway v2 event, whatever later middleware makes of its body. */
export const anonymise = <Event = APIGatewayProxyEventV2>(options: AnonymityOptions = {}): MiddlewareObj<Event> => ({
  before: (request) => {
    request.event = anonymousRequest(request.event as unknown as APIGatewayProxyEventV2, options) as unknown as Event;
  },
});
