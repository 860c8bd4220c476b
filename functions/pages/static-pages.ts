/** The pages served as static files from web/static, by file name, and the functions that render them. */
import { notFoundPage } from './layout.ts';
import { startPage } from './start-page.ts';

/** What CloudFront and the local gateway answer for an address the site does not have. */
export const NOT_FOUND_FILE = '404.html';

export const STATIC_PAGES: Readonly<Record<string, () => string>> = {
  'index.html': startPage,
  [NOT_FOUND_FILE]: notFoundPage,
};
