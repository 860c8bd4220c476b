/**
 * The headers every page and file of the staff console is served with, from its own origin (its
 * own CloudFront distribution in AWS, its own address locally): never the public website's.
 *
 * Stricter than the website's: no script at all (the console works without JavaScript), styles
 * and images from its own origin only, forms posted only to itself and, for signing out, to the
 * staff sign-in (a form's redirect counts as form-action); no cache may keep a page, no referrer
 * leaves its origin (the sign-in's return carries a one-time code in its address), nothing may frame it.
 */
import { PAGE_SECURITY_HEADERS } from '../security-headers.ts';

/** A URL's origin: scheme, host and port, without path (also for a CDK token standing for the host). */
const originOf = (url: string): string => {
  const match = /^(https?:\/\/[^/?#]+)/i.exec(url);
  if (match?.[1] === undefined) throw new Error(`${url} is not an http(s) URL`);
  return match[1];
};

const consoleContentSecurityPolicy = (signInUrl: string): string =>
  [
    "default-src 'none'",
    "script-src 'none'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'none'",
    `form-action 'self' ${originOf(signInUrl)}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

/** The public site's headers (functions/pages/security-headers.ts), but for the console's own policy, referrer and resources. */
const built = new Map<string, Readonly<Record<string, string>>>();

export const consoleSecurityHeaders = (signInUrl: string): Readonly<Record<string, string>> => {
  // One sign-in address per function: built at the first answer, not for every one.
  let headers = built.get(signInUrl);
  if (headers === undefined) {
    headers = {
      ...PAGE_SECURITY_HEADERS,
      'Content-Security-Policy': consoleContentSecurityPolicy(signInUrl),
      // No address of the console leaves it; within it, browsers then send a form's true Origin
      // (with no-referrer they send `Origin: null`, and the CSRF check could not tell it from a sandboxed page's).
      'Referrer-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
    built.set(signInUrl, headers);
  }
  return headers;
};
