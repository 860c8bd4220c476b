/**
 * `npm run bench` cannot rot unnoticed: its quick mode bundles every function of ours (each with
 * `pac:handler` metadata) exactly as the bench does, with the stack's esbuild settings, and
 * imports each bundle once in a fresh Node.js process with the function's environment. No figure
 * is asserted, only that each bundle builds, imports and exports a handler.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quickCheck } from '../../scripts/bench.ts';
import { sharedForRun } from '../support/shared-run.ts';

describe('npm run bench, quick mode', () => {
  it('bundles every function of ours as the bench does, and each bundle imports in a fresh process', async () => {
    // The template npm test's global setup synthesised for the local stack (review off, its default), if this run has it.
    const { results, skipped } = await quickCheck({ template: sharedForRun('off').template });
    assert.ok(results.length > 0, 'the template has no function with pac:handler metadata');
    const failures = results.filter((result) => result.error !== undefined).map((result) => `${result.handlerModule}: ${result.error}`);
    assert.deepEqual(failures, [], `\n${failures.join('\n')}`);
    // The bench skips only CDK's own custom-resource providers; a function of ours without its
    // metadata would drop out of the bench unseen.
    assert.deepEqual(
      skipped.filter((function_) => !function_.deployTimeOnly).map(({ logicalId, reason }) => `${logicalId}: ${reason}`),
      [],
    );
  });
});
