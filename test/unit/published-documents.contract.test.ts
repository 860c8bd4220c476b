/**
 * The published contracts are generated from the schemas. If a schema changes, the committed
 * documents must be regenerated (`npm run schemas`) in the same change, and a force notification
 * change that a consumer could trip on must become a new version: this is where that shows.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { apiDocuments } from '../../scripts/api-documents.ts';

describe('published documents', () => {
  for (const [name, generated] of Object.entries(apiDocuments())) {
    it(`schemas/${name} is what the schemas say (run npm run schemas after a deliberate change)`, () => {
      const committed = JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as unknown;
      assert.deepEqual(generated, committed);
    });
  }
});
