/**
 * Two thousand odd requests to every route of the local stack, the same ones every run (seed
 * 20261202): malformed paths, every Unicode plane, oversized headers, wrong methods and media types,
 * mutated reports and reports in every script and emoji. None is answered with a 500 or above,
 * every refusal on a JSON route is problem+json, and the stack is still serving afterwards.
 * `npm run fuzz -- --requests 20000 --seed N` is the long run; see test/support/request-fuzz.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { captureOutput, useLocalStack } from '../support/local-stack.ts';
import { fuzz } from '../support/request-fuzz.ts';

captureOutput();
const local = useLocalStack({ review: 'on' });

describe('every route, fuzzed', () => {
  it('answers 2,000 odd requests without a 5xx, refuses in problem+json, and keeps serving', async () => {
    const seed = 20261202;
    const run = await fuzz(local.stack, { seed, count: 2_000 });
    const report = run.failures.slice(0, 20).map((f) => `--seed ${seed} --only ${f.index}: ${f.summary}\n    ${f.problem}`).join('\n');
    assert.deepEqual(run.failures.length, 0, `replay with npm run fuzz -- ${report}`);
    assert.ok(run.alive, 'the stack still answers');
    assert.ok((run.byStatus.get(202) ?? 0) > 0, 'some reports were taken in');
    assert.ok([...run.byStatus.keys()].every((status) => status < 500));
  });
});
