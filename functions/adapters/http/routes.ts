/**
 * The middleware chains every HTTP handler is built on, so each handler file is only its business
 * function. In order: on public routes, refuse what did not come through the website's CloudFront
 * distribution (first, reading only its own header: cloudfront-origin.ts); anonymise the request
 * (before anything else, so nothing else sees what it drops); security
 * headers; for staff and force routes, verify the bearer token (and the staff member's groups, or
 * the force the calling system belongs to); for routes with a body, refuse oversize, non-JSON and
 * malformed bodies and validate against the schema; and last, problem details, so it is the first
 * to turn any error into problem+json.
 */
import middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from '#domain/zod.ts';
import { anonymise } from './anonymous-request.ts';
import { bodyLimit } from './body-limit.ts';
import { fromCloudFront } from './cloudfront-origin.ts';
import type { ProblemName } from './problem-catalogue.ts';
import { problemDetails } from './problem-details.ts';
import { authenticatedForce, type ForceCaller } from './force-authentication.ts';
import { authenticatedStaff, type StaffMember } from './staff-authentication.ts';
import type { StaffGroup } from '../../configuration/stack-names.ts';
import { validatedBody } from './validated-body.ts';

export type Result = APIGatewayProxyStructuredResultV2;
export type HttpEvent<Body = undefined> = Omit<APIGatewayProxyEventV2, 'body'> & { body: Body };
export type StaffEvent<Body = undefined> = HttpEvent<Body> & { readonly staff: StaffMember };
export type ForceEvent<Body = undefined> = HttpEvent<Body> & { readonly force: ForceCaller };

export interface BodyOptions<Schema extends z.ZodMiniType> {
  readonly schema: Schema;
  readonly maxBytes: number;
  /** The catalogued problem a body that fails validation is. */
  readonly problem: ProblemName;
}

const withBody = <Event>(chain: middy.MiddyfiedHandler<Event, Result>, body: BodyOptions<z.ZodMiniType>) =>
  chain
    .use(bodyLimit<Event>(body.maxBytes))
    .use(httpJsonBodyParser() as middy.MiddlewareObj<Event>)
    .use(validatedBody(body.schema, body.problem) as middy.MiddlewareObj<Event>);

/** A route anyone may call, anonymously. */
export const publicRoute = <Schema extends z.ZodMiniType>(body: BodyOptions<Schema>) =>
  withBody(middy<HttpEvent<z.output<Schema>>, Result>().use(fromCloudFront()).use(anonymise()).use(httpSecurityHeaders()), body).use(problemDetails());

/** A route anyone may call, anonymously, with no body: it sees only the query parameters named. */
export const publicQueryRoute = (parameters: readonly string[]) =>
  middy<HttpEvent, Result>().use(fromCloudFront()).use(anonymise({ query: parameters })).use(httpSecurityHeaders()).use(problemDetails());

const staffChain = <Body>(groups: readonly StaffGroup[]) =>
  middy<StaffEvent<Body>, Result>()
    .use(anonymise({ authenticated: true }))
    .use(httpSecurityHeaders())
    .use(authenticatedStaff({ allowedGroups: groups }));

/** A route for contact-centre staff in one of the groups given. */
export const staffRoute = (groups: readonly StaffGroup[]) => staffChain<undefined>(groups).use(problemDetails());

/** A route for contact-centre staff in one of the groups given, taking a JSON body. */
export const staffRouteWithBody = <Schema extends z.ZodMiniType>(groups: readonly StaffGroup[], body: BodyOptions<Schema>) =>
  withBody(staffChain<z.output<Schema>>(groups), body).use(problemDetails());

export const json = (statusCode: number, body: unknown): Result => ({
  statusCode,
  headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  body: JSON.stringify(body),
});

const forceChain = <Body>() =>
  middy<ForceEvent<Body>, Result>()
    .use(anonymise({ authenticated: true }))
    .use(httpSecurityHeaders())
    .use(authenticatedForce());

/** A route for a force's system, about that force's reports only. */
export const forceRoute = () => forceChain<undefined>().use(problemDetails());

/** A route for a force's system, taking a JSON body. */
export const forceRouteWithBody = <Schema extends z.ZodMiniType>(body: BodyOptions<Schema>) =>
  withBody(forceChain<z.output<Schema>>(), body).use(problemDetails());
