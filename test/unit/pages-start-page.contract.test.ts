/**
 * The start page and the not-found page are served as static files, written from the functions
 * that render them. If a page changes, its committed file in web/static must be written again in
 * the same change.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { STATIC_PAGES } from '../../functions/pages/static-pages.ts';

describe('the static pages', () => {
  for (const [name, render] of Object.entries(STATIC_PAGES)) {
    it(`web/static/${name} is what its function renders (run \`npm run start-page\` after a deliberate change)`, () => {
      const committed = readFileSync(new URL(`../../web/static/${name}`, import.meta.url), 'utf8');
      assert.ok(committed === render(), `web/static/${name} differs: run \`npm run start-page\` and commit the result`);
    });
  }
});
