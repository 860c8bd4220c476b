/**
 * The headers every page and asset of the public website is served with, wherever it is served
 * from: the page functions set them on their HTML, CloudFront's response headers policy sets them
 * on everything it serves, and the local gateway sets them on the static files, all from here.
 *
 * No cache may keep a page (a shared or family computer must not show a report to the next
 * person), no referrer leaves the site, nothing may be framed, and only the site's own scripts,
 * styles and images run: no third-party scripts, fonts or analytics are possible.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const PAGE_SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
} as const;
