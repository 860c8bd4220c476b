/**
 * The middleware chain for the website's pages: only what came through CloudFront, as on every
 * public route (cloudfront-origin.ts, whose 403 is problem+json here too), the same anonymity, then
 * the size limit, then the form body (HTML forms post `application/x-www-form-urlencoded`, with
 * JavaScript or without), and last an error handler that answers with a page, not JSON. Every
 * page carries the website's security headers: no caching, no referrer, only the site's own code.
 */
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { PAGE_SECURITY_HEADERS } from '#pages/security-headers.ts';
import { problemPage } from '#pages/layout.ts';
import { languageOfPath } from '#pages/messages/language.ts';
import { logger } from '../logger.ts';
import { anonymise } from './anonymous-request.ts';
import { bodyLimit } from './body-limit.ts';
import { fromCloudFront } from './cloudfront-origin.ts';
import { Problem, statusProblem } from './problem.ts';

export type PageEvent = Omit<APIGatewayProxyEventV2, 'body'> & { body: URLSearchParams };
export type PageResult = APIGatewayProxyStructuredResultV2;

export const htmlPage = (statusCode: number, body: string): PageResult => ({
  statusCode,
  headers: { ...PAGE_SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8' },
  body,
});

/**
 * A form percent-encodes each character outside ASCII as up to nine bytes (a Chinese or Cyrillic
 * account is %E4%B8%AD…), so a form's byte limit is nine times its text limit, not the JSON API's.
 */
export const formBytesFor = (characters: number): number => 9 * characters + 4 * 1024;

const FORM_MEDIA_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

/** The posted form's fields; a GET has none. Anything but a form is refused. */
const formBody = (): middy.MiddlewareObj<PageEvent> => ({
  before: (request) => {
    const event = request.event as unknown as APIGatewayProxyEventV2;
    const raw = event.body === undefined ? '' : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8').toString('utf8');
    if (raw !== '' && !FORM_MEDIA_TYPE.test(event.headers['content-type'] ?? '')) {
      throw statusProblem(415, 'Unsupported Media Type', 'Send the form as application/x-www-form-urlencoded.');
    }
    request.event = { ...request.event, body: new URLSearchParams(raw) };
  },
});

/** Last in the chain, so first to see an error: a page saying what went wrong, never a stack. */
const pageErrors = (): middy.MiddlewareObj<PageEvent, PageResult> => ({
  onError: (request) => {
    const { error } = request;
    const status = error instanceof Problem && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error('Unhandled error answering a page', { error: error instanceof Error ? error : String(error) });
    // In the language of the page's path (which anonymise() keeps), as every page.
    request.response = htmlPage(status, problemPage(languageOfPath(request.event.requestContext?.http?.path ?? '/')));
  },
});

/** A page anyone may ask for or post to, anonymously. */
export const pageRoute = (maxBytes: number) =>
  middy<PageEvent, PageResult>().use(fromCloudFront()).use(anonymise()).use(bodyLimit<PageEvent>(maxBytes)).use(formBody()).use(pageErrors());
