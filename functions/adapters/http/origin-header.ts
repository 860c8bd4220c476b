/**
 * Whether a request came through a CloudFront distribution of the service: the secret it adds in
 * its origin header (lib/constructs/cloudfront-origin-secret.ts), compared in the same time
 * whatever the header holds. The public chains (cloudfront-origin.ts) and the staff console
 * (console-http.ts) check it, each against its own distribution's secret.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createHash, timingSafeEqual } from 'node:crypto';
import { CLOUDFRONT_ORIGIN_HEADER } from '../../configuration/settings.ts';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Whether the headers carry the secret in CloudFront's origin header (any case of its name). */
export const sentByCloudFront = (headers: APIGatewayProxyEventV2['headers'] | undefined, secret: string): boolean => {
  const values = Object.entries(headers ?? {})
    .filter(([name]) => name.toLowerCase() === CLOUDFRONT_ORIGIN_HEADER)
    .map(([, value]) => value);
  if (values.length !== 1 || values[0] === undefined) return false;
  // Equal-length digests, so timingSafeEqual neither throws nor tells the length.
  return timingSafeEqual(digest(values[0]), digest(secret));
};
