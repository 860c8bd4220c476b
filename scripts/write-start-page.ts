/**
 * `npm run start-page`: writes the pages the website serves as static files from
 * the functions that render them: web/static/index.html (the start page) and web/static/404.html
 * (what CloudFront and the local gateway answer for an address the site does not have). A contract
 * test fails when a committed file and its function disagree.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { STATIC_PAGES } from '../functions/pages/static-pages.ts';

for (const [name, render] of Object.entries(STATIC_PAGES)) {
  const file = new URL(`../web/static/${name}`, import.meta.url);
  mkdirSync(new URL('.', file), { recursive: true });
  writeFileSync(file, render());
  console.log(`wrote web/static/${name}`);
}
