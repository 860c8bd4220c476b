/**
 * The public API answers only what comes through the website's CloudFront distribution, and so
 * through its firewall (lib/constructs/edge-protection.ts). An HTTP API has no resource policy and
 * takes no WAF of its own, and its execute-api address is public; so CloudFront adds a header with
 * a secret value to every request it sends the API (lib/constructs/public-website.ts), and the
 * first middleware of every public chain (routes.ts, page-routes.ts) refuses a request without it:
 * 403 problem+json (the catalogue's not-through-website), before anything else reads the request. The
 * refusal is answered here, at once, whatever the chain's own error handler would make of it, so a
 * page route answers it as the API routes do.
 *
 * The value is the CLOUDFRONT_ORIGIN_SECRET setting; the comparison takes the same time whatever
 * the header holds. The header is then dropped with the rest by anonymise().
 */
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { cloudFrontOriginSecret, portsFor } from '../composition-root.ts';
import { sentByCloudFront } from './origin-header.ts';
import { preferredLanguage } from './accept-language.ts';
import { problem } from './problem-catalogue.ts';
import { localisedProblemResponse } from './problem-details.ts';

const origin = portsFor({ secret: cloudFrontOriginSecret });

/** First in every public chain: the request came through CloudFront, or it is answered 403 here. */
export const fromCloudFront = <Event = APIGatewayProxyEventV2>(): MiddlewareObj<Event, APIGatewayProxyStructuredResultV2> => ({
  before: (request) => {
    const { headers } = request.event as unknown as APIGatewayProxyEventV2;
    if (sentByCloudFront(headers, origin().secret)) return undefined;
    // Before anonymise(): of the request's headers, only whether to answer in Welsh is read.
    const acceptLanguage = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'accept-language')?.[1];
    return localisedProblemResponse(
      problem('not-through-website', { detail: "This address answers only requests sent through the service's website address." }),
      preferredLanguage(acceptLanguage),
    );
  },
});
