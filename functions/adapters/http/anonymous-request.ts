/**
 * Anonymity by construction: the first middleware on every public route. It replaces the API
 * Gateway event with a copy that holds only what the service may know about a request (method,
 * path, body, and the content type, length and idempotency key headers). The source IP, user
 * agent, cookies, forwarded-for and every other header are gone before any other code runs, so
 * nothing downstream can read, log, store or forward them, even by mistake.
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export const PERMITTED_HEADERS = ['content-type', 'content-length', 'idempotency-key'] as const;

/**
 * The request as the service may see it. Authenticated routes (staff and force systems) also keep
 * the `authorization` header, for authenticatedStaff() or authenticatedForce() to verify and
 * remove, and the query string (paging); path parameters are part of the resource and always kept.
 */
export const anonymousRequest = (
  event: APIGatewayProxyEventV2,
  { authenticated = false }: { authenticated?: boolean } = {},
): APIGatewayProxyEventV2 => {
  const permitted: readonly string[] = authenticated ? [...PERMITTED_HEADERS, 'authorization'] : PERMITTED_HEADERS;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    const lower = name.toLowerCase();
    if (value !== undefined && permitted.includes(lower)) headers[lower] = value;
  }
  return {
    version: event.version,
    routeKey: event.routeKey,
    rawPath: event.rawPath,
    rawQueryString: '',
    headers,
    ...(event.pathParameters === undefined ? {} : { pathParameters: event.pathParameters }),
    ...(authenticated && event.queryStringParameters !== undefined ? { queryStringParameters: event.queryStringParameters } : {}),
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
export const anonymise = <Event = APIGatewayProxyEventV2>(options: { authenticated?: boolean } = {}): MiddlewareObj<Event> => ({
  before: (request) => {
    request.event = anonymousRequest(request.event as unknown as APIGatewayProxyEventV2, options) as unknown as Event;
  },
});
