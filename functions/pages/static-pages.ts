/** The pages served as static files from web/static, by file name, and the functions that render them. */
import { notFoundPage } from './layout.ts';
import { startPage } from './start-page.ts';

/** What CloudFront and the local gateway answer for an address the site does not have. */
export const NOT_FOUND_FILE = '404.html';

/** The Welsh pages' folder: the Welsh start page is /cy/ (cy/index.html). */
export const WELSH_FOLDER = 'cy';

/** The same for an address under /cy/: the not-found page in Welsh. */
export const WELSH_NOT_FOUND_FILE = `${WELSH_FOLDER}/${NOT_FOUND_FILE}`;

export const STATIC_PAGES: Readonly<Record<string, () => string>> = {
  'index.html': () => startPage('en'),
  [NOT_FOUND_FILE]: () => notFoundPage('en'),
  [`${WELSH_FOLDER}/index.html`]: () => startPage('cy'),
  [WELSH_NOT_FOUND_FILE]: () => notFoundPage('cy'),
};

/**
 * The file a GET for a path is answered with, as CloudFront does (lib/constructs/public-website.ts,
 * whose viewer-request function does the same for /cy) and the local gateway does
 * (local/http-gateway.ts): `/` and `/cy`, `/cy/` are the start pages; anything else is its own path.
 */
export const staticPathFor = (path: string): string =>
  path === '/' ? '/index.html' : path === `/${WELSH_FOLDER}` || path === `/${WELSH_FOLDER}/` ? `/${WELSH_FOLDER}/index.html` : path;

/** The not-found page for a path the site does not have: the Welsh one under /cy/. */
export const notFoundFileFor = (path: string): string =>
  path === `/${WELSH_FOLDER}` || path.startsWith(`/${WELSH_FOLDER}/`) ? WELSH_NOT_FOUND_FILE : NOT_FOUND_FILE;
