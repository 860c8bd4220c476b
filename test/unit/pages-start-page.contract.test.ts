/**
 * The start page is served as a static file, written from startPage(). If the page changes, the
 * committed web/static/index.html must be written again in the same change.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { startPage } from '../../functions/pages/start-page.ts';

describe('the static start page', () => {
  it('web/static/index.html is what startPage() renders (run `npx tsx scripts/write-start-page.ts` after a deliberate change)', () => {
    const committed = readFileSync(new URL('../../web/static/index.html', import.meta.url), 'utf8');
    assert.ok(
      committed === startPage(),
      'web/static/index.html differs from startPage(): run `npx tsx scripts/write-start-page.ts` and commit the result',
    );
  });
});
