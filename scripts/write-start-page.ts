/**
 * `npm run start-page`: writes the pages the website serves as static files from
 * the functions that render them: web/static/index.html (the start page) and web/static/404.html
 * (what CloudFront and the local gateway answer for an address the site does not have). A contract
 * test fails when a committed file and its function disagree.
 */
import { writeFileSync } from 'node:fs';
import { STATIC_PAGES } from '../functions/pages/static-pages.ts';

for (const [name, render] of Object.entries(STATIC_PAGES)) {
  writeFileSync(new URL(`../web/static/${name}`, import.meta.url), render());
  console.log(`wrote web/static/${name}`);
}
