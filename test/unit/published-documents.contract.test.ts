/**
 * The published contracts are generated from the schemas. If a schema changes, the committed
 * documents must be regenerated (`npm run schemas`) in the same change, and a force notification
 * change that a consumer could trip on must become a new version: this is where that shows.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { apiDocuments } from '../../scripts/api-documents.ts';

/**
 * Versions a force's system may still be built against, as they were published: a published
 * version is never edited, only superseded by a new file beside it (see schemas/CHANGELOG.md).
 */
const PUBLISHED = {
  'force-notification.v1.json': 'beb2c432a1f78dedab7bf81e5db234be93616c2b19068db8c3c6def23fdbc5a4',
  'force-answer.v1.json': '0080e422a55e06a607a29b9197d64490729860eb22544c081283bab1d6e02057',
  'force-information.v1.json': '1daa7d4efe5bdf6706cb9cc834214888874362eff3714c8e11c72af2e82ff1a5',
  'force-notification.v2.json': '1555ccf3275b08151ddfc84bd816191b40b5d25bb5426af25254ab58191fa84c',
  'force-answer.v2.json': 'b4fb93ae5066183c41f4d9a031b7936e08d6728fcf49ae90c9fbc085ce788f79',
  'force-information.v2.json': 'd9cbc10cacad96457c51a6841c588c678ca8d62f7fd565af0c680df51500e68d',
} as const;

describe('published documents', () => {
  for (const [name, sha256] of Object.entries(PUBLISHED)) {
    it(`keeps schemas/${name} as it was published`, () => {
      assert.equal(createHash('sha256').update(readFileSync(new URL(`../../schemas/${name}`, import.meta.url))).digest('hex'), sha256);
    });
  }

  it('publishes every force message schema under a version, each in the changelog', () => {
    const files = readdirSync(new URL('../../schemas/', import.meta.url)).filter((f) => /^force-.*\.json$/.test(f));
    const changelog = readFileSync(new URL('../../schemas/CHANGELOG.md', import.meta.url), 'utf8');
    for (const file of files) {
      const version = /\.v(\d+)\.json$/.exec(file)?.[1];
      assert.ok(version, `${file} has no version in its name`);
      assert.match(changelog, new RegExp(`^## ${version}\\.0\\b`, 'm'), `${file}: version ${version}.0 is not in schemas/CHANGELOG.md`);
    }
    for (const name of Object.keys(apiDocuments()).filter((n) => n.startsWith('force-'))) assert.ok(files.includes(name));
  });

  for (const [name, generated] of Object.entries(apiDocuments())) {
    it(`schemas/${name} is what the schemas say (run npm run schemas after a deliberate change)`, () => {
      const committed = JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as unknown;
      assert.deepEqual(generated, committed);
    });
  }
});
